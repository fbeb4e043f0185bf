package web

import (
	htmltemplate "html/template"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

func TestResolveConstants(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(m)
	if err != nil {
		t.Fatal(err)
	}
	src := `{{t "nav.jobs"}}|{{t "search.count" "Count" 1}}|{{href "/jobs?status=closed&x=1"}}|{{asset "app.css"}}|{{t "no.such"}}|{{t (printf "mode.%s" .M)}}`
	got := r.resolveConstants(lang.FR, src)
	want := `Trouver un emploi|{{t "search.count" "Count" 1}}|/fr/jobs?status=closed&amp;x=1|` + r.Asset("app.css") + `|{{t "no.such"}}|{{t (printf "mode.%s" .M)}}`
	if got != want {
		t.Errorf("resolveConstants:\n got %s\nwant %s", got, want)
	}
	if got := r.resolveConstants(lang.EN, `{{t "nav.jobs"}}`); got != escaped(m, lang.EN, "nav.jobs") {
		t.Errorf("English message resolved to %q", got)
	}
}

// escaped returns message id as it must appear in HTML.
func escaped(m *Messages, l lang.Lang, id string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(m.T(l, id, nil))
}

func TestFacetOptionsHTMLEscapesAndNumbers(t *testing.T) {
	got := string(facetOptionsHTML(facetView{Name: "org", Options: []facetOption{
		{Value: "ods", Label: "Ontario Digital Service", Count: 12},
		{Value: `a"b<c`, Label: "R&D <lab>", Checked: true},
	}}))
	for _, want := range []string{
		`<input type="checkbox" id="f-org-0" name="org" value="ods">`,
		`<label for="f-org-0">Ontario Digital Service <span class="count">(12)</span></label>`,
		`<input type="checkbox" id="f-org-1" name="org" value="a&#34;b&lt;c" checked>`,
		`<label for="f-org-1">R&amp;D &lt;lab&gt; <span class="count">(0)</span></label>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("options HTML lacks %s\n%s", want, got)
		}
	}
	if strings.Count(got, `class="check"`) != 2 {
		t.Errorf("want 2 options:\n%s", got)
	}
}

func TestLimitOptionsKeepsTheFirstAndTheChecked(t *testing.T) {
	var opts []facetOption
	for i := range 15 {
		opts = append(opts, facetOption{Value: strconv.Itoa(i), Checked: i == 2 || i == 12})
	}
	got := limitOptions(slices.Clone(opts), 10)
	var values []string
	for _, o := range got {
		values = append(values, o.Value)
	}
	if want := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "12"}; !slices.Equal(values, want) {
		t.Errorf("limitOptions kept %v, want %v", values, want)
	}
	if got := limitOptions(opts[:4], 10); len(got) != 4 {
		t.Errorf("a short list must stay whole, got %d options", len(got))
	}
}

func TestMoreURLKeepsTheSearch(t *testing.T) {
	params := url.Values{"q": {"data"}, "city": {"toronto"}, "more": {"city"}}
	got := moreURL(lang.FR, params, "org")
	want := "/fr/jobs?city=toronto&more=city&more=org&q=data#f-org-10"
	if got != want {
		t.Errorf("moreURL = %q, want %q", got, want)
	}
	if len(params["more"]) != 1 {
		t.Error("moreURL changed its input")
	}
}

func TestSummariesResolveTextsForTheLanguage(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(m)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	open := &app.Summary{Title: lang.T("Data analyst", "Analyste de données"), Paths: lang.T("/en/jobs/1-a", "/fr/jobs/1-b"),
		OrgName: lang.T("Digital", "Numérique"), WorkMode: posting.Hybrid,
		Locations: []posting.Location{{City: "toronto", Province: "ON"}, {City: "ottawa", Province: "ON"}},
		Salary:    posting.Salary{Min: 66957, Max: 8927500, Period: posting.Annual},
		ClosesAt:  now.Add(48 * time.Hour), TimeZone: "America/Toronto"}
	closed := &app.Summary{Title: lang.T("Closed", "Fermé"), ClosesAt: now.Add(-time.Hour), TimeZone: "America/Toronto"}
	got := r.summaries(lang.FR, []*app.Summary{open, closed}, now)
	if len(got) != 2 {
		t.Fatalf("%d summaries", len(got))
	}
	o := got[0]
	wantPlaces := open.Locations[0].Place(lang.FR) + "; " + open.Locations[1].Place(lang.FR) + " (" + m.T(lang.FR, "mode.hybrid", nil) + ")"
	if o.URL != "/fr/jobs/1-b" || o.Title != "Analyste de données" || o.Org != "Numérique" || o.Places != wantPlaces ||
		o.Salary != open.Salary.Format(lang.FR) || !o.Open || o.ClosesISO != open.ClosesAt.Format(time.RFC3339) ||
		o.Closing != posting.FormatDateTime(open.ClosingLocal(), lang.FR) {
		t.Errorf("open summary %+v", o)
	}
	if c := got[1]; c.Open || c.Places != "" || c.Salary != "" || c.ClosesISO != "" {
		t.Errorf("closed summary without places or salary %+v", c)
	}
}

// proseReference is the first, simple version of Prose; the one-pass version
// must render every input the same way.
func proseReference(s string) string {
	var b strings.Builder
	inList := false
	para := []string{}
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + htmltemplate.HTMLEscapeString(strings.Join(para, " ")) + "</p>\n")
			para = para[:0]
		}
	}
	closeList := func() {
		if inList {
			b.WriteString("</ul>\n")
			inList = false
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "- "):
			flush()
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>" + htmltemplate.HTMLEscapeString(strings.TrimSpace(line[2:])) + "</li>\n")
		case line == "":
			flush()
			closeList()
		default:
			closeList()
			para = append(para, line)
		}
	}
	flush()
	closeList()
	return b.String()
}

func TestProseMatchesReference(t *testing.T) {
	pieces := []string{"word", "Ünïcode é", "a & b", "<tag>", `"quoted"`, "it's", "\x00", " ", "  ", "\n", "\r\n", "\n\n", "- ", "-", "- item", " - x", "\r", "\t"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := b.String()
		if got, want := string(Prose(in)), proseReference(in); got != want {
			t.Fatalf("Prose(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestResultsHTMLEscapesAndLabels(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(m)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	items := []*app.Summary{
		{Title: lang.T(`R&D <lead> "A"`, "R-D"), Paths: lang.T("/en/jobs/7-r-d", "/fr/jobs/7-r-d"), OrgName: lang.T("Org & co", "Org"),
			ClosesAt: now.Add(time.Hour), TimeZone: "America/Toronto"},
		{Title: lang.T("Gone", "Parti"), ClosesAt: now.Add(-time.Hour), TimeZone: "America/Toronto"},
	}
	got := string(r.resultsHTML(lang.EN, items, now))
	for _, want := range []string{
		`<h3><a href="/en/jobs/7-r-d">R&amp;D &lt;lead&gt; &#34;A&#34;</a></h3>`,
		"<div><dt>" + escaped(m, lang.EN, "job.organization") + "</dt><dd>Org &amp; co</dd></div>",
		`<time datetime="` + items[0].ClosesAt.Format(time.RFC3339) + `">`,
		"<dd>" + escaped(m, lang.EN, "job.closed.short") + "</dd>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("results HTML lacks %s\n%s", want, got)
		}
	}
	if strings.Count(got, `<li class="result">`) != 2 || strings.Contains(got, escaped(m, lang.EN, "job.salary")) {
		t.Errorf("want two results and no salary:\n%s", got)
	}
	if r.resultsHTML(lang.EN, nil, now) != "" {
		t.Error("no results must render nothing")
	}
}

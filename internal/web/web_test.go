package web

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

func TestProse(t *testing.T) {
	got := string(Prose("First line\ncontinues.\n\n- one\n- <two>\nAfter & list"))
	want := "<p>First line continues.</p>\n<ul>\n<li>one</li>\n<li>&lt;two&gt;</li>\n</ul>\n<p>After &amp; list</p>\n"
	if got != want {
		t.Errorf("Prose:\n got %q\nwant %q", got, want)
	}
	if Prose("") != "" {
		t.Error("empty prose not empty")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Data co-op":                  "data-co-op",
		"Analyste de données (TI-02)": "analyste-de-donnees-ti-02",
		"  Économie & Société  ":      "economie-societe",
		"Développeur·e":               "developpeur-e",
		"!!!":                         "",
	} {
		if got := posting.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if n := len(posting.Slug(strings.Repeat("word ", 40))); n > 61 {
		t.Errorf("slug of a long title is %d bytes", n)
	}
}

func TestMatch(t *testing.T) {
	for h, want := range map[string]lang.Lang{"fr": lang.FR, "fr-CA": lang.FR, "en-GB,fr;q=0.1": lang.EN, "es,fr;q=0.8": lang.FR, "es": lang.EN, "": lang.EN, "*": lang.EN} {
		if got := Match(h); got != want {
			t.Errorf("Match(%q) = %s, want %s", h, got, want)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/fr/staff/":                      "/fr/staff/",
		"/en/staff/postings?status=draft": "/en/staff/postings?status=draft",
		"//evil.example":                  "",
		"https://evil.example":            "",
		"/\\evil.example":                 "",
		"/en/\\evil":                      "",
		"/\t/evil.example":                "",
		"/en/\t/x":                        "",
		"/\n/evil.example":                "",
		"/en/ok\r\nSet-Cookie: x":         "",
		"/%09/evil.example":               "",
		"/staff/":                         "",
		"":                                "",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithQuery(t *testing.T) {
	v := url.Values{"q": {"data"}, "city": {"toronto", "ottawa"}, "page": {"3"}}
	got := withQuery("/en/jobs", v, "page", 4)
	if got != "/en/jobs?city=toronto&city=ottawa&page=4&q=data" {
		t.Errorf("withQuery %q", got)
	}
	if got := withQuery("/en/jobs", v, "page", ""); strings.Contains(got, "page=") {
		t.Errorf("empty value must remove the parameter: %q", got)
	}
	if v.Get("page") != "3" {
		t.Error("withQuery changed its input")
	}
}

// TestEveryMessageUsedExists reads every template and Go file for message ids and
// checks each is defined (in both languages: LoadMessages checks parity).
func TestEveryMessageUsedExists(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`(?:\{\{t |T\(r\.Lang, |T\(l, |\.T\(lang\.[A-Z]+, |"L" |"H" )"([a-z_]+(?:\.[A-Za-z0-9_/.-]+)+)"`)
	dynamic := regexp.MustCompile(`printf "([a-z_.]+)%s"`)
	found := 0
	check := func(name string, src []byte) {
		for _, mm := range literal.FindAllSubmatch(src, -1) {
			if strings.HasSuffix(string(mm[1]), ".") {
				continue // a family prefix such as T(l, "mode."+m): families are checked below
			}
			found++
			if id := string(mm[1]); !m.Has(id) {
				t.Errorf("%s uses undefined message %q", name, id)
			}
		}
	}
	fs.WalkDir(templateFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := templateFS.ReadFile(p)
			check(p, b)
		}
		return nil
	})
	// Views resolve some messages in Go (jobview.go, views.go): scan the package's code too.
	goFiles, err := filepath.Glob("*.go")
	if err != nil || len(goFiles) == 0 {
		t.Fatalf("no Go files to scan: %v", err)
	}
	for _, f := range goFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(f, b)
	}
	if found < 100 {
		t.Fatalf("only %d message uses found: the scan is broken", found)
	}
	// Message families built with printf: every value they take must be defined.
	families := map[string][]string{
		"mode.":         stringsOf(posting.WorkModes),
		"type.":         stringsOf(posting.EmploymentTypes),
		"languages.":    stringsOf(posting.LanguageRequirements),
		"pstatus.":      stringsOf(posting.Statuses),
		"status.":       {"open", "closed", "all"},
		"sort.":         {"relevance", "closing", "newest", "salary"},
		"staff.action.": {"publish", "close", "archive"},
		"staff.done.":   {"publish", "close", "archive"},
		"category.":     {"knowledge", "skill", "ability"},
		"zone.":         posting.TimeZones,
		"facet.":        {"program", "stream", "level", "org", "city", "mode", "type"},
	}
	for prefix, values := range families {
		for _, v := range values {
			if !m.Has(prefix + v) {
				t.Errorf("message %s%s is not defined", prefix, v)
			}
		}
	}
	for _, e := range []string{"notfound", "forbidden", "badrequest", "internal"} {
		for _, s := range []string{".title", ".body"} {
			if !m.Has("error." + e + s) {
				t.Errorf("message error.%s%s is not defined", e, s)
			}
		}
	}
	_ = dynamic
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func TestTemplatesParse(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"home", "jobs", "job", "careers", "program", "stream", "level", "signin", "error", "staff_postings", "staff_form"} {
		for _, l := range lang.All {
			if _, ok := r.pages[l][want]; !ok {
				t.Errorf("page %s missing for %s", want, l)
			}
		}
	}
	if !strings.HasPrefix(r.Asset("app.css"), "/static/") {
		t.Errorf("asset URL %q", r.Asset("app.css"))
	}
}

// TestPostingFormRoundTrip: a posting shown in the form and submitted unchanged is the same posting.
func TestPostingFormRoundTrip(t *testing.T) {
	closes, _ := posting.ClosingInstant("2026-12-04", "17:00", "America/Toronto")
	p := &posting.Posting{
		Version: 3, Title: lang.T("Data analyst", "Analyste de données"), OrgCode: "ods", Program: "gc-it",
		Streams: []string{"it-software-solutions", "it-security"}, Level: "it-02", Type: posting.Term,
		TermStart: "2027-01-04", TermEnd: "2027-08-27", TermMonths: 8, Hours: 36.25,
		Salary:    posting.Salary{Min: 66957, Max: 8927500, Period: posting.Annual},
		Locations: []posting.Location{{City: "toronto", Province: "ON"}, {City: "gatineau", Province: "QC"}},
		WorkMode:  posting.Hybrid, Languages: posting.BilingualImperative, ClosesAt: closes, TimeZone: "America/Toronto",
		KeepOnFile: true, AccommodationEmail: "a@ontario.ca", ContactEmail: "b@ontario.ca",
		Content:     posting.Content{About: lang.T("About\n\n- a", "À propos\n\n- a"), Offer: lang.T("Offer", "Offre"), LanguageNote: lang.T("CBC", "CBC")},
		Eligibility: []posting.Requirement{{ID: 1, Text: lang.T("Enrolled", "Inscrit")}},
		Groups: []posting.QualificationGroup{
			{ID: 2, Heading: lang.T("Research", "Recherche"), Items: []posting.Qualification{{ID: 3, Kind: posting.Essential, Text: lang.T("A", "A")}, {ID: 4, Kind: posting.Asset, Text: lang.T("B", "B")}}},
			{ID: 5, Heading: lang.T("Teamwork", "Travail d'équipe"), Items: []posting.Qualification{{ID: 6, Kind: posting.Essential, Text: lang.T("C", "C")}}},
		},
	}
	var got posting.Posting
	if probs := parsePosting(postingValues(p), &got); len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	got.ClosesAt = got.ClosesAt.In(time.UTC)
	if !reflect.DeepEqual(&got, p) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, *p)
	}
}

func TestParsePostingKeepsUnreadableValuesAsProblems(t *testing.T) {
	v := url.Values{"hours": {"lots"}, "salary_min": {"abc"}, "term_months": {"four"}, "closes_date": {"10/11/2023"}, "closes_time": {"5pm"}}
	var p posting.Posting
	probs := parsePosting(v, &p)
	for _, f := range []string{"hours", "salary_min", "term_months", "closes_date"} {
		if len(probs.For(f)) == 0 {
			t.Errorf("no problem reported for %s", f)
		}
	}
}

func TestMessagesWithAndWithoutPlaceholders(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	if got := m.T(lang.FR, "nav.jobs", nil); got != "Trouver un emploi" {
		t.Errorf("plain message %q", got)
	}
	if got := m.T(lang.EN, "search.count", map[string]any{"Count": 42}); got != "42 opportunities found" {
		t.Errorf("message with data %q", got)
	}
	if got := m.T(lang.FR, "search.page", map[string]any{"Page": 2, "Pages": 9}); got != "Page 2 de 9" {
		t.Errorf("French message with data %q", got)
	}
}

// Every kind of document a posting may ask for fits in one upload request.
func TestUploadLimitCoversEveryDocumentKind(t *testing.T) {
	if len(posting.DocumentKinds) > maxDocumentKinds {
		t.Fatalf("%d document kinds, but uploads allow %d files of 5 MB", len(posting.DocumentKinds), maxDocumentKinds)
	}
}

func TestFormPage(t *testing.T) {
	cases := map[[2]string]string{
		{"/applications/12/submit", ""}:    "/applications/12/review",
		{"/account/password", ""}:          "/account",
		{"/account/reset/new", "a+b/c"}:    "/account/reset/new?token=a%2Bb%2Fc",
		{"/account/reset/new", ""}:         "/account/reset/new",
		{"/profile/contact", ""}:           "/profile/contact",
		{"/applications/12/questions", ""}: "/applications/12/questions",
	}
	for in, want := range cases {
		if got := formPage(in[0], in[1]); got != want {
			t.Errorf("formPage(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

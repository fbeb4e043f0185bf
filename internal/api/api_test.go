package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func TestSampleFoundByKeywordOnlyWhenClosed(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	for _, q := range []string{"data", "données", "donnees", "DONNÉES"} {
		closed := f.searchAll(t, url.Values{"q": {q}, "status": {"closed"}})
		if !slices.Contains(ids(closed), f.sampleID) {
			t.Errorf("q=%s&status=closed: the sample (id %d) is not among %v", q, f.sampleID, ids(closed))
		}
		for _, r := range closed {
			if r.Status != "closed" {
				t.Errorf("q=%s&status=closed: result %d is %s", q, r.ID, r.Status)
			}
		}
		open := f.searchAll(t, url.Values{"q": {q}})
		if slices.Contains(ids(open), f.sampleID) {
			t.Errorf("q=%s with the default status: the closed sample is listed", q)
		}
		for _, r := range open {
			if r.Status != "open" {
				t.Errorf("q=%s: default status lists result %d, which is %s", q, r.ID, r.Status)
			}
		}
	}
}

func TestSearchDefaults(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	b := f.search(t, nil)
	if b.Page != 1 || b.PerPage != 20 {
		t.Errorf("page %d per_page %d, want 1 and 20", b.Page, b.PerPage)
	}
	if b.Total == 0 || b.Total >= synthCount {
		t.Fatalf("open postings: %d of %d; the fixture should have some open and some closed", b.Total, synthCount+1)
	}
	if len(b.Results) != min(20, b.Total) {
		t.Errorf("%d results on page 1 of %d", len(b.Results), b.Total)
	}
	for _, facet := range []string{"program", "stream", "level", "org", "city", "mode", "type"} {
		if _, ok := b.Facets[facet]; !ok {
			t.Errorf("facet %s missing", facet)
		}
	}
	all := f.search(t, url.Values{"status": {"all"}})
	closed := f.search(t, url.Values{"status": {"closed"}})
	if all.Total != synthCount+1 || b.Total+closed.Total != all.Total {
		t.Errorf("open %d + closed %d != all %d (want %d)", b.Total, closed.Total, all.Total, synthCount+1)
	}
}

// TestFacetCountsAddUp checks the counts against the totals they predict.
func TestFacetCountsAddUp(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	for _, base := range []url.Values{
		{"status": {"all"}},
		{},
		{"q": {"data"}, "status": {"all"}},
		{"city": {"toronto", "ottawa"}, "status": {"all"}},
	} {
		b := f.search(t, base)
		// Every posting has exactly one type and one work mode.
		for _, facet := range []string{"type", "mode"} {
			if sum := sumCounts(b.Facets[facet]); sum != b.Total {
				t.Errorf("%s: %s counts add up to %d, total is %d", base.Encode(), facet, sum, b.Total)
			}
		}
		// Choosing a value gives exactly the count it showed, and leaves the
		// facet's own counts unchanged (the counts are disjunctive).
		for _, facet := range []string{"type", "program", "city", "org"} {
			for _, fc := range b.Facets[facet] {
				q := cloneValues(base)
				q.Set(facet, fc.Value)
				got := f.search(t, q)
				if got.Total != fc.Count {
					t.Errorf("%s: total %d, but the facet showed %d", q.Encode(), got.Total, fc.Count)
				}
				if !slices.Equal(got.Facets[facet], b.Facets[facet]) {
					t.Errorf("%s: the %s counts changed when choosing one of them", q.Encode(), facet)
				}
			}
		}
	}
}

func sumCounts(fs []facetBody) int {
	n := 0
	for _, fc := range fs {
		n += fc.Count
	}
	return n
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

func TestPerPage(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	all := url.Values{"status": {"all"}, "sort": {"closing"}}
	big := f.search(t, withParams(all, "per_page", "100"))
	if len(big.Results) != 100 || big.PerPage != 100 {
		t.Errorf("per_page=100: %d results, per_page %d", len(big.Results), big.PerPage)
	}
	// Pages tile the result list: two pages of 7 are the first page of 14.
	p1 := f.search(t, withParams(all, "per_page", "7", "page", "1"))
	p2 := f.search(t, withParams(all, "per_page", "7", "page", "2"))
	both := f.search(t, withParams(all, "per_page", "14"))
	if got, want := append(ids(p1.Results), ids(p2.Results)...), ids(both.Results); !slices.Equal(got, want) {
		t.Errorf("pages 1 and 2 of 7 give %v, page 1 of 14 gives %v", got, want)
	}
	// The last page holds the remainder; past it, none.
	last := (big.Total + 99) / 100
	lp := f.search(t, withParams(all, "per_page", "100", "page", strconv.Itoa(last)))
	if want := big.Total - (last-1)*100; len(lp.Results) != want {
		t.Errorf("last page %d: %d results, want %d", last, len(lp.Results), want)
	}
	if past := f.search(t, withParams(all, "per_page", "100", "page", strconv.Itoa(last+1))); len(past.Results) != 0 || past.Total != big.Total {
		t.Errorf("past the last page: %d results, total %d", len(past.Results), past.Total)
	}
	// More than 100 per page is refused, not silently cut.
	for _, n := range []string{"101", "0", "-1", "1000000", "ten"} {
		r := f.get(t, "/api/v1/postings?per_page="+n)
		assertBadParams(t, r, "per_page")
	}
}

func withParams(base url.Values, kv ...string) url.Values {
	q := cloneValues(base)
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return q
}

// assertBadParams checks a 400 that names exactly the given parameters, in both languages.
func assertBadParams(t *testing.T, r *response, params ...string) {
	t.Helper()
	if r.status != http.StatusBadRequest {
		t.Fatalf("%s: status %d, want 400: %s", r.req.URL, r.status, r.body)
	}
	var e errorBody
	r.decode(t, &e)
	if e.Error.Code != "bad_parameter" || e.Error.Message == "" || e.Error.MessageFR == "" {
		t.Errorf("%s: error %+v", r.req.URL, e.Error)
	}
	var got []string
	for _, p := range e.Error.Params {
		got = append(got, p.Param)
		if p.Message == "" || p.MessageFR == "" || p.Message == p.MessageFR {
			t.Errorf("%s: param %s lacks a message in both languages: %+v", r.req.URL, p.Param, p)
		}
	}
	slices.Sort(got)
	slices.Sort(params)
	if !slices.Equal(got, params) {
		t.Errorf("%s: params at fault %v, want %v", r.req.URL, got, params)
	}
}

func TestBadParameters(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	assertBadParams(t, f.get(t, "/api/v1/postings?page=0"), "page")
	assertBadParams(t, f.get(t, "/api/v1/postings?status=pending"), "status")
	assertBadParams(t, f.get(t, "/api/v1/postings?sort=random"), "sort")
	assertBadParams(t, f.get(t, "/api/v1/postings?salary_min=1.5"), "salary_min")
	assertBadParams(t, f.get(t, "/api/v1/postings?salary_min=99999999"), "salary_min")
	assertBadParams(t, f.get(t, "/api/v1/postings?page=x&sort=y&status=z&salary_min=w"), "page", "sort", "status", "salary_min")
	many := url.Values{"city": make([]string, 21)}
	for i := range many["city"] {
		many["city"][i] = "city-" + strconv.Itoa(i)
	}
	assertBadParams(t, f.get(t, "/api/v1/postings?"+many.Encode()), "city")
}

func TestSortsOrderResults(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	ctx := context.Background()
	get := func(id int64) *posting.Posting {
		p, err := f.app.PublicPosting(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	closing := f.search(t, url.Values{"sort": {"closing"}, "per_page": {"50"}})
	for i := 1; i < len(closing.Results); i++ {
		if get(closing.Results[i-1].ID).ClosesAt.After(get(closing.Results[i].ID).ClosesAt) {
			t.Errorf("sort=closing: %d closes after %d", closing.Results[i-1].ID, closing.Results[i].ID)
		}
	}
	newest := f.search(t, url.Values{"sort": {"newest"}, "per_page": {"50"}})
	for i := 1; i < len(newest.Results); i++ {
		if get(newest.Results[i-1].ID).PublishedAt.Before(get(newest.Results[i].ID).PublishedAt) {
			t.Errorf("sort=newest: %d was published before %d", newest.Results[i-1].ID, newest.Results[i].ID)
		}
	}
	salary := f.search(t, url.Values{"sort": {"salary"}, "per_page": {"50"}, "salary_min": {"30000"}})
	for i, r := range salary.Results {
		p := get(r.ID)
		_, max := p.Salary.Annual(p.Hours)
		if max < 30000 {
			t.Errorf("salary_min=30000 lists %d, whose annual maximum is %d", r.ID, max)
		}
		if i > 0 {
			prev := get(salary.Results[i-1].ID)
			if _, pmax := prev.Salary.Annual(prev.Hours); pmax < max {
				t.Errorf("sort=salary: %d (%d) before %d (%d)", prev.ID, pmax, p.ID, max)
			}
		}
	}
}

func TestPostingDetail(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	r := f.get(t, postingPath(f.sampleID))
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var got struct {
		resultBody
		ClosesAt      string            `json:"closes_at"`
		TimeZone      string            `json:"time_zone"`
		ClosingText   map[string]string `json:"closing_text"`
		Applications  string            `json:"applications"`
		KeepOnFile    bool              `json:"keep_on_file"`
		Accommodation *string           `json:"accommodation_email"`
		Hours         *float64          `json:"hours"`
		Term          struct {
			Start, End *string
		} `json:"term"`
		Content     map[string]map[string]string `json:"content"`
		Eligibility []struct {
			ID   int64             `json:"id"`
			Text map[string]string `json:"text"`
		} `json:"eligibility"`
		Groups []struct {
			ID      int64             `json:"id"`
			Heading map[string]string `json:"heading"`
			Items   []struct {
				ID   int64  `json:"id"`
				Kind string `json:"kind"`
			} `json:"items"`
		} `json:"qualification_groups"`
	}
	r.decode(t, &got)
	want := posting.DataCoop()
	local := want.ClosingLocal()
	if got.ID != f.sampleID || got.Title["en"] != want.Title.EN || got.Title["fr"] != want.Title.FR {
		t.Errorf("id/title: %d %v", got.ID, got.Title)
	}
	if got.URL["en"] != "/en/jobs/"+strconv.FormatInt(f.sampleID, 10)+"-data-co-op" || !strings.HasPrefix(got.URL["fr"], "/fr/jobs/"+strconv.FormatInt(f.sampleID, 10)+"-") {
		t.Errorf("url: %v", got.URL)
	}
	if got.Status != "closed" || got.Applications != "lt10" || !got.KeepOnFile {
		t.Errorf("status %s, applications %s, keep on file %v", got.Status, got.Applications, got.KeepOnFile)
	}
	if got.ClosesAt != want.ClosesAt.UTC().Format("2006-01-02T15:04:05Z") || got.TimeZone != want.TimeZone {
		t.Errorf("closes_at %s %s", got.ClosesAt, got.TimeZone)
	}
	if got.ClosingText["en"] != posting.FormatDateTime(local, lang.EN) || got.ClosingText["fr"] != posting.FormatDateTime(local, lang.FR) {
		t.Errorf("closing_text %v", got.ClosingText)
	}
	s := got.Salary
	annualMin, annualMax := want.Salary.Annual(want.Hours)
	if s == nil || s.Min != float64(want.Salary.Min)/100 || s.Max != float64(want.Salary.Max)/100 ||
		s.Period != string(want.Salary.Period) || s.Currency != "CAD" || s.AnnualMin != annualMin || s.AnnualMax != annualMax {
		t.Errorf("salary %+v, want %+v (annual %d-%d)", s, want.Salary, annualMin, annualMax)
	}
	if got.Hours == nil || *got.Hours != want.Hours || got.Accommodation == nil || *got.Accommodation != want.AccommodationEmail {
		t.Errorf("hours %v, accommodation %v", got.Hours, got.Accommodation)
	}
	if got.Term.Start == nil || *got.Term.Start != want.TermStart || got.Term.End == nil || *got.Term.End != want.TermEnd {
		t.Errorf("term %v", got.Term)
	}
	if got.Content["about"]["fr"] != want.Content.About.FR || got.Content["how_to_apply"]["en"] != want.Content.HowToApply.EN {
		t.Errorf("content sections differ from the posting's")
	}
	if len(got.Eligibility) != len(want.Eligibility) || len(got.Groups) != len(want.Groups) {
		t.Fatalf("%d eligibility requirements, %d groups", len(got.Eligibility), len(got.Groups))
	}
	for i, e := range got.Eligibility {
		if e.ID == 0 || e.Text["fr"] != want.Eligibility[i].Text.FR {
			t.Errorf("eligibility %d: %+v", i, e)
		}
	}
	for i, g := range got.Groups {
		if g.ID == 0 || g.Heading["en"] != want.Groups[i].Heading.EN || len(g.Items) != len(want.Groups[i].Items) {
			t.Errorf("group %d: %+v", i, g)
			continue
		}
		for j, q := range g.Items {
			if q.ID == 0 || q.Kind != string(want.Groups[i].Items[j].Kind) {
				t.Errorf("group %d item %d: %+v", i, j, q)
			}
		}
	}
	// Bodies of a posting in a list and alone agree on the shared fields.
	list := f.search(t, url.Values{"status": {"closed"}})
	if len(list.Results) != 1 || list.Results[0].ID != f.sampleID || list.Results[0].URL["fr"] != got.URL["fr"] ||
		*list.Results[0].Salary != *got.Salary {
		t.Errorf("the search result differs from the posting: %+v", list.Results)
	}
}

func TestNonPublicPostingsAreNotFound(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	ctx := context.Background()
	draft := posting.DataCoop()
	draft.ID, draft.Status = 0, posting.Draft
	archived := posting.DataCoop()
	archived.ID, archived.Status, archived.ArchivedAt = 0, posting.Archived, testNow
	for _, p := range []*posting.Posting{draft, archived} {
		if err := f.db.CreatePosting(ctx, p, testNow); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.app.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*posting.Posting{draft, archived} {
		r := f.get(t, postingPath(p.ID))
		assertNotFound(t, r)
	}
	if all := f.search(t, url.Values{"status": {"all"}}); all.Total != 1 {
		t.Errorf("search lists %d postings; only the sample is public", all.Total)
	}
	for _, path := range []string{"/api/v1/postings/abc", "/api/v1/postings/1-data-co-op", "/api/v1/postings/-1",
		"/api/v1/postings/+1", "/api/v1/postings/0", "/api/v1/postings/99999999999999999999", "/api/v1/postings/999999"} {
		assertNotFound(t, f.get(t, path))
	}
}

func assertNotFound(t *testing.T, r *response) {
	t.Helper()
	if r.status != http.StatusNotFound {
		t.Fatalf("%s: status %d, want 404", r.req.URL, r.status)
	}
	var e errorBody
	r.decode(t, &e)
	if e.Error.Code != "not_found" || e.Error.MessageFR == "" || len(e.Error.Params) != 0 {
		t.Errorf("%s: error %+v", r.req.URL, e.Error)
	}
}

func TestHeaders(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	for _, tc := range []struct {
		path, cache string
		status      int
	}{
		{"/api/v1/postings", "public, max-age=60", 200},
		{postingPath(f.sampleID), "public, max-age=60", 200},
		{"/api/v1/catalog", "public, max-age=300", 200},
		{"/api/v1/openapi.json", "public, max-age=3600", 200},
		{"/api/v1/postings?page=0", "", 400},
		{"/api/v1/postings/424242", "", 404},
	} {
		r := f.get(t, tc.path)
		if r.status != tc.status {
			t.Errorf("%s: status %d", tc.path, r.status)
		}
		if got := r.header.Get("Content-Type"); got != "application/json; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", tc.path, got)
		}
		if got := r.header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin %q", tc.path, got)
		}
		if got := r.header.Get("Cache-Control"); got != tc.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.cache)
		}
	}
}

func TestMethods(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		for _, path := range []string{"/api/v1/postings", postingPath(f.sampleID), "/api/v1/catalog", "/api/v1/openapi.json"} {
			r := f.do(t, m, path)
			if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") == "" {
				t.Errorf("%s %s: status %d, Allow %q", m, path, r.status, r.header.Get("Allow"))
				continue
			}
			var e errorBody
			r.decode(t, &e)
			if e.Error.Code != "method_not_allowed" {
				t.Errorf("%s %s: code %q", m, path, e.Error.Code)
			}
		}
	}
	head := f.do(t, http.MethodHead, "/api/v1/postings")
	if head.status != http.StatusOK || len(head.body) != 0 {
		t.Errorf("HEAD: status %d, %d body bytes", head.status, len(head.body))
	}
	pre := f.do(t, http.MethodOptions, "/api/v1/postings")
	if pre.status != http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(pre.header.Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("OPTIONS: status %d, headers %v", pre.status, pre.header)
	}
}

func TestInternalErrorsAreNotShown(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	f.db.Close() // every query now fails
	r := f.get(t, postingPath(f.sampleID))
	if r.status != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500: %s", r.status, r.body)
	}
	var e errorBody
	r.decode(t, &e)
	if e.Error.Code != "internal" || strings.Contains(strings.ToLower(string(r.body)), "sql") {
		t.Errorf("internal error body %s", r.body)
	}
	// Search is served from memory and keeps working.
	if s := f.get(t, "/api/v1/postings?status=all"); s.status != http.StatusOK {
		t.Errorf("search after the database failed: status %d", s.status)
	}
}

func TestCatalog(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	var got struct {
		Programs []struct {
			Code    string `json:"code"`
			Name    map[string]string
			Streams []struct {
				Code    string `json:"code"`
				Program string `json:"program"`
			} `json:"streams"`
			Levels []struct {
				Code    string `json:"code"`
				Program string `json:"program"`
			} `json:"levels"`
		} `json:"programs"`
		Competencies  []struct{ Code string } `json:"competencies"`
		Organizations []struct{ Code string } `json:"organizations"`
	}
	f.get(t, "/api/v1/catalog").decode(t, &got)
	c := f.app.Catalog()
	if len(got.Programs) != len(c.Programs()) || len(got.Competencies) != len(c.Competencies()) || len(got.Organizations) != len(c.Organizations()) {
		t.Fatalf("%d programs, %d competencies, %d organizations", len(got.Programs), len(got.Competencies), len(got.Organizations))
	}
	for i, p := range c.Programs() {
		g := got.Programs[i]
		if g.Code != p.Code || g.Name["fr"] != p.Name.FR || len(g.Streams) != len(c.Streams(p.Code)) || len(g.Levels) != len(c.Levels(p.Code)) {
			t.Errorf("program %d: %s with %d streams and %d levels", i, g.Code, len(g.Streams), len(g.Levels))
		}
		for _, s := range g.Streams {
			if s.Program != p.Code {
				t.Errorf("stream %s listed under %s belongs to %s", s.Code, p.Code, s.Program)
			}
		}
	}
}

// TestSameJSONOnBothEngines: the answers depend on the data, never on the database.
func TestSameJSONOnBothEngines(t *testing.T) {
	var fs []*fixture
	for _, e := range storetest.Engines {
		fs = append(fs, newFixture(t, e, synthCount))
	}
	paths := []string{
		"/api/v1/postings",
		"/api/v1/postings?q=data&city=toronto&city=ottawa",
		"/api/v1/postings?q=d%C3%A9veloppeur&status=all&sort=salary",
		"/api/v1/postings?status=all&sort=newest&per_page=100&page=2",
		"/api/v1/postings?status=closed&sort=closing&salary_min=45000",
		"/api/v1/postings?page=0&sort=x",
		postingPath(fs[0].sampleID),
		postingPath(fs[0].sampleID + 7),
		"/api/v1/catalog",
	}
	for _, p := range paths {
		a, b := fs[0].get(t, p), fs[1].get(t, p)
		if a.status != b.status || !bytes.Equal(a.body, b.body) {
			t.Errorf("%s differs between %s (%d) and %s (%d):\n%.400s\n%.400s", p,
				storetest.Engines[0], a.status, storetest.Engines[1], b.status, a.body, b.body)
		}
	}
}

// TestListAndDetailAgree: a posting reads the same in a result list and alone,
// including the annual figures of hourly salaries (which depend on its hours).
func TestListAndDetailAgree(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	list := f.get(t, "/api/v1/postings?status=all&per_page=100&sort=newest")
	var page struct {
		Results []map[string]json.RawMessage `json:"results"`
	}
	list.decode(t, &page)
	if len(page.Results) != 100 {
		t.Fatalf("%d results", len(page.Results))
	}
	for _, item := range page.Results {
		var detail map[string]json.RawMessage
		f.get(t, "/api/v1/postings/"+string(item["id"])).decode(t, &detail)
		for key, v := range item {
			if !bytes.Equal(v, detail[key]) {
				t.Errorf("posting %s: %s is %s in the list, %s alone", item["id"], key, v, detail[key])
			}
		}
	}
}

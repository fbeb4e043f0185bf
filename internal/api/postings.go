package api

import (
	"net/http"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
)

// searchResponse is one page of search results with the facet counts.
type searchResponse struct {
	Total   int                     `json:"total"`
	Page    int                     `json:"page"`
	PerPage int                     `json:"per_page"`
	Results []postingSummary        `json:"results"`
	Facets  map[string][]facetCount `json:"facets"`
}

type facetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// searchPostings answers GET /api/v1/postings with the same parameters, and
// the same parser, as the public search page. The body is written by hand
// (appendSearchResponse); searchResponseOf is its encoding/json reference.
func (h *Handler) searchPostings(w http.ResponseWriter, r *http.Request) {
	q, problems := app.ParseSearchParams(r.URL.Query())
	if len(problems) > 0 {
		h.writeError(w, r, badParameters(problems))
		return
	}
	now := h.app.Now()
	q.Now = now // one instant decides both the status filter and each result's status
	writeSearch(w, q, h.app.Search(q), now)
}

// searchResponseOf is a page of results as encoding/json would render it.
func searchResponseOf(q search.Query, res app.Results, now time.Time) searchResponse {
	out := searchResponse{Total: res.Total, Page: q.Page, PerPage: q.PerPage,
		Results: make([]postingSummary, 0, len(res.Items)), Facets: facetsJSON(res.Facets)}
	for _, s := range res.Items {
		out.Results = append(out.Results, summaryJSON(s, now))
	}
	return out
}

// facetsJSON lists every facet, with an empty list when no value has results.
func facetsJSON(fs [search.NumFacets][]search.FacetCount) map[string][]facetCount {
	out := make(map[string][]facetCount, search.NumFacets)
	for f := search.Facet(0); f < search.NumFacets; f++ {
		counts := make([]facetCount, 0, len(fs[f]))
		for _, c := range fs[f] {
			counts = append(counts, facetCount{Value: c.Value, Count: c.Count})
		}
		out[f.Name()] = counts
	}
	return out
}

// postingSummary is a posting as a result list shows it.
type postingSummary struct {
	ID           int64            `json:"id"`
	URL          lang.Text        `json:"url"`
	Title        lang.Text        `json:"title"`
	Organization organizationJSON `json:"organization"`
	Program      *string          `json:"program"`
	Streams      []string         `json:"streams"`
	Level        *string          `json:"level"`
	Type         *string          `json:"type"`
	WorkMode     *string          `json:"work_mode"`
	Locations    []locationJSON   `json:"locations"`
	Salary       *salaryJSON      `json:"salary"`
	ClosesAt     string           `json:"closes_at"`
	TimeZone     string           `json:"time_zone"`
	Status       string           `json:"status"`
}

type organizationJSON struct {
	Code string    `json:"code"`
	Name lang.Text `json:"name"`
}

type locationJSON struct {
	City     string    `json:"city"`
	Province string    `json:"province"`
	Name     lang.Text `json:"name"`
}

// salaryJSON is a stated salary: Min and Max in dollars for the period (when
// the posting states one amount, both are that amount), and the range as
// whole dollars a year, the basis of salary_min and of the salary sort.
type salaryJSON struct {
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Period    string  `json:"period"`
	Currency  string  `json:"currency"`
	AnnualMin int64   `json:"annual_min"`
	AnnualMax int64   `json:"annual_max"`
}

// The public statuses of a posting.
const (
	statusOpen   = "open"
	statusClosed = "closed"
)

// summaryJSON renders a search result. The summary does not carry weekly
// hours, so the annual range of an hourly salary assumes the standard 37.5.
func summaryJSON(s *app.Summary, now time.Time) postingSummary {
	status := statusClosed
	if s.Open(now) {
		status = statusOpen
	}
	return postingSummary{
		ID: s.ID, URL: s.Paths, Title: s.Title,
		Organization: organizationJSON{Code: s.Org, Name: s.OrgName},
		Program:      optional(s.Program), Streams: nonNil(s.Streams), Level: optional(s.Level),
		Type: optional(string(s.Type)), WorkMode: optional(string(s.WorkMode)),
		Locations: locationsJSON(s.Locations), Salary: newSalaryJSON(s.Salary, s.Hours),
		ClosesAt: formatInstant(s.ClosesAt), TimeZone: s.TimeZone, Status: status,
	}
}

func locationsJSON(ls []posting.Location) []locationJSON {
	out := make([]locationJSON, 0, len(ls))
	for _, l := range ls {
		out = append(out, locationJSON{City: l.City, Province: l.Province, Name: lang.T(l.Place(lang.EN), l.Place(lang.FR))})
	}
	return out
}

// newSalaryJSON renders a salary, or nil when none is stated; hours a week
// (0 when unknown) convert an hourly rate to a yearly one.
func newSalaryJSON(s posting.Salary, hours float64) *salaryJSON {
	sj, ok := salaryOf(s, hours)
	if !ok {
		return nil
	}
	return &sj
}

// salaryOf renders a stated salary; ok is false when none is stated.
func salaryOf(s posting.Salary, hours float64) (sj salaryJSON, ok bool) {
	if !s.Stated() {
		return salaryJSON{}, false
	}
	lo, hi := s.Min, s.Max
	if lo == 0 {
		lo = hi
	}
	if hi == 0 {
		hi = lo
	}
	annualMin, annualMax := s.Annual(hours)
	return salaryJSON{Min: dollars(lo), Max: dollars(hi), Period: string(s.Period), Currency: "CAD",
		AnnualMin: annualMin, AnnualMax: annualMax}, true
}

// dollars converts cents to dollars; float64 holds every cent amount a salary
// can have exactly enough that JSON shows it with at most two decimals.
func dollars(cents int64) float64 { return float64(cents) / 100 }

// formatInstant renders an instant in RFC 3339, in UTC.
func formatInstant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// optional gives nil for an empty string, so JSON shows null.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

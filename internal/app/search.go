package app

import (
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
)

// Summary is what a result list shows of a public posting.
type Summary struct {
	ID        int64
	Title     lang.Text
	Paths     lang.Text // the public page's address in each language, computed once
	Org       string
	OrgName   lang.Text
	Program   string
	Streams   []string
	Level     string
	Type      posting.EmploymentType
	WorkMode  posting.WorkMode
	Locations []posting.Location
	Salary    posting.Salary
	Hours     float64 // hours a week, to annualize hourly pay
	ClosesAt  time.Time
	TimeZone  string
	Closed    bool // closed by staff
	Published time.Time
}

// Open reports whether the posting accepts applications at now.
func (s *Summary) Open(now time.Time) bool { return !s.Closed && now.Before(s.ClosesAt) }

// ClosingLocal is the closing instant in the posting's zone.
func (s *Summary) ClosingLocal() time.Time {
	p := posting.Posting{ClosesAt: s.ClosesAt, TimeZone: s.TimeZone}
	return p.ClosingLocal()
}

// searchDoc is what the index knows of a posting: its words and facets.
func searchDoc(p *posting.Posting) search.Doc {
	var en, fr strings.Builder
	nEN, nFR := 0, 0
	eachBodyText(p, func(t lang.Text) { nEN, nFR = nEN+len(t.EN)+1, nFR+len(t.FR)+1 })
	en.Grow(nEN) // one allocation per language
	fr.Grow(nFR)
	eachBodyText(p, func(t lang.Text) {
		en.WriteString(t.EN)
		en.WriteByte('\n')
		fr.WriteString(t.FR)
		fr.WriteByte('\n')
	})
	d := search.Doc{
		ID: p.ID, Title: p.Title, Body: lang.T(en.String(), fr.String()),
		PublishedAt: p.PublishedAt, ClosesAt: p.ClosesAt, Closed: p.Status == posting.Closed,
	}
	d.AnnualSalaryMin, d.AnnualSalaryMax = p.Salary.Annual(p.Hours)
	one := func(v string) []string {
		if v == "" {
			return nil
		}
		return []string{v}
	}
	d.Facets[search.FacetProgram] = one(p.Program)
	d.Facets[search.FacetStream] = p.Streams
	d.Facets[search.FacetLevel] = one(p.Level)
	d.Facets[search.FacetOrg] = one(p.OrgCode)
	for _, l := range p.Locations {
		d.Facets[search.FacetCity] = append(d.Facets[search.FacetCity], l.City)
	}
	d.Facets[search.FacetMode] = one(string(p.WorkMode))
	d.Facets[search.FacetType] = one(string(p.Type))
	return d
}

// eachBodyText calls fn with each text of a posting's body, in order: the
// content sections, then each qualification group's heading and items.
func eachBodyText(p *posting.Posting, fn func(lang.Text)) {
	c := p.Content
	for _, t := range [...]lang.Text{c.Summary, c.About, c.Duties, c.Impact, c.Bring} {
		fn(t)
	}
	for _, g := range p.Groups {
		fn(g.Heading)
		for _, q := range g.Items {
			fn(q.Text)
		}
	}
}

// Results is one page of search results.
type Results struct {
	Total  int
	Items  []*Summary
	Facets [search.NumFacets][]search.FacetCount
}

// Search runs a public search at the current time.
func (a *App) Search(q search.Query) Results {
	if q.Now.IsZero() {
		q.Now = a.Now()
	}
	a.mu.RLock()
	ix := a.index
	a.mu.RUnlock()
	r := ix.Search(q)
	out := Results{Total: r.Total, Facets: r.Facets}
	a.mu.RLock()
	out.Items = a.summaries.lookup(r.IDs)
	a.mu.RUnlock()
	return out
}

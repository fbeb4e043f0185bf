package app

import (
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/catalog"
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

func summarize(p *posting.Posting, c *catalog.Catalog) *Summary {
	s := &Summary{
		ID: p.ID, Title: p.Title, Org: p.OrgCode, Program: p.Program, Streams: p.Streams, Level: p.Level,
		Type: p.Type, WorkMode: p.WorkMode, Locations: p.Locations, Salary: p.Salary, Hours: p.Hours,
		ClosesAt: p.ClosesAt, TimeZone: p.TimeZone, Closed: p.Status == posting.Closed, Published: p.PublishedAt,
	}
	s.Paths = posting.PublicPaths(p.ID, p.Title)
	s.OrgName = lang.T(p.OrgCode, p.OrgCode)
	if c != nil {
		if o, ok := c.Organization(p.OrgCode); ok {
			s.OrgName = o.Name
		}
	}
	return s
}

// searchDoc is what the index knows of a posting: its words and facets.
func searchDoc(p *posting.Posting) search.Doc {
	c := p.Content
	var en, fr strings.Builder
	add := func(t lang.Text) {
		en.WriteString(t.EN)
		en.WriteByte('\n')
		fr.WriteString(t.FR)
		fr.WriteByte('\n')
	}
	for _, t := range []lang.Text{c.Summary, c.About, c.Duties, c.Impact, c.Bring} {
		add(t)
	}
	for _, g := range p.Groups {
		add(g.Heading)
		for _, q := range g.Items {
			add(q.Text)
		}
	}
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
	ix, sums := a.index, a.summaries
	a.mu.RUnlock()
	r := ix.Search(q)
	out := Results{Total: r.Total, Facets: r.Facets, Items: make([]*Summary, 0, len(r.IDs))}
	a.mu.RLock()
	for _, id := range r.IDs {
		if s, ok := sums[id]; ok {
			out.Items = append(out.Items, s)
		}
	}
	a.mu.RUnlock()
	return out
}

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
)

type homeData struct {
	Programs []catalog.Program
	Catalog  *catalog.Catalog
	Newest   []*app.Summary
	Open     int
}

func (h *Handler) home(w http.ResponseWriter, r *request) error {
	res := h.App.Search(search.Query{Sort: search.SortNewest, PerPage: 5})
	c := h.App.Catalog()
	d := homeData{Programs: c.Programs(), Catalog: c, Newest: res.Items, Open: res.Total}
	return h.R.Render(w, http.StatusOK, "home", h.newPage(r, h.Msgs.T(r.Lang, "home.title", nil), d))
}

// facetView is one facet of the search page, with its options.
type facetView struct {
	Name    string // the query parameter
	Legend  string
	Options []facetOption
}

type facetOption struct {
	Value, Label string
	Count        int
	Checked      bool
}

type jobsData struct {
	Params     url.Values
	Query      search.Query
	Errors     []app.ParamError
	Results    app.Results
	Facets     []facetView
	Status     string
	Sort       string
	Pages      int
	Prev, Next int
	Labels     func(facet, code string) string
}

func (h *Handler) jobs(w http.ResponseWriter, r *request) error {
	params := r.URL.Query()
	q, errs := app.ParseSearchParams(params)
	res := h.App.Search(q)
	d := jobsData{Params: params, Query: q, Errors: errs, Results: res,
		Status: q.Status.String(), Sort: q.Sort.String()}
	d.Pages = (res.Total + q.PerPage - 1) / q.PerPage
	if d.Pages > app.MaxPage {
		d.Pages = app.MaxPage
	}
	if q.Page > 1 {
		d.Prev = q.Page - 1
	}
	if q.Page < d.Pages {
		d.Next = q.Page + 1
	}
	d.Facets = h.facetViews(r.Lang, q, res)
	title := h.Msgs.T(r.Lang, "jobs.title", nil)
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusBadRequest
	}
	return h.R.Render(w, status, "jobs", h.newPage(r, title, d))
}

func (h *Handler) facetViews(l lang.Lang, q search.Query, res app.Results) []facetView {
	var out []facetView
	for f := search.Facet(0); f < search.NumFacets; f++ {
		fv := facetView{Name: f.Name(), Legend: h.Msgs.T(l, "facet."+f.Name(), nil)}
		seen := map[string]bool{}
		for _, fc := range res.Facets[f] {
			seen[fc.Value] = true
			fv.Options = append(fv.Options, facetOption{Value: fc.Value, Label: h.label(l, f, fc.Value), Count: fc.Count, Checked: contains(q.Filters[f], fc.Value)})
		}
		for _, v := range q.Filters[f] { // a chosen value with no results stays visible, so it can be unchosen
			if !seen[v] {
				fv.Options = append(fv.Options, facetOption{Value: v, Label: h.label(l, f, v), Checked: true})
			}
		}
		if len(fv.Options) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

// label names a facet value in l.
func (h *Handler) label(l lang.Lang, f search.Facet, code string) string {
	c := h.App.Catalog()
	switch f {
	case search.FacetProgram:
		if p, ok := c.Program(code); ok {
			return p.Name.In(l)
		}
	case search.FacetStream:
		if s, ok := c.StreamByCode(code); ok {
			return s.Name.In(l)
		}
	case search.FacetLevel:
		if lv, ok := c.Level(code); ok {
			return lv.Label.In(l)
		}
	case search.FacetOrg:
		if o, ok := c.Organization(code); ok {
			return o.Name.In(l)
		}
	case search.FacetCity:
		if ci, ok := posting.CityByCode(code); ok {
			return ci.Name.In(l)
		}
	case search.FacetMode, search.FacetType:
		return h.Msgs.T(l, f.Name()+"."+code, nil)
	}
	return code
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

type jobData struct {
	P       *posting.Posting
	Open    bool
	Closing string
	Org     catalog.Organization
	Program string
	Streams []string
	Level   string
	Bucket  string
	Preview bool
	Staff   *staffActions
}

// parseID reads the numeric id at the start of a path segment such as "12-data-co-op".
func parseID(seg string) (int64, bool) {
	idPart, _, _ := strings.Cut(seg, "-")
	id, err := strconv.ParseInt(idPart, 10, 64)
	return id, err == nil && id > 0
}

func (h *Handler) job(w http.ResponseWriter, r *request) error {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		return errNotFound
	}
	p, err := h.App.PublicPosting(r.Context(), id)
	if err != nil {
		return err
	}
	// Any slug (or none) serves the page; search engines are told the canonical address.
	d := h.jobView(r.Lang, p)
	page := h.newPage(r, p.Title.In(r.Lang), d)
	page.Canonical = posting.PublicPath(r.Lang, p.ID, p.Title)
	page.AltURL = posting.PublicPath(r.Lang.Other(), p.ID, p.Title)
	return h.R.Render(w, http.StatusOK, "job", page)
}

func (h *Handler) jobView(l lang.Lang, p *posting.Posting) *jobData {
	c := h.App.Catalog()
	d := &jobData{P: p, Open: p.IsOpen(h.App.Now()), Closing: posting.FormatDateTime(p.ClosingLocal(), l),
		Bucket: posting.BucketOf(p.ApplicationsReceived).Sentence(l)}
	if o, ok := c.Organization(p.OrgCode); ok {
		d.Org = o
	} else {
		d.Org.Name = lang.T(p.OrgCode, p.OrgCode)
	}
	if p.Program != "" {
		d.Program = h.label(l, search.FacetProgram, p.Program)
	}
	for _, s := range p.Streams {
		d.Streams = append(d.Streams, h.label(l, search.FacetStream, s))
	}
	if p.Level != "" {
		d.Level = h.label(l, search.FacetLevel, p.Level)
	}
	return d
}

type careersData struct {
	Catalog  *catalog.Catalog
	Programs []catalog.Program
}

func (h *Handler) careers(w http.ResponseWriter, r *request) error {
	c := h.App.Catalog()
	d := careersData{Catalog: c, Programs: c.Programs()}
	return h.R.Render(w, http.StatusOK, "careers", h.newPage(r, h.Msgs.T(r.Lang, "careers.title", nil), d))
}

type programData struct {
	Program catalog.Program
	Streams []catalog.Stream
	Levels  []catalog.Level
	Open    app.Results
}

func (h *Handler) program(w http.ResponseWriter, r *request) error {
	c := h.App.Catalog()
	p, ok := c.Program(r.PathValue("program"))
	if !ok {
		return errNotFound
	}
	q := search.Query{PerPage: 5, Sort: search.SortClosing}
	q.Filters[search.FacetProgram] = []string{p.Code}
	d := programData{Program: p, Streams: c.Streams(p.Code), Levels: c.Levels(p.Code), Open: h.App.Search(q)}
	return h.R.Render(w, http.StatusOK, "program", h.newPage(r, p.Name.In(r.Lang), d))
}

type streamData struct {
	Program      catalog.Program
	Stream       catalog.Stream
	Levels       []catalog.Level
	Competencies []competencyGroup
	Open         app.Results
}

// competencyGroup is the competencies of one category (knowledge, skill, ability) in a stream.
type competencyGroup struct {
	Category catalog.Category
	Items    []competencyView
}

type competencyView struct {
	Name, Definition, Note lang.Text
}

func streamCompetencies(c *catalog.Catalog, s catalog.Stream) []competencyGroup {
	var out []competencyGroup
	for _, cat := range []catalog.Category{catalog.Knowledge, catalog.Skill, catalog.Ability} {
		g := competencyGroup{Category: cat}
		for _, link := range s.Competencies {
			if link.Category != cat {
				continue
			}
			if comp, ok := c.Competency(link.Code); ok {
				g.Items = append(g.Items, competencyView{Name: comp.Name, Definition: comp.Definition, Note: link.Note})
			}
		}
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func (h *Handler) stream(w http.ResponseWriter, r *request) error {
	c := h.App.Catalog()
	p, ok := c.Program(r.PathValue("program"))
	if !ok {
		return errNotFound
	}
	s, ok := c.Stream(p.Code, r.PathValue("stream"))
	if !ok {
		return errNotFound
	}
	q := search.Query{PerPage: 10, Sort: search.SortClosing}
	q.Filters[search.FacetStream] = []string{s.Code}
	d := streamData{Program: p, Stream: s, Levels: c.LevelsInStream(s.Code), Competencies: streamCompetencies(c, s), Open: h.App.Search(q)}
	return h.R.Render(w, http.StatusOK, "stream", h.newPage(r, s.Name.In(r.Lang), d))
}

type levelData struct {
	Program catalog.Program
	Level   catalog.Level
	Paths   []pathView
	Open    app.Results
}

type pathView struct {
	catalog.Path
	StreamLinks []streamLink
}

type streamLink struct {
	Code string
	Name lang.Text
}

func (h *Handler) level(w http.ResponseWriter, r *request) error {
	c := h.App.Catalog()
	p, ok := c.Program(r.PathValue("program"))
	if !ok {
		return errNotFound
	}
	lv, ok := c.Level(r.PathValue("level"))
	if !ok || lv.Program != p.Code {
		return errNotFound
	}
	q := search.Query{PerPage: 10, Sort: search.SortClosing}
	q.Filters[search.FacetLevel] = []string{lv.Code}
	d := levelData{Program: p, Level: lv, Open: h.App.Search(q)}
	for _, path := range lv.Paths {
		pv := pathView{Path: path}
		for _, code := range path.Streams {
			if st, ok := c.StreamByCode(code); ok {
				pv.StreamLinks = append(pv.StreamLinks, streamLink{Code: st.Code, Name: st.Name})
			}
		}
		d.Paths = append(d.Paths, pv)
	}
	title := lv.Label.In(r.Lang) + " – " + lv.Title.In(r.Lang)
	return h.R.Render(w, http.StatusOK, "level", h.newPage(r, title, d))
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

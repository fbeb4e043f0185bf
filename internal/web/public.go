package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
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
	Cards    []programCard
}

// programCard is a program with its streams (and levels, on the careers page),
// named and linked in the page's language.
type programCard struct {
	Code, URL, Name, Summary string
	Streams, Levels          []pageLink
}

// pageLink is a link's address and text.
type pageLink struct{ URL, Text string }

// programCards lists the catalog's programs for l, with their levels if withLevels.
func programCards(l lang.Lang, c *catalog.Catalog, programs []catalog.Program, withLevels bool) []programCard {
	prefix := "/" + string(l) + "/careers/"
	out := make([]programCard, len(programs))
	for i, p := range programs {
		card := programCard{Code: p.Code, URL: prefix + p.Code, Name: p.Name.In(l), Summary: p.Summary.In(l)}
		for _, s := range c.Streams(p.Code) {
			card.Streams = append(card.Streams, pageLink{URL: prefix + s.Program + "/" + s.Code, Text: s.Name.In(l)})
		}
		if withLevels {
			for _, lv := range c.Levels(p.Code) {
				card.Levels = append(card.Levels, pageLink{URL: prefix + lv.Program + "/levels/" + lv.Code, Text: lv.Label.In(l)})
			}
		}
		out[i] = card
	}
	return out
}

func (h *Handler) home(w http.ResponseWriter, r *request) error {
	res := h.App.Search(search.Query{Sort: search.SortNewest, PerPage: 5})
	c := h.App.Catalog()
	d := homeData{Programs: c.Programs(), Catalog: c, Newest: res.Items, Open: res.Total}
	d.Cards = programCards(r.Lang, c, d.Programs, false)
	return h.R.Render(w, http.StatusOK, "home", h.newPage(r, h.Msgs.T(r.Lang, "home.title", nil), d))
}

// facetView is one facet of the search page, with its options.
type facetView struct {
	Name        string // the query parameter
	Legend      string
	Options     []facetOption
	OptionsHTML template.HTML // the options' checkboxes, see facetOptionsHTML
	MoreURL     string        // when some options are hidden: the page with all of them
	MoreText    string
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

	StatusOptions, SortOptions []selectOption
}

// selectOption is one choice of a select list, already labelled.
type selectOption struct {
	Value, Label string
	Selected     bool
}

// selectOptions labels values with the messages prefix+value, marking chosen.
func (h *Handler) selectOptions(l lang.Lang, prefix string, values []string, chosen string) []selectOption {
	out := make([]selectOption, len(values))
	for i, v := range values {
		out[i] = selectOption{Value: v, Label: h.Msgs.T(l, prefix+v, nil), Selected: v == chosen}
	}
	return out
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
	d.StatusOptions = h.selectOptions(r.Lang, "status.", []string{"open", "closed", "all"}, d.Status)
	d.SortOptions = h.selectOptions(r.Lang, "sort.", []string{"relevance", "closing", "newest", "salary"}, d.Sort)
	d.Facets = h.facetViews(r.Lang, params, q, res)
	title := h.Msgs.T(r.Lang, "jobs.title", nil)
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusBadRequest
	}
	return h.R.Render(w, status, "jobs", h.newPage(r, title, d))
}

// facetShown is how many options a facet shows until "show all" is chosen:
// the most frequent ones, plus any chosen value further down the list.
const facetShown = 10

func (h *Handler) facetViews(l lang.Lang, params url.Values, q search.Query, res app.Results) []facetView {
	var out []facetView
	for f := search.Facet(0); f < search.NumFacets; f++ {
		fv := facetView{Name: f.Name(), Legend: h.Msgs.T(l, "facet."+f.Name(), nil)}
		seen := map[string]bool{}
		var opts []facetOption
		for _, fc := range res.Facets[f] {
			seen[fc.Value] = true
			opts = append(opts, facetOption{Value: fc.Value, Count: fc.Count, Checked: slices.Contains(q.Filters[f], fc.Value)})
		}
		for _, v := range q.Filters[f] { // a chosen value with no results stays visible, so it can be unchosen
			if !seen[v] {
				opts = append(opts, facetOption{Value: v, Checked: true})
			}
		}
		if len(opts) > facetShown && !slices.Contains(params["more"], fv.Name) {
			fv.MoreURL = moreURL(l, params, fv.Name)
			fv.MoreText = h.Msgs.T(l, "search.more", map[string]any{"Count": len(opts), "Facet": fv.Legend})
			opts = limitOptions(opts, facetShown)
		}
		for i := range opts { // labels only for the options shown
			opts[i].Label = h.label(l, f, opts[i].Value)
		}
		fv.Options = opts
		if len(fv.Options) > 0 {
			fv.OptionsHTML = facetOptionsHTML(fv)
			out = append(out, fv)
		}
	}
	return out
}

// limitOptions keeps the first n options and every checked one after them.
func limitOptions(opts []facetOption, n int) []facetOption {
	if len(opts) <= n {
		return opts
	}
	out := opts[:n:n]
	for _, o := range opts[n:] {
		if o.Checked {
			out = append(out, o)
		}
	}
	return out
}

// moreURL is the search page with facet name's options all shown, opening at
// the first option that was hidden.
func moreURL(l lang.Lang, params url.Values, name string) string {
	v := make(url.Values, len(params)+1)
	for k, vs := range params {
		v[k] = vs
	}
	v["more"] = append(append([]string(nil), params["more"]...), name)
	return "/" + string(l) + "/jobs?" + v.Encode() + "#f-" + name + "-" + strconv.Itoa(facetShown)
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

type careersData struct {
	Catalog  *catalog.Catalog
	Programs []catalog.Program
	Cards    []programCard
}

func (h *Handler) careers(w http.ResponseWriter, r *request) error {
	c := h.App.Catalog()
	d := careersData{Catalog: c, Programs: c.Programs()}
	d.Cards = programCards(r.Lang, c, d.Programs, true)
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

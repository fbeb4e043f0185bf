package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/lang"
)

// The catalog editor: program and platform administrators edit any catalog
// entry as JSON. The whole catalog is validated before a change is saved.

type catalogItem struct {
	Kind  catalog.Kind
	Code  string
	Label lang.Text
}

type catalogGroup struct {
	Kind  catalog.Kind
	Items []catalogItem
}

func catalogGroups(c *catalog.Catalog) []catalogGroup {
	var programs, streams, levels, comps, orgs, guides []catalogItem
	for _, p := range c.Programs() {
		programs = append(programs, catalogItem{catalog.KindProgram, p.Code, p.Name})
		for _, s := range c.Streams(p.Code) {
			streams = append(streams, catalogItem{catalog.KindStream, s.Code, s.Name})
		}
		for _, l := range c.Levels(p.Code) {
			levels = append(levels, catalogItem{catalog.KindLevel, l.Code, lang.T(l.Label.EN+" – "+l.Title.EN, l.Label.FR+" – "+l.Title.FR)})
		}
	}
	for _, x := range c.Competencies() {
		comps = append(comps, catalogItem{catalog.KindCompetency, x.Code, x.Name})
	}
	for _, o := range c.Organizations() {
		orgs = append(orgs, catalogItem{catalog.KindOrganization, o.Code, o.Name})
	}
	for _, g := range c.Guidance() {
		guides = append(guides, catalogItem{catalog.KindGuidance, g.Code, g.Title})
	}
	return []catalogGroup{
		{catalog.KindProgram, programs}, {catalog.KindStream, streams}, {catalog.KindLevel, levels},
		{catalog.KindCompetency, comps}, {catalog.KindOrganization, orgs}, {catalog.KindGuidance, guides},
	}
}

func (h *Handler) staffCatalog(w http.ResponseWriter, r *request) error {
	d := catalogGroups(h.App.Catalog())
	page := h.newPage(r, h.Msgs.T(r.Lang, "catalog.title", nil), d)
	if r.URL.Query().Get("saved") != "" {
		page.Flash = h.Msgs.T(r.Lang, "catalog.saved", nil)
	}
	return h.R.Render(w, http.StatusOK, "staff_catalog", page)
}

type catalogEditData struct {
	Entry    app.CatalogEntry
	Problems []string
	Action   string
}

func (h *Handler) catalogEntry(r *request) (app.CatalogEntry, error) {
	kind := catalog.Kind(r.PathValue("kind"))
	e, err := h.App.CatalogEntry(kind, r.PathValue("code"))
	if errors.Is(err, app.ErrNotFound) {
		return e, errNotFound
	}
	return e, err
}

func (h *Handler) staffCatalogEdit(w http.ResponseWriter, r *request) error {
	e, err := h.catalogEntry(r)
	if err != nil {
		return err
	}
	return h.renderCatalogEdit(w, r, http.StatusOK, catalogEditData{Entry: e})
}

func (h *Handler) renderCatalogEdit(w http.ResponseWriter, r *request, status int, d catalogEditData) error {
	d.Action = fmt.Sprintf("/%s/staff/catalog/%s/%s", r.Lang, d.Entry.Kind, d.Entry.Code)
	title := h.Msgs.T(r.Lang, "catalog.edit", map[string]any{"Code": d.Entry.Code})
	return h.R.Render(w, status, "staff_catalog_edit", h.newPage(r, title, d))
}

func (h *Handler) staffCatalogSave(w http.ResponseWriter, r *request) error {
	e, err := h.catalogEntry(r)
	if err != nil {
		return err
	}
	submitted := e
	submitted.JSON = r.PostFormValue("data")
	submitted.Version = r.PostFormValue("version")
	err = h.App.SaveCatalogEntry(r.Context(), r.User.ID, e.Kind, e.Code, submitted.Version, submitted.JSON)
	d := catalogEditData{Entry: submitted}
	var bad *app.ErrCatalogJSON
	switch {
	case err == nil:
		http.Redirect(w, r.Request, fmt.Sprintf("/%s/staff/catalog?saved=%s/%s", r.Lang, e.Kind, e.Code), http.StatusSeeOther)
		return nil
	case errors.Is(err, app.ErrConflict):
		d.Problems = []string{h.Msgs.T(r.Lang, "catalog.conflict", nil)}
		return h.renderCatalogEdit(w, r, http.StatusConflict, d)
	case errors.As(err, &bad):
		d.Problems = []string{h.Msgs.T(r.Lang, "catalog.badjson", map[string]any{"Detail": bad.Err.Error()})}
		return h.renderCatalogEdit(w, r, http.StatusUnprocessableEntity, d)
	}
	if problems, ok := app.IsCatalogProblem(err); ok {
		for _, p := range problems {
			d.Problems = append(d.Problems, h.catalogProblem(r.Lang, p))
		}
		return h.renderCatalogEdit(w, r, http.StatusUnprocessableEntity, d)
	}
	if errors.Is(err, app.ErrNotFound) {
		return errNotFound
	}
	// Any other refusal by the catalog (a record that does not decode) is the editor's input, not our failure.
	d.Problems = []string{h.Msgs.T(r.Lang, "catalog.badjson", map[string]any{"Detail": err.Error()})}
	return h.renderCatalogEdit(w, r, http.StatusUnprocessableEntity, d)
}

// catalogProblem explains one validation problem in l, naming the entry and field.
func (h *Handler) catalogProblem(l lang.Lang, p catalog.Problem) string {
	return h.Msgs.T(l, "catalog.fault."+faultKey(p.Fault), map[string]any{"Entry": string(p.Kind) + " " + p.Code, "Field": p.Field})
}

func faultKey(f catalog.Fault) string {
	switch f {
	case catalog.FaultMissing:
		return "missing"
	case catalog.FaultMissingEN:
		return "missing_en"
	case catalog.FaultMissingFR:
		return "missing_fr"
	case catalog.FaultBadCode:
		return "badcode"
	case catalog.FaultReserved:
		return "reserved"
	case catalog.FaultDuplicate:
		return "duplicate"
	case catalog.FaultUnknownRef:
		return "unknownref"
	}
	return "invalid"
}

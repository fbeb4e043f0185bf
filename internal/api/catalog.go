package api

import (
	"errors"
	"net/http"
	"sync"

	"github.com/pathways-gov/pathways/internal/catalog"
)

// catalogResponse is the whole public catalog, built from the catalog's own
// exported structs (their JSON is the catalog package's).
type catalogResponse struct {
	Programs      []programJSON          `json:"programs"`
	Competencies  []catalog.Competency   `json:"competencies"`
	Organizations []catalog.Organization `json:"organizations"`
}

// programJSON is a program with its streams and levels, in display order.
type programJSON struct {
	catalog.Program
	Streams []catalog.Stream `json:"streams"`
	Levels  []catalog.Level  `json:"levels"`
}

func catalogJSON(c *catalog.Catalog) catalogResponse {
	out := catalogResponse{Programs: []programJSON{}, Competencies: nonNilSlice(c.Competencies()),
		Organizations: nonNilSlice(c.Organizations())}
	for _, p := range c.Programs() {
		out.Programs = append(out.Programs, programJSON{Program: p,
			Streams: nonNilSlice(c.Streams(p.Code)), Levels: nonNilSlice(c.Levels(p.Code))})
	}
	return out
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// catalogCache keeps the encoded catalog: a Catalog never changes once built
// (editing it makes a new one), so its JSON is computed once per Catalog.
type catalogCache struct {
	mu   sync.Mutex
	of   *catalog.Catalog
	body []byte
}

func (cc *catalogCache) get(c *catalog.Catalog) ([]byte, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.of == c && cc.body != nil {
		return cc.body, nil
	}
	body, err := encode(catalogJSON(c))
	if err != nil {
		return nil, err
	}
	cc.of, cc.body = c, body
	return body, nil
}

// errCatalogMissing is an internal error: the app serves before Bootstrap.
var errCatalogMissing = errors.New("api: catalog not loaded")

// serveCatalog answers GET /api/v1/catalog.
func (h *Handler) serveCatalog(w http.ResponseWriter, r *http.Request) {
	c := h.app.Catalog()
	if c == nil {
		h.writeError(w, r, errCatalogMissing)
		return
	}
	body, err := h.catalog.get(c)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", cacheCatalog)
	writeBody(w, http.StatusOK, body)
}

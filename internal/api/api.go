// Package api serves Pathways' public JSON API under /api/v1: job posting
// search and detail, the career catalog, and the OpenAPI 3.1 document that
// describes them (openapi.json, embedded). The API is open data: read-only,
// anonymous, and readable from any origin.
//
// Handlers parse the request, call the application, and render JSON; every
// error goes through one function (writeError) that maps it to a status and
// the error body, and logs only internal errors.
package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/pathways-gov/pathways/internal/app"
)

// Handler serves the public JSON API.
type Handler struct {
	app     *app.App
	log     *slog.Logger
	catalog catalogCache
}

// New returns the API handler over a.
func New(a *app.App, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.Default()
	}
	return &Handler{app: a, log: log}
}

// Cache lifetimes sent with successful responses.
const (
	cacheShort   = "public, max-age=60"   // search results and postings
	cacheCatalog = "public, max-age=300"  // changes only when staff edit the catalog
	cacheSpec    = "public, max-age=3600" // changes only with a release
)

// Routes registers the API's routes on mux: this table is the whole surface.
// Each path answers GET (and HEAD) and CORS preflights (OPTIONS); other
// methods get a JSON 405, and unknown paths under /api/v1/ a JSON 404.
func (h *Handler) Routes(mux *http.ServeMux) {
	h.get(mux, "/api/v1/postings", http.HandlerFunc(h.searchPostings))
	h.get(mux, "/api/v1/postings/{id}", h.endpoint(cacheShort, h.posting))
	h.get(mux, "/api/v1/catalog", http.HandlerFunc(h.serveCatalog))
	h.get(mux, "/api/v1/openapi.json", http.HandlerFunc(h.openAPI))
	mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		h.writeError(w, r, errNotFound)
	})
}

// get registers fn for GET on path, and the method fallback for the same path.
func (h *Handler) get(mux *http.ServeMux, path string, fn http.Handler) {
	mux.Handle("GET "+path, fn)
	mux.HandleFunc(path, h.otherMethod)
}

// otherMethod answers a CORS preflight, and refuses every other method but GET.
func (h *Handler) otherMethod(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Allow", "GET, HEAD, OPTIONS")
	if r.Method == http.MethodOptions {
		hd.Set("Access-Control-Allow-Origin", "*")
		hd.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		hd.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.writeError(w, r, errMethodNotAllowed)
}

// endpoint adapts a handler that returns a value to render as JSON with 200.
func (h *Handler) endpoint(cache string, fn func(*http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := fn(r)
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		body, err := encode(v)
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", cache)
		writeBody(w, http.StatusOK, body)
	})
}

// encode renders v as JSON, without escaping <, > and & (the body is never HTML).
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Header values every API response carries, shared by all responses (Set
// and Add replace or copy a value, never write into it), so that setting
// them allocates nothing.
var (
	contentTypeJSON = []string{"application/json; charset=utf-8"}
	allowAnyOrigin  = []string{"*"}
)

// writeBody sends a JSON body with the headers every API response carries.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	hd := w.Header()
	hd["Content-Type"] = contentTypeJSON
	hd["Access-Control-Allow-Origin"] = allowAnyOrigin
	w.WriteHeader(status)
	w.Write(body)
}

package api

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the OpenAPI 3.1 document describing this API, served at
// /api/v1/openapi.json. The tests validate real responses against it.
//
//go:embed openapi.json
var openAPIDoc []byte

// openAPI answers GET /api/v1/openapi.json with the embedded document.
func (h *Handler) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", cacheSpec)
	writeBody(w, http.StatusOK, openAPIDoc)
}

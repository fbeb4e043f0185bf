package web

import "net/http"

func (h *Handler) accountRoutes(mux *http.ServeMux) {}

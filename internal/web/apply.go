package web

import "net/http"

func (h *Handler) applicationRoutes(mux *http.ServeMux) {}

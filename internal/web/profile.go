package web

import "net/http"

func (h *Handler) profileRoutes(mux *http.ServeMux) {}

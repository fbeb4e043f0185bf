package web

import "net/http"

func (h *Handler) outboxRoutes(mux *http.ServeMux) {}

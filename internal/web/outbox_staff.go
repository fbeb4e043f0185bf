package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/store"
)

// The outbox: every email the platform queued, sent or gave up on, for
// staff allowed to read it (messages carry applicants' personal
// information). With no SMTP server configured, this is where email stays.

func (h *Handler) outboxRoutes(mux Mux) {
	mux.HandleFunc("GET /{lang}/staff/outbox", h.staff(auth.ViewOutbox, h.staffOutbox))
	mux.HandleFunc("GET /{lang}/staff/outbox/{id}", h.staff(auth.ViewOutbox, h.staffOutboxMessage))
}

const outboxPerPage = 50

type outboxListData struct {
	Items      []store.OutboxMessage
	Total      int
	Counts     map[string]int
	Statuses   []string
	Status     string
	Page       int
	Prev, Next int
}

func (h *Handler) staffOutbox(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	d := outboxListData{Statuses: store.OutboxStatuses, Page: 1, Status: q.Get("status")}
	if d.Status != "" && !slices.Contains(store.OutboxStatuses, d.Status) {
		return errBadInput
	}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 100000 {
			return errBadInput
		}
		d.Page = n
	}
	f := store.OutboxFilter{Status: d.Status, Limit: outboxPerPage, Offset: (d.Page - 1) * outboxPerPage}
	var err error
	if d.Items, d.Total, err = h.App.DB.ListOutbox(r.Context(), f); err != nil {
		return err
	}
	if d.Counts, err = h.App.DB.CountOutbox(r.Context()); err != nil {
		return err
	}
	if d.Page > 1 {
		d.Prev = d.Page - 1
	}
	if d.Page*outboxPerPage < d.Total {
		d.Next = d.Page + 1
	}
	return h.R.Render(w, http.StatusOK, "staff_outbox", h.newPage(r, h.Msgs.T(r.Lang, "outbox.title", nil), d))
}

func (h *Handler) staffOutboxMessage(w http.ResponseWriter, r *request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	m, err := h.App.DB.OutboxMessageByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	title := h.Msgs.T(r.Lang, "outbox.message.title", map[string]any{"ID": m.ID})
	return h.R.Render(w, http.StatusOK, "staff_outbox_message", h.newPage(r, title, m))
}

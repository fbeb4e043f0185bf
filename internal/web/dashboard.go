package web

import (
	"errors"
	"net/http"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

// The applicant's dashboard: every application with its status in plain
// language, and a page per application with its dated history; withdrawal.

type dashboardView struct {
	Items []dashboardItem
}

type dashboardItem struct {
	ID           int64
	Title        string
	Href         string
	Status       string
	Meaning      string
	Draft        bool
	Confirmation string
	Submitted    string
	Updated      string
	Closes       string
	Closed       bool // a draft whose posting closed: it can no longer be submitted
	History      []historyItem
}

func (h *Handler) dashboard(w http.ResponseWriter, r *request) error {
	list, err := h.App.MyApplications(r.Context(), r.User)
	if err != nil {
		return appErr(err)
	}
	l := r.Lang
	now := h.App.Now()
	d := dashboardView{}
	for _, s := range list {
		zone := &posting.Posting{TimeZone: s.TimeZone}
		it := dashboardItem{ID: s.ID, Title: s.Title.In(l), Href: appURL(l, s.ID, ""), Status: s.Status.Name(l),
			Meaning: s.Status.Meaning(l), Draft: s.Status == application.Draft, Confirmation: s.Confirmation,
			Updated: posting.FormatDateTime(inPostingZone(s.UpdatedAt, zone), l), History: historyItems(l, s.History, zone)}
		if !s.SubmittedAt.IsZero() {
			it.Submitted = posting.FormatDateTime(inPostingZone(s.SubmittedAt, zone), l)
		}
		if it.Draft && !s.ClosesAt.IsZero() {
			it.Closes = posting.FormatDateTime(inPostingZone(s.ClosesAt, zone), l)
			it.Closed = !now.Before(s.ClosesAt)
		}
		d.Items = append(d.Items, it)
	}
	return h.R.Render(w, http.StatusOK, "dashboard", h.appPage(r, h.Msgs.T(l, "dashboard.title", nil), d))
}

// historyItem is one dated change of status, as the applicant or staff read it.
type historyItem struct {
	When, ISO, Status, Meaning, Note string
}

func historyOf(l lang.Lang, a *application.Application, p *posting.Posting) []historyItem {
	return historyItems(l, a.History, p)
}

// historyItems are events (oldest first) as the pages show them: newest first,
// dated in the posting's zone.
func historyItems(l lang.Lang, events []application.Event, p *posting.Posting) []historyItem {
	out := make([]historyItem, 0, len(events))
	for i := len(events) - 1; i >= 0; i-- { // newest first
		e := events[i]
		out = append(out, historyItem{When: posting.FormatDateTime(inPostingZone(e.At, p), l), ISO: e.At.UTC().Format("2006-01-02T15:04:05Z"),
			Status: e.To.Name(l), Meaning: e.To.Meaning(l), Note: e.Note})
	}
	return out
}

// applicationView is the read-only page of a submitted application.
type applicationView struct {
	*applyView
	Status      string
	Meaning     string
	Submitted   string
	History     []historyItem
	CanWithdraw bool
	Staff       bool
	// Staff page only.
	Next               []option
	StatusAction       string
	ShowAccommodation  bool
	Name, Email, Phone string
}

func (h *Handler) newApplicationView(r *request, a *application.Application, p *posting.Posting) *applicationView {
	l := r.Lang
	d := &applicationView{applyView: h.newApplyView(r, a, p, "", draftValues(a)), Status: a.Status.Name(l),
		Meaning: a.Status.Meaning(l), History: historyOf(l, a, p),
		CanWithdraw: a.Status.IsSubmitted() && a.Status.Open()}
	if !a.SubmittedAt.IsZero() {
		d.Submitted = posting.FormatDateTime(inPostingZone(a.SubmittedAt, p), l)
	}
	return d
}

func (h *Handler) applicationDetails(w http.ResponseWriter, r *request) error {
	a, p, err := h.loadMine(r)
	if err != nil {
		return err
	}
	if a.Status == application.Draft {
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, "/"+stepsOf(p)[0]), http.StatusSeeOther)
		return nil
	}
	d := h.newApplicationView(r, a, p)
	return h.R.Render(w, http.StatusOK, "dashboard_application", h.appPage(r, p.Title.In(r.Lang), d))
}

func (h *Handler) withdrawForm(w http.ResponseWriter, r *request) error {
	a, p, err := h.loadMine(r)
	if err != nil {
		return err
	}
	if !a.Status.IsSubmitted() || !a.Status.Open() {
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, ""), http.StatusSeeOther)
		return nil
	}
	d := h.newApplicationView(r, a, p)
	d.Action = appURL(r.Lang, a.ID, "/withdraw")
	return h.R.Render(w, http.StatusOK, "apply_withdraw", h.appPage(r, h.Msgs.T(r.Lang, "withdraw.title", nil), d))
}

func (h *Handler) withdraw(w http.ResponseWriter, r *request) error {
	a, p, err := h.loadMine(r)
	if err != nil {
		return err
	}
	_, err = h.App.Withdraw(r.Context(), r.User, a.ID)
	var te *application.TransitionError
	switch {
	case errors.As(err, &te):
		return h.applyNotice(w, r, http.StatusConflict, p, te.Message().In(r.Lang), a.ID)
	case errors.Is(err, app.ErrConflict):
		return h.applyNotice(w, r, http.StatusConflict, p, h.Msgs.T(r.Lang, "apply.conflict", nil), a.ID)
	case err != nil:
		return appErr(err)
	}
	h.flash(r, h.Msgs.T(r.Lang, "withdraw.done", map[string]any{"Title": p.Title.In(r.Lang)}))
	http.Redirect(w, r.Request, appURL(r.Lang, a.ID, ""), http.StatusSeeOther)
	return nil
}

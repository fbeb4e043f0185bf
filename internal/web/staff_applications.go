package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Staff's view of applications: the list for a posting, one application
// (every read audited by the app layer), and moving it through its statuses.
// The organization check is the app layer's, per application.

func (h *Handler) staffApplicationRoutes(mux Mux) {
	mux.HandleFunc("GET /{lang}/staff/postings/{id}/applications", h.staff(auth.ViewApplications, h.staffApplicationList))
	mux.HandleFunc("GET /{lang}/staff/applications/{id}", h.staff(auth.ViewApplications, h.staffApplication))
	mux.HandleFunc("POST /{lang}/staff/applications/{id}/status", h.staff(auth.MoveApplication, h.staffMove))
	mux.HandleFunc("GET /{lang}/staff/applications/{id}/documents/{doc}", h.staff(auth.ViewApplications, h.staffDocument))
}

type staffListView struct {
	P     *posting.Posting
	Items []staffListItem
}

type staffListItem struct {
	Href, Name, Confirmation, Status, Submitted string
}

func (h *Handler) staffApplicationList(w http.ResponseWriter, r *request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	list, p, err := h.App.StaffApplications(r.Context(), r.User, id)
	if err != nil {
		return appErr(err)
	}
	d := staffListView{P: p}
	for _, s := range list {
		it := staffListItem{Href: fmt.Sprintf("/%s/staff/applications/%d", r.Lang, s.ID), Name: s.Name,
			Confirmation: s.Confirmation, Status: s.Status.Name(r.Lang)}
		if !s.SubmittedAt.IsZero() {
			it.Submitted = posting.FormatDateTime(inPostingZone(s.SubmittedAt, p), r.Lang)
		}
		d.Items = append(d.Items, it)
	}
	title := h.Msgs.T(r.Lang, "staffapp.list.title", map[string]any{"Title": p.Title.In(r.Lang)})
	return h.R.Render(w, http.StatusOK, "staff_applications", h.appPage(r, title, d))
}

func staffAppID(r *request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

func (h *Handler) staffApplication(w http.ResponseWriter, r *request) error {
	id, err := staffAppID(r)
	if err != nil {
		return err
	}
	return h.renderStaffApplication(w, r, id, http.StatusOK, url.Values{}, nil, "")
}

// renderStaffApplication reads application id (one audited read) and shows it
// with the form to move it, v being what staff typed in that form.
func (h *Handler) renderStaffApplication(w http.ResponseWriter, r *request, id int64, status int, v url.Values, ps valid.Problems, msg string) error {
	a, p, err := h.App.StaffApplication(r.Context(), r.User, id)
	if err != nil {
		return appErr(err)
	}
	d := h.newApplicationView(r, a, p)
	d.V = v
	d.Staff = true
	d.CanWithdraw = false
	d.ShowAccommodation = auth.Can(r.User, auth.ViewAccommodation, p.OrgCode)
	d.HideAccommodation = !d.ShowAccommodation
	d.StatusAction = fmt.Sprintf("/%s/staff/applications/%d/status", r.Lang, a.ID)
	d.applyView.DocBase = fmt.Sprintf("/%s/staff/applications/%d/documents/", r.Lang, a.ID)
	if a.Snapshot != nil {
		d.Name, d.Email, d.Phone = a.Snapshot.Name, a.Snapshot.Email, a.Snapshot.Phone
	}
	if auth.Can(r.User, auth.MoveApplication, p.OrgCode) {
		for _, s := range app.NextStatuses(a) {
			d.Next = append(d.Next, option{Value: string(s), Label: s.Name(r.Lang)})
		}
	}
	if v.Get("version") == "" {
		v.Set("version", strconv.Itoa(a.Version))
	}
	for _, pr := range ps {
		m := pr.Msg.In(r.Lang)
		d.Errs[pr.Field] = append(d.Errs[pr.Field], m)
		d.Problems = append(d.Problems, profileProblem{Href: "#" + pr.Field, Msg: m})
	}
	if msg != "" {
		d.Problems = append(d.Problems, profileProblem{Href: "#status", Msg: msg})
	}
	title := h.Msgs.T(r.Lang, "staffapp.title", map[string]any{"Number": a.Confirmation})
	return h.R.Render(w, status, "staff_application", h.appPage(r, title, d))
}

func (h *Handler) staffMove(w http.ResponseWriter, r *request) error {
	id, err := staffAppID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := r.PostForm
	version, _ := strconv.Atoi(v.Get("version"))
	_, err = h.App.MoveApplication(r.Context(), r.User, id, version, application.Status(v.Get("status")), v.Get("note"))
	var ps valid.Problems
	var te *application.TransitionError
	switch {
	case errors.As(err, &ps):
		return h.renderStaffApplication(w, r, id, http.StatusUnprocessableEntity, v, ps, "")
	case errors.As(err, &te):
		return h.renderStaffApplication(w, r, id, http.StatusConflict, v, nil, te.Message().In(r.Lang))
	case errors.Is(err, app.ErrConflict):
		v.Del("version")
		return h.renderStaffApplication(w, r, id, http.StatusConflict, v, nil, h.Msgs.T(r.Lang, "staffapp.conflict", nil))
	case err != nil:
		return appErr(err)
	}
	h.flash(r, h.Msgs.T(r.Lang, "staffapp.moved", nil))
	http.Redirect(w, r.Request, fmt.Sprintf("/%s/staff/applications/%d", r.Lang, id), http.StatusSeeOther)
	return nil
}

func (h *Handler) staffDocument(w http.ResponseWriter, r *request) error {
	appID, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	docID, err2 := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	if err1 != nil || err2 != nil {
		return errNotFound
	}
	d, data, err := h.App.Document(r.Context(), r.User, appID, docID)
	if err != nil {
		return appErr(err)
	}
	serveDocument(w, d, data)
	return nil
}

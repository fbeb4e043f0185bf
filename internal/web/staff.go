package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
)

type signinData struct {
	Email, Next string
	Error       string
}

func (h *Handler) signinForm(w http.ResponseWriter, r *request) error {
	if r.User != nil {
		http.Redirect(w, r.Request, h.afterSignin(r, r.URL.Query().Get("next")), http.StatusSeeOther)
		return nil
	}
	d := signinData{Next: safeNext(r.URL.Query().Get("next"))}
	return h.R.Render(w, http.StatusOK, "signin", h.newPage(r, h.Msgs.T(r.Lang, "signin.title", nil), d))
}

func (h *Handler) signin(w http.ResponseWriter, r *request) error {
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	password := r.PostFormValue("password")
	d := signinData{Email: email, Next: safeNext(r.PostFormValue("next"))}
	fail := func(status int, msg string) error {
		d.Error = h.Msgs.T(r.Lang, msg, nil)
		return h.R.Render(w, status, "signin", h.newPage(r, h.Msgs.T(r.Lang, "signin.title", nil), d))
	}
	if !h.Limiter.Allow(clientIP(r.Request), email) {
		return fail(http.StatusTooManyRequests, "signin.throttled")
	}
	if email == "" || password == "" {
		return fail(http.StatusUnprocessableEntity, "signin.missing")
	}
	if len(email) > 254 || len(password) > 1024 {
		return fail(http.StatusUnauthorized, "signin.invalid")
	}
	u, err := h.App.DB.UserByEmail(r.Context(), email)
	if errors.Is(err, store.ErrNotFound) {
		auth.CheckPassword(dummyHash, password) // same work whether or not the account exists
		return fail(http.StatusUnauthorized, "signin.invalid")
	}
	if err != nil {
		return err
	}
	hash, err := h.App.DB.PasswordHash(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if ok, err := auth.CheckPassword(hash, password); err != nil || !ok || !u.DisabledAt.IsZero() {
		return fail(http.StatusUnauthorized, "signin.invalid")
	}
	if auth.NeedsRehash(hash) {
		if newHash, err := auth.HashPassword(password); err == nil {
			if err := h.App.DB.SetPasswordHash(r.Context(), u.ID, newHash); err != nil {
				h.Log.WarnContext(r.Context(), "password rehash failed", "user", u.ID, "err", err)
			} else {
				hash = newHash
			}
		}
	}
	if err := h.openSession(r, u, hash); err != nil {
		return err
	}
	h.App.DB.Audit(r.Context(), u.ID, "user.signin", fmt.Sprintf("user:%d", u.ID), "")
	r.User = u
	http.Redirect(w, r.Request, h.afterSignin(r, d.Next), http.StatusSeeOther)
	return nil
}

// dummyHash is checked when an account does not exist, so response times do not reveal which emails have accounts.
var dummyHash, _ = auth.HashPassword("not-a-real-password-for-timing")

func (h *Handler) afterSignin(r *request, next string) string {
	if next = safeNext(next); next != "" {
		return next
	}
	if r.User != nil && r.User.Role.IsStaff() {
		return "/" + string(r.Lang) + "/staff/"
	}
	return "/" + string(r.Lang) + "/applications" // the applicant's dashboard
}

// safeNext keeps only paths on this site, in one of its languages: "/en/…" or
// "/fr/…" with no control characters, spaces or backslashes anywhere
// (browsers drop tabs and newlines from URLs, so "/\t/evil.example" would
// otherwise become "//evil.example").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/en/") && !strings.HasPrefix(next, "/fr/") {
		return ""
	}
	for i := 0; i < len(next); i++ {
		if c := next[i]; c <= ' ' || c == 0x7f || c == '\\' {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (h *Handler) signout(w http.ResponseWriter, r *request) error {
	if err := h.Sessions.Destroy(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/"+string(r.Lang)+"/", http.StatusSeeOther)
	return nil
}

func (h *Handler) staffHome(w http.ResponseWriter, r *request) error {
	http.Redirect(w, r.Request, "/"+string(r.Lang)+"/staff/postings", http.StatusSeeOther)
	return nil
}

type staffListData struct {
	CanEditCatalog bool
	CanViewOutbox  bool
	Items          []store.PostingSummary
	Total          int
	Status         string
	Statuses       []posting.Status
	Page           int
	Prev, Next     int
}

func (h *Handler) staffPostings(w http.ResponseWriter, r *request) error {
	f := store.PostingFilter{Limit: 50}
	d := staffListData{Statuses: posting.Statuses, Page: 1, CanEditCatalog: auth.Can(r.User, auth.EditCatalog, ""),
		CanViewOutbox: auth.Can(r.User, auth.ViewOutbox, "")}
	if s := posting.Status(r.URL.Query().Get("status")); s.Valid() {
		f.Status, d.Status = s, string(s)
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 1 && n <= 10000 {
		d.Page = n
	}
	f.Offset = (d.Page - 1) * f.Limit
	org, all := auth.PostingScope(r.User)
	var items []store.PostingSummary
	var total int
	if all || org != "" { // no scope at all sees nothing, never everything
		if !all {
			f.Org = org
		}
		var err error
		if items, total, err = h.App.DB.ListPostings(r.Context(), f); err != nil {
			return err
		}
	}
	d.Items, d.Total = items, total
	if d.Page > 1 {
		d.Prev = d.Page - 1
	}
	if d.Page*f.Limit < total {
		d.Next = d.Page + 1
	}
	return h.R.Render(w, http.StatusOK, "staff_postings", h.newPage(r, h.Msgs.T(r.Lang, "staff.postings.title", nil), d))
}

// postingFor loads a posting and checks the user may act on it; postings of other
// organizations are reported as not found, so their existence is not revealed.
func (h *Handler) postingFor(r *request, action auth.Action) (*posting.Posting, error) {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		return nil, errNotFound
	}
	p, err := h.App.DB.Posting(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	if !auth.Can(r.User, auth.ViewStaffArea, p.OrgCode) || !auth.Can(r.User, auth.ManagePostings, p.OrgCode) {
		return nil, errNotFound
	}
	if !auth.Can(r.User, action, p.OrgCode) {
		return nil, errForbidden
	}
	return p, nil
}

func (h *Handler) newPosting(w http.ResponseWriter, r *request) error {
	p := &posting.Posting{TimeZone: posting.DefaultTimeZone, KeepOnFile: true}
	if r.User.Role.Scoped() {
		p.OrgCode = r.User.Org
	}
	return h.renderForm(w, r, http.StatusOK, p, postingValues(p), nil)
}

func (h *Handler) createPosting(w http.ResponseWriter, r *request) error {
	p := &posting.Posting{Status: posting.Draft}
	return h.savePosting(w, r, p)
}

// editablePosting loads the posting of the request for editing by its user.
func (h *Handler) editablePosting(r *request) (*posting.Posting, error) {
	p, err := h.postingFor(r, auth.EditPosting)
	if err == nil && !app.CanEditPosting(r.User, p) {
		err = errForbidden
	}
	return p, err
}

func (h *Handler) editPosting(w http.ResponseWriter, r *request) error {
	p, err := h.editablePosting(r)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, http.StatusOK, p, postingValues(p), nil)
}

func (h *Handler) updatePosting(w http.ResponseWriter, r *request) error {
	p, err := h.editablePosting(r)
	if err != nil {
		return err
	}
	return h.savePosting(w, r, p)
}

// savePosting validates the submitted form and saves it; on any problem the form
// is shown again with every value as typed and each problem next to its field.
func (h *Handler) savePosting(w http.ResponseWriter, r *request, p *posting.Posting) error {
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := r.PostForm
	probs := parsePosting(v, p)
	if r.User.Role.Scoped() && p.OrgCode != r.User.Org {
		probs = append(probs, posting.Problem{Field: "org", Msg: lang.T("You can only create postings for your own organization.", "Vous ne pouvez créer des offres que pour votre propre organisation.")})
	}
	if len(probs) > 0 {
		return h.renderForm(w, r, http.StatusUnprocessableEntity, p, v, probs)
	}
	err := h.App.SavePosting(r.Context(), r.User, p)
	var ps posting.Problems
	switch {
	case errors.Is(err, app.ErrForbidden):
		return errForbidden
	case errors.As(err, &ps):
		return h.renderForm(w, r, http.StatusUnprocessableEntity, p, v, ps)
	case errors.Is(err, app.ErrConflict):
		return h.renderForm(w, r, http.StatusConflict, p, v, posting.Problems{{Field: "version", Msg: lang.T(
			"Someone else saved this posting while you were editing. Your changes are below and have not been saved: open the posting in a new tab to compare, then save again.",
			"Quelqu'un d'autre a enregistré cette offre pendant que vous la modifiiez. Vos changements figurent ci-dessous et n'ont pas été enregistrés : ouvrez l'offre dans un nouvel onglet pour comparer, puis enregistrez de nouveau.")}})
	case err != nil:
		return err
	}
	target := fmt.Sprintf("/%s/staff/postings/%d", r.Lang, p.ID)
	if v.Get("more") != "" {
		target += "/edit"
	}
	http.Redirect(w, r.Request, target+"?saved=1", http.StatusSeeOther)
	return nil
}

func (h *Handler) previewPosting(w http.ResponseWriter, r *request) error {
	p, err := h.postingFor(r, auth.ViewStaffArea)
	if err != nil {
		return err
	}
	d := h.jobView(r.Lang, p)
	d.Preview = true
	d.Staff = h.staffActions(r, p)
	page := h.newPage(r, p.Title.In(r.Lang), d)
	if r.URL.Query().Get("saved") != "" {
		page.Flash = h.Msgs.T(r.Lang, "staff.saved", nil)
	}
	switch done := r.URL.Query().Get("done"); posting.Action(done) {
	case posting.Publish, posting.Close, posting.Archive:
		page.Flash = h.Msgs.T(r.Lang, "staff.done."+done, nil)
	}
	return h.R.Render(w, http.StatusOK, "job", page)
}

type staffActions struct {
	ID      int64
	Version int
	Status  posting.Status
	Edit    bool
	// Applications: the viewer may open the list of applications received.
	Applications bool
	Actions      []posting.Action
	Problems     []string
}

func (h *Handler) staffActions(r *request, p *posting.Posting) *staffActions {
	sa := &staffActions{ID: p.ID, Version: p.Version, Status: p.Effective(h.App.Now())}
	sa.Edit = app.CanEditPosting(r.User, p)
	sa.Applications = p.Status != posting.Draft && auth.Can(r.User, auth.ViewApplications, p.OrgCode)
	for _, a := range p.Allowed(h.App.Now()) {
		if auth.Can(r.User, actionPermission(a), p.OrgCode) {
			sa.Actions = append(sa.Actions, a)
		}
	}
	if p.Status == posting.Draft {
		var ps posting.Problems
		if err := p.CheckPublishable(h.App.Now()); errors.As(err, &ps) {
			for _, pr := range ps {
				sa.Problems = append(sa.Problems, pr.Msg.In(r.Lang))
			}
		}
	}
	return sa
}

func actionPermission(a posting.Action) auth.Action {
	switch a {
	case posting.Publish:
		return auth.PublishPosting
	case posting.Close:
		return auth.ClosePosting
	}
	return auth.ArchivePosting
}

func (h *Handler) transition(w http.ResponseWriter, r *request) error {
	action := posting.Action(r.PathValue("action"))
	if action != posting.Publish && action != posting.Close && action != posting.Archive {
		return errNotFound
	}
	p, err := h.postingFor(r, actionPermission(action))
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	_, err = h.App.Transition(r.Context(), r.User.ID, p.ID, version, action)
	var ps posting.Problems
	var te *posting.TransitionError
	target := fmt.Sprintf("/%s/staff/postings/%d", r.Lang, p.ID)
	switch {
	case errors.As(err, &ps), errors.As(err, &te), errors.Is(err, app.ErrConflict):
		return h.previewWithError(w, r, p.ID, err)
	case err != nil:
		return err
	}
	http.Redirect(w, r.Request, target+"?done="+string(action), http.StatusSeeOther)
	return nil
}

func (h *Handler) previewWithError(w http.ResponseWriter, r *request, id int64, cause error) error {
	p, err := h.App.DB.Posting(r.Context(), id)
	if err != nil {
		return err
	}
	d := h.jobView(r.Lang, p)
	d.Preview = true
	d.Staff = h.staffActions(r, p)
	page := h.newPage(r, p.Title.In(r.Lang), d)
	var te *posting.TransitionError
	switch {
	case errors.As(cause, &te):
		page.Flash = te.Message().In(r.Lang)
	case errors.Is(cause, app.ErrConflict):
		page.Flash = h.Msgs.T(r.Lang, "staff.conflict", nil)
	default:
		page.Flash = h.Msgs.T(r.Lang, "staff.incomplete", nil)
	}
	return h.R.Render(w, http.StatusUnprocessableEntity, "job", page)
}

// Package web serves Pathways' HTML pages: the public opportunity board, the
// career catalog, and the staff area. Pages are server-rendered and work
// without JavaScript.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
)

// Handler serves the HTML pages.
type Handler struct {
	App      *app.App
	R        *Renderer
	Msgs     *Messages
	Sessions *scs.SessionManager
	Limiter  *auth.Limiter
	Log      *slog.Logger
}

// New builds the HTML handler, failing if a template or message file is broken.
func New(a *app.App, sessions *scs.SessionManager, log *slog.Logger) (*Handler, error) {
	msgs, err := LoadMessages()
	if err != nil {
		return nil, err
	}
	r, err := NewRenderer(msgs)
	if err != nil {
		return nil, err
	}
	return &Handler{App: a, R: r, Msgs: msgs, Sessions: sessions, Limiter: auth.NewLimiter(), Log: log}, nil
}

// Mux is where routes are registered: an *http.ServeMux, or a recorder in
// tests that checks every route against the authorization matrix.
type Mux interface {
	Handle(pattern string, handler http.Handler)
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// Routes registers every HTML route on mux: this table is the whole surface.
func (h *Handler) Routes(mux Mux) {
	mux.HandleFunc("GET /{$}", h.root)
	for name, path := range h.R.assets { // exact, content-hashed paths: the most specific patterns there are
		mux.Handle("GET "+path, h.static(name))
	}

	mux.HandleFunc("GET /{lang}/{$}", h.page(h.home))
	mux.HandleFunc("GET /{lang}/jobs", h.page(h.jobs))
	mux.HandleFunc("GET /{lang}/jobs/{id}", h.page(h.job))
	mux.HandleFunc("GET /{lang}/careers", h.page(h.careers))
	mux.HandleFunc("GET /{lang}/careers/{program}", h.page(h.program))
	mux.HandleFunc("GET /{lang}/careers/{program}/levels/{level}", h.page(h.level))
	mux.HandleFunc("GET /{lang}/careers/{program}/{stream}", h.page(h.stream))

	mux.HandleFunc("GET /{lang}/signin", h.page(h.signinForm))
	mux.HandleFunc("POST /{lang}/signin", h.page(h.signin))
	mux.HandleFunc("POST /{lang}/signout", h.page(h.signout))

	mux.HandleFunc("GET /{lang}/staff/{$}", h.staff(auth.ViewStaffArea, h.staffHome))
	mux.HandleFunc("GET /{lang}/staff/postings", h.staff(auth.ViewStaffArea, h.staffPostings))
	mux.HandleFunc("GET /{lang}/staff/postings/new", h.staff(auth.CreatePosting, h.newPosting))
	mux.HandleFunc("POST /{lang}/staff/postings", h.staff(auth.CreatePosting, h.createPosting))
	mux.HandleFunc("GET /{lang}/staff/postings/{id}", h.staff(auth.ViewStaffArea, h.previewPosting))
	mux.HandleFunc("GET /{lang}/staff/postings/{id}/edit", h.staff(auth.EditPosting, h.editPosting))
	mux.HandleFunc("POST /{lang}/staff/postings/{id}", h.staff(auth.EditPosting, h.updatePosting))
	mux.HandleFunc("POST /{lang}/staff/postings/{id}/{action}", h.staff(auth.ViewStaffArea, h.transition))
	mux.HandleFunc("GET /{lang}/staff/catalog", h.staff(auth.EditCatalog, h.staffCatalog))
	mux.HandleFunc("GET /{lang}/staff/catalog/{kind}/{code}", h.staff(auth.EditCatalog, h.staffCatalogEdit))
	mux.HandleFunc("POST /{lang}/staff/catalog/{kind}/{code}", h.staff(auth.EditCatalog, h.staffCatalogSave))

	h.accountRoutes(mux)     // account.go: sign up, verify, reset, preferences, export, deletion
	h.profileRoutes(mux)     // profile.go: the applicant's profile
	h.applicationRoutes(mux) // apply.go, dashboard.go: applying and tracking
	h.outboxRoutes(mux)      // outbox_staff.go: staff view of queued email

	mux.HandleFunc("/{lang}/", h.page(h.notFound))
}

// request is what a page handler needs to know about the request.
type request struct {
	*http.Request
	Lang lang.Lang
	User *auth.User
}

// page adapts a page handler: it checks the language segment, loads the user and
// renders errors in the user's language.
func (h *Handler) page(fn func(http.ResponseWriter, *request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l, ok := lang.Parse(r.PathValue("lang"))
		if !ok || r.PathValue("lang") != string(l) {
			h.renderError(w, r, Match(r.Header.Get("Accept-Language")), nil, errNotFound)
			return
		}
		req := &request{Request: r, Lang: l, User: h.currentUser(r)}
		if err := fn(w, req); err != nil {
			h.renderError(w, r, l, req.User, err)
		}
	}
}

// staff adapts a staff page handler: anonymous visitors are sent to sign in,
// signed-in users without the permission get 403. Resource-level checks
// (the posting's organization) happen again in the handler through auth.Can.
func (h *Handler) staff(action auth.Action, fn func(http.ResponseWriter, *request) error) http.HandlerFunc {
	return h.page(func(w http.ResponseWriter, r *request) error {
		if r.User == nil {
			next := r.URL.RequestURI()
			http.Redirect(w, r.Request, "/"+string(r.Lang)+"/signin?next="+urlQueryEscape(next), http.StatusSeeOther)
			return nil
		}
		if !auth.Can(r.User, action, r.User.Org) {
			return errForbidden
		}
		w.Header().Set("Cache-Control", "no-store")
		return fn(w, r)
	})
}

// applicant adapts a page for applicants: anonymous visitors are sent to sign
// in (and brought back), staff get 403: staff and applicant accounts are
// separate roles, and no applicant page serves staff.
func (h *Handler) applicant(fn func(http.ResponseWriter, *request) error) http.HandlerFunc {
	return h.page(func(w http.ResponseWriter, r *request) error {
		if r.User == nil {
			next := r.URL.RequestURI()
			http.Redirect(w, r.Request, "/"+string(r.Lang)+"/signin?next="+urlQueryEscape(next), http.StatusSeeOther)
			return nil
		}
		if r.User.Role != auth.Applicant {
			return errForbidden
		}
		w.Header().Set("Cache-Control", "no-store")
		return fn(w, r)
	})
}

func (h *Handler) root(w http.ResponseWriter, r *http.Request) {
	l := Match(r.Header.Get("Accept-Language"))
	w.Header().Set("Vary", "Accept-Language")
	http.Redirect(w, r, "/"+string(l)+"/", http.StatusFound)
}

func (h *Handler) currentUser(r *http.Request) *auth.User {
	if h.Sessions == nil {
		return nil
	}
	id := h.Sessions.GetInt64(r.Context(), sessionUserKey)
	if id == 0 {
		return nil
	}
	u, hash, err := h.App.DB.UserAndPasswordHash(r.Context(), id)
	if err != nil || !u.Active() {
		return nil
	}
	if h.Sessions.GetString(r.Context(), sessionStampKey) != auth.PasswordStamp(hash) {
		return nil // the password changed since this session was opened
	}
	now := h.App.Now()
	seen := time.Unix(h.Sessions.GetInt64(r.Context(), sessionSeenKey), 0)
	if h.Sessions.Exists(r.Context(), sessionSeenKey) && now.Sub(seen) > IdleTimeout {
		h.Sessions.Remove(r.Context(), sessionUserKey) // idle too long: signed out
		return nil
	}
	if now.Sub(seen) >= seenEvery {
		h.Sessions.Put(r.Context(), sessionSeenKey, now.Unix()) // the only write of a reading session
	}
	return u
}

// IdleTimeout signs a session out after this long without a request.
const IdleTimeout = 2 * time.Hour

// seenEvery is how stale a session's "last seen" stamp may get before a
// request renews it: the idle timeout is exact to this, and a signed-in
// visitor reading pages costs one session write per seenEvery, not one per page.
const seenEvery = 5 * time.Minute

// The session holds the user's id and the stamp of the password it was
// opened with (auth.PasswordStamp).
const (
	sessionUserKey  = "user_id"
	sessionStampKey = "pw"
	sessionSeenKey  = "seen" // Unix seconds, renewed every seenEvery
)

// openSession starts a signed-in session for u, whose password hash is hash,
// on a new token (no session fixation).
func (h *Handler) openSession(r *request, u *auth.User, hash string) error {
	if err := h.Sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	h.Sessions.Put(r.Context(), sessionUserKey, u.ID)
	h.Sessions.Put(r.Context(), sessionStampKey, auth.PasswordStamp(hash))
	h.Sessions.Put(r.Context(), sessionSeenKey, h.App.Now().Unix())
	return nil
}

// newPage fills in what every page carries.
func (h *Handler) newPage(r *request, title string, data any) *Page {
	p := &Page{Lang: r.Lang, Title: title, Data: data, Now: h.App.Now()}
	p.Path = strings.TrimPrefix(r.URL.Path, "/"+string(r.Lang))
	p.AltURL = "/" + string(r.Lang.Other()) + p.Path
	if r.URL.RawQuery != "" {
		p.AltURL += "?" + r.URL.RawQuery
	}
	if r.Method == http.MethodPost {
		// A page answering a form (a refused one, say): the other language's
		// link goes to the page the form is on, since a link cannot post.
		p.AltURL = "/" + string(r.Lang.Other()) + formPage(p.Path, r.PostFormValue("token"))
	}
	if r.User != nil {
		p.User = r.User
		p.Noindex = true
	}
	return p
}

// formPage returns the address (without the language) of the page whose
// form posts to path: most forms post to their own page; these do not.
func formPage(path, token string) string {
	switch {
	case strings.HasPrefix(path, "/applications/") && strings.HasSuffix(path, "/submit"):
		return strings.TrimSuffix(path, "/submit") + "/review"
	case path == "/account/password":
		return "/account"
	case path == "/account/reset/new" && token != "":
		return path + "?token=" + url.QueryEscape(token)
	}
	return path
}

// Errors a page handler may return; anything else is an internal error.
var (
	errNotFound  = &pageError{status: http.StatusNotFound, msg: "error.notfound"}
	errForbidden = &pageError{status: http.StatusForbidden, msg: "error.forbidden"}
	errBadInput  = &pageError{status: http.StatusBadRequest, msg: "error.badrequest"}
)

type pageError struct {
	status int
	msg    string
}

func (e *pageError) Error() string { return e.msg }

func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, l lang.Lang, u *auth.User, err error) {
	pe := &pageError{status: http.StatusInternalServerError, msg: "error.internal"}
	switch {
	case errors.As(err, &pe):
	case errors.Is(err, app.ErrNotFound):
		pe = errNotFound
	case errors.Is(err, context.Canceled):
		return
	default:
		h.Log.ErrorContext(r.Context(), "page failed", "path", r.URL.Path, "err", err)
	}
	req := &request{Request: r, Lang: l, User: u}
	p := h.newPage(req, h.Msgs.T(l, pe.msg+".title", nil), pe.msg)
	if rerr := h.R.Render(w, pe.status, "error", p); rerr != nil {
		h.Log.Error("error page failed", "err", rerr)
		http.Error(w, http.StatusText(pe.status), pe.status)
	}
}

func (h *Handler) notFound(w http.ResponseWriter, r *request) error { return errNotFound }

func (h *Handler) static(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		http.ServeFileFS(w, r, staticFS, "static/"+name)
	})
}

package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/account"
	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Applicant accounts: sign up, verify the address, reset a forgotten
// password, and the account page (preferences, password, download my data,
// delete my account), plus the privacy notice. Sign-in is in staff.go.

// accountPages serves the account routes. Requests that send email (sign-up,
// a new verification link, a reset link) are throttled by client address and
// by email address with their own limiter, so they cannot be used to flood
// an inbox and do not use up anyone's sign-in attempts; password checks on
// the account page count against the sign-in limiter, as sign-in attempts do.
type accountPages struct {
	*Handler
	mailLimiter *auth.Limiter
}

func (h *Handler) accountRoutes(mux Mux) {
	p := &accountPages{Handler: h, mailLimiter: auth.NewLimiter()}
	mux.HandleFunc("GET /{lang}/signup", h.page(p.signupForm))
	mux.HandleFunc("POST /{lang}/signup", h.page(p.signup))
	mux.HandleFunc("GET /{lang}/signup/check-email", h.page(p.notice("check")))
	mux.HandleFunc("GET /{lang}/account/verify", h.page(p.verifyForm))
	mux.HandleFunc("POST /{lang}/account/verify", h.page(p.verify))
	mux.HandleFunc("GET /{lang}/account/verified", h.page(p.notice("verified")))
	mux.HandleFunc("GET /{lang}/account/verify/resend", h.page(p.resendForm))
	mux.HandleFunc("POST /{lang}/account/verify/resend", h.page(p.resend))
	mux.HandleFunc("GET /{lang}/account/reset", h.page(p.resetRequestForm))
	mux.HandleFunc("POST /{lang}/account/reset", h.page(p.resetRequest))
	mux.HandleFunc("GET /{lang}/account/reset/sent", h.page(p.notice("resetsent")))
	mux.HandleFunc("GET /{lang}/account/reset/new", h.page(p.resetForm))
	mux.HandleFunc("POST /{lang}/account/reset/new", h.page(p.reset))
	mux.HandleFunc("GET /{lang}/account/reset/done", h.page(p.notice("resetdone")))
	mux.HandleFunc("GET /{lang}/account/deleted", h.page(p.notice("deleted")))
	mux.HandleFunc("GET /{lang}/privacy", h.page(p.privacy))

	mux.HandleFunc("GET /{lang}/account", h.applicant(p.settings))
	mux.HandleFunc("POST /{lang}/account", h.applicant(p.savePreferences))
	mux.HandleFunc("POST /{lang}/account/password", h.applicant(p.changePassword))
	mux.HandleFunc("GET /{lang}/account/export", h.applicant(p.exportPage))
	mux.HandleFunc("POST /{lang}/account/export", h.applicant(p.export))
	mux.HandleFunc("GET /{lang}/account/delete", h.applicant(p.deletePage))
	mux.HandleFunc("POST /{lang}/account/delete", h.applicant(p.delete))
}

// accountForm is what an account page's form template receives: the values
// as typed (never a password) and the problems, by field and in form order.
type accountForm struct {
	V        url.Values
	Errs     map[string][]string
	Problems []fieldProblem
	Token    string // the emailed link's token, on the verify and reset pages
	TokenErr string // why the link cannot be used, when it cannot
	User     *auth.User
	Saved    string // which form was just saved, on the account page
}

func newAccountForm(v url.Values) *accountForm {
	if v == nil {
		v = url.Values{}
	}
	return &accountForm{V: v, Errs: map[string][]string{}}
}

// problem adds a message about field, in l.
func (f *accountForm) problem(l lang.Lang, field string, msg lang.Text) {
	f.Errs[field] = append(f.Errs[field], msg.In(l))
	f.Problems = append(f.Problems, fieldProblem{Field: field, Msg: msg.In(l)})
}

// problems adds every problem of err when it is valid.Problems, reporting
// whether it was.
func (f *accountForm) problems(l lang.Lang, err error) bool {
	var ps valid.Problems
	if !errors.As(err, &ps) {
		return false
	}
	for _, p := range ps {
		f.problem(l, p.Field, p.Msg)
	}
	return true
}

var accountThrottled = lang.T("Too many requests from here. Wait a minute, then try again.",
	"Trop de demandes à partir d'ici. Attendez une minute, puis réessayez.")

// render shows page name with form f under the title message titleID.
func (p *accountPages) render(w http.ResponseWriter, r *request, status int, name, titleID string, f *accountForm) error {
	page := p.newPage(r, p.Msgs.T(r.Lang, titleID, nil), f)
	return p.R.Render(w, status, name, page)
}

// accountRedirect answers a successful post: POST, redirect, GET.
func accountRedirect(w http.ResponseWriter, r *request, path string) error {
	http.Redirect(w, r.Request, "/"+string(r.Lang)+path, http.StatusSeeOther)
	return nil
}

// accountPrivateLink marks a page whose address holds an emailed token: not stored
// by caches, and not sent on in a Referer header.
func accountPrivateLink(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
}

// accountNotice is what the notice page receives: a message in a few paragraphs.
type accountNotice struct {
	Kind string // check, verified, resetsent, resetdone, deleted
}

// notice serves one of the fixed messages shown after a form succeeds.
func (p *accountPages) notice(kind string) func(http.ResponseWriter, *request) error {
	return func(w http.ResponseWriter, r *request) error {
		page := p.newPage(r, p.Msgs.T(r.Lang, "account.notice."+kind+".title", nil), accountNotice{Kind: kind})
		return p.R.Render(w, http.StatusOK, "account_notice", page)
	}
}

func (p *accountPages) privacy(w http.ResponseWriter, r *request) error {
	return p.R.Render(w, http.StatusOK, "account_privacy", p.newPage(r, p.Msgs.T(r.Lang, "account.privacy.title", nil), nil))
}

// Sign up.

func (p *accountPages) signupForm(w http.ResponseWriter, r *request) error {
	if r.User != nil {
		http.Redirect(w, r.Request, p.afterSignin(r, ""), http.StatusSeeOther)
		return nil
	}
	return p.render(w, r, http.StatusOK, "account_signup", "account.signup.title", newAccountForm(url.Values{"lang": {string(r.Lang)}}))
}

func (p *accountPages) signup(w http.ResponseWriter, r *request) error {
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	l, ok := lang.Parse(r.PostForm.Get("lang"))
	if !ok {
		l = r.Lang
	}
	f := newAccountForm(url.Values{"email": {email}, "lang": {string(l)}})
	if !p.allowMail(r, email) {
		f.problem(r.Lang, "email", accountThrottled)
		return p.render(w, r, http.StatusTooManyRequests, "account_signup", "account.signup.title", f)
	}
	err := p.App.SignUp(r.Context(), app.SignUpForm{Email: email, Password: r.PostForm.Get("password"), Lang: l})
	if f.problems(r.Lang, err) {
		return p.render(w, r, http.StatusUnprocessableEntity, "account_signup", "account.signup.title", f)
	}
	if err != nil {
		return err
	}
	return accountRedirect(w, r, "/signup/check-email")
}

// allowMail counts a request that sends email to email against the mail
// limiter, reporting whether it may go ahead.
func (p *accountPages) allowMail(r *request, email string) bool {
	return p.mailLimiter.Allow(clientIP(r.Request), auth.NormalizeEmail(email))
}

// Verify an address.

func (p *accountPages) verifyForm(w http.ResponseWriter, r *request) error {
	accountPrivateLink(w)
	// The link only shows a button: mail scanners that open links must not use it up.
	f := newAccountForm(nil)
	f.Token = r.URL.Query().Get("token")
	u, err := p.App.CheckLink(r.Context(), account.Verify, f.Token)
	if err != nil {
		return p.linkProblem(w, r, "account_verify", "account.verify.title", f, err)
	}
	f.V.Set("email", u.Email)
	return p.render(w, r, http.StatusOK, "account_verify", "account.verify.title", f)
}

func (p *accountPages) verify(w http.ResponseWriter, r *request) error {
	accountPrivateLink(w)
	f := newAccountForm(nil)
	f.Token = r.PostFormValue("token")
	if _, err := p.App.VerifyEmail(r.Context(), f.Token); err != nil {
		return p.linkProblem(w, r, "account_verify", "account.verify.title", f, err)
	}
	return accountRedirect(w, r, "/account/verified")
}

// linkProblem shows page name explaining why its link cannot be used, or
// returns err when it is not about the link.
func (p *accountPages) linkProblem(w http.ResponseWriter, r *request, name, titleID string, f *accountForm, err error) error {
	var ae *account.Error
	if !errors.As(err, &ae) {
		return err
	}
	f.TokenErr = ae.Msg.In(r.Lang)
	return p.render(w, r, http.StatusBadRequest, name, titleID, f)
}

func (p *accountPages) resendForm(w http.ResponseWriter, r *request) error {
	v := url.Values{}
	if r.User != nil {
		v.Set("email", r.User.Email)
	}
	return p.render(w, r, http.StatusOK, "account_resend", "account.resend.title", newAccountForm(v))
}

func (p *accountPages) resend(w http.ResponseWriter, r *request) error {
	return p.emailRequest(w, r, "account_resend", "account.resend.title", p.App.ResendVerification, "/signup/check-email")
}

// emailRequest handles a form that asks for an email with a link to be sent
// to an address (a new verification link, a password reset): throttled per
// address and client, the same answer whether or not an account has it.
func (p *accountPages) emailRequest(w http.ResponseWriter, r *request, page, titleID string,
	send func(ctx context.Context, email string, l lang.Lang) error, done string) error {
	email := strings.TrimSpace(r.PostFormValue("email"))
	f := newAccountForm(url.Values{"email": {email}})
	if !p.allowMail(r, email) {
		f.problem(r.Lang, "email", accountThrottled)
		return p.render(w, r, http.StatusTooManyRequests, page, titleID, f)
	}
	err := send(r.Context(), email, r.Lang)
	if f.problems(r.Lang, err) {
		return p.render(w, r, http.StatusUnprocessableEntity, page, titleID, f)
	}
	if err != nil {
		return err
	}
	return accountRedirect(w, r, done)
}

// Reset a forgotten password.

func (p *accountPages) resetRequestForm(w http.ResponseWriter, r *request) error {
	return p.render(w, r, http.StatusOK, "account_reset", "account.reset.title", newAccountForm(nil))
}

func (p *accountPages) resetRequest(w http.ResponseWriter, r *request) error {
	return p.emailRequest(w, r, "account_reset", "account.reset.title", p.App.RequestPasswordReset, "/account/reset/sent")
}

func (p *accountPages) resetForm(w http.ResponseWriter, r *request) error {
	accountPrivateLink(w)
	f := newAccountForm(nil)
	f.Token = r.URL.Query().Get("token")
	u, err := p.App.CheckLink(r.Context(), account.Reset, f.Token)
	if err != nil {
		return p.linkProblem(w, r, "account_reset_new", "account.resetnew.title", f, err)
	}
	f.V.Set("email", u.Email) // for password managers (autocomplete="username")
	return p.render(w, r, http.StatusOK, "account_reset_new", "account.resetnew.title", f)
}

func (p *accountPages) reset(w http.ResponseWriter, r *request) error {
	accountPrivateLink(w)
	f := newAccountForm(url.Values{"email": {r.PostFormValue("email")}})
	f.Token = r.PostFormValue("token")
	_, err := p.App.ResetPassword(r.Context(), f.Token, r.PostFormValue("password"))
	if f.problems(r.Lang, err) {
		return p.render(w, r, http.StatusUnprocessableEntity, "account_reset_new", "account.resetnew.title", f)
	}
	if err != nil {
		return p.linkProblem(w, r, "account_reset_new", "account.resetnew.title", f, err)
	}
	return accountRedirect(w, r, "/account/reset/done")
}

// The account page.

func (p *accountPages) settingsForm(r *request) *accountForm {
	u := r.User
	f := newAccountForm(url.Values{"lang": {string(u.Lang)}})
	if u.NotifyStatus {
		f.V.Set("notify_status", "yes")
	}
	if u.NotifyReminders {
		f.V.Set("notify_reminders", "yes")
	}
	f.User = u
	return f
}

func (p *accountPages) settings(w http.ResponseWriter, r *request) error {
	f := p.settingsForm(r)
	switch s := r.URL.Query().Get("saved"); s {
	case "preferences", "password":
		f.Saved = s
	}
	page := p.newPage(r, p.Msgs.T(r.Lang, "account.settings.title", nil), f)
	if f.Saved != "" {
		page.Flash = p.Msgs.T(r.Lang, "account.settings.saved."+f.Saved, nil)
	}
	return p.R.Render(w, http.StatusOK, "account_settings", page)
}

func (p *accountPages) savePreferences(w http.ResponseWriter, r *request) error {
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := r.PostForm
	pref := app.Preferences{Lang: lang.Lang(v.Get("lang")), NotifyStatus: v.Get("notify_status") == "yes", NotifyReminders: v.Get("notify_reminders") == "yes"}
	err := p.App.SavePreferences(r.Context(), r.User, pref)
	f := p.settingsForm(r)
	f.V = url.Values{"lang": {v.Get("lang")}, "notify_status": {v.Get("notify_status")}, "notify_reminders": {v.Get("notify_reminders")}}
	if f.problems(r.Lang, err) {
		return p.render(w, r, http.StatusUnprocessableEntity, "account_settings", "account.settings.title", f)
	}
	if err != nil {
		return accountError(err)
	}
	// The page follows the language just chosen.
	http.Redirect(w, r.Request, "/"+string(pref.Lang)+"/account?saved=preferences", http.StatusSeeOther)
	return nil
}

func (p *accountPages) changePassword(w http.ResponseWriter, r *request) error {
	f := p.settingsForm(r)
	if !p.Limiter.Allow(clientIP(r.Request), r.User.Email) {
		f.problem(r.Lang, "current_password", accountThrottled)
		return p.render(w, r, http.StatusTooManyRequests, "account_settings", "account.settings.title", f)
	}
	err := p.App.ChangePassword(r.Context(), r.User, r.PostFormValue("current_password"), r.PostFormValue("new_password"))
	if f.problems(r.Lang, err) {
		return p.render(w, r, http.StatusUnprocessableEntity, "account_settings", "account.settings.title", f)
	}
	if err != nil {
		return accountError(err)
	}
	// A new password: this session carries on, on a new token and the new
	// password's stamp; every other session of the account ends.
	hash, err := p.App.DB.PasswordHash(r.Context(), r.User.ID)
	if err != nil {
		return err
	}
	if err := p.openSession(r, r.User, hash); err != nil {
		return err
	}
	return accountRedirect(w, r, "/account?saved=password")
}

// Download my data.

func (p *accountPages) exportPage(w http.ResponseWriter, r *request) error {
	return p.render(w, r, http.StatusOK, "account_export", "account.export.title", newAccountForm(nil))
}

func (p *accountPages) export(w http.ResponseWriter, r *request) error {
	b, err := p.App.ExportAccount(r.Context(), r.User)
	if err != nil {
		return accountError(err)
	}
	name := fmt.Sprintf("pathways-account-%d-%s.json", r.User.ID, p.App.Now().UTC().Format(time.DateOnly))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(b)
	return err
}

// Delete my account.

func (p *accountPages) deletePage(w http.ResponseWriter, r *request) error {
	return p.render(w, r, http.StatusOK, "account_delete", "account.delete.title", newAccountForm(nil))
}

func (p *accountPages) delete(w http.ResponseWriter, r *request) error {
	f := newAccountForm(nil)
	if !p.Limiter.Allow(clientIP(r.Request), r.User.Email) {
		f.problem(r.Lang, "password", accountThrottled)
		return p.render(w, r, http.StatusTooManyRequests, "account_delete", "account.delete.title", f)
	}
	err := p.App.DeleteAccount(r.Context(), r.User, r.PostFormValue("password"))
	if f.problems(r.Lang, err) {
		return p.render(w, r, http.StatusUnprocessableEntity, "account_delete", "account.delete.title", f)
	}
	if err != nil {
		return accountError(err)
	}
	if err := p.Sessions.Destroy(r.Context()); err != nil {
		return err
	}
	return accountRedirect(w, r, "/account/deleted")
}

// accountError maps the app layer's refusal to a page error.
func accountError(err error) error {
	if errors.Is(err, app.ErrForbidden) {
		return errForbidden
	}
	return err
}

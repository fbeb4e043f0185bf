package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/account"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Applicant accounts: sign-up, email verification, password reset,
// preferences, the export of one's data and account deletion. Staff accounts
// are created from the command line; only password reset serves them too.

// The data each account email's template receives (internal/mail/templates).
type (
	// VerifyMail fills "verify": the link that confirms the address.
	VerifyMail struct {
		Link  string
		Hours int
	}
	// ExistsMail fills "exists": sent to an account's owner when someone tries
	// to sign up again with its address.
	ExistsMail struct{ SignInLink, ResetLink string }
	// ResetMail fills "reset": the link to choose a new password.
	ResetMail struct {
		Link    string
		Minutes int
	}
	// DeletedMail fills "deleted": the last email, after the account is deleted.
	DeletedMail struct{ PrivacyLink string }
)

// existsQuiet is how long after one "exists" notice no other is sent to the same account.
const existsQuiet = time.Hour

// SignUpForm is what a visitor submits to create an applicant account.
type SignUpForm struct {
	Email, Password string
	Lang            lang.Lang // preferred language; the page's by default
}

// SignUp creates an unverified applicant account and queues the email that
// verifies its address, in one transaction. Bad input gives valid.Problems
// (fields "email", "password", "lang") and changes nothing. When the address
// already has an account, SignUp still returns nil, as for a new account, so
// the page does not reveal who has an account: the owner is emailed instead.
func (a *App) SignUp(ctx context.Context, f SignUpForm) error {
	email := auth.NormalizeEmail(f.Email)
	var ps valid.Problems
	accountEmailProblem(&ps, "email", email)
	accountPasswordProblem(&ps, "password", f.Password, email)
	if _, ok := lang.Parse(string(f.Lang)); !ok {
		ps.Add("lang", "Choose English or French.", "Choisissez l'anglais ou le français.")
	}
	if err := ps.Err(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(f.Password) // before the lookup, so both outcomes take as long
	if err != nil {
		return err
	}
	now := a.Now()
	raw, tok, err := account.New(account.Verify, 0, email, now)
	if err != nil {
		return err
	}
	m, err := mail.Compose("verify", f.Lang, email, VerifyMail{Link: a.accountLink(f.Lang, "/account/verify", raw), Hours: int(account.VerifyLifetime.Hours())})
	if err != nil {
		return err
	}
	u := &auth.User{Email: email, Role: auth.Applicant, Lang: f.Lang, NotifyStatus: true, NotifyReminders: true}
	err = a.DB.CreateApplicant(ctx, u, hash, tok, m)
	if errors.Is(err, store.ErrConflict) {
		return a.notifyAccountExists(ctx, email, now)
	}
	return err
}

// notifyAccountExists emails the owner of the account at email that someone tried
// to sign up with it (at most once an hour).
func (a *App) notifyAccountExists(ctx context.Context, email string, now time.Time) error {
	u, err := a.DB.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return nil // deleted in between: nothing to tell
	}
	if err != nil || !u.Active() {
		return err
	}
	m, err := mail.Compose("exists", u.Lang, u.Email, ExistsMail{
		SignInLink: a.BaseURL + "/" + string(u.Lang) + "/signin",
		ResetLink:  a.BaseURL + "/" + string(u.Lang) + "/account/reset",
	})
	if err != nil {
		return err
	}
	_, err = a.DB.EnqueueExistsNotice(ctx, u.ID, m, now, now.Add(-existsQuiet))
	return err
}

// ResendVerification queues a new verification link for the applicant
// account at email, in language l, if there is one whose address is not yet
// verified. Whether there is is not revealed: only a malformed address is an
// error (valid.Problems on "email").
func (a *App) ResendVerification(ctx context.Context, email string, l lang.Lang) error {
	email = auth.NormalizeEmail(email)
	var ps valid.Problems
	accountEmailProblem(&ps, "email", email)
	if err := ps.Err(); err != nil {
		return err
	}
	u, err := a.DB.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || !u.Active() || u.Role != auth.Applicant || !u.EmailVerifiedAt.IsZero() {
		return err
	}
	raw, tok, err := account.New(account.Verify, u.ID, u.Email, a.Now())
	if err != nil {
		return err
	}
	m, err := mail.Compose("verify", l, u.Email, VerifyMail{Link: a.accountLink(l, "/account/verify", raw), Hours: int(account.VerifyLifetime.Hours())})
	if err != nil {
		return err
	}
	return a.issueAccountToken(ctx, tok, m)
}

// VerifyEmail uses a verification link's token: the account's address is
// confirmed. A bad, used or expired token gives the matching *account.Error.
func (a *App) VerifyEmail(ctx context.Context, raw string) (*auth.User, error) {
	if !account.WellFormed(raw) {
		return nil, account.ErrTokenInvalid
	}
	u, err := a.DB.VerifyEmail(ctx, account.Hash(raw), a.Now())
	return u, accountTokenError(err)
}

// RequestPasswordReset emails a password-reset link, in language l, to the
// account at email if there is an active one (staff included). Whether there
// is is not revealed: only a malformed address is an error.
func (a *App) RequestPasswordReset(ctx context.Context, email string, l lang.Lang) error {
	email = auth.NormalizeEmail(email)
	var ps valid.Problems
	accountEmailProblem(&ps, "email", email)
	if err := ps.Err(); err != nil {
		return err
	}
	u, err := a.DB.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || !u.Active() {
		return err
	}
	raw, tok, err := account.New(account.Reset, u.ID, u.Email, a.Now())
	if err != nil {
		return err
	}
	m, err := mail.Compose("reset", l, u.Email, ResetMail{Link: a.accountLink(l, "/account/reset/new", raw), Minutes: int(account.ResetLifetime.Minutes())})
	if err != nil {
		return err
	}
	return a.issueAccountToken(ctx, tok, m)
}

// CheckLink reports whether an emailed link's token of purpose p can be used
// now, without using it, and for which account. A bad, used or expired token
// gives the matching *account.Error.
func (a *App) CheckLink(ctx context.Context, p account.Purpose, raw string) (*auth.User, error) {
	if !account.WellFormed(raw) {
		return nil, account.ErrTokenInvalid
	}
	u, err := a.DB.AccountTokenUser(ctx, account.Hash(raw), p, a.Now())
	return u, accountTokenError(err)
}

// ResetPassword sets a new password with a reset link's token. A new password
// that breaks the rules gives valid.Problems (field "password") and leaves the
// link usable; a bad, used or expired link gives the matching *account.Error.
func (a *App) ResetPassword(ctx context.Context, raw, password string) (*auth.User, error) {
	u, err := a.CheckLink(ctx, account.Reset, raw)
	if err != nil {
		return nil, err
	}
	var ps valid.Problems
	accountPasswordProblem(&ps, "password", password, u.Email)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	u, err = a.DB.ResetPassword(ctx, account.Hash(raw), hash, a.Now())
	return u, accountTokenError(err)
}

// Preferences are the choices an applicant makes on their account page.
type Preferences struct {
	Lang            lang.Lang
	NotifyStatus    bool // email at each change of an application's status
	NotifyReminders bool // email a reminder before a posting with a draft closes
}

// SavePreferences saves u's preferences (u must be an active applicant).
func (a *App) SavePreferences(ctx context.Context, u *auth.User, p Preferences) error {
	if err := accountOwnerOnly(u); err != nil {
		return err
	}
	if _, ok := lang.Parse(string(p.Lang)); !ok {
		var ps valid.Problems
		ps.Add("lang", "Choose English or French.", "Choisissez l'anglais ou le français.")
		return ps
	}
	return a.DB.SetAccountPreferences(ctx, u.ID, p.Lang, p.NotifyStatus, p.NotifyReminders)
}

// ChangePassword replaces u's password after checking the current one. Problems
// are on fields "current_password" and "new_password"; nothing changes then.
func (a *App) ChangePassword(ctx context.Context, u *auth.User, current, next string) error {
	if err := accountOwnerOnly(u); err != nil {
		return err
	}
	var ps valid.Problems
	if ok, err := a.accountPasswordMatches(ctx, u, current); err != nil {
		return err
	} else if !ok {
		ps.Add("current_password", "Your current password is not right. Enter the password you sign in with.",
			"Votre mot de passe actuel n'est pas le bon. Entrez le mot de passe avec lequel vous vous connectez.")
	}
	accountPasswordProblem(&ps, "new_password", next, u.Email)
	if err := ps.Err(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	return a.DB.ChangePassword(ctx, u.ID, hash, a.Now())
}

// ExportAccount returns everything held about u as indented JSON (see
// account.Export) and records the export in the audit log.
func (a *App) ExportAccount(ctx context.Context, u *auth.User) ([]byte, error) {
	if err := accountOwnerOnly(u); err != nil {
		return nil, err
	}
	x, err := a.DB.ExportAccount(ctx, u.ID, a.Now())
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("app: export account %d: %w", u.ID, err)
	}
	if err := a.DB.Audit(ctx, u.ID, "user.export", fmt.Sprintf("user:%d", u.ID), ""); err != nil {
		return nil, err // an export that is not on record is not given out
	}
	return append(b, '\n'), nil
}

// DeleteAccount deletes u's account after checking its password (field
// "password"), as store.DeleteAccount describes, and queues the email that
// confirms it to the old address.
func (a *App) DeleteAccount(ctx context.Context, u *auth.User, password string) error {
	if err := accountOwnerOnly(u); err != nil {
		return err
	}
	if ok, err := a.accountPasswordMatches(ctx, u, password); err != nil {
		return err
	} else if !ok {
		var ps valid.Problems
		ps.Add("password", "The password is not right. Enter the password you sign in with to delete your account.",
			"Le mot de passe n'est pas le bon. Entrez le mot de passe avec lequel vous vous connectez pour supprimer votre compte.")
		return ps
	}
	m, err := mail.Compose("deleted", u.Lang, u.Email, DeletedMail{PrivacyLink: a.BaseURL + "/" + string(u.Lang) + "/privacy"})
	if err != nil {
		return err
	}
	if err := a.DB.DeleteAccount(ctx, u.ID, m, a.Now()); err != nil {
		return err
	}
	a.Log.InfoContext(ctx, "account deleted", "user", u.ID)
	return nil
}

// accountPasswordMatches reports whether pw is u's current password.
func (a *App) accountPasswordMatches(ctx context.Context, u *auth.User, pw string) (bool, error) {
	if pw == "" || len(pw) > 1024 {
		return false, nil
	}
	hash, err := a.DB.PasswordHash(ctx, u.ID)
	if err != nil {
		return false, err
	}
	ok, err := auth.CheckPassword(hash, pw)
	if errors.Is(err, auth.ErrMalformedHash) {
		return false, nil
	}
	return ok, err
}

func (a *App) issueAccountToken(ctx context.Context, t account.Token, m mail.Message) error {
	err := a.DB.IssueAccountToken(ctx, t, m)
	if errors.Is(err, store.ErrNotFound) {
		return nil // the account was deleted or disabled in between
	}
	return err
}

// accountLink is the address, for an email, of page path in language l with the token raw.
func (a *App) accountLink(l lang.Lang, path, raw string) string {
	return a.BaseURL + "/" + string(l) + path + "?token=" + url.QueryEscape(raw)
}

// accountOwnerOnly refuses what only an active applicant may do to their own account.
func accountOwnerOnly(u *auth.User) error {
	if !u.Active() || u.Role != auth.Applicant {
		return ErrForbidden
	}
	return nil
}

// accountTokenError maps a token the store does not know to "invalid".
func accountTokenError(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return account.ErrTokenInvalid
	}
	return err
}

// accountEmailProblem adds a problem on field unless email (normalized) is a usable address.
func accountEmailProblem(ps *valid.Problems, field, email string) {
	switch {
	case email == "":
		ps.Add(field, "Enter your email address.", "Entrez votre adresse courriel.")
	case !auth.ValidEmail(email) || strings.HasSuffix(email, ".invalid"):
		ps.Add(field, "Enter an email address in the right format, like name@example.com.",
			"Entrez une adresse courriel au bon format, par exemple nom@exemple.ca.")
	}
}

// accountPasswordProblem adds a problem on field unless pw is an acceptable new
// password for the account at email (auth.ValidatePassword's rules).
func accountPasswordProblem(ps *valid.Problems, field, pw, email string) {
	if pw == "" {
		ps.Add(field, "Enter a password.", "Entrez un mot de passe.")
		return
	}
	if err := auth.ValidatePassword(pw, email); err != nil {
		var ae *auth.Error
		if errors.As(err, &ae) {
			*ps = append(*ps, valid.Problem{Field: field, Msg: ae.Msg})
			return
		}
		ps.Add(field, "This password cannot be used. Choose another one.", "Ce mot de passe ne peut pas être utilisé. Choisissez-en un autre.")
	}
}

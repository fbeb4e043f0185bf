package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/account"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/valid"
)

const acctPassword = "rivers quietly fold paper"

// acctMail returns the emails queued to addr.
func acctMail(t *testing.T, a *App, addr string) []mail.Message {
	t.Helper()
	ms, err := a.DB.QueuedMailTo(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

var acctLink = regexp.MustCompile(`(http://\S+)\?token=(\S+)`)

// acctToken returns the link's address and token in the last email of kind to addr.
func acctToken(t *testing.T, a *App, addr, kind string) (string, string) {
	t.Helper()
	ms := acctMail(t, a, addr)
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Kind == kind {
			m := acctLink.FindStringSubmatch(ms[i].Body)
			if m == nil {
				t.Fatalf("%s email without a link: %s", kind, ms[i].Body)
			}
			tok, _ := url.QueryUnescape(m[2])
			return m[1], tok
		}
	}
	t.Fatalf("no %s email to %s among %d", kind, addr, len(ms))
	return "", ""
}

// acctFields returns the fields of the problems err holds, or fails.
func acctFields(t *testing.T, err error) []string {
	t.Helper()
	var ps valid.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("%v, want problems", err)
	}
	var out []string
	for _, p := range ps {
		if p.Msg.EN == "" || p.Msg.FR == "" {
			t.Errorf("problem on %s is not bilingual: %+v", p.Field, p.Msg)
		}
		out = append(out, p.Field)
	}
	return out
}

func TestSignUpRefusesBadInput(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		form SignUpForm
		want string
	}{
		{"no email", SignUpForm{Password: acctPassword, Lang: lang.EN}, "email"},
		{"bad email", SignUpForm{Email: "ana@", Password: acctPassword, Lang: lang.EN}, "email"},
		{"reserved domain", SignUpForm{Email: "deleted-1@x.invalid", Password: acctPassword, Lang: lang.EN}, "email"},
		{"no password", SignUpForm{Email: "ana@example.ca", Lang: lang.EN}, "password"},
		{"short password", SignUpForm{Email: "ana@example.ca", Password: "short one", Lang: lang.EN}, "password"},
		{"common password", SignUpForm{Email: "ana@example.ca", Password: "password1234", Lang: lang.EN}, "password"},
		{"password is the email", SignUpForm{Email: "ana.tremblay@example.ca", Password: "ana.tremblay2024", Lang: lang.EN}, "password"},
		{"language", SignUpForm{Email: "ana@example.ca", Password: acctPassword, Lang: "de"}, "lang"},
	} {
		fields := acctFields(t, a.SignUp(ctx, c.form))
		if strings.Join(fields, ",") != c.want {
			t.Errorf("%s: problems on %v, want %s", c.name, fields, c.want)
		}
	}
	if users, _ := a.DB.ListUsers(ctx); len(users) != 0 {
		t.Errorf("%d accounts after refused sign-ups", len(users))
	}
}

func TestSignUpAndVerify(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if err := a.SignUp(ctx, SignUpForm{Email: " Ana@Example.ca ", Password: acctPassword, Lang: lang.FR}); err != nil {
		t.Fatal(err)
	}
	u, err := a.DB.UserByEmail(ctx, "ana@example.ca")
	if err != nil || u.Role != auth.Applicant || u.Lang != lang.FR || !u.EmailVerifiedAt.IsZero() || !u.NotifyStatus || !u.NotifyReminders {
		t.Fatalf("account %+v, %v", u, err)
	}
	ms := acctMail(t, a, "ana@example.ca")
	if len(ms) != 1 || ms[0].Kind != "verify" || ms[0].Lang != lang.FR || ms[0].UserID != u.ID || !strings.Contains(ms[0].Subject, "Confirmez") {
		t.Fatalf("emails %+v", ms)
	}
	link, tok := acctToken(t, a, "ana@example.ca", "verify")
	if link != a.BaseURL+"/fr/account/verify" {
		t.Errorf("link %s", link)
	}
	if _, err := a.VerifyEmail(ctx, "not a token"); !errors.Is(err, account.ErrTokenInvalid) {
		t.Errorf("garbage token: %v", err)
	}
	if _, err := a.VerifyEmail(ctx, strings.Repeat("A", 43)); !errors.Is(err, account.ErrTokenInvalid) {
		t.Errorf("unknown token: %v", err)
	}
	got, err := a.VerifyEmail(ctx, tok)
	if err != nil || got.EmailVerifiedAt.IsZero() {
		t.Fatalf("verify: %+v, %v", got, err)
	}
	if _, err := a.VerifyEmail(ctx, tok); !errors.Is(err, account.ErrTokenUsed) {
		t.Errorf("second use: %v", err)
	}
	// Once verified, asking for a new link sends nothing.
	if err := a.ResendVerification(ctx, "ana@example.ca", lang.EN); err != nil {
		t.Fatal(err)
	}
	if n := len(acctMail(t, a, "ana@example.ca")); n != 1 {
		t.Errorf("%d emails after resending to a verified address, want 1", n)
	}
}

func TestSignUpWithATakenAddress(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if err := a.SignUp(ctx, SignUpForm{Email: "ben@example.ca", Password: acctPassword, Lang: lang.FR}); err != nil {
		t.Fatal(err)
	}
	before, _ := a.DB.PasswordHash(ctx, acctUser(t, a, "ben@example.ca").ID)
	// The same answer as for a new address, twice.
	for range 2 {
		if err := a.SignUp(ctx, SignUpForm{Email: "BEN@example.ca", Password: "another long passphrase", Lang: lang.EN}); err != nil {
			t.Fatalf("sign-up with a taken address: %v", err)
		}
	}
	if users, _ := a.DB.ListUsers(ctx); len(users) != 1 {
		t.Errorf("%d accounts", len(users))
	}
	if after, _ := a.DB.PasswordHash(ctx, acctUser(t, a, "ben@example.ca").ID); after != before {
		t.Error("signing up again changed the password")
	}
	var exists []mail.Message
	for _, m := range acctMail(t, a, "ben@example.ca") {
		if m.Kind == "exists" {
			exists = append(exists, m)
		}
	}
	// One notice (not one per attempt), in the owner's language, with a way in.
	if len(exists) != 1 || exists[0].Lang != lang.FR || !strings.Contains(exists[0].Body, a.BaseURL+"/fr/account/reset") {
		t.Errorf("exists notices %+v", exists)
	}
}

func acctUser(t *testing.T, a *App, email string) *auth.User {
	t.Helper()
	u, err := a.DB.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestResendVerification(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if err := a.SignUp(ctx, SignUpForm{Email: "cy@example.ca", Password: acctPassword, Lang: lang.EN}); err != nil {
		t.Fatal(err)
	}
	staff := &auth.User{Email: "hm@example.ca", Role: auth.HiringManager, Org: "ods", Lang: lang.EN}
	if err := a.DB.CreateUser(ctx, staff, "$argon2id$x"); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"nobody@example.ca", "hm@example.ca", "cy@example.ca"} {
		if err := a.ResendVerification(ctx, email, lang.FR); err != nil {
			t.Fatalf("resend to %s: %v", email, err)
		}
	}
	if n := len(acctMail(t, a, "nobody@example.ca")) + len(acctMail(t, a, "hm@example.ca")); n != 0 {
		t.Errorf("%d emails to addresses without an unverified applicant account", n)
	}
	ms := acctMail(t, a, "cy@example.ca")
	if len(ms) != 2 || ms[1].Kind != "verify" || ms[1].Lang != lang.FR {
		t.Fatalf("emails %+v", ms)
	}
	// Both links work: the first is not voided by the second.
	_, second := acctToken(t, a, "cy@example.ca", "verify")
	if _, err := a.VerifyEmail(ctx, second); err != nil {
		t.Error(err)
	}
	if fields := acctFields(t, a.ResendVerification(ctx, "not an address", lang.EN)); fields[0] != "email" {
		t.Errorf("problems on %v", fields)
	}
}

func TestPasswordReset(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if err := a.SignUp(ctx, SignUpForm{Email: "di@example.ca", Password: acctPassword, Lang: lang.EN}); err != nil {
		t.Fatal(err)
	}
	if err := a.RequestPasswordReset(ctx, "nobody@example.ca", lang.EN); err != nil {
		t.Errorf("reset for an unknown address: %v", err)
	}
	if n := len(acctMail(t, a, "nobody@example.ca")); n != 0 {
		t.Errorf("%d emails to an unknown address", n)
	}
	if err := a.RequestPasswordReset(ctx, "DI@example.ca", lang.FR); err != nil {
		t.Fatal(err)
	}
	link, tok := acctToken(t, a, "di@example.ca", "reset")
	if link != a.BaseURL+"/fr/account/reset/new" {
		t.Errorf("link %s", link)
	}
	if u, err := a.CheckLink(ctx, account.Reset, tok); err != nil || u.Email != "di@example.ca" {
		t.Fatalf("check: %v, %v", u, err)
	}
	// A new password that breaks the rules changes nothing and keeps the link usable.
	if fields := acctFields(t, acctErr(a.ResetPassword(ctx, tok, "password1234"))); fields[0] != "password" {
		t.Errorf("problems on %v", fields)
	}
	const next = "a brand new long passphrase"
	if _, err := a.ResetPassword(ctx, tok, next); err != nil {
		t.Fatal(err)
	}
	u := acctUser(t, a, "di@example.ca")
	hash, _ := a.DB.PasswordHash(ctx, u.ID)
	if ok, _ := auth.CheckPassword(hash, next); !ok {
		t.Error("the new password does not work")
	}
	if u.EmailVerifiedAt.IsZero() {
		t.Error("a used reset link did not verify the address")
	}
	if _, err := a.ResetPassword(ctx, tok, "yet another long passphrase"); !errors.Is(err, account.ErrTokenUsed) {
		t.Errorf("second use: %v", err)
	}
}

func TestAccountPage(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if err := a.SignUp(ctx, SignUpForm{Email: "eve@example.ca", Password: acctPassword, Lang: lang.EN}); err != nil {
		t.Fatal(err)
	}
	u := acctUser(t, a, "eve@example.ca")
	if err := a.SavePreferences(ctx, u, Preferences{Lang: lang.FR, NotifyReminders: true}); err != nil {
		t.Fatal(err)
	}
	if got := acctUser(t, a, "eve@example.ca"); got.Lang != lang.FR || got.NotifyStatus || !got.NotifyReminders {
		t.Errorf("preferences %+v", got)
	}
	if fields := acctFields(t, a.SavePreferences(ctx, u, Preferences{Lang: "xx"})); fields[0] != "lang" {
		t.Errorf("problems on %v", fields)
	}
	if fields := acctFields(t, a.ChangePassword(ctx, u, "wrong password here", "short")); strings.Join(fields, ",") != "current_password,new_password" {
		t.Errorf("problems on %v", fields)
	}
	if err := a.ChangePassword(ctx, u, acctPassword, "the changed long passphrase"); err != nil {
		t.Fatal(err)
	}
	hash, _ := a.DB.PasswordHash(ctx, u.ID)
	if ok, _ := auth.CheckPassword(hash, "the changed long passphrase"); !ok {
		t.Error("the changed password does not work")
	}
	b, err := a.ExportAccount(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	var x account.Export
	if err := json.Unmarshal(b, &x); err != nil || x.Account.Email != "eve@example.ca" || len(x.Emails) != 1 {
		t.Errorf("export %s: %v", b, err)
	}
	if log, _ := a.DB.AuditLog(ctx, "user:"+acctItoa(u.ID), 10); len(log) == 0 || log[0].Action != "user.export" {
		t.Errorf("audit log %+v", log)
	}

	// Staff accounts do not use the applicant's account page.
	staff := &auth.User{ID: 1000, Email: "hm@example.ca", Role: auth.HiringManager, Org: "ods"}
	for name, err := range map[string]error{
		"preferences": a.SavePreferences(ctx, staff, Preferences{Lang: lang.EN}),
		"password":    a.ChangePassword(ctx, staff, "x", "y"),
		"export":      acctErr(a.ExportAccount(ctx, staff)),
		"delete":      a.DeleteAccount(ctx, staff, "x"),
	} {
		if !errors.Is(err, ErrForbidden) {
			t.Errorf("%s by staff: %v, want ErrForbidden", name, err)
		}
	}
}

func TestDeleteAccountNeedsThePassword(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if err := a.SignUp(ctx, SignUpForm{Email: "flo@example.ca", Password: acctPassword, Lang: lang.FR}); err != nil {
		t.Fatal(err)
	}
	u := acctUser(t, a, "flo@example.ca")
	for _, pw := range []string{"", "not my password"} {
		if fields := acctFields(t, a.DeleteAccount(ctx, u, pw)); fields[0] != "password" {
			t.Errorf("problems on %v", fields)
		}
	}
	if !acctUser(t, a, "flo@example.ca").DeletedAt.IsZero() {
		t.Fatal("deleted without the password")
	}
	if err := a.DeleteAccount(ctx, u, acctPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB.UserByEmail(ctx, "flo@example.ca"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the address still finds the account: %v", err)
	}
	ms := acctMail(t, a, "flo@example.ca")
	if len(ms) != 1 || ms[0].Kind != "deleted" || ms[0].Lang != lang.FR || ms[0].UserID != 0 {
		t.Errorf("emails after deletion %+v", ms)
	}
	// The deleted account can ask for nothing more.
	if err := a.RequestPasswordReset(ctx, "flo@example.ca", lang.EN); err != nil {
		t.Fatal(err)
	}
	if n := len(acctMail(t, a, "flo@example.ca")); n != 1 {
		t.Errorf("%d emails, want only the goodbye", n)
	}
}

func acctErr[T any](_ T, err error) error { return err }

func acctItoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/account"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/store"
)

// acctLinkRE finds the link in an account email.
var acctLinkRE = regexp.MustCompile(`https?://[^/\s]+(/\S+\?token=\S+)`)

// mailTo returns the emails queued for addr.
func (e *env) mailTo(addr string) []mail.Message {
	e.t.Helper()
	ms, err := e.app.DB.QueuedMailTo(context.Background(), addr)
	if err != nil {
		e.t.Fatal(err)
	}
	return ms
}

// lastLink returns the path and query of the link in the newest email of kind to addr.
func (e *env) lastLink(addr, kind string) string {
	e.t.Helper()
	ms := e.mailTo(addr)
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Kind == kind {
			m := acctLinkRE.FindStringSubmatch(ms[i].Body)
			if m == nil {
				e.t.Fatalf("%s email has no link: %s", kind, ms[i].Body)
			}
			return m[1]
		}
	}
	e.t.Fatalf("no %s email to %s (%d emails)", kind, addr, len(ms))
	return ""
}

// wantRedirect checks res is a 303 to path.
func wantRedirect(t *testing.T, what string, res *response, path string) {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path {
		t.Fatalf("%s: %d to %q, want 303 to %s\n%s", what, res.StatusCode, res.Header.Get("Location"), path, res.body)
	}
}

// submit posts the form matched by sel on res's page, with changes applied.
func (c *client) submit(res *response, sel string, changes url.Values) *response {
	c.e.t.Helper()
	form := res.doc.Find(sel).First()
	if form.Length() == 0 {
		c.e.t.Fatalf("no form %s on the page:\n%s", sel, res.body)
	}
	action, _ := form.Attr("action")
	v := formValues(form)
	for k, vs := range changes {
		v[k] = vs
	}
	return c.post(action, v)
}

// The whole life of an applicant account, through the pages as a browser uses them.
func TestAccountLifecycle(t *testing.T) {
	for _, engine := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(engine), func(t *testing.T) { accountLifecycle(t, engine) })
	}
}

func accountLifecycle(t *testing.T, engine store.Dialect) {
	e := newEnv(t, engine)
	ctx := context.Background()
	const addr = "new.applicant@example.ca"
	const pw1, pw2, pw3 = "violet kettles hum softly", "seven paper boats drifting", "a third long passphrase here"
	c := e.client()

	// Sign up (the form defaults to the page's language).
	page := c.get("/fr/signup")
	if page.doc.Find("#lang-fr[checked]").Length() == 0 {
		t.Error("the French page does not default to French")
	}
	res := c.submit(page, `form[action="/fr/signup"]`, url.Values{"email": {"New.Applicant@Example.ca"}, "password": {pw1}, "lang": {"en"}})
	wantRedirect(t, "sign up", res, "/fr/signup/check-email")
	if res := c.get("/fr/signup/check-email"); res.StatusCode != http.StatusOK || res.text("h1") != "Consultez vos courriels" {
		t.Errorf("check-email page: %d %q", res.StatusCode, res.text("h1"))
	}
	u, err := e.app.DB.UserByEmail(ctx, addr)
	if err != nil || u.Role != auth.Applicant || u.Lang != "en" || !u.EmailVerifiedAt.IsZero() {
		t.Fatalf("account %+v, %v", u, err)
	}

	// The verification email, in the chosen language, links to a page whose button verifies.
	link := e.lastLink(addr, "verify")
	if !strings.HasPrefix(link, "/en/account/verify?token=") {
		t.Fatalf("verify link %s", link)
	}
	page = c.get(link)
	if page.StatusCode != http.StatusOK || page.Header.Get("Referrer-Policy") != "no-referrer" || !strings.Contains(page.body, addr) {
		t.Fatalf("verify page: %d\n%s", page.StatusCode, page.body)
	}
	if again := c.get(link); again.StatusCode != http.StatusOK {
		t.Error("opening the link twice (as mail scanners do) used it up")
	}
	wantRedirect(t, "verify", c.submit(page, `form[action="/en/account/verify"]`, nil), "/en/account/verified")
	if u, _ = e.app.DB.UserByID(ctx, u.ID); u.EmailVerifiedAt.IsZero() {
		t.Fatal("the address is not verified")
	}
	if res := c.submit(page, `form[action="/en/account/verify"]`, nil); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "already been used") {
		t.Errorf("second verification: %d", res.StatusCode)
	}

	// Sign in: the applicant lands on their dashboard, and is no staff.
	res = c.post("/en/signin", url.Values{"email": {addr}, "password": {pw1}})
	wantRedirect(t, "sign in", res, "/en/applications")
	if res := c.get("/en/staff/"); res.StatusCode != http.StatusForbidden {
		t.Errorf("applicant on /en/staff/: %d, want 403", res.StatusCode)
	}
	if res := c.get("/en/staff/postings"); res.StatusCode != http.StatusForbidden {
		t.Errorf("applicant on /en/staff/postings: %d, want 403", res.StatusCode)
	}

	// The account page: preferences, then the password.
	page = c.get("/en/account")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.text("main"), addr) {
		t.Fatalf("account page: %d", page.StatusCode)
	}
	if page.doc.Find(`a[href="/en/account/export"]`).Length() == 0 || page.doc.Find(`a[href="/en/account/delete"]`).Length() == 0 {
		t.Error("the account page does not link to the export and the deletion")
	}
	prefs := formValues(page.doc.Find(`form[action="/en/account"]`))
	if prefs.Get("lang") != "en" || prefs.Get("notify_status") != "yes" || prefs.Get("notify_reminders") != "yes" {
		t.Errorf("preferences form %v", prefs)
	}
	res = c.post("/en/account", url.Values{"lang": {"fr"}, "notify_reminders": {"yes"}})
	wantRedirect(t, "preferences", res, "/fr/account?saved=preferences")
	if u, _ = e.app.DB.UserByID(ctx, u.ID); u.Lang != "fr" || u.NotifyStatus || !u.NotifyReminders {
		t.Errorf("preferences saved as %s %v %v", u.Lang, u.NotifyStatus, u.NotifyReminders)
	}
	page = c.get("/fr/account?saved=preferences")
	if !strings.Contains(page.text(".notice"), "préférences") {
		t.Errorf("no confirmation: %q", page.text(".notice"))
	}
	res = c.post("/fr/account/password", url.Values{"current_password": {pw1}, "new_password": {pw2}})
	wantRedirect(t, "change password", res, "/fr/account?saved=password")
	if hash, _ := e.app.DB.PasswordHash(ctx, u.ID); !mustCheck(hash, pw2) {
		t.Error("the password was not changed")
	}

	// Sign out, forget the password, reset it by email.
	c.post("/fr/signout", nil)
	res = c.post("/en/account/reset", url.Values{"email": {addr}})
	wantRedirect(t, "reset request", res, "/en/account/reset/sent")
	res = c.post("/en/account/reset", url.Values{"email": {"nobody@example.ca"}})
	wantRedirect(t, "reset request for an unknown address", res, "/en/account/reset/sent")
	if n := len(e.mailTo("nobody@example.ca")); n != 0 {
		t.Errorf("%d emails to an unknown address", n)
	}
	link = e.lastLink(addr, "reset")
	if !strings.HasPrefix(link, "/en/account/reset/new?token=") {
		t.Fatalf("reset link %s", link)
	}
	page = c.get(link)
	if page.StatusCode != http.StatusOK || page.doc.Find(`input[type=password][autocomplete=new-password]`).Length() != 1 {
		t.Fatalf("reset page %d", page.StatusCode)
	}
	wantRedirect(t, "reset", c.submit(page, `form[action="/en/account/reset/new"]`, url.Values{"password": {pw3}}), "/en/account/reset/done")
	if res := c.submit(page, `form[action="/en/account/reset/new"]`, url.Values{"password": {"another fine passphrase"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("reset link used twice: %d", res.StatusCode)
	}
	// (Checked in the database: sign-in attempts per address are throttled.)
	if hash, _ := e.app.DB.PasswordHash(ctx, u.ID); mustCheck(hash, pw2) || !mustCheck(hash, pw3) {
		t.Error("the reset did not replace the password")
	}
	wantRedirect(t, "sign in after reset", c.post("/en/signin", url.Values{"email": {addr}, "password": {pw3}}), "/en/applications")

	// Download everything.
	page = c.get("/en/account/export")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("export page %d", page.StatusCode)
	}
	res = c.submit(page, `form[action="/en/account/export"]`, nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("export: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	var x account.Export
	if err := json.Unmarshal([]byte(res.body), &x); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, m := range x.Emails {
		kinds[m.Kind]++
	}
	if x.Account.Email != addr || x.Account.EmailVerifiedAt == nil || x.Account.Language != "fr" || kinds["verify"] != 1 || kinds["reset"] != 1 {
		t.Errorf("export: %+v, emails %v", x.Account, kinds)
	}
	if strings.Contains(res.body, "argon2id") {
		t.Error("the export holds the password hash")
	}

	// Delete the account.
	page = c.get("/en/account/delete")
	res = c.submit(page, `form[action="/en/account/delete"]`, url.Values{"password": {pw3}})
	wantRedirect(t, "delete", res, "/en/account/deleted")
	if res := c.get("/en/account"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("account page after deletion: %d, want a redirect to sign in", res.StatusCode)
	}
	if res := c.post("/en/signin", url.Values{"email": {addr}, "password": {pw3}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a deleted account signed in: %d", res.StatusCode)
	}
	ms := e.mailTo(addr)
	if len(ms) != 1 || ms[0].Kind != "deleted" || ms[0].Lang != "fr" {
		t.Errorf("emails to the old address after deletion: %+v", ms)
	}
	if gone, _ := e.app.DB.UserByID(ctx, u.ID); gone.Email != account.DeletedEmail(u.ID) || gone.Active() {
		t.Errorf("deleted account %+v", gone)
	}
}

// Signing up with an address that has an account looks the same as a new
// sign-up, and emails the owner instead.
func TestSignUpDoesNotRevealAccounts(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.client()
	fresh := c.post("/en/signup", url.Values{"email": {"someone.new@example.ca"}, "password": {"orange cats nap at noon"}, "lang": {"en"}})
	taken := c.post("/en/signup", url.Values{"email": {"applicant@example.ca"}, "password": {"orange cats nap at noon"}, "lang": {"en"}})
	if fresh.StatusCode != taken.StatusCode || fresh.Header.Get("Location") != taken.Header.Get("Location") || fresh.body != taken.body {
		t.Errorf("new address: %d %s; taken address: %d %s", fresh.StatusCode, fresh.Header.Get("Location"), taken.StatusCode, taken.Header.Get("Location"))
	}
	ms := e.mailTo("applicant@example.ca")
	if len(ms) != 1 || ms[0].Kind != "exists" {
		t.Errorf("emails to the owner: %+v", ms)
	}
	if hash, _ := e.app.DB.PasswordHash(context.Background(), e.users["applicant"].ID); !mustCheck(hash, testPassword) {
		t.Error("signing up again changed the owner's password")
	}
}

func mustCheck(hash, pw string) bool {
	ok, _ := auth.CheckPassword(hash, pw)
	return ok
}

// Bad input gets a clear message in the page's language and changes nothing.
func TestAccountBadInput(t *testing.T) {
	e := newEnv(t, store.SQLite)
	ctx := context.Background()
	msgs := map[string][2]string{ // case -> English and French fragments of the message
		"short":    {"at least 12 characters", "au moins 12 caractères"},
		"common":   {"common", "courant"},
		"email":    {"right format", "bon format"},
		"expired":  {"has expired", "a expiré"},
		"used":     {"already been used", "déjà été utilisé"},
		"invalid":  {"not valid", "pas valide"},
		"current":  {"current password is not right", "mot de passe actuel n'est pas le bon"},
		"password": {"password is not right", "mot de passe n'est pas le bon"},
	}
	users := func() int {
		us, _ := e.app.DB.ListUsers(ctx)
		return len(us)
	}
	before := users()
	for i, l := range []string{"en", "fr"} {
		want := func(what string, res *response, status int, key string) {
			t.Helper()
			if res.StatusCode != status {
				t.Errorf("%s (%s): status %d, want %d", what, l, res.StatusCode, status)
			}
			if !strings.Contains(strings.ToLower(res.text(".error-summary")), strings.ToLower(msgs[key][i])) {
				t.Errorf("%s (%s): summary %q, want it to say %q", what, l, res.text(".error-summary"), msgs[key][i])
			}
			if res.doc.Find("html").AttrOr("lang", "") != l {
				t.Errorf("%s: page in %q", what, res.doc.Find("html").AttrOr("lang", ""))
			}
		}
		c := e.client()
		signup := func(email, pw string) *response {
			return c.post("/"+l+"/signup", url.Values{"email": {email}, "password": {pw}, "lang": {l}})
		}
		res := signup("short@example.ca", "too short")
		want("short password", res, http.StatusUnprocessableEntity, "short")
		if v, _ := res.doc.Find("#email").Attr("value"); v != "short@example.ca" {
			t.Errorf("the typed address was lost: %q", v)
		}
		if res.doc.Find(`.error-summary a[href="#password"]`).Length() != 1 || res.doc.Find(`#password[aria-invalid=true]`).Length() != 1 {
			t.Error("the summary does not link to the password field, or the field is not marked")
		}
		want("common password", signup("common@example.ca", "password1234"), http.StatusUnprocessableEntity, "common")
		want("bad email", signup("not-an-address", "orange cats nap at noon"), http.StatusUnprocessableEntity, "email")

		// Links: unknown, expired, used.
		want("invalid link", c.get("/"+l+"/account/verify?token=nonsense"), http.StatusBadRequest, "invalid")
		addr := "links-" + l + "@example.ca"
		wantRedirect(t, "sign up", signup(addr, "orange cats nap at noon"), "/"+l+"/signup/check-email")
		link := strings.Replace(e.lastLink(addr, "verify"), "/en/", "/"+l+"/", 1)
		e.now = e.now.Add(account.VerifyLifetime)
		want("expired link", c.get(link), http.StatusBadRequest, "expired")
		e.now = e.now.Add(-account.VerifyLifetime)
		page := c.get(link)
		c.submit(page, "form[action$=verify]", nil)
		want("used link", c.submit(page, "form[action$=verify]", nil), http.StatusBadRequest, "used")

		c.post("/"+l+"/account/reset", url.Values{"email": {addr}})
		reset := strings.Replace(e.lastLink(addr, "reset"), "/en/", "/"+l+"/", 1)
		page = c.get(reset)
		want("short new password", c.submit(page, "form[action$=new]", url.Values{"password": {"short"}}), http.StatusUnprocessableEntity, "short")
		e.now = e.now.Add(account.ResetLifetime)
		want("expired reset link", c.submit(page, "form[action$=new]", url.Values{"password": {"long enough passphrase here"}}), http.StatusBadRequest, "expired")
		e.now = e.now.Add(-account.ResetLifetime)

		// The account page.
		c = e.client()
		wantRedirect(t, "sign in", c.post("/"+l+"/signin", url.Values{"email": {addr}, "password": {"orange cats nap at noon"}}), "/"+l+"/applications")
		want("wrong current password", c.post("/"+l+"/account/password", url.Values{"current_password": {"wrong"}, "new_password": {"another long passphrase"}}), http.StatusUnprocessableEntity, "current")
		want("wrong password to delete", c.post("/"+l+"/account/delete", url.Values{"password": {"wrong"}}), http.StatusUnprocessableEntity, "password")
		u, _ := e.app.DB.UserByEmail(ctx, addr)
		hash, _ := e.app.DB.PasswordHash(ctx, u.ID)
		if !u.Active() || !mustCheck(hash, "orange cats nap at noon") {
			t.Errorf("bad input changed the account (%s)", l)
		}
	}
	if n := users(); n != before+2 {
		t.Errorf("%d accounts created, want 2", n-before)
	}
}

// Every account route, for each kind of visitor.
func TestAccountRouteMatrix(t *testing.T) {
	e := newEnv(t, store.SQLite)
	const (
		ok     = http.StatusOK
		signin = -1
		denied = http.StatusForbidden
		moved  = http.StatusSeeOther
	)
	roles := []string{"anonymous", "applicant", "hm-ods", "platform-admin"}
	routes := []struct {
		method, path string
		form         url.Values
		want         []int
	}{
		{"GET", "/en/account", nil, []int{signin, ok, denied, denied}},
		{"POST", "/en/account", url.Values{"lang": {"en"}, "notify_status": {"yes"}, "notify_reminders": {"yes"}}, []int{signin, moved, denied, denied}},
		{"POST", "/fr/account/password", url.Values{"current_password": {"x"}}, []int{signin, http.StatusUnprocessableEntity, denied, denied}},
		{"GET", "/fr/account/export", nil, []int{signin, ok, denied, denied}},
		{"POST", "/en/account/export", nil, []int{signin, ok, denied, denied}},
		{"GET", "/en/account/delete", nil, []int{signin, ok, denied, denied}},
		{"POST", "/en/account/delete", url.Values{"password": {"wrong"}}, []int{signin, http.StatusUnprocessableEntity, denied, denied}},
		// Pages for everyone.
		{"GET", "/en/signup", nil, []int{ok, moved, moved, moved}},
		{"GET", "/fr/signup/check-email", nil, []int{ok, ok, ok, ok}},
		{"GET", "/en/account/verify/resend", nil, []int{ok, ok, ok, ok}},
		{"GET", "/en/account/reset", nil, []int{ok, ok, ok, ok}},
		{"GET", "/fr/account/reset/sent", nil, []int{ok, ok, ok, ok}},
		{"GET", "/en/account/reset/done", nil, []int{ok, ok, ok, ok}},
		{"GET", "/en/account/verified", nil, []int{ok, ok, ok, ok}},
		{"GET", "/en/account/deleted", nil, []int{ok, ok, ok, ok}},
		{"GET", "/fr/privacy", nil, []int{ok, ok, ok, ok}},
		{"GET", "/en/account/verify?token=x", nil, []int{http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest}},
		{"GET", "/en/account/reset/new", nil, []int{http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest}},
	}
	for _, r := range routes {
		for i, role := range roles {
			c := e.signedIn(role)
			var res *response
			if r.method == "GET" {
				res = c.get(r.path)
			} else {
				res = c.post(r.path, r.form)
			}
			want := r.want[i]
			if want == signin {
				lang := r.path[1:3]
				if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/"+lang+"/signin?next=") {
					t.Errorf("%s %s as %s: %d %q, want a redirect to sign in", r.method, r.path, role, res.StatusCode, res.Header.Get("Location"))
				}
				continue
			}
			if res.StatusCode != want {
				t.Errorf("%s %s as %s: %d, want %d", r.method, r.path, role, res.StatusCode, want)
			}
		}
	}
	// The applicant's account is untouched by all this.
	if u, _ := e.app.DB.UserByID(context.Background(), e.users["applicant"].ID); !u.Active() {
		t.Error("the applicant's account was changed")
	}
}

// The site header offers the right links to each kind of visitor.
func TestAccountLinksInHeader(t *testing.T) {
	e := newEnv(t, store.SQLite)
	for role, want := range map[string][]string{
		"anonymous":      {"/en/signin", "/en/signup"},
		"applicant":      {"/en/applications", "/en/account"},
		"platform-admin": {"/en/staff/postings"},
	} {
		res := e.signedIn(role).get("/en/jobs")
		nav := res.doc.Find("header nav")
		for _, href := range want {
			if nav.Find(`a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("%s: no link to %s in the header", role, href)
			}
		}
		if role != "applicant" && nav.Find(`a[href="/en/account"]`).Length() != 0 {
			t.Errorf("%s: header links to the applicant's account page", role)
		}
	}
}

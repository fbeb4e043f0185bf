package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/server"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// testPassword is every test account's password.
const testPassword = "correct horse battery staple"

// env is a running Pathways server on one engine, with an account per role.
type env struct {
	t     *testing.T
	app   *app.App
	srv   *httptest.Server
	users map[string]*auth.User // by name: applicant, hm-ods, hm-other, hr-ods, program-admin, platform-admin
	now   time.Time
	// sessions caches one signed-in client per account: signing in again and
	// again would (rightly) trip the sign-in throttle.
	sessions map[string]*client
}

func newEnv(t *testing.T, engine store.Dialect) *env {
	t.Helper()
	db := storetest.Open(t, engine)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, log)
	e := &env{t: t, app: a, now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
	a.Now = func() time.Time { return e.now }
	ctx := context.Background()
	if err := a.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := server.New(a, server.Config{SecureCookies: false}, log)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(s.Handler())
	t.Cleanup(e.srv.Close)
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	e.users = map[string]*auth.User{}
	for _, u := range []struct {
		name string
		role auth.Role
		org  string
	}{
		{"applicant", auth.Applicant, ""},
		{"hm-ods", auth.HiringManager, "ods"},
		{"hm-other", auth.HiringManager, "statcan"},
		{"hr-ods", auth.HRAdvisor, "ods"},
		{"program-admin", auth.ProgramAdmin, ""},
		{"platform-admin", auth.PlatformAdmin, ""},
	} {
		user := &auth.User{Email: u.name + "@example.ca", Name: u.name, Role: u.role, Org: u.org}
		if err := db.CreateUser(ctx, user, hash); err != nil {
			t.Fatalf("create %s: %v", u.name, err)
		}
		e.users[u.name] = user
	}
	return e
}

// client is a browser-like HTTP client with its own cookies, which does not follow redirects.
type client struct {
	e *env
	c *http.Client
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn returns a client signed in as the named account.
func (e *env) signedIn(name string) *client {
	e.t.Helper()
	if c, ok := e.sessions[name]; ok {
		return c
	}
	c := e.client()
	if e.sessions == nil {
		e.sessions = map[string]*client{}
	}
	e.sessions[name] = c
	if name == "anonymous" {
		return c
	}
	res := c.post("/en/signin", url.Values{"email": {name + "@example.ca"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: status %d: %s", name, res.StatusCode, res.body)
	}
	return c
}

type response struct {
	*http.Response
	body string
	doc  *goquery.Document
}

func (c *client) do(req *http.Request) *response {
	c.e.t.Helper()
	res, err := c.c.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := &response{Response: res, body: string(b)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		r.doc, err = goquery.NewDocumentFromReader(strings.NewReader(r.body))
		if err != nil {
			c.e.t.Fatal(err)
		}
	}
	return r
}

func (c *client) get(path string) *response {
	req, _ := http.NewRequest("GET", c.e.srv.URL+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values) *response {
	req, _ := http.NewRequest("POST", c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// text returns the trimmed text of the first element matching sel.
func (r *response) text(sel string) string {
	if r.doc == nil {
		return ""
	}
	return strings.TrimSpace(r.doc.Find(sel).First().Text())
}

// formValues collects what a browser submits from a form: text inputs, hidden
// inputs, checked boxes and radios, selected options and textareas.
func formValues(form *goquery.Selection) url.Values {
	v := url.Values{}
	form.Find("input[name]").Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		typ, _ := in.Attr("type")
		val, _ := in.Attr("value")
		switch typ {
		case "checkbox", "radio":
			if _, checked := in.Attr("checked"); checked {
				v.Add(name, val)
			}
		default:
			v.Add(name, val)
		}
	})
	form.Find("textarea[name]").Each(func(_ int, ta *goquery.Selection) {
		name, _ := ta.Attr("name")
		v.Add(name, ta.Text())
	})
	form.Find("select[name]").Each(func(_ int, sel *goquery.Selection) {
		name, _ := sel.Attr("name")
		val, _ := sel.Find("option[selected]").Attr("value")
		v.Add(name, val)
	})
	return v
}

package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/web"
)

// A new password ends every other session of the account (a thief's, say),
// while the session that changed it carries on.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	e := newEnv(t, store.SQLite)
	signIn := func() *client {
		c := e.client()
		if res := c.post("/en/signin", url.Values{"email": {"applicant@example.ca"}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in: %d", res.StatusCode)
		}
		return c
	}
	mine, thief := signIn(), signIn()
	for name, c := range map[string]*client{"mine": mine, "thief": thief} {
		if res := c.get("/en/account"); res.StatusCode != http.StatusOK {
			t.Fatalf("%s before the change: %d", name, res.StatusCode)
		}
	}
	res := mine.post("/en/account/password", url.Values{"current_password": {testPassword}, "new_password": {"a brand new long passphrase"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: %d %s", res.StatusCode, res.body)
	}
	if res := mine.get("/en/account"); res.StatusCode != http.StatusOK {
		t.Errorf("the session that changed the password: %d, want 200", res.StatusCode)
	}
	if res := thief.get("/en/account"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another session after the change: %d, want a redirect to sign in", res.StatusCode)
	}
}

// storedSession returns the stored bytes of c's session.
func (e *env) storedSession(c *client) []byte {
	e.t.Helper()
	u, _ := url.Parse(e.srv.URL)
	for _, ck := range c.c.Jar.Cookies(u) {
		if ck.Name == "pathways_session" {
			b, found, err := e.app.DB.SessionStore().(interface {
				FindCtx(context.Context, string) ([]byte, bool, error)
			}).FindCtx(context.Background(), ck.Value)
			if err != nil || !found {
				e.t.Fatalf("session not stored: %v", err)
			}
			return b
		}
	}
	e.t.Fatal("no session cookie")
	return nil
}

// Reading pages while signed in writes nothing to the session store (but
// for a "last seen" stamp every few minutes), and a session idle for longer
// than the idle timeout is signed out.
func TestSessionsAreNotRewrittenOnEveryRequest(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.signedIn("applicant")
	before := e.storedSession(c)
	for range 3 {
		if res := c.get("/en/account"); res.StatusCode != http.StatusOK {
			t.Fatalf("account page: %d", res.StatusCode)
		}
	}
	if after := e.storedSession(c); !bytes.Equal(before, after) {
		t.Error("reading pages rewrote the session")
	}
	e.now = e.now.Add(10 * time.Minute)
	c.get("/en/account")
	if after := e.storedSession(c); bytes.Equal(before, after) {
		t.Error("the last-seen stamp was not renewed after 10 minutes")
	}
	e.now = e.now.Add(web.IdleTimeout + time.Minute)
	if res := c.get("/en/account"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the idle timeout: %d, want a redirect to sign in", res.StatusCode)
	}
}

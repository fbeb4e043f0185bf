package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pathways-gov/pathways/internal/store"
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

package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/alexedwards/scs/v2"

	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/web"
)

// patterns records the routes the HTML handler registers.
type patterns []string

func (p *patterns) Handle(pattern string, _ http.Handler) { *p = append(*p, pattern) }
func (p *patterns) HandleFunc(pattern string, _ func(http.ResponseWriter, *http.Request)) {
	*p = append(*p, pattern)
}

// Who may use a route.
const (
	public    = "public"    // anyone
	applicant = "applicant" // signed-in applicants only: anonymous -> sign in, staff -> 403
	staffOnly = "staff"     // signed-in staff only: anonymous -> sign in, applicants -> 403
)

// routeAccess classifies every HTML route. A route missing here fails
// TestEveryRouteIsInTheMatrix: whoever adds a route must say who may use it.
// Finer, per-resource and per-role checks (another organization, another
// applicant's ids, the accommodation request) are in each area's tests.
var routeAccess = map[string]string{
	"GET /{$}":         public,
	"GET /{lang}/{$}":  public,
	"GET /{lang}/jobs": public, "GET /{lang}/jobs/{id}": public,
	"GET /{lang}/careers": public, "GET /{lang}/careers/{program}": public,
	"GET /{lang}/careers/{program}/levels/{level}": public, "GET /{lang}/careers/{program}/{stream}": public,
	"GET /{lang}/signin": public, "POST /{lang}/signin": public, "POST /{lang}/signout": public,
	"GET /{lang}/privacy": public,
	"/{lang}/":            public,

	// Accounts: signing up and the emailed links work without a session.
	"GET /{lang}/signup": public, "POST /{lang}/signup": public, "GET /{lang}/signup/check-email": public,
	"GET /{lang}/account/verify": public, "POST /{lang}/account/verify": public, "GET /{lang}/account/verified": public,
	"GET /{lang}/account/verify/resend": public, "POST /{lang}/account/verify/resend": public,
	"GET /{lang}/account/reset": public, "POST /{lang}/account/reset": public, "GET /{lang}/account/reset/sent": public,
	"GET /{lang}/account/reset/new": public, "POST /{lang}/account/reset/new": public, "GET /{lang}/account/reset/done": public,
	"GET /{lang}/account/deleted": public,
	"GET /{lang}/account":         applicant, "POST /{lang}/account": applicant, "POST /{lang}/account/password": applicant,
	"GET /{lang}/account/export": applicant, "POST /{lang}/account/export": applicant,
	"GET /{lang}/account/delete": applicant, "POST /{lang}/account/delete": applicant,

	// The profile.
	"GET /{lang}/profile":         applicant,
	"GET /{lang}/profile/contact": applicant, "POST /{lang}/profile/contact": applicant,
	"GET /{lang}/profile/education": applicant, "POST /{lang}/profile/education": applicant,
	"GET /{lang}/profile/education/{id}": applicant, "POST /{lang}/profile/education/{id}": applicant,
	"POST /{lang}/profile/education/{id}/delete": applicant,
	"GET /{lang}/profile/experiences":            applicant, "POST /{lang}/profile/experiences": applicant,
	"GET /{lang}/profile/experiences/{id}": applicant, "POST /{lang}/profile/experiences/{id}": applicant,
	"POST /{lang}/profile/experiences/{id}/delete": applicant,
	"GET /{lang}/profile/skills":                   applicant, "POST /{lang}/profile/skills": applicant,
	"GET /{lang}/profile/languages": applicant, "POST /{lang}/profile/languages": applicant,
	"GET /{lang}/profile/eligibility": applicant, "POST /{lang}/profile/eligibility": applicant,
	"GET /{lang}/profile/locations": applicant, "POST /{lang}/profile/locations": applicant,
	"GET /{lang}/profile/equity": applicant, "POST /{lang}/profile/equity": applicant,

	// Applying and tracking.
	"GET /{lang}/jobs/{id}/apply": applicant, "POST /{lang}/jobs/{id}/apply": applicant,
	"GET /{lang}/applications":                  applicant,
	"GET /{lang}/applications/{id}":             applicant,
	"GET /{lang}/applications/{id}/eligibility": applicant, "POST /{lang}/applications/{id}/eligibility": applicant,
	"GET /{lang}/applications/{id}/questions": applicant, "POST /{lang}/applications/{id}/questions": applicant,
	"GET /{lang}/applications/{id}/documents": applicant, "POST /{lang}/applications/{id}/documents": applicant,
	"GET /{lang}/applications/{id}/options": applicant, "POST /{lang}/applications/{id}/options": applicant,
	"GET /{lang}/applications/{id}/review": applicant, "POST /{lang}/applications/{id}/review": applicant,
	"GET /{lang}/applications/{id}/documents/{doc}": applicant,
	"POST /{lang}/applications/{id}/submit":         applicant,
	"GET /{lang}/applications/{id}/confirmation":    applicant,
	"GET /{lang}/applications/{id}/withdraw":        applicant, "POST /{lang}/applications/{id}/withdraw": applicant,

	// Staff.
	"GET /{lang}/staff/{$}": staffOnly, "GET /{lang}/staff/postings": staffOnly,
	"GET /{lang}/staff/postings/new": staffOnly, "POST /{lang}/staff/postings": staffOnly,
	"GET /{lang}/staff/postings/{id}": staffOnly, "GET /{lang}/staff/postings/{id}/edit": staffOnly,
	"POST /{lang}/staff/postings/{id}": staffOnly, "POST /{lang}/staff/postings/{id}/{action}": staffOnly,
	"GET /{lang}/staff/catalog": staffOnly, "GET /{lang}/staff/catalog/{kind}/{code}": staffOnly,
	"POST /{lang}/staff/catalog/{kind}/{code}": staffOnly,
	"GET /{lang}/staff/outbox":                 staffOnly, "GET /{lang}/staff/outbox/{id}": staffOnly,
	"GET /{lang}/staff/postings/{id}/applications": staffOnly,
	"GET /{lang}/staff/applications/{id}":          staffOnly, "POST /{lang}/staff/applications/{id}/status": staffOnly,
	"GET /{lang}/staff/applications/{id}/documents/{doc}": staffOnly,
}

func registeredRoutes(t *testing.T) []string {
	t.Helper()
	e := newEnv(t, store.SQLite)
	h, err := web.New(e.app, scs.New(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	var ps patterns
	h.Routes(&ps)
	var out []string
	for _, p := range ps {
		if strings.HasPrefix(p, "GET /static/") || strings.Contains(p, "/static/") {
			continue // content-hashed assets
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Every route the HTML handler registers says who may use it, and no route
// in the table is stale.
func TestEveryRouteIsInTheMatrix(t *testing.T) {
	routes := registeredRoutes(t)
	seen := map[string]bool{}
	for _, p := range routes {
		seen[p] = true
		if _, ok := routeAccess[p]; !ok {
			t.Errorf("route %q is not in routeAccess (census_test.go): say who may use it", p)
		}
	}
	for p := range routeAccess {
		if !seen[p] {
			t.Errorf("routeAccess lists %q, which is not registered", p)
		}
	}
}

// Every protected route, with any ids, refuses the wrong kind of user before
// it does anything: anonymous visitors are sent to sign in, staff get 403 on
// applicant routes and applicants 403 on staff routes; and nothing changes.
func TestEveryProtectedRouteChecksWhoAsks(t *testing.T) {
	e := newEnv(t, store.SQLite)
	e.signedIn("anonymous")
	e.signedIn("applicant")
	e.signedIn("hm-ods")
	before := e.counts()
	fill := strings.NewReplacer("{lang}", "en", "{id}", "1", "{doc}", "1",
		"{action}", "publish", "{kind}", "competency", "{code}", "collaboration", "{$}", "")
	for pattern, access := range routeAccess {
		if access == public {
			continue
		}
		method, path, _ := strings.Cut(pattern, " ")
		path = fill.Replace(path)
		wrong := "hm-ods"
		if access == staffOnly {
			wrong = "applicant"
		}
		for _, who := range []string{"anonymous", wrong} {
			c := e.signedIn(who)
			var res *response
			if method == "GET" {
				res = c.get(path)
			} else {
				res = c.post(path, url.Values{"version": {"1"}, "to": {"hired"}, "password": {testPassword}})
			}
			switch {
			case who == "anonymous":
				if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/en/signin?next=") {
					t.Errorf("%s as anonymous: %d %q, want a redirect to sign in", pattern, res.StatusCode, res.Header.Get("Location"))
				}
			case res.StatusCode != http.StatusForbidden:
				t.Errorf("%s as %s: %d, want 403", pattern, who, res.StatusCode)
			}
		}
	}
	if after := e.counts(); after != before {
		t.Errorf("refused requests changed data: before %+v, after %+v", before, after)
	}
}

// rowCounts are a few counts that any change of data moves.
type rowCounts struct{ users, postings, outbox, audit int }

func (e *env) counts() rowCounts {
	e.t.Helper()
	ctx := e.t.Context()
	users, err := e.app.DB.ListUsers(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	postings, err := e.app.DB.CountPostings(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	_, outbox, err := e.app.DB.ListOutbox(ctx, store.OutboxFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	audit, err := e.app.DB.AuditLog(ctx, "", 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	return rowCounts{len(users), postings, outbox, len(audit)}
}

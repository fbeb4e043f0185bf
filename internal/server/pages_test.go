package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func eachEngine(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) { fn(t, newEnv(t, engine)) })
	}
}

func TestRootRedirectsByAcceptLanguage(t *testing.T) {
	e := newEnv(t, store.SQLite)
	for _, tc := range []struct{ header, want string }{
		{"fr-CA,fr;q=0.9,en;q=0.8", "/fr/"},
		{"en-CA,en;q=0.9", "/en/"},
		{"de-DE,fr;q=0.5", "/fr/"},
		{"", "/en/"},
		{"zz;;;garbage", "/en/"},
	} {
		req, _ := http.NewRequest("GET", e.srv.URL+"/", nil)
		req.Header.Set("Accept-Language", tc.header)
		res := e.client().do(req)
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != tc.want {
			t.Errorf("Accept-Language %q: %d %q, want %q", tc.header, res.StatusCode, res.Header.Get("Location"), tc.want)
		}
	}
}

// publicPages are visited in both languages by several tests.
var publicPages = []string{"/", "/jobs", "/jobs?status=closed", "/jobs?q=data&status=all", "/careers",
	"/careers/oip", "/careers/oip/information-technology", "/careers/oip/program-service-delivery", "/careers/oip/communications",
	"/careers/oip/labour-relations", "/careers/gc-it", "/careers/gc-it/it-software-solutions", "/careers/gc-it/levels/it-03",
	"/careers/gc-ex/levels/ex-01", "/careers/gc-data/data-science-analytics", "/signin"}

func TestPublicPagesInBothLanguages(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		c := e.client()
		for _, l := range []string{"en", "fr"} {
			for _, p := range publicPages {
				res := c.get("/" + l + p)
				if res.StatusCode != http.StatusOK {
					t.Errorf("%s%s: status %d", l, p, res.StatusCode)
					continue
				}
				if got, _ := res.doc.Find("html").Attr("lang"); got != l {
					t.Errorf("%s%s: html lang %q", l, p, got)
				}
				if n := res.doc.Find("h1").Length(); n != 1 {
					t.Errorf("%s%s: %d h1 elements, want 1", l, p, n)
				}
				if res.doc.Find("a.skip-link[href='#main']").Length() != 1 || res.doc.Find("main#main").Length() != 1 {
					t.Errorf("%s%s: skip link or main landmark missing", l, p)
				}
				other := map[string]string{"en": "fr", "fr": "en"}[l]
				toggle, _ := res.doc.Find("a[hreflang='" + other + "']").Attr("href")
				if !strings.HasPrefix(toggle, "/"+other+"/") {
					t.Errorf("%s%s: language toggle %q", l, p, toggle)
				}
				if strings.Contains(res.body, "{{") || strings.Contains(res.body, "error.") {
					t.Errorf("%s%s: untranslated message or template text in page", l, p)
				}
			}
		}
	})
}

func TestSamplePostingIsFaithfulAndClosed(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		c := e.client()
		res := c.get("/en/jobs?q=data&status=closed")
		link, ok := res.doc.Find(".results a").First().Attr("href")
		if !ok {
			t.Fatalf("the sample posting is not found by 'data' among closed postings:\n%s", res.text("main"))
		}
		page := c.get(link)
		if page.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", link, page.StatusCode)
		}
		for _, want := range []string{
			"Data co-op", "Applications for this role are now closed.", "fewer than 10 applications",
			"Friday, November 10, 2023, 5:00 p.m. EST", "$669.57 to $892.75 a week", "Toronto, Ontario",
			"36.25 hours a week", "ODS.Data.Talent@ontario.ca", "Research and analysis", "Collaboration and partnerships",
		} {
			if !strings.Contains(page.text("main"), want) {
				t.Errorf("posting page lacks %q", want)
			}
		}
		open := c.get("/en/jobs?q=data")
		if open.doc.Find(".results a[href='"+link+"']").Length() != 0 {
			t.Errorf("a closed posting is listed among open ones")
		}
		fr := c.get("/fr/jobs?q=donnees&status=closed")
		if fr.doc.Find(".results a").Length() == 0 {
			t.Errorf("'donnees' (no accent) does not find the sample posting in French")
		}
	})
}

func TestPostingURLsAndNotFound(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.client()
	for _, p := range []string{"/en/jobs/1", "/en/jobs/1-old-title", "/en/jobs/1-data-co-op"} {
		res := c.get(p)
		canonical, _ := res.doc.Find("link[rel=canonical]").Attr("href")
		if res.StatusCode != http.StatusOK || canonical != "/en/jobs/1-data-co-op" {
			t.Errorf("%s: %d, canonical %q; want 200 and /en/jobs/1-data-co-op", p, res.StatusCode, canonical)
		}
	}
	fr := c.get("/fr/jobs/1")
	if alt, _ := fr.doc.Find("a[hreflang=en]").Attr("href"); alt != "/en/jobs/1-data-co-op" {
		t.Errorf("French toggle %q", alt)
	}
	for _, p := range []string{"/en/jobs/999999", "/en/jobs/abc", "/fr/careers/nope", "/en/careers/oip/nope", "/en/careers/oip/levels/it-01", "/de/jobs", "/en/nothing-here"} {
		if res := c.get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, res.StatusCode)
		}
	}
	nf := c.get("/fr/jobs/999999")
	if !strings.Contains(nf.text("h1"), "Page introuvable") {
		t.Errorf("French 404 page title %q", nf.text("h1"))
	}
}

func TestSearchBadParametersAreExplained(t *testing.T) {
	e := newEnv(t, store.SQLite)
	for _, tc := range []struct{ path, want string }{
		{"/en/jobs?page=abc", "Page must be a number"},
		{"/fr/jobs?status=ouvert", "Le statut doit être"},
		{"/en/jobs?salary_min=-5", "Minimum salary must be"},
		{"/en/jobs?sort=random", "Sort must be"},
	} {
		res := e.client().get(tc.path)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.text(".error-summary"), tc.want) {
			t.Errorf("%s: status %d, summary %q; want 400 and %q", tc.path, res.StatusCode, res.text(".error-summary"), tc.want)
		}
	}
}

func TestSecurityHeadersAndCrossOriginPosts(t *testing.T) {
	e := newEnv(t, store.SQLite)
	res := e.client().get("/en/")
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("X-Request-Id") == "" {
		t.Errorf("headers %v", res.Header)
	}
	c := e.client()
	req, _ := http.NewRequest("POST", e.srv.URL+"/en/signin", strings.NewReader("email=hr-ods%40example.ca&password=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := c.do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: status %d, want 403", res.StatusCode)
	}
	req, _ = http.NewRequest("POST", e.srv.URL+"/en/signin", strings.NewReader("email=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	if res := c.do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST from another origin: status %d, want 403", res.StatusCode)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.client()
	if res := c.get("/healthz"); res.StatusCode != 200 {
		t.Errorf("healthz %d", res.StatusCode)
	}
	if res := c.get("/readyz"); res.StatusCode != 200 {
		t.Errorf("readyz %d", res.StatusCode)
	}
	c.get("/en/jobs")
	res := c.get("/metrics")
	if !strings.Contains(res.body, `pathways_http_requests_total{route="GET /{lang}/jobs",status="200"}`) {
		t.Errorf("metrics lack the jobs route counter:\n%.2000s", res.body)
	}
	e.app.DB.Close()
	if res := c.get("/readyz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database closed: %d, want 503", res.StatusCode)
	}
}

func TestRequestIDsFromClientsAreChecked(t *testing.T) {
	e := newEnv(t, store.SQLite)
	for id, kept := range map[string]bool{"abc-123": true, "bad id<script>": false, strings.Repeat("x", 65): false} {
		req, _ := http.NewRequest("GET", e.srv.URL+"/healthz", nil)
		req.Header.Set("X-Request-Id", id)
		res := e.client().do(req)
		if got := res.Header.Get("X-Request-Id"); (got == id) != kept || got == "" {
			t.Errorf("request id %q came back as %q", id, got)
		}
	}
}

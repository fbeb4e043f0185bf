package api_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/alexedwards/scs/v2"

	"github.com/pathways-gov/pathways/internal/api"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/web"
)

// site serves the HTML pages and the API on one mux, as the server does.
func site(t *testing.T, f *fixture) (*httptest.Server, *http.Client) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sessions := scs.New()
	pages, err := web.New(f.app, sessions, log)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	pages.Routes(mux)
	api.New(f.app, log).Routes(mux) // panics if a pattern conflicts with the pages'
	srv := httptest.NewServer(sessions.LoadAndSave(mux))
	t.Cleanup(srv.Close)
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return srv, client
}

// TestBesideThePages: next to the HTML routes (whose "/{lang}/" catch-all
// also matches /api/...), every API path still answers in JSON.
func TestBesideThePages(t *testing.T) {
	f := newFixture(t, store.SQLite, 0)
	srv, client := site(t, f)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/api/v1/postings", http.StatusOK},
		{http.MethodGet, "/api/v1/postings/abc", http.StatusNotFound},
		{http.MethodGet, "/api/v1/nothing/here", http.StatusNotFound},
		{http.MethodPost, "/api/v1/postings", http.StatusMethodNotAllowed},
		{http.MethodDelete, "/api/v1/catalog", http.StatusMethodNotAllowed},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("%s %s: %d %s, want %d in JSON", tc.method, tc.path, res.StatusCode, res.Header.Get("Content-Type"), tc.status)
		}
	}
}

// TestURLsArePublicPages follows the url of results to the real HTML pages:
// each must serve the posting and name itself as its canonical address.
func TestURLsArePublicPages(t *testing.T) {
	f := newFixture(t, store.SQLite, synthCount)
	srv, client := site(t, f)

	results := f.search(t, url.Values{"status": {"all"}, "per_page": {"30"}}).Results
	for _, r := range results {
		for _, l := range []string{"en", "fr"} {
			res, err := client.Get(srv.URL + r.URL[l])
			if err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			canonical, _ := doc.Find(`link[rel="canonical"]`).Attr("href")
			if res.StatusCode != http.StatusOK || canonical != r.URL[l] || doc.Find("h1").Text() != r.Title[l] {
				t.Errorf("posting %d: %s answers %d with canonical %q and title %q", r.ID, r.URL[l], res.StatusCode, canonical, doc.Find("h1").Text())
			}
		}
	}
}

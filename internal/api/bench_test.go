package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/api"
	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// benchPostings is the size of the benchmark's corpus; set
// PATHWAYS_BENCH_POSTINGS to change it (e.g. 100000).
func benchPostings(b *testing.B) int {
	if s := os.Getenv("PATHWAYS_BENCH_POSTINGS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("PATHWAYS_BENCH_POSTINGS=%q", s)
		}
		return n
	}
	return 20000
}

// BenchmarkAPI measures whole requests through the handler (parsing, search,
// JSON encoding), without the network, over a SQLite-backed app.
func BenchmarkAPI(b *testing.B) {
	ctx := context.Background()
	db := storetest.Open(b, store.SQLite)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, log)
	a.Now = func() time.Time { return testNow }
	if err := a.Bootstrap(ctx); err != nil {
		b.Fatal(err)
	}
	n := benchPostings(b)
	if err := db.InsertPostings(ctx, posting.Synth(synthSeed, n, synthRefs(a)), testNow); err != nil {
		b.Fatal(err)
	}
	if err := a.Reindex(ctx); err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	api.New(a, log).Routes(mux)
	// The same query without HTTP and JSON, to tell the API's share of the time.
	b.Run("keyword+2facets/app.Search-only", func(b *testing.B) {
		q, errs := app.ParseSearchParams(url.Values{"q": {"data"}, "city": {"toronto"}, "type": {"term"}})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		b.ReportAllocs()
		for b.Loop() {
			a.Search(q)
		}
	})
	for _, bc := range []struct{ name, path string }{
		{"keyword+2facets", "/api/v1/postings?q=data&city=toronto&type=term"},
		{"no-filter", "/api/v1/postings"},
		{"per_page=100", "/api/v1/postings?status=all&per_page=100"},
		{"posting", "/api/v1/postings/2"},
		{"catalog", "/api/v1/catalog"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				mux.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}

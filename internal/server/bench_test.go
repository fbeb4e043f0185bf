package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/server"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// BenchmarkPages measures whole requests through the real middleware stack,
// in process (no network), on SQLite with 2,000 synthetic postings.
// go test -run '^$' -bench BenchmarkPages -benchmem ./internal/server/
func BenchmarkPages(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, log)
	ctx := context.Background()
	if err := a.Bootstrap(ctx); err != nil {
		b.Fatal(err)
	}
	const n = 2000
	refs := a.SynthRefs()
	refs.Now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	if err := db.InsertPostings(ctx, posting.Synth(1, n, refs), time.Now()); err != nil {
		b.Fatal(err)
	}
	if err := a.Reindex(ctx); err != nil {
		b.Fatal(err)
	}
	s, err := server.New(a, server.Config{}, log)
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	for _, bc := range []struct {
		name string
		path func(i int) string
	}{
		{"posting", func(i int) string { return fmt.Sprintf("/en/jobs/%d", 2+i%n) }},
		{"search-html", func(i int) string { return "/en/jobs?q=data&city=toronto&type=term" }},
		{"search-api", func(i int) string { return "/api/v1/postings?q=data&city=toronto&type=term" }},
		{"home", func(i int) string { return "/fr/" }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", bc.path(i), nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", bc.path(i), rec.Code)
				}
			}
		})
	}
}

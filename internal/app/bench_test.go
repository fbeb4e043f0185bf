package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/pathways-gov/pathways/internal/store"
)

// BenchmarkReindex rebuilds the index and summaries from a seeded database
// named by PATHWAYS_BENCH_DB (e.g. sqlite:/tmp/copy-of-bench.db; it is
// migrated, so use a copy), as the server does at start-up.
func BenchmarkReindex(b *testing.B) {
	dsn := os.Getenv("PATHWAYS_BENCH_DB")
	if dsn == "" {
		b.Skip("set PATHWAYS_BENCH_DB to a seeded database")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	a := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := a.loadCatalog(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Reindex(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(a.summaries.len()), "postings")
}

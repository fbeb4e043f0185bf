package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func newTestApp(t *testing.T) *App {
	t.Helper()
	a := New(storetest.Open(t, store.SQLite), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := a.Bootstrap(context.Background()); err != nil {
		t.Fatal(err)
	}
	return a
}

func found(a *App, words string) int {
	return a.Search(search.Query{Text: words, Status: search.StatusAll}).Total
}

func publishedPosting(title string) *posting.Posting {
	p := posting.DataCoop()
	p.ID, p.Status, p.Title.EN = 0, posting.Published, title
	p.ClosesAt = time.Now().Add(48 * time.Hour)
	return p
}

// An older version arriving after a newer one (a refresh that raced a save)
// does not replace it in the index.
func TestIndexKeepsTheNewestVersion(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	p := publishedPosting("Zebra analyst")
	if err := a.DB.CreatePosting(ctx, p, a.Now()); err != nil {
		t.Fatal(err)
	}
	old := *p
	a.reindexOne(&old)
	newer := *p
	newer.Title.EN, newer.Version = "Okapi analyst", p.Version+1
	a.reindexOne(&newer)
	a.reindexOne(&old) // late, stale
	if found(a, "okapi") != 1 || found(a, "zebra") != 0 {
		t.Errorf("index holds the stale version: okapi %d, zebra %d", found(a, "okapi"), found(a, "zebra"))
	}
}

// A posting saved while a rebuild was reading the database is picked up by the
// rebuild's catch-up, not lost when the new index replaces the old one.
func TestRebuildCatchesUpWithSavesMadeDuringIt(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	// Written straight to the database, as if committed during the rebuild's read.
	p := publishedPosting("Quokka analyst")
	if err := a.DB.CreatePosting(ctx, p, a.Now()); err != nil {
		t.Fatal(err)
	}
	if found(a, "quokka") != 0 {
		t.Fatal("test setup: the posting is already indexed")
	}
	if err := a.catchUp(ctx, a.Now().Add(-catchUpOverlap)); err != nil {
		t.Fatal(err)
	}
	if found(a, "quokka") != 1 {
		t.Error("catch-up did not index a posting saved after the read began")
	}
	if err := a.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	if found(a, "quokka") != 1 {
		t.Error("the posting is missing after a rebuild")
	}
}

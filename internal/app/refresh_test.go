package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// Two server processes share one database: what one publishes, closes or
// archives reaches the other's search index through the Refresher.
func TestRefresherFollowsAnotherProcess(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, engine)
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			open := func() *app.App {
				db, err := store.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				a := app.New(db, log)
				if err := a.Bootstrap(ctx); err != nil {
					t.Fatal(err)
				}
				return a
			}
			writer := open()
			admin := &auth.User{ID: 1, Role: auth.PlatformAdmin}
			start := time.Now()
			reader := open()
			r := app.NewRefresher(reader, start)
			r.Page = 2 // exercise paging

			found := func() int {
				q := search.Query{Text: "analyst", Status: search.StatusAll}
				return reader.Search(q).Total
			}
			var ids []int64
			for i := 0; i < 5; i++ {
				p := posting.DataCoop()
				p.ID, p.Status, p.Title.EN = 0, posting.Draft, "Policy analyst"
				p.ClosesAt = time.Now().Add(72 * time.Hour)
				if err := writer.SavePosting(ctx, admin, p); err != nil {
					t.Fatal(err)
				}
				if _, err := writer.Transition(ctx, 1, p.ID, p.Version, posting.Publish); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, p.ID)
			}
			if found() != 0 {
				t.Fatal("the reader saw postings before refreshing")
			}
			if n, err := r.Once(ctx); err != nil || n < 5 {
				t.Fatalf("refresh read %d postings, err %v", n, err)
			}
			if got := found(); got != 5 {
				t.Fatalf("reader finds %d published postings, want 5", got)
			}
			p, _ := writer.DB.Posting(ctx, ids[0])
			if _, err := writer.Transition(ctx, 1, p.ID, p.Version, posting.Archive); err != nil {
				t.Fatal(err)
			}
			if _, err := r.Once(ctx); err != nil {
				t.Fatal(err)
			}
			if got := found(); got != 4 {
				t.Fatalf("after an archive elsewhere the reader finds %d, want 4", got)
			}
		})
	}
}

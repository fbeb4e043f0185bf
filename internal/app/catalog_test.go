package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"testing"

	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// Two server processes share one database. An edit made in one is not lost
// by a later edit made in the other from what it read before: the second
// gets ErrConflict and from then on serves the stored entry.
func TestCatalogEditConflictAcrossProcesses(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, engine)
			open := func() *App {
				db, err := store.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				a := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
				if err := a.Prepare(ctx); err != nil {
					t.Fatal(err)
				}
				return a
			}
			one, two := open(), open()
			code := one.Catalog().Competencies()[0].Code
			rename := func(a *App, name string) error {
				e, err := a.CatalogEntry(catalog.KindCompetency, code)
				if err != nil {
					t.Fatal(err)
				}
				var c catalog.Competency
				if err := json.Unmarshal([]byte(e.JSON), &c); err != nil {
					t.Fatal(err)
				}
				c.Name.EN = name
				b, _ := json.Marshal(c)
				return a.SaveCatalogEntry(ctx, 0, catalog.KindCompetency, code, e.Version, string(b))
			}
			if err := rename(one, "Renamed in process one"); err != nil {
				t.Fatal(err)
			}
			if err := rename(two, "Renamed in process two"); !errors.Is(err, ErrConflict) {
				t.Fatalf("stale edit from the other process: got %v, want ErrConflict", err)
			}
			if got := two.Catalog().Competencies()[0].Name.EN; got != "Renamed in process one" {
				t.Fatalf("after the conflict process two serves %q, want the stored edit", got)
			}
			if err := rename(two, "Renamed in process two"); err != nil {
				t.Fatalf("edit from the fresh entry: %v", err)
			}
			recs, err := one.DB.CatalogRecords(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				if r.Kind == catalog.KindCompetency && r.Code == code {
					var c catalog.Competency
					json.Unmarshal(r.Data, &c)
					if c.Name.EN != "Renamed in process two" {
						t.Fatalf("stored name %q", c.Name.EN)
					}
				}
			}
			log, err := one.DB.AuditLog(ctx, "catalog:competency/"+code, 10)
			if err != nil || len(log) != 2 {
				t.Fatalf("audit entries %d (%v), want one per saved edit", len(log), err)
			}
		})
	}
}

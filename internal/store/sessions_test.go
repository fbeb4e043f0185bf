package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func TestSessionStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := db.SessionStore()
		if _, ok := s.(scs.CtxStore); !ok {
			t.Fatal("SessionStore should also be an scs.CtxStore")
		}
		if b, found, err := s.Find("nope"); err != nil || found || b != nil {
			t.Fatalf("missing token: %q %v %v", b, found, err)
		}
		later := time.Now().Add(time.Hour)
		if err := s.Commit("tok1", []byte("one"), later); err != nil {
			t.Fatal(err)
		}
		b, found, err := s.Find("tok1")
		if err != nil || !found || string(b) != "one" {
			t.Fatalf("Find after Commit: %q %v %v", b, found, err)
		}
		// Commit again replaces data and expiry.
		if err := s.Commit("tok1", []byte{0, 1, 2, 255}, later.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, _, _ := s.Find("tok1"); !bytes.Equal(b, []byte{0, 1, 2, 255}) {
			t.Fatalf("binary data after re-commit: %v", b)
		}
		if err := s.Delete("tok1"); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := s.Find("tok1"); found {
			t.Fatal("found after Delete")
		}
		if err := s.Delete("tok1"); err != nil {
			t.Fatalf("deleting a missing token: %v", err)
		}
	})
}

func TestSessionExpiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := db.SessionStore().(*store.SessionStore)
		now := time.Now()
		for tok, exp := range map[string]time.Time{
			"gone1": now.Add(-time.Hour), "gone2": now.Add(-time.Millisecond * 5),
			"live1": now.Add(time.Minute), "live2": now.Add(24 * time.Hour),
		} {
			if err := s.CommitCtx(ctx, tok, []byte(tok), exp); err != nil {
				t.Fatal(err)
			}
		}
		for _, tok := range []string{"gone1", "gone2"} {
			if _, found, err := s.FindCtx(ctx, tok); found || err != nil {
				t.Errorf("expired %s found=%v err=%v", tok, found, err)
			}
		}
		for _, tok := range []string{"live1", "live2"} {
			if b, found, err := s.FindCtx(ctx, tok); !found || err != nil || string(b) != tok {
				t.Errorf("live %s: %q found=%v err=%v", tok, b, found, err)
			}
		}
		n, err := s.DeleteExpired(ctx)
		if err != nil || n != 2 {
			t.Fatalf("DeleteExpired = %d, %v; want 2", n, err)
		}
		// Sessions expiring within a day are gone a day on; the other is not.
		n, err = db.DeleteExpiredSessions(ctx, now.Add(2*time.Minute))
		if err != nil || n != 1 {
			t.Fatalf("DeleteExpiredSessions = %d, %v; want 1", n, err)
		}
		if _, found, _ := s.FindCtx(ctx, "live2"); !found {
			t.Fatal("live2 deleted too early")
		}
	})
}

func TestSessionTokensHashedAtRest(t *testing.T) {
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, e)
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			const token = "Zm9vYmFyLXNlY3JldC10b2tlbg"
			if err := db.SessionStore().Commit(token, []byte("x"), time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			driver, name := "pgx", dsn
			if e == store.SQLite {
				driver, name = "sqlite", strings.TrimPrefix(dsn, "sqlite:")
			}
			raw, err := sql.Open(driver, name)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			var stored string
			if err := raw.QueryRow(`SELECT token FROM sessions`).Scan(&stored); err != nil {
				t.Fatal(err)
			}
			if stored == token || strings.Contains(stored, token) || len(stored) != 64 {
				t.Fatalf("stored token %q: want its SHA-256 in hex", stored)
			}
		})
	}
}

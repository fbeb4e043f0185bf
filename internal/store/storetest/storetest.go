// Package storetest gives tests a fresh, migrated database on each engine.
// PostgreSQL is required, not optional: set PATHWAYS_TEST_POSTGRES to its URL
// (default postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/pathways-gov/pathways/internal/store"
)

// PostgresURL is the server tests use.
func PostgresURL() string {
	if u := os.Getenv("PATHWAYS_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// Engines lists the engines every storage test runs on.
var Engines = []store.Dialect{store.SQLite, store.Postgres}

// Each runs fn as a subtest once per engine, each with a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) {
			fn(t, Open(t, e))
		})
	}
}

// Open returns a fresh migrated database on engine e, removed when the test ends.
func Open(t testing.TB, e store.Dialect) *store.DB {
	t.Helper()
	dsn := DSN(t, e)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", e, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", e, err)
	}
	return db
}

// DSN returns the address of a fresh, empty database on engine e: a temporary
// file for SQLite, a new schema for PostgreSQL (dropped when the test ends).
func DSN(t testing.TB, e store.Dialect) string {
	t.Helper()
	if e == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	schema := "t_" + randomHex(8)
	admin, err := sql.Open("pgx", PostgresURL())
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres at %s is required for storage tests (set PATHWAYS_TEST_POSTGRES): %v", PostgresURL(), err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", PostgresURL())
		if err == nil {
			c.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			c.Close()
		}
	})
	u, err := url.Parse(PostgresURL())
	if err != nil {
		t.Fatalf("PATHWAYS_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

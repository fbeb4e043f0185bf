package fault

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// BenchmarkSubmitHTTP measures durable submissions per second through the
// real server process and its pages: 32 clients each submit complete drafts
// (POST …/submit, then the confirmation page), every submission to the same
// posting. Each iteration is one submission; run it with a fixed count:
//
//	go test -run '^$' -bench SubmitHTTP -benchtime 3000x -timeout 30m ./tests/fault/
//
// PATHWAYS_DEBUG_ADDR (e.g. 127.0.0.1:6060) is passed on to the server, to
// profile it during the run.
func BenchmarkSubmitHTTP(b *testing.B) {
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			dsn := storetest.DSN(b, engine)
			t0 := time.Now()
			_, drafts := prepareDrafts(b, dsn, b.N)
			b.Logf("%s: %d drafts prepared in %v", engine, len(drafts), time.Since(t0).Round(time.Millisecond))
			srv := startServer(b, dsn)
			queue := make(chan *applicantDraft, len(drafts))
			for _, d := range drafts {
				queue <- d
			}
			close(queue)
			// Kept-alive connections, one per client, as browsers keep them
			// (the default transport keeps two per host and would measure
			// connection set-up too).
			transport := &http.Transport{MaxIdleConnsPerHost: 32, MaxConnsPerHost: 32}
			defer transport.CloseIdleConnections()
			var failed atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range 32 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					client := &http.Client{Timeout: 30 * time.Second, Transport: transport}
					for d := range queue {
						if _, err := submit(client, srv.base, d); err != nil {
							failed.Add(1)
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if n := failed.Load(); n > 0 {
				b.Fatalf("%d of %d submissions failed", n, b.N)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "submissions/s")
		})
	}
}

// rawDB is the database at a DSN opened with database/sql directly, to load
// benchmark and fault-test data in bulk: thousands of rows through the
// application's one-transaction-per-call methods would take minutes (each
// commit is synced to disk), and what is measured is the server, not the
// loading.
type rawDB struct {
	*sql.DB
	sqlite bool
}

func openRaw(t testing.TB, dsn string) *rawDB {
	t.Helper()
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		return &rawDB{DB: db, sqlite: true}
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	return &rawDB{DB: db}
}

var placeholder = regexp.MustCompile(`\$\d+`)

// q rewrites $N placeholders for the engine (SQLite takes ?).
func (r *rawDB) q(query string) string {
	if r.sqlite {
		return placeholder.ReplaceAllString(query, "?")
	}
	return query
}

// insert inserts rows into table in multi-row statements, in one transaction.
func (r *rawDB) insert(t testing.TB, table string, cols []string, rows [][]any) {
	t.Helper()
	ctx := context.Background()
	tx, err := r.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	per := max(1, 30000/len(cols)) // under SQLite's 32,766 parameters
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, (end-start)*len(cols))
		for i, row := range rows[start:end] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for j := range row {
				if j > 0 {
					sb.WriteString(", ")
				}
				fmt.Fprintf(&sb, "$%d", len(args)+j+1)
			}
			sb.WriteByte(')')
			args = append(args, row...)
		}
		if _, err := tx.ExecContext(ctx, r.q(sb.String()), args...); err != nil {
			t.Fatalf("insert into %s: %v", table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("insert into %s: %v", table, err)
	}
}

// pairs returns the rows of a query of two integer columns.
func (r *rawDB) pairs(t testing.TB, query string, args ...any) [][2]int64 {
	t.Helper()
	rows, err := r.Query(r.q(query), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][2]int64
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// session is a signed-in session to store in bulk: what the sign-in page
// puts in it.
type session struct {
	userID int64
	stamp  string // auth.PasswordStamp of the user's password hash
}

// insertSessions stores the sessions in bulk, encoded by sessions' own codec
// and keyed as the session store keys them (SHA-256 of the token), and
// returns their tokens (the cookie values). The first is read back through
// the session store, so a change in how it keys sessions fails here.
func insertSessions(t testing.TB, r *rawDB, sessions *scs.SessionManager, list []session) []string {
	t.Helper()
	deadline := time.Now().Add(sessions.Lifetime)
	tokens := make([]string, len(list))
	rows := make([][]any, len(list))
	for i, s := range list {
		data, err := sessions.Codec.Encode(deadline, map[string]any{"user_id": s.userID, "pw": s.stamp})
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 32)
		rand.Read(b)
		tokens[i] = base64.RawURLEncoding.EncodeToString(b)
		sum := sha256.Sum256([]byte(tokens[i]))
		rows[i] = []any{hex.EncodeToString(sum[:]), data, deadline.UnixMilli()}
	}
	r.insert(t, "sessions", []string{"token", "data", "expiry"}, rows)
	if len(tokens) > 0 {
		if _, found, err := sessions.Store.Find(tokens[0]); err != nil || !found {
			t.Fatalf("a session stored in bulk is not found by the session store (found %v): %v", found, err)
		}
	}
	return tokens
}

package fault

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// The dashboard benchmark's database: 100,000 applications from 5,000
// applicants (20 each, to 20 of 200 postings), of which 1,000 are signed in.
const (
	dashApplicants = 5_000
	dashPerUser    = 20
	dashPostings   = 200
	dashSignedIn   = 1_000
)

// dashClients is how many clients request at once: 32, or
// PATHWAYS_BENCH_CLIENTS (to see the latency of a server that is not
// saturated, e.g. 1).
func dashClients(b *testing.B) int {
	if v := os.Getenv("PATHWAYS_BENCH_CLIENTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("PATHWAYS_BENCH_CLIENTS=%q: want a positive number", v)
		}
		return n
	}
	return 32
}

// BenchmarkDashboardHTTP measures an applicant's dashboard (GET
// /en/applications) through the real server process with 100,000
// applications in the database: 32 clients on kept-alive connections, each
// request for one of 1,000 signed-in applicants in turn (20 applications
// each, with their history), and reports p50 and p99 of the whole request
// as the client sees it (PATHWAYS_BENCH_CLIENTS changes the number of
// clients). Each iteration is one request:
//
//	go test -run '^$' -bench DashboardHTTP -benchtime 20000x -timeout 30m ./tests/fault/
//
// The database and the server are made once per engine, outside the timed
// part; every response is checked (status 200, the applicant's 20 items).
func BenchmarkDashboardHTTP(b *testing.B) {
	clients := dashClients(b)
	for _, engine := range storetest.Engines {
		dsn := storetest.DSN(b, engine)
		t0 := time.Now()
		tokens := prepareDashboard(b, dsn)
		b.Logf("%s: %d applications loaded in %v", engine, dashApplicants*dashPerUser, time.Since(t0).Round(time.Millisecond))
		srv := startServer(b, dsn)
		transport := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
		client := &http.Client{Timeout: 30 * time.Second, Transport: transport,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		url := srv.base + "/en/applications"
		// Warm up: every signed-in applicant once (the database's caches,
		// the server's connections and templates).
		for _, tok := range tokens {
			if _, err := dashboard(client, url, tok); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(string(engine), func(b *testing.B) {
			var (
				mu    sync.Mutex
				times = make([]time.Duration, 0, b.N)
				fails []error
				next  = make(chan int, clients)
				wg    sync.WaitGroup
			)
			b.ResetTimer()
			start := time.Now()
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var mine []time.Duration
					for i := range next {
						d, err := dashboard(client, url, tokens[(i*7919)%len(tokens)])
						if err != nil {
							mu.Lock()
							fails = append(fails, err)
							mu.Unlock()
							continue
						}
						mine = append(mine, d)
					}
					mu.Lock()
					times = append(times, mine...)
					mu.Unlock()
				}()
			}
			for i := range b.N {
				next <- i
			}
			close(next)
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if len(fails) > 0 {
				b.Fatalf("%d of %d requests failed, the first: %v", len(fails), b.N, fails[0])
			}
			slices.Sort(times)
			pct := func(p float64) float64 {
				return float64(times[min(len(times)-1, int(float64(len(times))*p))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
		})
		transport.CloseIdleConnections()
		srv.kill() // free the processors for the next engine
	}
}

var dashboardItem = []byte(`<li class="card">`)

// dashboard fetches the dashboard with session token and returns how long
// the whole request took; the page must list the applicant's applications.
func dashboard(client *http.Client, url, token string) (time.Duration, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.AddCookie(&http.Cookie{Name: "pathways_session", Value: token})
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("dashboard: status %d", res.StatusCode)
	}
	if n := bytes.Count(body, dashboardItem); n != dashPerUser {
		return 0, fmt.Errorf("dashboard: %d applications listed, want %d", n, dashPerUser)
	}
	return took, nil
}

// prepareDashboard loads the database at dsn with the benchmark's postings,
// applicants, applications and their history, and returns the session
// tokens of the signed-in applicants.
//
// Every applicant applied to 20 postings: of each five applications one is
// a draft, one submitted, one under review (two events), one screened in
// (three events) and one withdrawn (two events); 160,000 events in all.
func prepareDashboard(b *testing.B, dsn string) []string {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	a := app.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := a.Prepare(ctx); err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	ps := make([]*posting.Posting, dashPostings)
	for i := range ps {
		p := posting.DataCoop()
		p.ID, p.Status, p.Documents = 0, posting.Published, nil
		p.Title = lang.T(fmt.Sprintf("Data analyst %d", i), fmt.Sprintf("Analyste de données %d", i))
		p.ClosesAt, p.PublishedAt = now.Add(time.Duration(24+i)*time.Hour), now.Add(-30*24*time.Hour)
		ps[i] = p
	}
	if err := db.InsertPostings(ctx, ps, now); err != nil {
		b.Fatal(err)
	}

	raw := openRaw(b, dsn)
	defer raw.Close()
	var firstUser, firstApp int64
	if err := raw.QueryRow(`SELECT COALESCE(MAX(id), 0) + 1 FROM users`).Scan(&firstUser); err != nil {
		b.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT COALESCE(MAX(id), 0) + 1 FROM applications`).Scan(&firstApp); err != nil {
		b.Fatal(err)
	}
	at := func(minutesAgo int) int64 { return now.Add(-time.Duration(minutesAgo) * time.Minute).UnixMilli() }
	var users, apps, events [][]any
	var signedIn []session
	appID := firstApp
	for k := range dashApplicants {
		uid := firstUser + int64(k)
		email := fmt.Sprintf("dash%d@example.ca", k)
		users = append(users, []any{uid, email, standInHash, fmt.Sprintf("Applicant %d", k), string(auth.Applicant), "en",
			at(60 * 24 * 60), at(60 * 24 * 60), true, true})
		if k < dashSignedIn {
			signedIn = append(signedIn, session{userID: uid, stamp: auth.PasswordStamp(standInHash)})
		}
		for j := range dashPerUser {
			p := ps[(k*7+j*13)%dashPostings] // 13 is prime to 200: 20 different postings
			created := at(60*24*40 - j*60*24 - k%60)
			before := len(events)
			ev := func(minutes int, from, to application.Status, actor int64) {
				events = append(events, []any{appID, created + int64(minutes)*60_000, string(from), string(to), actor})
			}
			status, confirmation, submitted, withdrawn := application.Draft, any(nil), int64(0), int64(0)
			updated := created
			if j%5 != 0 {
				confirmation, submitted = application.NewConfirmation(), created+3_600_000
				updated = submitted
				ev(60, application.Draft, application.Submitted, uid)
				status = application.Submitted
			}
			switch j % 5 {
			case 2:
				ev(60*24*3, application.Submitted, application.UnderReview, 1)
				status, updated = application.UnderReview, created+3*86_400_000
			case 3:
				ev(60*24*3, application.Submitted, application.UnderReview, 1)
				ev(60*24*9, application.UnderReview, application.ScreenedIn, 1)
				status, updated = application.ScreenedIn, created+9*86_400_000
			case 4:
				ev(60*24*5, application.Submitted, application.Withdrawn, uid)
				status, updated = application.Withdrawn, created+5*86_400_000
				withdrawn = updated
			}
			apps = append(apps, []any{appID, p.ID, uid, string(status), 1 + len(events) - before, `{}`, true, confirmation,
				created, updated, submitted, withdrawn})
			appID++
		}
	}
	raw.insert(b, "users", []string{"id", "email", "password_hash", "name", "role", "lang", "created_at",
		"email_verified_at", "notify_status", "notify_reminders"}, users)
	raw.insert(b, "applications", []string{"id", "posting_id", "user_id", "status", "version", "answers", "keep_on_file",
		"confirmation", "created_at", "updated_at", "submitted_at", "withdrawn_at"}, apps)
	raw.insert(b, "application_events", []string{"application_id", "at", "from_status", "to_status", "actor_id"}, events)
	if !raw.sqlite {
		// Rows were given their ids: move the identity sequences past them.
		for _, table := range []string{"users", "applications"} {
			if _, err := raw.Exec(`SELECT setval(pg_get_serial_sequence('` + table + `', 'id'), (SELECT MAX(id) FROM ` + table + `))`); err != nil {
				b.Fatal(err)
			}
		}
	}
	if _, err := raw.Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	var total int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM applications`).Scan(&total); err != nil || total != dashApplicants*dashPerUser {
		b.Fatalf("%d applications in the database, want %d: %v", total, dashApplicants*dashPerUser, err)
	}
	sessions := scs.New()
	sessions.Store = db.SessionStore()
	sessions.Lifetime = 12 * time.Hour
	return insertSessions(b, raw, sessions, signedIn)
}

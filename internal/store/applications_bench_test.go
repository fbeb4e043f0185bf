package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// bulkInsert inserts rows into table in multi-row statements, one
// transaction per statement.
func bulkInsert(b testing.TB, db *store.DB, table string, cols []string, rows [][]any) {
	b.Helper()
	ctx := context.Background()
	per := max(1, 30000/len(cols)) // under SQLite's 32,766 parameters
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		var args []any
		for i, r := range rows[start:end] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for j := range r {
				if j > 0 {
					sb.WriteString(", ")
				}
				fmt.Fprintf(&sb, "$%d", len(args)+j+1)
			}
			sb.WriteByte(')')
			args = append(args, r...)
		}
		if err := store.Exec(ctx, db, sb.String(), args...); err != nil {
			b.Fatalf("insert into %s: %v", table, err)
		}
	}
}

// benchUsers inserts applicants with ids 1..n, each with a complete profile.
func benchUsers(b testing.TB, db *store.DB, n int, now time.Time) {
	var users, profiles [][]any
	for id := 1; id <= n; id++ {
		email := fmt.Sprintf("applicant%d@example.ca", id)
		users = append(users, []any{id, email, "$argon2id$stand-in", "Applicant", "applicant", "en", now.UnixMilli()})
		data := fmt.Sprintf(`{"name":"Applicant %d","email":%q,"work_eligibility":"citizen","languages":{},"remote_ok":true}`, id, email)
		profiles = append(profiles, []any{id, 1, data, now.UnixMilli()})
	}
	bulkInsert(b, db, "users", []string{"id", "email", "password_hash", "name", "role", "lang", "created_at"}, users)
	bulkInsert(b, db, "profiles", []string{"user_id", "version", "data", "updated_at"}, profiles)
}

func benchConfirmation(to store.Recipient, a *application.Application, p *posting.Posting) (*mail.Message, error) {
	m, err := mail.Compose("confirmation", lang.EN, to.Email, map[string]any{
		"Name": to.Name, "Title": p.Title.EN, "Confirmation": a.Confirmation,
		"SubmittedAt": posting.FormatDateTime(a.SubmittedAt, lang.EN), "Link": fmt.Sprintf("https://example.ca/en/applications/%d", a.ID),
	})
	return &m, err
}

// BenchmarkSubmit measures durable submissions per second from 32
// concurrent applicants to one posting (the worst case: every submission
// counts on the same posting row), on each engine. Each iteration submits a
// different complete draft, prepared before the timer starts. Run it with a
// fixed count, e.g. -bench Submit -benchtime 3000x.
func BenchmarkSubmit(b *testing.B) {
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			ctx := context.Background()
			db := storetest.Open(b, engine)
			now := time.Now()
			p := samplePosting()
			p.Status, p.ClosesAt = posting.Published, now.Add(30*24*time.Hour)
			if err := db.CreatePosting(ctx, p, now); err != nil {
				b.Fatal(err)
			}
			n := b.N
			benchUsers(b, db, n, now)
			answers, _ := json.Marshal(application.Answers{
				Eligibility: map[int64]bool{p.Eligibility[0].ID: true},
				Responses:   map[int64]string{p.Groups[0].Items[0].ID: strings.Repeat("In my co-op term I analysed data. ", 40)},
			})
			var apps, docs [][]any
			pdf := []byte("%PDF-1.4\n" + strings.Repeat("x", 100_000) + "\n%%EOF\n")
			for id := 1; id <= n; id++ {
				apps = append(apps, []any{id, p.ID, id, "draft", 1, string(answers), true, now.UnixMilli(), now.UnixMilli()})
				docs = append(docs, []any{id, string(posting.ResumeCoverLetter), "cv.pdf", application.PDF, len(pdf), "00", pdf, now.UnixMilli()})
			}
			bulkInsert(b, db, "applications", []string{"id", "posting_id", "user_id", "status", "version", "answers", "keep_on_file", "created_at", "updated_at"}, apps)
			for start := 0; start < len(docs); start += 50 { // 100 kB each: small batches
				bulkInsert(b, db, "documents", []string{"application_id", "kind", "filename", "content_type", "size", "sha256", "data", "created_at"}, docs[start:min(start+50, len(docs))])
			}
			var next atomic.Int64
			b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0)))
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					id := next.Add(1)
					res, err := db.Submit(ctx, store.SubmitRequest{ApplicationID: id, UserID: id, Declaration: "Applicant",
						Confirmation: benchConfirmation})
					if err != nil || !res.Submitted {
						b.Errorf("submit %d: %v", id, err)
						return
					}
				}
			})
			elapsed := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(n)/elapsed.Seconds(), "submissions/s")
			stored, err := db.Posting(ctx, p.ID)
			if err != nil || stored.ApplicationsReceived != n {
				b.Fatalf("count %d after %d submissions: %v", stored.ApplicationsReceived, n, err)
			}
		})
	}
}

// BenchmarkDashboard measures an applicant's dashboard query with 100,000
// applications in the database (10,000 applicants, 10 applications each,
// 200 postings; two in three submitted, each with its event), on each engine,
// and reports its p50 and p99. It first checks that the queries read
// through the (user_id, posting_id) and events indexes.
func BenchmarkDashboard(b *testing.B) {
	const users, perUser, postings = 10_000, 10, 200
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			ctx := context.Background()
			db := storetest.Open(b, engine)
			now := time.Now()
			ps := make([]*posting.Posting, postings)
			for i := range ps {
				p := samplePosting()
				p.Status, p.ClosesAt = posting.Published, now.Add(time.Duration(i)*time.Hour)
				ps[i] = p
			}
			if err := db.InsertPostings(ctx, ps, now); err != nil {
				b.Fatal(err)
			}
			benchUsers(b, db, users, now)
			var apps, events [][]any
			id := 0
			for u := 1; u <= users; u++ {
				for k := range perUser {
					id++
					p := ps[(u*7+k*13)%postings]
					status, confirmation := "submitted", any(fmt.Sprintf("PW-%010d", id))
					if k%3 == 0 {
						status, confirmation = "draft", nil
					}
					at := now.Add(-time.Duration(id) * time.Second).UnixMilli()
					apps = append(apps, []any{id, p.ID, u, status, 1, `{}`, true, confirmation, at, at, at})
					if status == "submitted" {
						events = append(events, []any{id, at, "draft", "submitted", u})
					}
				}
			}
			bulkInsert(b, db, "applications", []string{"id", "posting_id", "user_id", "status", "version", "answers", "keep_on_file",
				"confirmation", "created_at", "updated_at", "submitted_at"}, apps)
			bulkInsert(b, db, "application_events", []string{"application_id", "at", "from_status", "to_status", "actor_id"}, events)
			if err := store.Exec(ctx, db, "ANALYZE"); err != nil {
				b.Fatal(err)
			}
			plan, err := store.Explain(ctx, db, store.UserApplicationsSQL, 42)
			if err != nil {
				b.Fatal(err)
			}
			if !strings.Contains(plan, "applications_user_posting") {
				b.Fatalf("the dashboard query does not use the (user_id, posting_id) index:\n%s", plan)
			}
			b.Logf("%s plan:\n%s", engine, plan)
			plan, err = store.Explain(ctx, db, store.UserHistorySQL, 42)
			if err != nil {
				b.Fatal(err)
			}
			if !strings.Contains(plan, "applications_user_posting") || !strings.Contains(plan, "application_events_app") {
				b.Fatalf("the dashboard's history query does not use the indexes:\n%s", plan)
			}
			b.Logf("%s history plan:\n%s", engine, plan)
			var times []time.Duration
			i := 0
			b.ResetTimer()
			for b.Loop() {
				i++
				user := int64(1 + (i*7919)%users)
				t0 := time.Now()
				list, err := db.UserApplications(ctx, user)
				times = append(times, time.Since(t0))
				if err != nil || len(list) != perUser || len(list[1].History)+len(list[2].History) != 2 {
					b.Fatalf("user %d: %d applications, %v", user, len(list), err)
				}
			}
			slices.Sort(times)
			pct := func(p float64) float64 {
				return float64(times[min(len(times)-1, int(float64(len(times))*p))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}

package fault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// standInHash is every fault-test applicant's password hash: they never sign
// in with a password (see prepareDrafts).
const standInHash = "$argon2id$v=19$m=65536,t=1,p=2$not-a-real-hash$not-a-real-hash"

// applicantDraft is an applicant, signed in, with a complete draft.
type applicantDraft struct {
	user    *auth.User
	appID   int64
	answers application.Answers
	cookie  string // the session cookie's value
}

// prepareDrafts loads the database at dsn with an open posting and n
// applicants, each signed in (a session made with the server's own session
// code and codec, since sign-in is rightly throttled per address) with a
// complete draft. The first applicant is made through the application layer,
// as the pages would; the others are copies of its rows, loaded in bulk (see
// rawDB and insertSessions) with their own name, email, answers and session.
func prepareDrafts(t testing.TB, dsn string, n int) (postingID int64, drafts []*applicantDraft) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := app.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := a.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	p := posting.DataCoop()
	p.ID, p.Status, p.Documents = 0, posting.Published, nil
	p.Title = lang.T("Fault-test analyst", "Analyste, essai de pannes")
	p.ClosesAt, p.PublishedAt = now.Add(30*24*time.Hour), now
	if err := db.CreatePosting(ctx, p, now); err != nil {
		t.Fatal(err)
	}
	sessions := scs.New()
	sessions.Store = db.SessionStore()
	sessions.Lifetime = time.Hour
	if n == 0 {
		return p.ID, nil
	}

	// The first applicant, through the application layer.
	u := &auth.User{Email: "applicant0@example.ca", Name: "Applicant 0",
		Role: auth.Applicant, Lang: lang.EN, EmailVerifiedAt: now, NotifyStatus: true}
	if err := db.CreateUser(ctx, u, standInHash); err != nil {
		t.Fatal(err)
	}
	prof := &profile.Profile{Name: u.Name, Email: u.Email, WorkEligibility: profile.Citizen}
	if err := db.SaveProfile(ctx, u.ID, prof, now); err != nil {
		t.Fatal(err)
	}
	d, post, err := a.StartApplication(ctx, u, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.Answers = draftAnswers(post, 0)
	if err := a.SaveDraft(ctx, u, d); err != nil {
		t.Fatal(err)
	}
	sctx, err := sessions.Load(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	sessions.Put(sctx, "user_id", u.ID)
	sessions.Put(sctx, "pw", auth.PasswordStamp(standInHash))
	token, _, err := sessions.Commit(sctx)
	if err != nil {
		t.Fatal(err)
	}
	drafts = append(drafts, &applicantDraft{user: u, appID: d.ID, answers: d.Answers, cookie: token})
	if n == 1 {
		return p.ID, drafts
	}

	// The others: copies of the first one's rows.
	raw := openRaw(t, dsn)
	defer raw.Close()
	var profData string
	if err := raw.QueryRow(raw.q(`SELECT data FROM profiles WHERE user_id = $1`), u.ID).Scan(&profData); err != nil {
		t.Fatal(err)
	}
	var version int
	var keep bool
	if err := raw.QueryRow(raw.q(`SELECT version, keep_on_file FROM applications WHERE id = $1`), d.ID).Scan(&version, &keep); err != nil {
		t.Fatal(err)
	}
	at := now.UnixMilli()
	users := make([]*auth.User, n)
	users[0] = u
	var userRows [][]any
	for i := 1; i < n; i++ {
		users[i] = &auth.User{Email: fmt.Sprintf("applicant%d@example.ca", i), Name: fmt.Sprintf("Applicant %d", i),
			Role: auth.Applicant, Lang: lang.EN, EmailVerifiedAt: u.EmailVerifiedAt, NotifyStatus: true}
		userRows = append(userRows, []any{users[i].Email, standInHash, users[i].Name, string(auth.Applicant), "en", at,
			u.EmailVerifiedAt.UnixMilli(), u.NotifyStatus, u.NotifyReminders})
	}
	raw.insert(t, "users", []string{"email", "password_hash", "name", "role", "lang", "created_at",
		"email_verified_at", "notify_status", "notify_reminders"}, userRows)
	byEmail := map[string]int64{}
	rows, err := raw.Query(`SELECT id, email FROM users`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			t.Fatal(err)
		}
		byEmail[email] = id
	}
	rows.Close()
	var profRows, appRows [][]any
	answers := make([]application.Answers, n)
	for i := 1; i < n; i++ {
		users[i].ID = byEmail[users[i].Email]
		var pr profile.Profile
		if err := json.Unmarshal([]byte(profData), &pr); err != nil {
			t.Fatal(err)
		}
		pr.Name, pr.Email = users[i].Name, users[i].Email
		data, err := json.Marshal(pr)
		if err != nil {
			t.Fatal(err)
		}
		profRows = append(profRows, []any{users[i].ID, 1, string(data), at})
		answers[i] = draftAnswers(post, i)
		enc, err := json.Marshal(answers[i])
		if err != nil {
			t.Fatal(err)
		}
		appRows = append(appRows, []any{p.ID, users[i].ID, string(application.Draft), version, string(enc), keep, at, at})
	}
	raw.insert(t, "profiles", []string{"user_id", "version", "data", "updated_at"}, profRows)
	raw.insert(t, "applications", []string{"posting_id", "user_id", "status", "version", "answers", "keep_on_file",
		"created_at", "updated_at"}, appRows)
	appOf := map[int64]int64{}
	for _, pair := range raw.pairs(t, `SELECT user_id, id FROM applications WHERE posting_id = $1`, p.ID) {
		appOf[pair[0]] = pair[1]
	}
	list := make([]session, 0, n-1)
	for i := 1; i < n; i++ {
		list = append(list, session{userID: users[i].ID, stamp: auth.PasswordStamp(standInHash)})
	}
	tokens := insertSessions(t, raw, sessions, list)
	for i := 1; i < n; i++ {
		drafts = append(drafts, &applicantDraft{user: users[i], appID: appOf[users[i].ID], answers: answers[i], cookie: tokens[i-1]})
	}
	// One copy read back through the store, as the server will read it.
	last := drafts[n-1]
	got, err := db.Application(ctx, last.appID)
	if err != nil || got.UserID != last.user.ID || got.Status != application.Draft || fmt.Sprint(got.Answers) != fmt.Sprint(last.answers) {
		t.Fatalf("a draft loaded in bulk reads back as %+v: %v", got, err)
	}
	return p.ID, drafts
}

// draftAnswers are applicant i's complete answers to post.
func draftAnswers(post *posting.Posting, i int) application.Answers {
	ans := application.Answers{Eligibility: map[int64]bool{}, Responses: map[int64]string{}}
	for _, r := range post.Eligibility {
		ans.Eligibility[r.ID] = true
	}
	for _, g := range post.Groups {
		for _, q := range g.Items {
			ans.Responses[q.ID] = fmt.Sprintf("Applicant %d: at the food bank I rebuilt the volunteer schedule in a spreadsheet; no-shows fell by half (%d).", i, q.ID)
		}
	}
	return ans
}

var confirmationNumber = regexp.MustCompile(`id="confirmation-number"[^>]*>\s*([^<\s]+)\s*<`)

// submit submits d's application through the pages, as a browser would, and
// returns the confirmation number the page showed ("" if it showed none).
func submit(client *http.Client, base string, d *applicantDraft) (string, error) {
	form := url.Values{"declaration": {"yes"}, "signature": {d.user.Name}}
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/en/applications/%d/submit", base, d.appID), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "pathways_session", Value: d.cookie})
	res, err := client.Do(req) // follows the redirect to the confirmation page, with the cookie
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", res.StatusCode)
	}
	m := confirmationNumber.FindSubmatch(body)
	if m == nil {
		return "", errors.New("no confirmation number on the page")
	}
	return string(m[1]), nil
}

// The server process is killed (SIGKILL) in the middle of a burst of
// submissions from 32 clients. After it restarts, every submission whose
// confirmation number a client saw is there, intact: submitted, same number,
// answers as given, profile snapshot frozen, confirmation email queued.
func TestSubmissionsSurviveSIGKILL(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			const applicants, clients, killAfter = 240, 32, 60
			_, drafts := prepareDrafts(t, dsn, applicants)
			srv := startServer(t, dsn)

			var (
				mu        sync.Mutex
				confirmed = map[int64]string{} // application id -> number shown
				failures  int
			)
			queue := make(chan *applicantDraft, len(drafts))
			for _, d := range drafts {
				queue <- d
			}
			close(queue)
			killed := make(chan struct{})
			var once sync.Once
			var wg sync.WaitGroup
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					client := &http.Client{Timeout: 10 * time.Second}
					for d := range queue {
						number, err := submit(client, srv.base, d)
						mu.Lock()
						if err == nil {
							confirmed[d.appID] = number
						} else {
							failures++
						}
						n := len(confirmed)
						mu.Unlock()
						if n >= killAfter {
							once.Do(func() { srv.kill(); close(killed) })
						}
					}
				}()
			}
			wg.Wait()
			select {
			case <-killed:
			default:
				t.Fatalf("the burst ended before the kill: %d confirmed, %d failed\n%s", len(confirmed), failures, srv.Logs())
			}
			t.Logf("%s: killed with %d submissions confirmed to clients; %d requests failed (cut off by the kill)", engine, len(confirmed), failures)

			// Restart on the same database, as an operator would.
			again := startServer(t, dsn)
			checkSubmitted(t, dsn, drafts, confirmed)
			// The restarted server takes the rest of the submissions.
			client := &http.Client{Timeout: 10 * time.Second}
			for _, d := range drafts {
				if _, done := confirmed[d.appID]; done {
					continue
				}
				if _, err := submit(client, again.base, d); err != nil {
					t.Errorf("after the restart, application %d: %v", d.appID, err)
				}
				break
			}
		})
	}
}

// checkSubmitted checks that every application whose confirmation number a
// client saw is stored intact (submitted, same number, answers as given,
// profile snapshot frozen), that the posting's count agrees with what is
// stored, and that each submitted application has one confirmation email.
func checkSubmitted(t *testing.T, dsn string, drafts []*applicantDraft, confirmed map[int64]string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	byID := map[int64]*applicantDraft{}
	for _, d := range drafts {
		byID[d.appID] = d
	}
	for id, number := range confirmed {
		got, err := db.Application(ctx, id)
		if err != nil {
			t.Errorf("application %d (confirmation %s shown) is lost: %v", id, number, err)
			continue
		}
		d := byID[id]
		switch {
		case got.Status != application.Submitted:
			t.Errorf("application %d: status %s, want submitted", id, got.Status)
		case got.Confirmation != number:
			t.Errorf("application %d: confirmation %q stored, %q shown", id, got.Confirmation, number)
		case got.SubmittedAt.IsZero():
			t.Errorf("application %d: no submission time", id)
		case got.Snapshot == nil || got.Snapshot.Name != d.user.Name:
			t.Errorf("application %d: profile snapshot %+v", id, got.Snapshot)
		case fmt.Sprint(got.Answers) != fmt.Sprint(d.answers):
			t.Errorf("application %d: answers changed:\n got %v\nwant %v", id, got.Answers, d.answers)
		}
	}
	submitted := 0
	var postingID int64
	for _, d := range drafts {
		got, err := db.Application(ctx, d.appID)
		if err != nil {
			t.Fatal(err)
		}
		postingID = got.PostingID
		if got.Status == application.Submitted {
			submitted++
		}
	}
	p, err := db.Posting(ctx, postingID)
	if err != nil {
		t.Fatal(err)
	}
	if p.ApplicationsReceived != submitted {
		t.Errorf("posting counts %d applications, %d are submitted", p.ApplicationsReceived, submitted)
	}
	out, _, err := db.ListOutbox(ctx, store.OutboxFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	emails := 0
	for _, m := range out {
		if m.Kind == "confirmation" {
			emails++
		}
	}
	if emails != submitted {
		t.Errorf("%d confirmation emails queued for %d submitted applications", emails, submitted)
	}
}

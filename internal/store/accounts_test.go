package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/account"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

var acctNow = time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)

// acctSignUp creates an applicant through CreateApplicant and returns it with its raw verification token.
func acctSignUp(t *testing.T, db *store.DB, email string) (*auth.User, string) {
	t.Helper()
	raw, tok, err := account.New(account.Verify, 0, email, acctNow)
	if err != nil {
		t.Fatal(err)
	}
	m := mail.Message{Kind: "verify", To: email, Lang: lang.EN, Subject: "Confirm", Body: "link " + raw}
	u := &auth.User{Email: email, Role: auth.Applicant, Lang: lang.EN, NotifyStatus: true, NotifyReminders: true}
	if err := db.CreateApplicant(context.Background(), u, "$argon2id$hash-"+email, tok, m); err != nil {
		t.Fatalf("create applicant %s: %v", email, err)
	}
	return u, raw
}

// acctIssue stores a new token of purpose p for u and returns it raw.
func acctIssue(t *testing.T, db *store.DB, u *auth.User, p account.Purpose, at time.Time) string {
	t.Helper()
	raw, tok, err := account.New(p, u.ID, u.Email, at)
	if err != nil {
		t.Fatal(err)
	}
	m := mail.Message{Kind: string(p), To: u.Email, Lang: lang.EN, Subject: string(p), Body: raw}
	if err := db.IssueAccountToken(context.Background(), tok, m); err != nil {
		t.Fatalf("issue %s token: %v", p, err)
	}
	return raw
}

func acctCount(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	n, err := store.AccountTestCount(context.Background(), db, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func acctText(t *testing.T, db *store.DB, q string, args ...any) string {
	t.Helper()
	s, err := store.AccountTestString(context.Background(), db, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

func TestCreateApplicant(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, raw := acctSignUp(t, db, "Ana@Example.ca")
		if u.ID == 0 || u.Email != "ana@example.ca" || !u.EmailVerifiedAt.IsZero() {
			t.Fatalf("created %+v, want an id, a lower-case email and no verification", u)
		}
		got, err := db.UserByID(ctx, u.ID)
		if err != nil || got.Role != auth.Applicant || !got.EmailVerifiedAt.IsZero() || !got.NotifyStatus {
			t.Fatalf("stored %+v, %v", got, err)
		}
		// Only the token's hash is kept, tied to the account.
		if h := acctText(t, db, `SELECT token_hash FROM account_tokens WHERE user_id = $1`, u.ID); h != account.Hash(raw) || h == raw {
			t.Errorf("stored token %q, want the hash of the raw token", h)
		}
		// The verification email was queued with the account, tied to it.
		if n := acctCount(t, db, `SELECT COUNT(*) FROM outbox WHERE user_id = $1 AND kind = 'verify' AND to_addr = 'ana@example.ca'`, u.ID); n != 1 {
			t.Errorf("%d verification emails, want 1", n)
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'user.signup' AND subject = $1`, "user:"+acctItoa(u.ID)); n != 1 {
			t.Errorf("%d sign-up audit entries, want 1", n)
		}

		// The same address again: a conflict, and nothing is added.
		raw2, tok2, _ := account.New(account.Verify, 0, "ana@example.ca", acctNow)
		err = db.CreateApplicant(ctx, &auth.User{Email: "ANA@example.ca", Role: auth.Applicant, Lang: lang.FR}, "$argon2id$x", tok2,
			mail.Message{Kind: "verify", To: "ana@example.ca", Subject: "s", Body: raw2})
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second sign-up: %v, want ErrConflict", err)
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM account_tokens`); n != 1 {
			t.Errorf("%d tokens after a refused sign-up, want 1", n)
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM outbox`); n != 1 {
			t.Errorf("%d emails after a refused sign-up, want 1", n)
		}
		// Staff accounts are not made this way.
		_, tok3, _ := account.New(account.Verify, 0, "hm@example.ca", acctNow)
		if err := db.CreateApplicant(ctx, &auth.User{Email: "hm@example.ca", Role: auth.HiringManager, Org: "ods", Lang: lang.EN}, "$h", tok3, mail.Message{}); err == nil {
			t.Error("CreateApplicant made a staff account")
		}
	})
}

func TestVerificationTokenIsSingleUse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, raw := acctSignUp(t, db, "ben@example.ca")
		h := account.Hash(raw)
		if got, err := db.AccountTokenUser(ctx, h, account.Verify, acctNow); err != nil || got.ID != u.ID {
			t.Fatalf("check: %v, %v", got, err)
		}
		// A verification token is not a reset token.
		if _, err := db.AccountTokenUser(ctx, h, account.Reset, acctNow); !errors.Is(err, account.ErrTokenInvalid) {
			t.Errorf("verify token used for reset: %v, want ErrTokenInvalid", err)
		}
		if _, err := db.ResetPassword(ctx, h, "$argon2id$new", acctNow); !errors.Is(err, account.ErrTokenInvalid) {
			t.Errorf("reset with a verify token: %v, want ErrTokenInvalid", err)
		}
		at := acctNow.Add(time.Hour)
		got, err := db.VerifyEmail(ctx, h, at)
		if err != nil || !got.EmailVerifiedAt.Equal(at) {
			t.Fatalf("verify: %+v, %v", got, err)
		}
		if stored, _ := db.UserByID(ctx, u.ID); !stored.EmailVerifiedAt.Equal(at) {
			t.Errorf("stored verification %v, want %v", stored.EmailVerifiedAt, at)
		}
		if _, err := db.VerifyEmail(ctx, h, at); !errors.Is(err, account.ErrTokenUsed) {
			t.Errorf("second use: %v, want ErrTokenUsed", err)
		}
		if _, err := db.AccountTokenUser(ctx, h, account.Verify, at); !errors.Is(err, account.ErrTokenUsed) {
			t.Errorf("check after use: %v, want ErrTokenUsed", err)
		}
		if _, err := db.VerifyEmail(ctx, account.Hash("no-such-token"), at); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown token: %v, want ErrNotFound", err)
		}
	})
}

func TestTokensExpire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, raw := acctSignUp(t, db, "cy@example.ca")
		expiry := acctNow.Add(account.VerifyLifetime)
		if _, err := db.VerifyEmail(ctx, account.Hash(raw), expiry); !errors.Is(err, account.ErrTokenExpired) {
			t.Errorf("verify at expiry: %v, want ErrTokenExpired", err)
		}
		if _, err := db.VerifyEmail(ctx, account.Hash(raw), expiry.Add(-time.Millisecond)); err != nil {
			t.Errorf("verify just before expiry: %v", err)
		}
		reset := acctIssue(t, db, u, account.Reset, acctNow)
		if _, err := db.ResetPassword(ctx, account.Hash(reset), "$argon2id$new", acctNow.Add(account.ResetLifetime)); !errors.Is(err, account.ErrTokenExpired) {
			t.Errorf("reset at expiry: %v, want ErrTokenExpired", err)
		}
		if hash, _ := db.PasswordHash(ctx, u.ID); hash != "$argon2id$hash-cy@example.ca" {
			t.Errorf("an expired link changed the password to %q", hash)
		}
	})
}

func TestResetPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, verify := acctSignUp(t, db, "di@example.ca")
		first := acctIssue(t, db, u, account.Reset, acctNow)
		second := acctIssue(t, db, u, account.Reset, acctNow.Add(time.Minute))
		at := acctNow.Add(10 * time.Minute)
		got, err := db.ResetPassword(ctx, account.Hash(second), "$argon2id$new", at)
		if err != nil {
			t.Fatal(err)
		}
		if hash, _ := db.PasswordHash(ctx, u.ID); hash != "$argon2id$new" {
			t.Errorf("password hash %q after reset", hash)
		}
		if !got.EmailVerifiedAt.Equal(at) {
			t.Errorf("a reset link proves the address: verified at %v, want %v", got.EmailVerifiedAt, at)
		}
		// Setting a new password voids every other reset link, not verification links.
		if _, err := db.ResetPassword(ctx, account.Hash(first), "$argon2id$evil", at); !errors.Is(err, account.ErrTokenUsed) {
			t.Errorf("older reset link after a reset: %v, want ErrTokenUsed", err)
		}
		if _, err := db.AccountTokenUser(ctx, account.Hash(verify), account.Verify, at); err != nil {
			t.Errorf("verification link after a reset: %v", err)
		}
		// So does changing it from the account page.
		third := acctIssue(t, db, u, account.Reset, at)
		if err := db.ChangePassword(ctx, u.ID, "$argon2id$changed", at); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AccountTokenUser(ctx, account.Hash(third), account.Reset, at); !errors.Is(err, account.ErrTokenUsed) {
			t.Errorf("reset link after a password change: %v, want ErrTokenUsed", err)
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM audit_log WHERE action IN ('user.password.reset', 'user.password.change') AND subject = $1`, "user:"+acctItoa(u.ID)); n != 2 {
			t.Errorf("%d password audit entries, want 2", n)
		}
	})
}

// Of several requests racing with one link, exactly one succeeds.
func TestTokenRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		u, _ := acctSignUp(t, db, "eve@example.ca")
		raw := acctIssue(t, db, u, account.Reset, acctNow)
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, used := 0, 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := db.ResetPassword(context.Background(), account.Hash(raw), "$argon2id$race", acctNow)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errors.Is(err, account.ErrTokenUsed):
					used++
				default:
					t.Errorf("racing reset: %v", err)
				}
			}()
		}
		wg.Wait()
		if ok != 1 || used != 7 {
			t.Errorf("%d successes and %d refusals, want 1 and 7", ok, used)
		}
	})
}

func TestExistsNoticeIsNotRepeated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, _ := acctSignUp(t, db, "flo@example.ca")
		m := mail.Message{Kind: "exists", To: u.Email, Lang: lang.EN, Subject: "s", Body: "b"}
		for i, want := range []bool{true, false, true} {
			at := acctNow.Add(time.Duration(i) * 40 * time.Minute)
			got, err := db.EnqueueExistsNotice(ctx, u.ID, m, at, at.Add(-time.Hour))
			if err != nil || got != want {
				t.Errorf("notice %d: queued %v, %v; want %v", i, got, err, want)
			}
		}
	})
}

func TestAccountPreferences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, _ := acctSignUp(t, db, "gus@example.ca")
		if err := db.SetAccountPreferences(ctx, u.ID, lang.FR, false, true); err != nil {
			t.Fatal(err)
		}
		got, _ := db.UserByID(ctx, u.ID)
		if got.Lang != lang.FR || got.NotifyStatus || !got.NotifyReminders {
			t.Errorf("preferences %s %v %v", got.Lang, got.NotifyStatus, got.NotifyReminders)
		}
		if err := db.SetAccountPreferences(ctx, u.ID, "de", true, true); err == nil {
			t.Error("saved an unknown language")
		}
		if err := db.SetAccountPreferences(ctx, 99999, lang.EN, true, true); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown account: %v, want ErrNotFound", err)
		}
	})
}

// acctApplicant is what fillApplicant wrote for one account.
type acctApplicant struct {
	user               *auth.User
	draft, submitted   int64 // application ids
	draftDoc, keptDoc  int64
	submittedPostingID int64
}

// acctFill gives u a profile, an equity declaration, a draft (with a
// document) and a submitted application (with history and a document), by
// writing rows directly.
func acctFill(t *testing.T, db *store.DB, u *auth.User, postings [2]int64) acctApplicant {
	t.Helper()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if err := store.AccountTestExec(ctx, db, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	insert := func(q string, args ...any) int64 {
		t.Helper()
		id, err := store.AccountTestInsert(ctx, db, q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return id
	}
	at := acctNow.UnixMilli()
	profile := `{"name":"` + u.Email + ` Name","email":"` + u.Email + `","phone":"416-555-0100","city":"toronto","province":"ON","education":[{"id":1,"institution":"U of T"}],"remote_ok":true}`
	exec(`INSERT INTO profiles (user_id, data, updated_at) VALUES ($1, $2, $3)`, u.ID, profile, at)
	exec(`INSERT INTO equity_declarations (user_id, groups, updated_at) VALUES ($1, $2, $3)`, u.ID, `["women"]`, at)
	d := acctApplicant{user: u, submittedPostingID: postings[1]}
	d.draft = insert(`INSERT INTO applications (posting_id, user_id, status, answers, accommodation, created_at, updated_at)
		VALUES ($1, $2, 'draft', '{"responses":{"7":"draft answer"}}', 'draft accommodation', $3, $3)`, postings[0], u.ID, at)
	d.submitted = insert(`INSERT INTO applications (posting_id, user_id, status, answers, keep_on_file, accommodation, declaration, snapshot, confirmation, created_at, updated_at, submitted_at)
		VALUES ($1, $2, 'submitted', '{"responses":{"9":"I led a data project"}}', TRUE, 'a quiet room', 'signed name', $3, $4, $5, $5, $5)`,
		postings[1], u.ID, profile, "PW-"+acctItoa(u.ID), at)
	exec(`INSERT INTO application_events (application_id, at, from_status, to_status, actor_id) VALUES ($1, $2, 'draft', 'submitted', $3)`, d.submitted, at, u.ID)
	exec(`INSERT INTO application_events (application_id, at, from_status, to_status, actor_id) VALUES ($1, $2, '', 'draft', $3)`, d.draft, at, u.ID)
	doc := `INSERT INTO documents (application_id, kind, filename, content_type, size, sha256, data, created_at) VALUES ($1, 'resume', $2, 'application/pdf', 4, 'abcd', $3, $4)`
	d.draftDoc = insert(doc, d.draft, "draft.pdf", []byte("%PDF"), at)
	d.keptDoc = insert(doc, d.submitted, "resume.pdf", []byte("%PDF"), at)
	return d
}

func acctPostings(t *testing.T, db *store.DB) [2]int64 {
	t.Helper()
	var ids [2]int64
	for i := range ids {
		p := posting.DataCoop()
		p.ID = 0
		if err := db.CreatePosting(context.Background(), p, acctNow); err != nil {
			t.Fatal(err)
		}
		ids[i] = p.ID
	}
	return ids
}

func TestDeleteAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		postings := acctPostings(t, db)
		u, _ := acctSignUp(t, db, "hana@example.ca")
		acctIssue(t, db, u, account.Reset, acctNow)
		mine := acctFill(t, db, u, postings)
		other, _ := acctSignUp(t, db, "ivan@example.ca")
		theirs := acctFill(t, db, other, postings)

		goodbye := mail.Message{Kind: "deleted", UserID: u.ID, To: u.Email, Lang: lang.EN, Subject: "Deleted", Body: "bye"}
		at := acctNow.Add(time.Hour)
		if err := db.DeleteAccount(ctx, u.ID, goodbye, at); err != nil {
			t.Fatal(err)
		}

		// The account row stays, with no identity, and can never sign in.
		if _, err := db.UserByEmail(ctx, "hana@example.ca"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("old address still finds the account: %v", err)
		}
		got, err := db.UserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Email != account.DeletedEmail(u.ID) || got.Name != "" || !got.DeletedAt.Equal(at) || got.Active() || !got.EmailVerifiedAt.IsZero() {
			t.Errorf("deleted account %+v", got)
		}
		hash, _ := db.PasswordHash(ctx, u.ID)
		if ok, _ := auth.CheckPassword(hash, "anything at all"); ok || hash != account.UnusablePasswordHash {
			t.Errorf("password hash %q after deletion", hash)
		}
		// Profile, equity declaration, tokens and emails are gone.
		for _, q := range []string{
			`SELECT COUNT(*) FROM profiles WHERE user_id = $1`,
			`SELECT COUNT(*) FROM equity_declarations WHERE user_id = $1`,
			`SELECT COUNT(*) FROM account_tokens WHERE user_id = $1`,
			`SELECT COUNT(*) FROM outbox WHERE user_id = $1`,
		} {
			if n := acctCount(t, db, q, u.ID); n != 0 {
				t.Errorf("%s: %d rows left", q, n)
			}
		}
		// The draft is gone with its history and document.
		if n := acctCount(t, db, `SELECT COUNT(*) FROM applications WHERE id = $1`, mine.draft); n != 0 {
			t.Error("the draft survived")
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM application_events WHERE application_id = $1`, mine.draft); n != 0 {
			t.Error("the draft's history survived")
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM documents WHERE id IN ($1, $2)`, mine.draftDoc, mine.keptDoc); n != 0 {
			t.Errorf("%d documents survived", n)
		}
		// The submitted application is kept, without identity.
		if s := acctText(t, db, `SELECT user_id FROM applications WHERE id = $1`, mine.submitted); s != acctItoa(u.ID) {
			t.Errorf("submitted application's user_id %q, want %d", s, u.ID)
		}
		var snap map[string]any
		if err := json.Unmarshal([]byte(acctText(t, db, `SELECT snapshot FROM applications WHERE id = $1`, mine.submitted)), &snap); err != nil {
			t.Fatal(err)
		}
		for _, k := range account.IdentityFields {
			if _, ok := snap[k]; ok {
				t.Errorf("snapshot still has %q", k)
			}
		}
		if snap["province"] != "ON" || snap["education"] == nil || snap["remote_ok"] != true {
			t.Errorf("snapshot lost more than identity: %v", snap)
		}
		if s := acctText(t, db, `SELECT accommodation || '|' || declaration || '|' || answers || '|' || status || '|' || confirmation FROM applications WHERE id = $1`, mine.submitted); s != `||{"responses":{"9":"I led a data project"}}|submitted|PW-`+acctItoa(u.ID) {
			t.Errorf("kept application: %q", s)
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM application_events WHERE application_id = $1`, mine.submitted); n != 1 {
			t.Errorf("submitted application's history: %d events, want 1", n)
		}
		// The goodbye email went to the old address, not tied to the account.
		if n := acctCount(t, db, `SELECT COUNT(*) FROM outbox WHERE kind = 'deleted' AND to_addr = 'hana@example.ca' AND user_id IS NULL`); n != 1 {
			t.Errorf("%d goodbye emails, want 1", n)
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'user.delete' AND subject = $1 AND actor_id = $2`, "user:"+acctItoa(u.ID), u.ID); n != 1 {
			t.Errorf("%d deletion audit entries, want 1", n)
		}
		// Nobody else's data changed.
		for _, q := range []string{
			`SELECT COUNT(*) FROM profiles WHERE user_id = $1`,
			`SELECT COUNT(*) FROM equity_declarations WHERE user_id = $1`,
			`SELECT COUNT(*) FROM account_tokens WHERE user_id = $1`,
			`SELECT COUNT(*) FROM outbox WHERE user_id = $1`,
			`SELECT COUNT(*) FROM applications WHERE user_id = $1 AND accommodation <> ''`,
		} {
			if n := acctCount(t, db, q, other.ID); n == 0 {
				t.Errorf("%s: the other account lost its rows", q)
			}
		}
		if n := acctCount(t, db, `SELECT COUNT(*) FROM documents WHERE id IN ($1, $2)`, theirs.draftDoc, theirs.keptDoc); n != 2 {
			t.Errorf("the other account has %d documents, want 2", n)
		}
		// Deleting twice is "not found"; a deleted account gets no new links.
		if err := db.DeleteAccount(ctx, u.ID, goodbye, at); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second deletion: %v, want ErrNotFound", err)
		}
		_, tok, _ := account.New(account.Reset, u.ID, got.Email, at)
		if err := db.IssueAccountToken(ctx, tok, mail.Message{Kind: "reset", To: got.Email}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("token for a deleted account: %v, want ErrNotFound", err)
		}
	})
}

func TestExportAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		postings := acctPostings(t, db)
		u, _ := acctSignUp(t, db, "jo@example.ca")
		mine := acctFill(t, db, u, postings)
		other, _ := acctSignUp(t, db, "kim@example.ca")
		acctFill(t, db, other, postings)

		x, err := db.ExportAccount(ctx, u.ID, acctNow)
		if err != nil {
			t.Fatal(err)
		}
		if x.Format != account.ExportFormat || x.Account.ID != u.ID || x.Account.Email != "jo@example.ca" || x.Account.Role != "applicant" || x.Account.EmailVerifiedAt != nil {
			t.Errorf("account part %+v", x.Account)
		}
		if x.Profile == nil || !strings.Contains(string(x.Profile.Data), `"phone":"416-555-0100"`) {
			t.Errorf("profile part %+v", x.Profile)
		}
		if x.Equity == nil || string(x.Equity.Groups) != `["women"]` {
			t.Errorf("equity part %+v", x.Equity)
		}
		if len(x.Applications) != 2 {
			t.Fatalf("%d applications, want 2", len(x.Applications))
		}
		draft, sub := x.Applications[0], x.Applications[1]
		if draft.ID != mine.draft || draft.Status != "draft" || string(draft.Snapshot) != "null" || draft.SubmittedAt != nil ||
			len(draft.History) != 1 || len(draft.Documents) != 1 || draft.Accommodation != "draft accommodation" {
			t.Errorf("draft %+v", draft)
		}
		if sub.ID != mine.submitted || sub.PostingID != mine.submittedPostingID || sub.PostingTitle.EN == "" || sub.PostingTitle.FR == "" ||
			!strings.Contains(string(sub.Answers), "I led a data project") || !strings.Contains(string(sub.Snapshot), `"city":"toronto"`) ||
			sub.Confirmation != "PW-"+acctItoa(u.ID) || sub.SubmittedAt == nil || sub.Declaration != "signed name" {
			t.Errorf("submitted %+v", sub)
		}
		if len(sub.History) != 1 || sub.History[0].From != "draft" || sub.History[0].To != "submitted" {
			t.Errorf("history %+v", sub.History)
		}
		if len(sub.Documents) != 1 || sub.Documents[0].Filename != "resume.pdf" || sub.Documents[0].Size != 4 || sub.Documents[0].SHA256 != "abcd" {
			t.Errorf("documents %+v", sub.Documents)
		}
		if len(x.Emails) != 1 || x.Emails[0].Kind != "verify" || x.Emails[0].To != "jo@example.ca" {
			t.Errorf("emails %+v", x.Emails)
		}
		if len(x.Activity) != 1 || x.Activity[0].Action != "user.signup" {
			t.Errorf("activity %+v", x.Activity)
		}
		b, _ := json.Marshal(x)
		for _, leak := range []string{"kim@example.ca", "argon2id", "password_hash", `"data":"JVBERg=="`} {
			if strings.Contains(string(b), leak) {
				t.Errorf("the export contains %q", leak)
			}
		}
		if _, err := db.ExportAccount(ctx, 99999, acctNow); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown account: %v, want ErrNotFound", err)
		}
	})
}

func acctItoa(n int64) string { return strconv.FormatInt(n, 10) }

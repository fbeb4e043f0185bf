package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
	"github.com/pathways-gov/pathways/internal/valid"
)

// apNow is the tests' clock: the sample postings close a week later.
var apNow = time.Date(2026, 7, 10, 14, 0, 0, 0, time.UTC)

type apFixture struct {
	t   testing.TB
	db  *store.DB
	ctx context.Context
}

func apNewApplicant(f apFixture, email string) *auth.User {
	f.t.Helper()
	u := &auth.User{Email: email, Name: "Applicant " + email, Role: auth.Applicant, Lang: "en",
		NotifyStatus: true, NotifyReminders: true}
	if err := f.db.CreateUser(f.ctx, u, "$argon2id$stand-in"); err != nil {
		f.t.Fatal(err)
	}
	return u
}

func apGiveProfile(f apFixture, u *auth.User, name string) {
	f.t.Helper()
	p := &profile.Profile{Name: name, Email: u.Email, WorkEligibility: profile.Citizen, City: "toronto", Province: "ON"}
	if err := f.db.SaveProfile(f.ctx, u.ID, p, apNow); err != nil {
		f.t.Fatal(err)
	}
}

// openPosting creates a published posting closing at closes, with one
// eligibility requirement, an essential and an asset qualification, and one
// required document.
func apOpenPosting(f apFixture, closes time.Time) *posting.Posting {
	f.t.Helper()
	p := samplePosting()
	p.Status, p.ClosesAt, p.PublishedAt = posting.Published, closes, apNow.Add(-24*time.Hour)
	if err := f.db.CreatePosting(f.ctx, p, apNow.Add(-24*time.Hour)); err != nil {
		f.t.Fatal(err)
	}
	return p
}

// completeDraft starts u's draft to p and fills it in completely.
func apCompleteDraft(f apFixture, u *auth.User, p *posting.Posting) *application.Application {
	f.t.Helper()
	a, created, err := f.db.StartApplication(f.ctx, u.ID, p.ID, p.KeepOnFile, apNow)
	if err != nil || !created {
		f.t.Fatalf("start: %v, created %v", err, created)
	}
	a.Answers = application.Answers{
		Eligibility: map[int64]bool{p.Eligibility[0].ID: true},
		Responses:   map[int64]string{p.Groups[0].Items[0].ID: "In my co-op term, I analysed survey data; the result was a report used by the team."},
	}
	if err := f.db.SaveDraft(f.ctx, a, apNow); err != nil {
		f.t.Fatal(err)
	}
	d := &application.Document{Kind: string(posting.ResumeCoverLetter), Filename: "cv.pdf", ContentType: application.PDF, SHA256: "00"}
	if err := f.db.PutDocument(f.ctx, a.ID, d, []byte("%PDF-1.4 %%EOF"), apNow); err != nil {
		f.t.Fatal(err)
	}
	return a
}

// apConfirmationMail is a stand-in for the app layer's email.
func apConfirmationMail(to store.Recipient, a *application.Application, p *posting.Posting) (*mail.Message, error) {
	return &mail.Message{Kind: "confirmation", To: to.Email, Lang: to.Lang, Subject: "Received " + a.Confirmation,
		Body: fmt.Sprintf("%s %s application %d", a.Confirmation, p.Title.EN, a.ID)}, nil
}

func apStatusMail(to store.Recipient, a *application.Application, p *posting.Posting) (*mail.Message, error) {
	if !to.NotifyStatus {
		return nil, nil
	}
	return &mail.Message{Kind: "status", To: to.Email, Lang: to.Lang, Subject: string(a.Status), Body: a.History[len(a.History)-1].Note}, nil
}

func apSubmit(f apFixture, u *auth.User, id int64, now time.Time) (*store.SubmitResult, error) {
	return f.db.Submit(f.ctx, store.SubmitRequest{ApplicationID: id, UserID: u.ID, Declaration: "Jeanne Tremblay",
		Now: func() time.Time { return now }, Confirmation: apConfirmationMail})
}

func apOutbox(f apFixture, kind string) []store.OutboxMessage {
	f.t.Helper()
	msgs, _, err := f.db.ListOutbox(f.ctx, store.OutboxFilter{Limit: 500})
	if err != nil {
		f.t.Fatal(err)
	}
	var out []store.OutboxMessage
	for _, m := range msgs {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

func TestApplicationDraftLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		u := apNewApplicant(f, "jeanne@example.ca")
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))

		a, created, err := db.StartApplication(f.ctx, u.ID, p.ID, false, apNow)
		if err != nil || !created || a.Status != application.Draft || a.Version != 1 || a.KeepOnFile {
			t.Fatalf("start: %+v, %v, %v", a, created, err)
		}
		again, created, err := db.StartApplication(f.ctx, u.ID, p.ID, true, apNow)
		if err != nil || created || again.ID != a.ID || again.KeepOnFile {
			t.Fatalf("second start made or changed a row: %+v, %v, %v", again, created, err)
		}
		// Save with the version read; a stale version is refused and changes nothing.
		a.Answers = application.Answers{Eligibility: map[int64]bool{p.Eligibility[0].ID: false},
			Responses: map[int64]string{p.Groups[0].Items[1].ID: "Python, since 2022"}}
		a.Accommodation = "Screen reader"
		if err := db.SaveDraft(f.ctx, a, apNow.Add(time.Minute)); err != nil || a.Version != 2 {
			t.Fatalf("save: %v, version %d", err, a.Version)
		}
		stale := *again
		stale.Accommodation = "overwrite"
		if err := db.SaveDraft(f.ctx, &stale, apNow); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale save: %v, want ErrConflict", err)
		}
		got, err := db.Application(f.ctx, a.ID)
		if err != nil || got.Accommodation != "Screen reader" || got.Answers.Eligibility[p.Eligibility[0].ID] != false ||
			len(got.Answers.Eligibility) != 1 || got.Answers.Responses[p.Groups[0].Items[1].ID] != "Python, since 2022" ||
			!got.UpdatedAt.Equal(apNow.Add(time.Minute)) {
			t.Fatalf("loaded %+v, %v", got, err)
		}
		// Documents: one per kind, replaced in place.
		d1 := &application.Document{Kind: "resume", Filename: "a.pdf", ContentType: application.PDF, SHA256: "aa"}
		if err := db.PutDocument(f.ctx, a.ID, d1, []byte("one"), apNow); err != nil || d1.ID == 0 || d1.Size != 3 {
			t.Fatalf("attach: %v %+v", err, d1)
		}
		d2 := &application.Document{Kind: "resume", Filename: "b.docx", ContentType: application.DOCX, SHA256: "bb"}
		if err := db.PutDocument(f.ctx, a.ID, d2, []byte("second"), apNow); err != nil {
			t.Fatal(err)
		}
		d3 := &application.Document{Kind: "transcript", Filename: "t.pdf", ContentType: application.PDF, SHA256: "cc"}
		if err := db.PutDocument(f.ctx, a.ID, d3, []byte("third"), apNow); err != nil {
			t.Fatal(err)
		}
		got, _ = db.Application(f.ctx, a.ID)
		if len(got.Documents) != 2 || got.Documents[0].Filename != "b.docx" || got.Documents[0].Size != 6 || got.Version != 2 {
			t.Fatalf("documents %+v (version %d)", got.Documents, got.Version)
		}
		meta, data, err := db.Document(f.ctx, a.ID, got.Documents[0].ID)
		if err != nil || string(data) != "second" || meta.ContentType != application.DOCX {
			t.Fatalf("document: %+v %q %v", meta, data, err)
		}
		if _, _, err := db.Document(f.ctx, a.ID+1, got.Documents[0].ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("document of another application: %v", err)
		}
		if err := db.RemoveDocument(f.ctx, a.ID, d3.ID, apNow); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveDocument(f.ctx, a.ID, d3.ID, apNow); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("remove twice: %v", err)
		}
		if _, err := db.Application(f.ctx, 999999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing application: %v", err)
		}
	})
}

func TestConcurrentStartGivesOneRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		u := apNewApplicant(f, "jeanne@example.ca")
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		var wg sync.WaitGroup
		ids := make([]int64, 8)
		errs := make([]error, 8)
		for i := range ids {
			wg.Go(func() {
				a, _, err := db.StartApplication(f.ctx, u.ID, p.ID, true, apNow)
				errs[i] = err
				if err == nil {
					ids[i] = a.ID
				}
			})
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("call %d: id %d, err %v (first id %d)", i, ids[i], errs[i], ids[0])
			}
		}
		list, err := db.UserApplications(f.ctx, u.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("applications: %d, %v", len(list), err)
		}
	})
}

func TestSubmitFreezesSnapshotAndCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		u := apNewApplicant(f, "jeanne@example.ca")
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		a := apCompleteDraft(f, u, p)

		// No profile yet: refused, with the problem on "profile"; nothing changed.
		_, err := apSubmit(f, u, a.ID, apNow)
		var ps valid.Problems
		if !errors.As(err, &ps) || len(ps.For("profile")) != 1 {
			t.Fatalf("submit without profile: %v", err)
		}
		apGiveProfile(f, u, "Jeanne Tremblay")
		// Another user's application is not found.
		other := apNewApplicant(f, "other@example.ca")
		if _, err := apSubmit(f, other, a.ID, apNow); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("someone else's submit: %v", err)
		}
		res, err := apSubmit(f, u, a.ID, apNow)
		if err != nil || !res.Submitted {
			t.Fatalf("submit: %v", err)
		}
		got := res.Application
		if got.Status != application.Submitted || !application.ValidConfirmation(got.Confirmation) ||
			!got.SubmittedAt.Equal(apNow) || got.Declaration != "Jeanne Tremblay" || got.Snapshot == nil || got.Snapshot.Name != "Jeanne Tremblay" {
			t.Fatalf("submitted %+v", got)
		}
		if res.Posting.ApplicationsReceived != 1 || res.BucketChanged {
			t.Fatalf("count %d, bucket changed %v", res.Posting.ApplicationsReceived, res.BucketChanged)
		}
		// The profile changes later; the submitted snapshot does not.
		prof, err := db.Profile(f.ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		prof.Name, prof.City = "Jeanne Renamed", "ottawa"
		if err := db.SaveProfile(f.ctx, u.ID, prof, apNow.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		loaded, err := db.Application(f.ctx, a.ID)
		if err != nil || loaded.Snapshot.Name != "Jeanne Tremblay" || loaded.Snapshot.City != "toronto" || loaded.Confirmation != got.Confirmation {
			t.Fatalf("snapshot changed: %+v, %v", loaded.Snapshot, err)
		}
		if len(loaded.History) != 1 || loaded.History[0].From != application.Draft || loaded.History[0].To != application.Submitted ||
			loaded.History[0].ActorID != u.ID {
			t.Fatalf("history %+v", loaded.History)
		}
		// A submitted application is not a draft any more.
		loaded.Accommodation = "late change"
		if err := db.SaveDraft(f.ctx, loaded, apNow); !errors.Is(err, application.ErrSubmitted) {
			t.Fatalf("save after submit: %v", err)
		}
		d := &application.Document{Kind: "resume", Filename: "x.pdf", ContentType: application.PDF}
		if err := db.PutDocument(f.ctx, a.ID, d, []byte("x"), apNow); !errors.Is(err, application.ErrSubmitted) {
			t.Fatalf("attach after submit: %v", err)
		}
		// Submitting again returns the same application, with no second email.
		again, err := apSubmit(f, u, a.ID, apNow.Add(time.Minute))
		if err != nil || again.Submitted || again.Application.Confirmation != got.Confirmation {
			t.Fatalf("second submit: %+v, %v", again, err)
		}
		if mails := apOutbox(f, "confirmation"); len(mails) != 1 || !strings.Contains(mails[0].Body, got.Confirmation) ||
			mails[0].To != "jeanne@example.ca" || mails[0].UserID != u.ID {
			t.Fatalf("confirmation emails: %+v", mails)
		}
		stored, _ := db.Posting(f.ctx, p.ID)
		if stored.ApplicationsReceived != 1 || !stored.UpdatedAt.Equal(p.UpdatedAt) {
			t.Fatalf("posting count %d, updated %v (was %v): the bucket did not change, updated_at must not move",
				stored.ApplicationsReceived, stored.UpdatedAt, p.UpdatedAt)
		}
	})
}

func TestSubmitIncompleteChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		u := apNewApplicant(f, "jeanne@example.ca")
		apGiveProfile(f, u, "Jeanne")
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		a, _, err := db.StartApplication(f.ctx, u.ID, p.ID, true, apNow)
		if err != nil {
			t.Fatal(err)
		}
		_, err = apSubmit(f, u, a.ID, apNow)
		var ps valid.Problems
		if !errors.As(err, &ps) {
			t.Fatalf("incomplete submit: %v", err)
		}
		want := []string{application.EligibilityField(p.Eligibility[0].ID), application.ResponseField(p.Groups[0].Items[0].ID),
			"document_resume-cover-letter"}
		for _, field := range want {
			if len(ps.For(field)) != 1 {
				t.Errorf("no problem on %s: %v", field, ps)
			}
		}
		got, _ := db.Application(f.ctx, a.ID)
		if got.Status != application.Draft || got.Confirmation != "" || len(apOutbox(f, "confirmation")) != 0 {
			t.Fatalf("incomplete submit changed something: %+v", got)
		}
	})
}

func TestSubmitAtTheDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		closes, err := posting.ClosingInstant("2026-07-17", "17:00", "America/Toronto") // EDT
		if err != nil {
			t.Fatal(err)
		}
		p := apOpenPosting(f, closes)
		early := apNewApplicant(f, "early@example.ca")
		late := apNewApplicant(f, "late@example.ca")
		apGiveProfile(f, early, "Early")
		apGiveProfile(f, late, "Late")
		ea, la := apCompleteDraft(f, early, p), apCompleteDraft(f, late, p)
		if _, err := apSubmit(f, early, ea.ID, closes.Add(-time.Second)); err != nil {
			t.Fatalf("4:59:59 p.m. EDT refused: %v", err)
		}
		if _, err := apSubmit(f, late, la.ID, closes); !errors.Is(err, application.ErrClosed) {
			t.Fatalf("5:00:00 p.m. EDT: %v, want ErrClosed", err)
		}
		got, _ := db.Application(f.ctx, la.ID)
		if got.Status != application.Draft || len(apOutbox(f, "confirmation")) != 1 {
			t.Fatalf("refused submission changed something: %+v", got)
		}
	})
}

func TestConcurrentDoubleSubmit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		for round := range 5 {
			u := apNewApplicant(f, fmt.Sprintf("a%d@example.ca", round))
			apGiveProfile(f, u, "Applicant")
			p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
			a := apCompleteDraft(f, u, p)
			var wg sync.WaitGroup
			results := make([]*store.SubmitResult, 2)
			errs := make([]error, 2)
			for i := range 2 {
				wg.Go(func() { results[i], errs[i] = apSubmit(f, u, a.ID, apNow) })
			}
			wg.Wait()
			for i := range 2 {
				if errs[i] != nil {
					t.Fatalf("round %d, call %d: %v", round, i, errs[i])
				}
			}
			if results[0].Application.Confirmation != results[1].Application.Confirmation ||
				results[0].Submitted == results[1].Submitted {
				t.Fatalf("round %d: %+v / %+v", round, results[0], results[1])
			}
			stored, _ := db.Posting(f.ctx, p.ID)
			if stored.ApplicationsReceived != 1 {
				t.Fatalf("round %d: count %d", round, stored.ApplicationsReceived)
			}
		}
		if n := len(apOutbox(f, "confirmation")); n != 5 {
			t.Fatalf("%d confirmation emails for 5 applications", n)
		}
	})
}

func TestWithdrawAndRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		u := apNewApplicant(f, "jeanne@example.ca")
		apGiveProfile(f, u, "Jeanne")
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		a := apCompleteDraft(f, u, p)
		if _, err := apSubmit(f, u, a.ID, apNow); err != nil {
			t.Fatal(err)
		}
		other := apNewApplicant(f, "other@example.ca")
		if _, err := db.Withdraw(f.ctx, a.ID, other.ID, apNow, apStatusMail); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("withdraw by another: %v", err)
		}
		res, err := db.Withdraw(f.ctx, a.ID, u.ID, apNow.Add(time.Hour), apStatusMail)
		if err != nil || res.Application.Status != application.Withdrawn || !res.Application.WithdrawnAt.Equal(apNow.Add(time.Hour)) {
			t.Fatalf("withdraw: %+v, %v", res, err)
		}
		if res.Posting.ApplicationsReceived != 0 {
			t.Fatalf("count after withdrawal %d", res.Posting.ApplicationsReceived)
		}
		if mails := apOutbox(f, "status"); len(mails) != 1 || mails[0].Subject != "withdrawn" {
			t.Fatalf("status emails %+v", mails)
		}
		again, err := db.Withdraw(f.ctx, a.ID, u.ID, apNow.Add(2*time.Hour), apStatusMail)
		if err != nil || len(again.Application.History) != 2 || len(apOutbox(f, "status")) != 1 {
			t.Fatalf("withdraw twice: %+v, %v", again, err)
		}
		// The row stays withdrawn: starting again returns it, submitting refuses.
		start, created, err := db.StartApplication(f.ctx, u.ID, p.ID, true, apNow)
		if err != nil || created || start.ID != a.ID || start.Status != application.Withdrawn {
			t.Fatalf("restart: %+v, %v, %v", start, created, err)
		}
		if _, err := apSubmit(f, u, a.ID, apNow); !errors.Is(err, application.ErrWithdrawn) {
			t.Fatalf("resubmit: %v", err)
		}
		if err := db.SaveDraft(f.ctx, start, apNow); !errors.Is(err, application.ErrWithdrawn) {
			t.Fatalf("save withdrawn: %v", err)
		}
	})
}

func TestStaffMovesAndAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		u := apNewApplicant(f, "jeanne@example.ca")
		apGiveProfile(f, u, "Jeanne")
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		a := apCompleteDraft(f, u, p)
		res, err := apSubmit(f, u, a.ID, apNow)
		if err != nil {
			t.Fatal(err)
		}
		const staffID = 0 // no staff row needed: actor ids are not foreign keys
		v := res.Application.Version
		move := func(to application.Status, version int, note string) (*store.MoveResult, error) {
			return db.MoveApplication(f.ctx, store.MoveRequest{ApplicationID: a.ID, Version: version, To: to,
				ActorID: staffID, Note: note, Now: apNow.Add(time.Hour), Compose: apStatusMail})
		}
		if _, err := move(application.Hired, v, ""); !errors.As(err, new(*application.TransitionError)) {
			t.Fatalf("submitted -> hired: %v", err)
		}
		r, err := move(application.UnderReview, v, "We are reviewing.")
		if err != nil || r.Application.Status != application.UnderReview {
			t.Fatalf("move: %v", err)
		}
		if _, err := move(application.ScreenedIn, v, ""); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale version: %v", err)
		}
		// The applicant turns status emails off: the next move sends none.
		if err := db.SetAccountPreferences(f.ctx, u.ID, "fr", false, true); err != nil {
			t.Fatal(err)
		}
		if _, err := move(application.ScreenedIn, r.Application.Version, ""); err != nil {
			t.Fatal(err)
		}
		mails := apOutbox(f, "status")
		if len(mails) != 1 || mails[0].Body != "We are reviewing." {
			t.Fatalf("status emails %+v", mails)
		}
		got, err := db.StaffReadApplication(f.ctx, a.ID, 0, apNow.Add(2*time.Hour))
		if err != nil || got.Status != application.ScreenedIn || len(got.History) != 3 || got.History[1].Note != "We are reviewing." {
			t.Fatalf("staff read: %+v, %v", got, err)
		}
		log, err := db.AuditLog(f.ctx, fmt.Sprintf("application:%d", a.ID), 10)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, ",") != "application.read,application.move,application.move" {
			t.Fatalf("audit log %v", actions)
		}
		list, err := db.PostingApplications(f.ctx, p.ID, 0, apNow)
		if err != nil || len(list) != 1 || list[0].Name != "Jeanne" || list[0].Status != application.ScreenedIn {
			t.Fatalf("staff list %+v, %v", list, err)
		}
		stored, _ := db.Posting(f.ctx, p.ID)
		if stored.ApplicationsReceived != 1 {
			t.Fatalf("moves changed the count: %d", stored.ApplicationsReceived)
		}
	})
}

func TestBucketBumpsUpdatedAt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		var changed []int
		for i := 1; i <= 11; i++ {
			u := apNewApplicant(f, fmt.Sprintf("a%d@example.ca", i))
			apGiveProfile(f, u, "A")
			a := apCompleteDraft(f, u, p)
			at := apNow.Add(time.Duration(i) * time.Minute)
			res, err := apSubmit(f, u, a.ID, at)
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := db.Posting(f.ctx, p.ID)
			if stored.ApplicationsReceived != i {
				t.Fatalf("count %d after %d", stored.ApplicationsReceived, i)
			}
			if res.BucketChanged {
				changed = append(changed, i)
				if !stored.UpdatedAt.Equal(at) {
					t.Fatalf("bucket changed at %d but updated_at %v", i, stored.UpdatedAt)
				}
				// The refresher finds the posting among those changed since just before.
				ps, err := db.PostingsUpdatedSince(f.ctx, at.Add(-time.Millisecond), 0, 10)
				if err != nil || len(ps) != 1 || ps[0].ApplicationsReceived != 10 {
					t.Fatalf("changed postings %v, %v", ps, err)
				}
			} else if !stored.UpdatedAt.Equal(p.UpdatedAt) {
				t.Fatalf("bucket unchanged at %d but updated_at moved to %v", i, stored.UpdatedAt)
			}
			p.UpdatedAt = stored.UpdatedAt
		}
		if fmt.Sprint(changed) != "[10]" {
			t.Fatalf("bucket changed at %v, want [10]", changed)
		}
	})
}

func TestDashboardAndPastAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		u := apNewApplicant(f, "jeanne@example.ca")
		apGiveProfile(f, u, "Jeanne")
		p1 := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		p2 := apOpenPosting(f, apNow.Add(9*24*time.Hour))
		a1 := apCompleteDraft(f, u, p1)
		if _, err := apSubmit(f, u, a1.ID, apNow.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		a2, _, err := db.StartApplication(f.ctx, u.ID, p2.ID, true, apNow.Add(2*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		a2.Answers.Responses = map[int64]string{p2.Groups[0].Items[1].ID: "Asset answer"}
		if err := db.SaveDraft(f.ctx, a2, apNow.Add(3*time.Minute)); err != nil {
			t.Fatal(err)
		}
		someone := apNewApplicant(f, "someone@example.ca")
		if _, _, err := db.StartApplication(f.ctx, someone.ID, p1.ID, true, apNow); err != nil {
			t.Fatal(err)
		}
		list, err := db.UserApplications(f.ctx, u.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("dashboard %+v, %v", list, err)
		}
		if list[0].ID != a2.ID || list[0].Status != application.Draft || list[0].Confirmation != "" ||
			list[1].ID != a1.ID || list[1].Status != application.Submitted || list[1].Confirmation == "" ||
			list[1].Title.FR != "Analyste de données" || list[1].OrgCode != "ods" || !list[1].ClosesAt.Equal(p1.ClosesAt) ||
			list[1].TimeZone != "America/Toronto" || !list[1].SubmittedAt.Equal(apNow.Add(time.Minute)) ||
			len(list[0].History) != 0 || len(list[1].History) != 1 || list[1].History[0].To != application.Submitted ||
			!list[1].History[0].At.Equal(apNow.Add(time.Minute)) {
			t.Fatalf("dashboard %+v", list)
		}
		past, err := db.PastAnswers(f.ctx, u.ID)
		if err != nil || len(past) != 2 {
			t.Fatalf("past answers %+v, %v", past, err)
		}
		if past[0].ApplicationID != a2.ID || past[0].Text != "Asset answer" || past[0].Qualification.EN != "SQL" ||
			past[1].ApplicationID != a1.ID || past[1].Qualification.FR != "Analyse" || past[1].PostingTitle.EN != "Data analyst" {
			t.Fatalf("past answers %+v", past)
		}
	})
}

func TestRemindersOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apFixture{t, db, context.Background()}
		soon := apOpenPosting(f, apNow.Add(48*time.Hour))
		later := apOpenPosting(f, apNow.Add(5*24*time.Hour))
		wants := apNewApplicant(f, "wants@example.ca")
		quiet := apNewApplicant(f, "quiet@example.ca")
		done := apNewApplicant(f, "done@example.ca")
		if err := db.SetAccountPreferences(f.ctx, quiet.ID, "en", true, false); err != nil {
			t.Fatal(err)
		}
		apGiveProfile(f, done, "Done")
		for _, u := range []*auth.User{wants, quiet} {
			if _, _, err := db.StartApplication(f.ctx, u.ID, soon.ID, true, apNow); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := db.StartApplication(f.ctx, wants.ID, later.ID, true, apNow); err != nil {
			t.Fatal(err)
		}
		submitted := apCompleteDraft(f, done, soon)
		if _, err := apSubmit(f, done, submitted.ID, apNow); err != nil {
			t.Fatal(err)
		}
		compose := func(to store.Recipient, a *application.Application, p *posting.Posting) (*mail.Message, error) {
			return &mail.Message{Kind: "reminder", To: to.Email, Subject: "Reminder", Body: fmt.Sprint(p.ID)}, nil
		}
		n, err := db.SendReminders(f.ctx, apNow, 100, compose)
		if err != nil || n != 1 {
			t.Fatalf("reminders: %d, %v", n, err)
		}
		mails := apOutbox(f, "reminder")
		if len(mails) != 1 || mails[0].To != "wants@example.ca" || mails[0].Body != fmt.Sprint(soon.ID) {
			t.Fatalf("reminder emails %+v", mails)
		}
		if n, err := db.SendReminders(f.ctx, apNow.Add(time.Hour), 100, compose); err != nil || n != 0 {
			t.Fatalf("second pass: %d, %v", n, err)
		}
		// Two days later the other posting is within three days too.
		if n, err := db.SendReminders(f.ctx, apNow.Add(2*24*time.Hour+time.Hour), 100, compose); err != nil || n != 1 {
			t.Fatalf("later pass: %d, %v", n, err)
		}
	})
}

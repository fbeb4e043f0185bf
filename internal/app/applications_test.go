package app_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
	"github.com/pathways-gov/pathways/internal/valid"
)

var applyNow = time.Date(2026, 7, 10, 14, 0, 0, 0, time.UTC)

const tinyPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

type applyEnv struct {
	t                         *testing.T
	ctx                       context.Context
	a                         *app.App
	alice, bob                *auth.User // applicants
	hmODS, hrODS, hrMTO, prog *auth.User // staff
	posting                   *posting.Posting
}

func newApplyEnv(t *testing.T, db *store.DB) *applyEnv {
	ctx := context.Background()
	a := app.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.BaseURL = "https://pathways.example.ca"
	now := applyNow
	a.Now = func() time.Time { return now }
	if err := a.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	e := &applyEnv{t: t, ctx: ctx, a: a}
	user := func(email string, role auth.Role, org string) *auth.User {
		u := &auth.User{Email: email, Name: strings.Split(email, "@")[0], Role: role, Org: org, Lang: lang.EN,
			NotifyStatus: true, NotifyReminders: true, EmailVerifiedAt: time.Now()}
		if err := db.CreateUser(ctx, u, "$argon2id$stand-in"); err != nil {
			t.Fatal(err)
		}
		return u
	}
	e.alice = user("alice@example.ca", auth.Applicant, "")
	e.bob = user("bob@example.ca", auth.Applicant, "")
	e.hmODS = user("hm@ontario.ca", auth.HiringManager, "ods")
	e.hrODS = user("hr@ontario.ca", auth.HRAdvisor, "ods")
	e.hrMTO = user("hr@mto.ontario.ca", auth.HRAdvisor, "mto")
	e.prog = user("prog@ontario.ca", auth.ProgramAdmin, "")
	for _, u := range []*auth.User{e.alice, e.bob} {
		p := &profile.Profile{Name: u.Name + " Tremblay", Email: u.Email, WorkEligibility: profile.Citizen}
		if err := db.SaveProfile(ctx, u.ID, p, now); err != nil {
			t.Fatal(err)
		}
	}
	p := posting.DataCoop()
	p.ID, p.Status, p.OrgCode = 0, posting.Published, "ods"
	closes, err := posting.ClosingInstant("2026-07-17", "17:00", "America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	p.ClosesAt, p.PublishedAt = closes, applyNow.Add(-time.Hour)
	if err := db.CreatePosting(ctx, p, applyNow.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	e.posting = p
	return e
}

// fill completes u's draft to the posting and returns it.
func (e *applyEnv) fill(u *auth.User) *application.Application {
	e.t.Helper()
	d, p, err := e.a.StartApplication(e.ctx, u, e.posting.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	d.Answers = application.Answers{Eligibility: map[int64]bool{}, Responses: map[int64]string{}}
	for _, r := range p.Eligibility {
		d.Answers.Eligibility[r.ID] = true
	}
	for _, g := range p.Groups {
		for _, q := range g.Items {
			d.Answers.Responses[q.ID] = "Situation, action, result.\r\nAnother line."
		}
	}
	d.Accommodation = "I use a screen reader."
	if err := e.a.SaveDraft(e.ctx, u, d); err != nil {
		e.t.Fatal(err)
	}
	for _, k := range p.Documents {
		if _, err := e.a.AttachDocument(e.ctx, u, d.ID, k, `C:\Users\me\CV final.PDF`, []byte(tinyPDF)); err != nil {
			e.t.Fatal(err)
		}
	}
	return d
}

func (e *applyEnv) mails(kind string) []store.OutboxMessage {
	e.t.Helper()
	msgs, _, err := e.a.DB.ListOutbox(e.ctx, store.OutboxFilter{Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []store.OutboxMessage
	for _, m := range msgs {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

func TestApplyEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newApplyEnv(t, db)
		d := e.fill(e.alice)
		got, _, err := e.a.MyApplication(e.ctx, e.alice, d.ID)
		if err != nil || len(got.Documents) != 1 || got.Documents[0].Filename != "CV final.pdf" ||
			got.Documents[0].ContentType != application.PDF {
			t.Fatalf("draft %+v, %v", got, err)
		}
		for _, text := range got.Answers.Responses {
			if text != "Situation, action, result.\nAnother line." {
				t.Fatalf("answer not normalized: %q", text)
			}
		}
		// Not a PDF or DOCX, whatever its name says: refused, nothing changed.
		_, err = e.a.AttachDocument(e.ctx, e.alice, d.ID, posting.ResumeCoverLetter, "cv.pdf", []byte("<html>not a pdf</html>"))
		var ps valid.Problems
		if !errors.As(err, &ps) || len(ps.For("document_resume-cover-letter")) != 1 {
			t.Fatalf("fake PDF: %v", err)
		}
		if _, err := e.a.AttachDocument(e.ctx, e.alice, d.ID, posting.Transcript, "t.pdf", []byte(tinyPDF)); !errors.As(err, &ps) {
			t.Fatalf("a kind the posting does not ask for: %v", err)
		}
		// An answer over the limit is refused; the saved draft stays.
		over := *got
		over.Answers.Responses = map[int64]string{e.posting.Groups[0].Items[0].ID: strings.Repeat("x", application.MaxAnswerRunes+1)}
		if err := e.a.SaveDraft(e.ctx, e.alice, &over); !errors.As(err, &ps) {
			t.Fatalf("long answer: %v", err)
		}
		// Submit without signing: a problem on the declaration.
		if _, err := e.a.Submit(e.ctx, e.alice, d.ID, ""); !errors.As(err, &ps) || len(ps.For("declaration")) != 1 {
			t.Fatalf("unsigned: %v", err)
		}
		sub, err := e.a.Submit(e.ctx, e.alice, d.ID, "Alice Tremblay")
		if err != nil || sub.Status != application.Submitted || !application.ValidConfirmation(sub.Confirmation) {
			t.Fatalf("submit: %+v, %v", sub, err)
		}
		again, err := e.a.Submit(e.ctx, e.alice, d.ID, "Alice Tremblay")
		if err != nil || again.Confirmation != sub.Confirmation {
			t.Fatalf("submit again: %v", err)
		}
		mails := e.mails("confirmation")
		link := fmt.Sprintf("https://pathways.example.ca/en/applications/%d", d.ID)
		if len(mails) != 1 || !strings.Contains(mails[0].Body, sub.Confirmation) || !strings.Contains(mails[0].Body, link) ||
			!strings.Contains(mails[0].Subject, e.posting.Title.EN) {
			t.Fatalf("confirmation mail %+v", mails)
		}
		// Dashboard and past answers.
		list, err := e.a.MyApplications(e.ctx, e.alice)
		if err != nil || len(list) != 1 || list[0].Confirmation != sub.Confirmation {
			t.Fatalf("dashboard %+v, %v", list, err)
		}
		past, err := e.a.PastAnswers(e.ctx, e.alice)
		if err != nil || len(past) == 0 {
			t.Fatalf("past answers %v, %v", past, err)
		}
		// Staff moves it; the applicant is told, in their language, with the note.
		if err := e.a.DB.SetAccountPreferences(e.ctx, e.alice.ID, lang.FR, true, true); err != nil {
			t.Fatal(err)
		}
		moved, err := e.a.MoveApplication(e.ctx, e.hmODS, d.ID, sub.Version, application.UnderReview, "Merci de votre patience.")
		if err != nil || moved.Status != application.UnderReview {
			t.Fatalf("move: %v", err)
		}
		status := e.mails("status")
		if len(status) != 1 || status[0].Lang != "fr" || !strings.Contains(status[0].Body, application.UnderReview.Meaning(lang.FR)) ||
			!strings.Contains(status[0].Body, "Merci de votre patience.") ||
			!strings.Contains(status[0].Body, fmt.Sprintf("/fr/applications/%d", d.ID)) {
			t.Fatalf("status mail %+v", status)
		}
		if _, err := e.a.MoveApplication(e.ctx, e.hmODS, d.ID, moved.Version, application.Hired, ""); !errors.As(err, new(*application.TransitionError)) {
			t.Fatalf("under review -> hired: %v", err)
		}
		if _, err := e.a.MoveApplication(e.ctx, e.hmODS, d.ID, sub.Version, application.ScreenedIn, ""); !errors.Is(err, app.ErrConflict) {
			t.Fatalf("stale move: %v", err)
		}
		// Withdraw; starting again is refused.
		w, err := e.a.Withdraw(e.ctx, e.alice, d.ID)
		if err != nil || w.Status != application.Withdrawn {
			t.Fatalf("withdraw: %v", err)
		}
		if _, _, err := e.a.StartApplication(e.ctx, e.alice, e.posting.ID); !errors.Is(err, app.ErrWithdrawn) {
			t.Fatalf("restart after withdrawal: %v", err)
		}
		if _, err := e.a.Submit(e.ctx, e.alice, d.ID, "Alice"); !errors.Is(err, app.ErrWithdrawn) {
			t.Fatalf("resubmit: %v", err)
		}
		stored, _ := e.a.DB.Posting(e.ctx, e.posting.ID)
		if stored.ApplicationsReceived != 0 {
			t.Fatalf("count after withdrawal: %d", stored.ApplicationsReceived)
		}
	})
}

func TestApplyClosedPosting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newApplyEnv(t, db)
		d := e.fill(e.alice)
		late := e.posting.ClosesAt
		e.a.Now = func() time.Time { return late }
		if _, err := e.a.Submit(e.ctx, e.alice, d.ID, "Alice"); !errors.Is(err, app.ErrClosed) {
			t.Fatalf("submit at the close: %v", err)
		}
		if _, _, err := e.a.StartApplication(e.ctx, e.bob, e.posting.ID); !errors.Is(err, app.ErrClosed) {
			t.Fatalf("start after the close: %v", err)
		}
		if err := e.a.SaveDraft(e.ctx, e.alice, d); !errors.Is(err, app.ErrClosed) {
			t.Fatalf("save after the close: %v", err)
		}
		// The draft is still the applicant's to see.
		if got, _, err := e.a.StartApplication(e.ctx, e.alice, e.posting.ID); err != nil || got.ID != d.ID {
			t.Fatalf("own draft after the close: %v", err)
		}
	})
}

// Applicant A cannot read or change B's application by guessing its id,
// and is told exactly what a missing id gets.
func TestApplicantsReachOnlyTheirOwn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newApplyEnv(t, db)
		bobs := e.fill(e.bob)
		got, _, err := e.a.MyApplication(e.ctx, e.bob, bobs.ID)
		if err != nil {
			t.Fatal(err)
		}
		docID := got.Documents
		for _, id := range []int64{bobs.ID, 999999} {
			checks := map[string]error{}
			_, _, checks["MyApplication"] = e.a.MyApplication(e.ctx, e.alice, id)
			steal := *got
			steal.ID = id
			steal.Accommodation = "changed by alice"
			checks["SaveDraft"] = e.a.SaveDraft(e.ctx, e.alice, &steal)
			_, checks["AttachDocument"] = e.a.AttachDocument(e.ctx, e.alice, id, posting.ResumeCoverLetter, "x.pdf", []byte(tinyPDF))
			checks["RemoveDocument"] = e.a.RemoveDocument(e.ctx, e.alice, id, docID[0].ID)
			_, _, checks["Document"] = e.a.Document(e.ctx, e.alice, id, docID[0].ID)
			_, checks["Submit"] = e.a.Submit(e.ctx, e.alice, id, "Alice")
			_, checks["Withdraw"] = e.a.Withdraw(e.ctx, e.alice, id)
			for name, err := range checks {
				if !errors.Is(err, app.ErrNotFound) {
					t.Errorf("alice %s on application %d: %v, want ErrNotFound", name, id, err)
				}
			}
		}
		after, _, err := e.a.MyApplication(e.ctx, e.bob, bobs.ID)
		if err != nil || after.Status != application.Draft || after.Accommodation != "I use a screen reader." ||
			len(after.Documents) != 1 || after.Documents[0].Filename != "CV final.pdf" {
			t.Fatalf("bob's application changed: %+v, %v", after, err)
		}
		// Staff are not applicants.
		if _, _, err := e.a.StartApplication(e.ctx, e.hrODS, e.posting.ID); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("staff start: %v", err)
		}
		if _, err := e.a.MyApplications(e.ctx, e.prog); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("staff dashboard: %v", err)
		}
		// Staff do not see drafts.
		if _, _, err := e.a.StaffApplication(e.ctx, e.hrODS, bobs.ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("staff read of a draft: %v", err)
		}
	})
}

func TestStaffAccessByOrganization(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newApplyEnv(t, db)
		d := e.fill(e.alice)
		sub, err := e.a.Submit(e.ctx, e.alice, d.ID, "Alice Tremblay")
		if err != nil {
			t.Fatal(err)
		}
		docID := sub.Documents[0].ID
		// Another organization's HR advisor, and an applicant, get nothing.
		for _, u := range []*auth.User{e.hrMTO, e.bob} {
			if _, _, err := e.a.StaffApplication(e.ctx, u, d.ID); !errors.Is(err, app.ErrForbidden) {
				t.Errorf("%s read: %v", u.Email, err)
			}
			if _, _, err := e.a.StaffApplications(e.ctx, u, e.posting.ID); !errors.Is(err, app.ErrForbidden) {
				t.Errorf("%s list: %v", u.Email, err)
			}
			if _, err := e.a.MoveApplication(e.ctx, u, d.ID, sub.Version, application.UnderReview, ""); !errors.Is(err, app.ErrForbidden) {
				t.Errorf("%s move: %v", u.Email, err)
			}
		}
		if _, _, err := e.a.Document(e.ctx, e.hrMTO, d.ID, docID); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("other org document: %v", err)
		}
		// The organization's staff read it; only its HR advisor sees the accommodation request.
		for _, c := range []struct {
			u             *auth.User
			accommodation string
		}{{e.hmODS, ""}, {e.prog, ""}, {e.hrODS, "I use a screen reader."}} {
			got, _, err := e.a.StaffApplication(e.ctx, c.u, d.ID)
			if err != nil || got.Accommodation != c.accommodation || got.Snapshot == nil || got.Snapshot.Name != "alice Tremblay" {
				t.Errorf("%s read: %+v, %v", c.u.Email, got, err)
			}
		}
		meta, data, err := e.a.Document(e.ctx, e.hmODS, d.ID, docID)
		if err != nil || string(data) != tinyPDF || meta.ContentType != application.PDF {
			t.Errorf("staff document: %v", err)
		}
		list, _, err := e.a.StaffApplications(e.ctx, e.prog, e.posting.ID)
		if err != nil || len(list) != 1 {
			t.Errorf("staff list: %+v, %v", list, err)
		}
		log, err := e.a.DB.AuditLog(e.ctx, fmt.Sprintf("application:%d", d.ID), 20)
		if err != nil {
			t.Fatal(err)
		}
		reads := map[int64]int{}
		for _, entry := range log {
			if entry.Action == "application.read" || entry.Action == "application.document.read" {
				reads[entry.ActorID]++
			}
		}
		if reads[e.hmODS.ID] != 2 || reads[e.prog.ID] != 1 || reads[e.hrODS.ID] != 1 || reads[e.hrMTO.ID] != 0 {
			t.Errorf("audited reads %v", reads)
		}
	})
}

func TestSendDueReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newApplyEnv(t, db)
		if _, _, err := e.a.StartApplication(e.ctx, e.alice, e.posting.ID); err != nil {
			t.Fatal(err)
		}
		if n, err := e.a.SendDueReminders(e.ctx); err != nil || n != 0 {
			t.Fatalf("a week before: %d, %v", n, err)
		}
		soon := e.posting.ClosesAt.Add(-48 * time.Hour)
		e.a.Now = func() time.Time { return soon }
		if n, err := e.a.SendDueReminders(e.ctx); err != nil || n != 1 {
			t.Fatalf("two days before: %d, %v", n, err)
		}
		if n, err := e.a.SendDueReminders(e.ctx); err != nil || n != 0 {
			t.Fatalf("again: %d, %v", n, err)
		}
		mails := e.mails("reminder")
		if len(mails) != 1 || mails[0].To != "alice@example.ca" || !strings.Contains(mails[0].Body, "/en/applications/") ||
			!strings.Contains(mails[0].Body, "Friday, July 17, 2026, 5:00 p.m. EDT") {
			t.Fatalf("reminder %+v", mails)
		}
	})
}

func TestDraftSavesAndFileNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newApplyEnv(t, db)
		d := e.fill(e.alice)
		tab1, _, err := e.a.MyApplication(e.ctx, e.alice, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		tab2 := *tab1
		tab1.Accommodation = "From the first tab"
		if err := e.a.SaveDraft(e.ctx, e.alice, tab1); err != nil {
			t.Fatal(err)
		}
		tab2.Accommodation = "From the second tab"
		if err := e.a.SaveDraft(e.ctx, e.alice, &tab2); !errors.Is(err, app.ErrConflict) {
			t.Fatalf("stale save: %v, want ErrConflict", err)
		}
		if err := e.a.SaveDraft(e.ctx, e.hrODS, tab1); !errors.Is(err, app.ErrForbidden) {
			t.Fatalf("staff save: %v", err)
		}
		for name, want := range map[string]string{
			"résumé.pdf":                      "résumé.pdf",
			"../../etc/passwd":                "passwd.pdf",
			`C:\fakepath\cv.docx`:             "cv.pdf", // the content decides the extension
			"":                                "document.pdf",
			"a\x00b\nc<script>.pdf":           "abcscript.pdf",
			strings.Repeat("é", 300) + ".pdf": strings.Repeat("é", app.MaxFilenameRunes) + ".pdf",
		} {
			doc, err := e.a.AttachDocument(e.ctx, e.alice, d.ID, posting.ResumeCoverLetter, name, []byte(tinyPDF))
			if err != nil {
				t.Fatalf("file %q: %v", name, err)
			}
			if doc.Filename != want {
				t.Errorf("file %q stored as %q, want %q", name, doc.Filename, want)
			}
		}
		got, _, _ := e.a.MyApplication(e.ctx, e.alice, d.ID)
		if len(got.Documents) != 1 {
			t.Fatalf("%d documents of one kind", len(got.Documents))
		}
		if err := e.a.RemoveDocument(e.ctx, e.alice, d.ID, got.Documents[0].ID); err != nil {
			t.Fatal(err)
		}
		_, err = e.a.Submit(e.ctx, e.alice, d.ID, "Alice")
		var ps valid.Problems
		if !errors.As(err, &ps) || len(ps.For("document_resume-cover-letter")) != 1 {
			t.Fatalf("submit without the document: %v", err)
		}
	})
}

// An applicant whose address is not confirmed cannot submit: the
// confirmation number and every status change are sent to it.
func TestSubmitNeedsAVerifiedEmail(t *testing.T) {
	e := newApplyEnv(t, storetest.Open(t, store.SQLite))
	unverified := *e.alice
	unverified.EmailVerifiedAt = time.Time{}
	d := e.fill(e.alice)
	_, err := e.a.Submit(e.ctx, &unverified, d.ID, "Alice")
	var ps valid.Problems
	if !errors.As(err, &ps) || len(ps.For("email")) == 0 {
		t.Fatalf("unverified submit: got %v, want a problem about the email", err)
	}
	if got, _, _ := e.a.MyApplication(e.ctx, e.alice, d.ID); got.Status != application.Draft {
		t.Fatalf("status %s after a refused submit", got.Status)
	}
}

package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// A document change racing a submission in another tab: the submission
// holds the row (here, a transaction that has marked it submitted and not
// yet committed). The upload and the removal wait for it and then refuse:
// what was submitted is what stays. PostgreSQL only: SQLite has one writer
// at a time, so the race cannot happen there.
func TestDocumentChangesWaitForASubmission(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, store.Postgres)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	f := apFixture{t: t, db: db, ctx: ctx}
	p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
	for i, change := range []func(a *application.Application) error{
		func(a *application.Application) error {
			d := &application.Document{Kind: string(posting.ResumeCoverLetter), Filename: "new.pdf", ContentType: application.PDF, SHA256: "11"}
			return db.PutDocument(ctx, a.ID, d, []byte("%PDF-1.4 replaced %%EOF"), apNow)
		},
		func(a *application.Application) error {
			return db.RemoveDocument(ctx, a.ID, a.Documents[0].ID, apNow)
		},
	} {
		u := apNewApplicant(f, []string{"put@example.ca", "remove@example.ca"}[i])
		apGiveProfile(f, u, "Jeanne Tremblay")
		a := apCompleteDraft(f, u, p)
		a, err := db.Application(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`UPDATE applications SET status = 'submitted' WHERE id = $1`, a.ID); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- change(a) }()
		select {
		case err := <-done:
			t.Fatalf("change %d did not wait for the submission: %v", i, err)
		case <-time.After(300 * time.Millisecond):
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err == nil || errors.Is(err, store.ErrNotFound) {
			t.Fatalf("change %d after the submission committed: got %v, want a refusal", i, err)
		}
		got, err := db.Application(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Documents) != 1 || got.Documents[0].Filename != "cv.pdf" {
			t.Fatalf("change %d altered the submitted documents: %+v", i, got.Documents)
		}
	}
}

// The applicant's export shows every time staff opened their application.
func TestExportShowsStaffReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := apFixture{t: t, db: db, ctx: ctx}
		p := apOpenPosting(f, apNow.Add(7*24*time.Hour))
		u := apNewApplicant(f, "reader@example.ca")
		apGiveProfile(f, u, "Jeanne Tremblay")
		a := apCompleteDraft(f, u, p)
		if _, err := apSubmit(f, u, a.ID, apNow); err != nil {
			t.Fatal(err)
		}
		staff := apNewApplicant(f, "hr@example.ca") // any account id does as the reader here
		if _, err := db.StaffReadApplication(ctx, a.ID, staff.ID, apNow); err != nil {
			t.Fatal(err)
		}
		x, err := db.ExportAccount(ctx, u.ID, apNow)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("application:%d", a.ID)
		for _, e := range x.Activity {
			if e.Action == "application.read" && e.Subject == want {
				return
			}
		}
		t.Fatalf("the export's activity lacks the staff read of %s: %+v", want, x.Activity)
	})
}

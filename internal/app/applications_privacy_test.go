package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// A draft was never sent: it cannot be withdrawn, it stays the applicant's
// own (staff neither list nor open it), and deleting the account deletes it.
func TestDraftNeverReachesStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newApplyEnv(t, db)
		d := e.fill(e.alice) // with a private accommodation request
		var te *application.TransitionError
		if _, err := e.a.Withdraw(e.ctx, e.alice, d.ID); !errors.As(err, &te) {
			t.Fatalf("withdrawing a draft: got %v, want a refused transition", err)
		}
		list, _, err := e.a.StaffApplications(e.ctx, e.hrODS, e.posting.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			if s.ID == d.ID {
				t.Fatalf("staff list shows a draft that was never submitted: %+v", s)
			}
		}
		if _, _, err := e.a.StaffApplication(e.ctx, e.hrODS, d.ID); !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("staff read of a never-submitted draft: got %v, want ErrNotFound", err)
		}
		goodbye := mail.Message{Kind: "deleted", To: e.alice.Email, Lang: lang.EN, Subject: "Deleted", Body: "Bye"}
		if err := db.DeleteAccount(e.ctx, e.alice.ID, goodbye, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Application(e.ctx, d.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the never-submitted draft survived account deletion: %v", err)
		}
	})
}

package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func enqueue(t *testing.T, db *store.DB, n int) {
	t.Helper()
	for i := range n {
		m := mail.Message{Kind: "test", To: fmt.Sprintf("p%d@example.ca", i), Lang: lang.FR, Subject: fmt.Sprintf("Sujet %d", i), Body: "Corps élégant\n"}
		if err := db.EnqueueMail(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOutboxClaimAndMark(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		enqueue(t, db, 3)
		now := time.Now().Add(time.Second) // every message is due
		const lease = 5 * time.Minute

		first, err := db.ClaimMail(ctx, now, lease, 2)
		if err != nil || len(first) != 2 {
			t.Fatalf("first claim: %d messages, %v", len(first), err)
		}
		if first[0].ID >= first[1].ID || first[0].To != "p0@example.ca" || first[0].Subject != "Sujet 0" ||
			first[0].Body != "Corps élégant\n" || first[0].Lang != lang.FR || first[0].Kind != "test" || first[0].Attempts != 0 {
			t.Fatalf("claimed: %+v", first)
		}
		if !first[0].LeaseUntil.Equal(now.Add(lease).Truncate(time.Millisecond)) {
			t.Fatalf("lease until %v, want %v", first[0].LeaseUntil, now.Add(lease))
		}
		second, err := db.ClaimMail(ctx, now, lease, 2)
		if err != nil || len(second) != 1 || second[0].To != "p2@example.ca" {
			t.Fatalf("second claim should take only the third message: %+v %v", second, err)
		}
		if again, err := db.ClaimMail(ctx, now.Add(lease-time.Millisecond), lease, 10); err != nil || len(again) != 0 {
			t.Fatalf("leased messages claimed again before the lease ends: %+v %v", again, err)
		}

		// Sent.
		if err := db.MarkMailSent(ctx, first[0].ID, now); err != nil {
			t.Fatal(err)
		}
		m, err := db.OutboxMessageByID(ctx, first[0].ID)
		if err != nil || m.Status != store.OutboxSent || m.Attempts != 1 || !m.SentAt.Equal(now.Truncate(time.Millisecond)) {
			t.Fatalf("after sent: %+v %v", m, err)
		}

		// A failure recorded under a lost lease changes nothing.
		stale := first[1]
		stale.LeaseUntil = stale.LeaseUntil.Add(-time.Minute)
		if err := db.MarkMailFailed(ctx, stale, 1, "stale", now.Add(time.Minute), false); err != nil {
			t.Fatal(err)
		}
		if m, _ := db.OutboxMessageByID(ctx, first[1].ID); m.Attempts != 0 || m.LastError != "" {
			t.Fatalf("a stale lease overwrote the row: %+v", m)
		}
		// A failure: retried at next, not before.
		next := now.Add(time.Minute)
		if err := db.MarkMailFailed(ctx, first[1], 1, "connection refused", next, false); err != nil {
			t.Fatal(err)
		}
		m, _ = db.OutboxMessageByID(ctx, first[1].ID)
		if m.Status != store.OutboxPending || m.Attempts != 1 || m.LastError != "connection refused" || !m.NextAttemptAt.Equal(next.Truncate(time.Millisecond)) {
			t.Fatalf("after failure: %+v", m)
		}
		if got, _ := db.ClaimMail(ctx, next.Add(-time.Millisecond), lease, 10); len(got) != 0 {
			t.Fatalf("claimed before its retry time: %+v", got)
		}
		retry, err := db.ClaimMail(ctx, next, lease, 10)
		if err != nil || len(retry) != 1 || retry[0].ID != first[1].ID || retry[0].Attempts != 1 {
			t.Fatalf("retry claim: %+v %v", retry, err)
		}
		// Given up: never claimed again.
		if err := db.MarkMailFailed(ctx, retry[0], 10, "mailbox unavailable", next.Add(time.Hour), true); err != nil {
			t.Fatal(err)
		}
		m, _ = db.OutboxMessageByID(ctx, first[1].ID)
		if m.Status != store.OutboxFailed || m.Attempts != 10 {
			t.Fatalf("after giving up: %+v", m)
		}
		if got, _ := db.ClaimMail(ctx, now.Add(1000*time.Hour), lease, 10); len(got) != 1 || got[0].To != "p2@example.ca" {
			t.Fatalf("only the unrecorded third message (its lease over) should be claimable: %+v", got)
		}
		// Marking sent twice (or after a failure) changes nothing.
		if err := db.MarkMailSent(ctx, first[1].ID, now); err != nil {
			t.Fatal(err)
		}
		if m, _ := db.OutboxMessageByID(ctx, first[1].ID); m.Status != store.OutboxFailed {
			t.Fatalf("a failed message became %s", m.Status)
		}
	})
}

func TestOutboxListAndCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		counts, err := db.CountOutbox(ctx)
		if err != nil || counts[store.OutboxPending] != 0 || counts[store.OutboxSent] != 0 || counts[store.OutboxFailed] != 0 || len(counts) != 3 {
			t.Fatalf("empty counts: %v %v", counts, err)
		}
		enqueue(t, db, 5)
		claimed, err := db.ClaimMail(ctx, time.Now().Add(time.Second), time.Minute, 2)
		if err != nil || len(claimed) != 2 {
			t.Fatal(claimed, err)
		}
		for _, c := range claimed {
			if err := db.MarkMailSent(ctx, c.ID, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		counts, err = db.CountOutbox(ctx)
		if err != nil || counts[store.OutboxPending] != 3 || counts[store.OutboxSent] != 2 || counts[store.OutboxFailed] != 0 {
			t.Fatalf("counts: %v %v", counts, err)
		}

		all, total, err := db.ListOutbox(ctx, store.OutboxFilter{})
		if err != nil || total != 5 || len(all) != 5 {
			t.Fatalf("list all: %d of %d, %v", len(all), total, err)
		}
		for i := 1; i < len(all); i++ { // newest first
			if all[i-1].CreatedAt.Before(all[i].CreatedAt) || (all[i-1].CreatedAt.Equal(all[i].CreatedAt) && all[i-1].ID < all[i].ID) {
				t.Fatalf("not newest first: %+v then %+v", all[i-1], all[i])
			}
		}
		if all[0].To != "p4@example.ca" || all[0].Body != "Corps élégant\n" || all[0].Lang != "fr" {
			t.Fatalf("newest: %+v", all[0])
		}
		sent, total, err := db.ListOutbox(ctx, store.OutboxFilter{Status: store.OutboxSent})
		if err != nil || total != 2 || len(sent) != 2 || sent[0].Status != store.OutboxSent || sent[0].ID != claimed[1].ID {
			t.Fatalf("sent: %+v %d %v", sent, total, err)
		}
		page2, total, err := db.ListOutbox(ctx, store.OutboxFilter{Status: store.OutboxPending, Limit: 2, Offset: 2})
		if err != nil || total != 3 || len(page2) != 1 || page2[0].To != "p2@example.ca" {
			t.Fatalf("pending page 2: %+v %d %v", page2, total, err)
		}
		if _, err := db.OutboxMessageByID(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing message: %v", err)
		}
	})
}

// Claims racing from many goroutines never hand one message to two of them.
func TestOutboxConcurrentClaims(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		enqueue(t, db, 60)
		now := time.Now().Add(time.Second)
		results := make(chan []mail.Outgoing)
		errs := make(chan error, 6)
		for range 6 {
			go func() {
				var mine []mail.Outgoing
				for {
					got, err := db.ClaimMail(ctx, now, time.Hour, 3)
					if err != nil {
						errs <- err
						results <- mine
						return
					}
					if len(got) == 0 {
						results <- mine
						return
					}
					mine = append(mine, got...)
				}
			}()
		}
		seen := map[int64]bool{}
		for range 6 {
			for _, m := range <-results {
				if seen[m.ID] {
					t.Fatalf("message %d claimed twice", m.ID)
				}
				seen[m.ID] = true
			}
		}
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if len(seen) != 60 {
			t.Fatalf("claimed %d of 60", len(seen))
		}
	})
}

// A delivered message that carried a single-use link keeps no copy of the
// link; other messages keep their body.
func TestOutboxForgetsSingleUseLinksOnceSent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, kind := range []string{"verify", "reset", "confirmation"} {
			m := mail.Message{Kind: kind, To: kind + "@example.ca", Lang: lang.EN, Subject: kind, Body: "https://x.example/en/account/verify?token=SECRET\n"}
			if err := db.EnqueueMail(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		now := time.Now().Add(time.Second)
		claimed, err := db.ClaimMail(ctx, now, time.Minute, 10)
		if err != nil || len(claimed) != 3 {
			t.Fatalf("claim: %d, %v", len(claimed), err)
		}
		for _, c := range claimed {
			if m, _ := db.OutboxMessageByID(ctx, c.ID); m.Body != c.Body {
				t.Fatalf("%s: body changed before delivery", c.Kind)
			}
			if err := db.MarkMailSent(ctx, c.ID, now); err != nil {
				t.Fatal(err)
			}
			m, err := db.OutboxMessageByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			secret := strings.Contains(m.Body, "SECRET")
			if want := c.Kind == "confirmation"; secret != want {
				t.Errorf("%s: body after delivery %q", c.Kind, m.Body)
			}
		}
	})
}

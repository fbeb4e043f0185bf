package mail_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func TestBackoff(t *testing.T) {
	for attempts, want := range map[int]time.Duration{
		0: time.Minute, 1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 4: 8 * time.Minute,
		6: 32 * time.Minute, 7: time.Hour, 10: time.Hour, 1000: time.Hour,
	} {
		if got := mail.Backoff(attempts); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}

// clock is a test clock that starts just after now (so messages queued now are due).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now().Add(time.Second)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newWorker(db *store.DB, s mail.Sender, c *clock) *mail.Worker {
	w := mail.NewWorker(db, s, quiet())
	w.Now = c.Now
	return w
}

func queue(t *testing.T, db *store.DB, n int) []int64 {
	t.Helper()
	for i := range n {
		m, err := mail.Compose("test", lang.FR, fmt.Sprintf("personne%d@example.ca", i), map[string]any{"To": "vous"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.EnqueueMail(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	list, _, err := db.ListOutbox(context.Background(), store.OutboxFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(list))
	for i, m := range list {
		ids[i] = m.ID
	}
	return ids
}

func outboxRow(t *testing.T, db *store.DB, id int64) *store.OutboxMessage {
	t.Helper()
	m, err := db.OutboxMessageByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWorkerDelivers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := startSMTP(t, serverOpts{})
		c := newClock()
		w := newWorker(db, transport(t, "smtp://"+srv.Addr), c)
		ids := queue(t, db, 3)
		if n, err := w.RunOnce(context.Background()); n != 3 || err != nil {
			t.Fatalf("RunOnce: %d, %v", n, err)
		}
		got := srv.Messages()
		if len(got) != 3 {
			t.Fatalf("%d arrived, want 3", len(got))
		}
		_, body := parse(t, got[0])
		if body != "Ceci est un message d'essai de Parcours, envoyé à vous.\n" {
			t.Errorf("body %q", body)
		}
		for _, id := range ids {
			if m := outboxRow(t, db, id); m.Status != store.OutboxSent || m.Attempts != 1 || m.SentAt.IsZero() || m.LastError != "" {
				t.Errorf("row after delivery: %+v", m)
			}
		}
		c.Add(24 * time.Hour)
		if n, err := w.RunOnce(context.Background()); n != 0 || err != nil {
			t.Fatalf("second run: %d, %v", n, err)
		}
		if len(srv.Messages()) != 3 {
			t.Fatal("a sent message was sent again")
		}
	})
}

// A mail server that is down loses nothing: each message records its
// attempts and error, waits its backoff, and goes out once the server is back.
func TestWorkerServerDown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		addr := freeAddr(t)
		c := newClock()
		w := newWorker(db, transport(t, "smtp://"+addr), c)
		ids := queue(t, db, 2)
		ctx := context.Background()

		if n, err := w.RunOnce(ctx); n != 2 || err != nil {
			t.Fatalf("RunOnce: %d, %v", n, err)
		}
		for _, id := range ids {
			m := outboxRow(t, db, id)
			if m.Status != store.OutboxPending || m.Attempts != 1 || m.LastError == "" || !m.NextAttemptAt.Equal(c.Now().Add(time.Minute).Truncate(time.Millisecond)) {
				t.Fatalf("after a failed attempt: %+v", m)
			}
		}
		c.Add(59 * time.Second)
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Fatalf("retried %d before the backoff ended", n)
		}
		c.Add(time.Second)
		if n, _ := w.RunOnce(ctx); n != 2 { // still down: second attempt, 2 minutes' wait
			t.Fatalf("second attempt took %d", n)
		}
		if m := outboxRow(t, db, ids[0]); m.Attempts != 2 || !m.NextAttemptAt.Equal(c.Now().Add(2*time.Minute).Truncate(time.Millisecond)) {
			t.Fatalf("after the second failure: %+v", m)
		}

		srv := startSMTP(t, serverOpts{addr: addr}) // back up
		c.Add(2 * time.Minute)
		if n, err := w.RunOnce(ctx); n != 2 || err != nil {
			t.Fatalf("after the server came back: %d, %v", n, err)
		}
		if got := srv.Messages(); len(got) != 2 {
			t.Fatalf("%d arrived, want 2", len(got))
		}
		for _, id := range ids {
			if m := outboxRow(t, db, id); m.Status != store.OutboxSent || m.Attempts != 3 || m.LastError != "" {
				t.Fatalf("after delivery: %+v", m)
			}
		}
	})
}

// failing refuses every message.
type failing struct{ calls int }

func (f *failing) Send(_ context.Context, msgs []mail.Outgoing) []error {
	f.calls++
	errs := make([]error, len(msgs))
	for i := range errs {
		errs[i] = errors.New("550 mailbox unavailable")
	}
	return errs
}

func TestWorkerGivesUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newClock()
		f := &failing{}
		w := newWorker(db, f, c)
		w.MaxAttempts = 4
		ids := queue(t, db, 1)
		for i := 1; i <= 4; i++ {
			if n, _ := w.RunOnce(context.Background()); n != 1 {
				t.Fatalf("attempt %d claimed %d", i, n)
			}
			c.Add(mail.Backoff(i))
		}
		m := outboxRow(t, db, ids[0])
		if m.Status != store.OutboxFailed || m.Attempts != 4 || m.LastError != "550 mailbox unavailable" {
			t.Fatalf("after the last attempt: %+v", m)
		}
		c.Add(1000 * time.Hour)
		if n, _ := w.RunOnce(context.Background()); n != 0 || f.calls != 4 {
			t.Fatalf("a failed message was tried again (%d claimed, %d sends)", n, f.calls)
		}
	})
}

// Two workers (two server processes) on one database do not send a message twice.
func TestTwoWorkersDoNotDoubleSend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := startSMTP(t, serverOpts{})
		c := newClock()
		const total = 40
		queue(t, db, total)
		var wg sync.WaitGroup
		claimed := make([]int, 2)
		for i := range 2 {
			w := newWorker(db, transport(t, "smtp://"+srv.Addr), c)
			w.Batch = 3
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					n, err := w.RunOnce(context.Background())
					if err != nil {
						t.Error(err)
						return
					}
					if n == 0 {
						return
					}
					claimed[i] += n
				}
			}()
		}
		wg.Wait()
		got := srv.Messages()
		seen := map[string]bool{}
		for _, r := range got {
			m, _ := parse(t, r)
			id := m.Header.Get("Message-Id")
			if seen[id] {
				t.Fatalf("message %s delivered twice", id)
			}
			seen[id] = true
		}
		if len(got) != total || claimed[0]+claimed[1] != total {
			t.Fatalf("%d delivered, %v claimed; want %d", len(got), claimed, total)
		}
		counts, _ := db.CountOutbox(context.Background())
		if counts[store.OutboxSent] != total {
			t.Fatalf("counts %v", counts)
		}
	})
}

// blocking accepts nothing until its context ends (a shutdown during a send).
type blocking struct{ started chan struct{} }

func (b *blocking) Send(ctx context.Context, msgs []mail.Outgoing) []error {
	close(b.started)
	<-ctx.Done()
	errs := make([]error, len(msgs))
	for i := range errs {
		errs[i] = ctx.Err()
	}
	return errs
}

// On shutdown the worker returns; a message it had claimed keeps its
// attempts and is delivered after the lease.
func TestWorkerShutdownKeepsClaimedMessage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newClock()
		b := &blocking{started: make(chan struct{})}
		w := newWorker(db, b, c)
		ids := queue(t, db, 1)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { w.Run(ctx); close(done) }()
		<-b.started
		cancel()
		<-done
		m := outboxRow(t, db, ids[0])
		if m.Status != store.OutboxPending || m.Attempts != 0 || m.LastError != "" {
			t.Fatalf("after shutdown: %+v", m)
		}
		srv := startSMTP(t, serverOpts{})
		w2 := newWorker(db, transport(t, "smtp://"+srv.Addr), c)
		if n, _ := w2.RunOnce(context.Background()); n != 0 {
			t.Fatal("claimed again during the lease")
		}
		c.Add(mail.DefaultLease)
		if n, err := w2.RunOnce(context.Background()); n != 1 || err != nil || len(srv.Messages()) != 1 {
			t.Fatalf("after the lease: %d, %v, %d arrived", n, err, len(srv.Messages()))
		}
		if m := outboxRow(t, db, ids[0]); m.Status != store.OutboxSent {
			t.Fatalf("after delivery: %+v", m)
		}
	})
}

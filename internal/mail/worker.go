package mail

import (
	"context"
	"log/slog"
	"time"
)

// Outbox is the durable queue the worker delivers from (implemented by store.DB).
type Outbox interface {
	// ClaimMail takes up to limit pending messages due at now and leases them
	// until now+lease, in one statement, so that another worker does not
	// take them meanwhile. A worker that stops without recording a result
	// leaves the message to be claimed again once the lease has run out.
	ClaimMail(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Outgoing, error)
	// MarkMailSent records a delivery.
	MarkMailSent(ctx context.Context, id int64, now time.Time) error
	// MarkMailFailed records a failed attempt (the attempts made so far,
	// this one included, and its error): the message is tried again at next,
	// or, when failed is set, given up. It changes nothing if the lease of m
	// was lost to another worker.
	MarkMailFailed(ctx context.Context, m Outgoing, attempts int, errMsg string, next time.Time, failed bool) error
}

// Retry policy defaults.
const (
	DefaultMaxAttempts = 10
	DefaultBatch       = 20
	DefaultLease       = 5 * time.Minute // far longer than a batch can take (30 s timeouts)
	DefaultPoll        = 5 * time.Second
	firstBackoff       = time.Minute
	maxBackoff         = time.Hour
)

// Backoff is the wait after the attempts-th failed attempt: 1 minute, then
// 2, 4, 8 … capped at 1 hour.
func Backoff(attempts int) time.Duration {
	d := firstBackoff
	for i := 1; i < attempts && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// Worker delivers due outbox messages. Several workers (one per server
// process) may share one database.
type Worker struct {
	Outbox      Outbox
	Sender      Sender
	Log         *slog.Logger
	Now         func() time.Time
	Batch       int
	Lease       time.Duration
	Poll        time.Duration
	MaxAttempts int
}

// NewWorker returns a worker with the default policy.
func NewWorker(o Outbox, s Sender, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.Default()
	}
	return &Worker{Outbox: o, Sender: s, Log: log, Now: time.Now, Batch: DefaultBatch,
		Lease: DefaultLease, Poll: DefaultPoll, MaxAttempts: DefaultMaxAttempts}
}

// Run delivers messages until ctx is cancelled: a full batch is followed at
// once by the next, otherwise it waits Poll. It returns when ctx ends; a
// message claimed but not yet sent then waits for its lease to run out.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Warn("mail delivery failed", "err", err)
		}
		if n == w.Batch && err == nil {
			t.Reset(0)
		} else {
			t.Reset(w.Poll)
		}
	}
}

// RunOnce claims one batch of due messages and tries to deliver each, and
// returns how many it claimed.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	now := w.Now()
	msgs, err := w.Outbox.ClaimMail(ctx, now, w.Lease, w.Batch)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	errs := w.Sender.Send(ctx, msgs)
	// Record results even while shutting down: a message the server accepted
	// must not be sent again.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now = w.Now()
	for i, m := range msgs {
		var sendErr error
		if i < len(errs) {
			sendErr = errs[i]
		}
		if sendErr == nil {
			if err := w.Outbox.MarkMailSent(rec, m.ID, now); err != nil {
				w.Log.Error("mail sent but not recorded: it will be sent again", "id", m.ID, "err", err)
			}
			continue
		}
		if ctx.Err() != nil {
			// Interrupted by shutdown, not refused: the message keeps its
			// attempts and is retried after the lease.
			continue
		}
		attempts := m.Attempts + 1
		failed := attempts >= w.MaxAttempts
		if failed {
			w.Log.Error("mail given up", "id", m.ID, "kind", m.Kind, "attempts", attempts, "err", sendErr)
		} else {
			w.Log.Warn("mail not sent, will retry", "id", m.ID, "kind", m.Kind, "attempts", attempts, "err", sendErr)
		}
		if err := w.Outbox.MarkMailFailed(rec, m, attempts, truncate(sendErr.Error(), 1000), now.Add(Backoff(attempts)), failed); err != nil {
			w.Log.Error("mail failure not recorded", "id", m.ID, "err", err)
		}
	}
	return len(msgs), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 { // do not cut a UTF-8 sequence
		n--
	}
	return s[:n]
}

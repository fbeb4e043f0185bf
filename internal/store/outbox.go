package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
)

// removedBody replaces the body of a delivered message that carried a single-use link.
const removedBody = "[Removed after delivery: this message held a single-use link. / Retiré après l'envoi : ce message contenait un lien à usage unique.]"

// Outbox statuses.
const (
	OutboxPending = "pending" // waiting to be delivered (or for its next attempt)
	OutboxSent    = "sent"
	OutboxFailed  = "failed" // gave up after the last attempt
)

// enqueueMail writes m to the outbox inside tx, so the email exists exactly
// when the change that causes it is committed. The mail worker delivers it.
func (t *Tx) enqueueMail(ctx context.Context, m mail.Message, now time.Time) error {
	user := sql.NullInt64{Int64: m.UserID, Valid: m.UserID != 0}
	_, err := t.exec(ctx, `INSERT INTO outbox (created_at, kind, user_id, to_addr, lang, subject, body, status, next_attempt_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		ms(now), m.Kind, user, m.To, string(m.Lang), m.Subject, m.Body, OutboxPending, ms(now))
	if err != nil {
		return fmt.Errorf("store: queue %s mail: %w", m.Kind, err)
	}
	return nil
}

// EnqueueMail queues m for delivery on its own.
func (db *DB) EnqueueMail(ctx context.Context, m mail.Message) error {
	return db.write(ctx, func(tx *Tx) error { return tx.enqueueMail(ctx, m, time.Now()) })
}

// OutboxMessage is one outbox row, as staff see it.
type OutboxMessage struct {
	ID            int64
	CreatedAt     time.Time
	Kind          string
	UserID        int64 // 0 for none (or a deleted account)
	To            string
	Lang          string
	Subject       string
	Body          string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	SentAt        time.Time
	LastError     string
}

// OutboxStatuses lists the statuses, in the order staff filter by them.
var OutboxStatuses = []string{OutboxPending, OutboxSent, OutboxFailed}

// OutboxFilter selects outbox messages for staff: Status "" for all.
type OutboxFilter struct {
	Status        string
	Limit, Offset int
}

// ClaimMail leases up to limit pending messages due at now until now+lease
// (implements mail.Outbox). The lease is taken by moving next_attempt_at
// forward in one UPDATE, which re-checks that the row is still due: on
// PostgreSQL a concurrent claimer skips rows another has locked and, should it
// wait on one, finds it no longer due once the other commits; SQLite has a
// single writer. So two workers do not take the same message.
func (db *DB) ClaimMail(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]mail.Outgoing, error) {
	if limit <= 0 {
		return nil, nil
	}
	until := now.Add(lease)
	lock := ""
	if db.Dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var out []mail.Outgoing
	err := db.write(ctx, func(tx *Tx) error {
		// The CTE is materialized: PostgreSQL would otherwise be free to
		// run the LIMIT subquery again per row and claim more than limit.
		rows, err := tx.query(ctx, `WITH due AS MATERIALIZED (
				SELECT id FROM outbox WHERE status = $2 AND next_attempt_at <= $3
				ORDER BY next_attempt_at, id LIMIT $4`+lock+`)
			UPDATE outbox SET next_attempt_at = $1
			WHERE status = $2 AND next_attempt_at <= $3 AND id IN (SELECT id FROM due)
			RETURNING id, kind, to_addr, lang, subject, body, created_at, attempts`,
			ms(until), OutboxPending, ms(now), limit)
		if err != nil {
			return fmt.Errorf("store: claim mail: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var m mail.Outgoing
			var l string
			var created int64
			if err := rows.Scan(&m.ID, &m.Kind, &m.To, &l, &m.Subject, &m.Body, &created, &m.Attempts); err != nil {
				return fmt.Errorf("store: scan claimed mail: %w", err)
			}
			m.Lang, m.CreatedAt, m.LeaseUntil = lang.Lang(l), fromMS(created), fromMS(ms(until))
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b mail.Outgoing) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// MarkMailSent records that message id was delivered at now. A message sent
// is recorded as sent even if its lease ran out meanwhile: it went out.
func (db *DB) MarkMailSent(ctx context.Context, id int64, now time.Time) error {
	return db.write(ctx, func(tx *Tx) error {
		// A delivered message that carried a single-use link (verify, reset)
		// keeps no copy of it: staff who read the outbox must not be able to
		// take over an account. Undelivered ones keep it, so an install
		// without SMTP still works.
		_, err := tx.exec(ctx, `UPDATE outbox SET status = $1, sent_at = $2, attempts = attempts + 1, last_error = '',
				body = CASE WHEN kind IN ('verify', 'reset') THEN $5 ELSE body END
			WHERE id = $3 AND status = $4`, OutboxSent, ms(now), id, OutboxPending, removedBody)
		if err != nil {
			return fmt.Errorf("store: mark mail %d sent: %w", id, err)
		}
		return nil
	})
}

// MarkMailFailed records a failed attempt at m: attempts made so far, the
// error, and either the next attempt or, with failed, the end. It changes
// nothing when m's lease was lost (another worker claimed it since).
func (db *DB) MarkMailFailed(ctx context.Context, m mail.Outgoing, attempts int, errMsg string, next time.Time, failed bool) error {
	status := OutboxPending
	if failed {
		status = OutboxFailed
	}
	return db.write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE outbox SET status = $1, attempts = $2, last_error = $3, next_attempt_at = $4
			WHERE id = $5 AND status = $6 AND next_attempt_at = $7`,
			status, attempts, errMsg, ms(next), m.ID, OutboxPending, ms(m.LeaseUntil))
		if err != nil {
			return fmt.Errorf("store: mark mail %d failed: %w", m.ID, err)
		}
		return nil
	})
}

const outboxColumns = `id, created_at, kind, user_id, to_addr, lang, subject, body, status, attempts, next_attempt_at, sent_at, last_error`

func scanOutbox(sc interface{ Scan(...any) error }) (OutboxMessage, error) {
	var m OutboxMessage
	var user sql.NullInt64
	var created, next, sent int64
	if err := sc.Scan(&m.ID, &created, &m.Kind, &user, &m.To, &m.Lang, &m.Subject, &m.Body, &m.Status, &m.Attempts, &next, &sent, &m.LastError); err != nil {
		return m, err
	}
	m.UserID, m.CreatedAt, m.NextAttemptAt, m.SentAt = user.Int64, fromMS(created), fromMS(next), fromMS(sent)
	return m, nil
}

// ListOutbox returns messages matching f, newest first (bodies included), and how many match in all.
func (db *DB) ListOutbox(ctx context.Context, f OutboxFilter) ([]OutboxMessage, int, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	var out []OutboxMessage
	var total int
	err := db.read(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE ($1 = '' OR status = $1)`, f.Status).Scan(&total); err != nil {
			return fmt.Errorf("store: count outbox: %w", err)
		}
		rows, err := tx.query(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE ($1 = '' OR status = $1)
			ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`, f.Status, f.Limit, f.Offset)
		if err != nil {
			return fmt.Errorf("store: list outbox: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanOutbox(rows)
			if err != nil {
				return fmt.Errorf("store: scan outbox: %w", err)
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, total, err
}

// OutboxMessageByID returns one message, or ErrNotFound.
func (db *DB) OutboxMessageByID(ctx context.Context, id int64) (*OutboxMessage, error) {
	var m OutboxMessage
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		m, err = scanOutbox(tx.queryRow(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: outbox message %d: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// CountOutbox returns how many messages there are in each status (every
// status present, zero included).
func (db *DB) CountOutbox(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, s := range OutboxStatuses {
		out[s] = 0
	}
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`)
		if err != nil {
			return fmt.Errorf("store: count outbox: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			var n int
			if err := rows.Scan(&s, &n); err != nil {
				return fmt.Errorf("store: scan outbox count: %w", err)
			}
			out[s] = n
		}
		return rows.Err()
	})
	return out, err
}

var _ mail.Outbox = (*DB)(nil)

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pathways-gov/pathways/internal/mail"
)

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

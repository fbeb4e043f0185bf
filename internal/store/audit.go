package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AuditEntry is one line of the audit log: who did what to which subject.
type AuditEntry struct {
	ID      int64
	At      time.Time
	ActorID int64  // 0 for the system or the command line
	Action  string // e.g. "posting.publish", "user.create"
	Subject string // what was acted on, e.g. "posting:42", "user:7"
	Detail  string
}

// Audit records that actorID (0 for none) took action on subject, now.
func (db *DB) Audit(ctx context.Context, actorID int64, action, subject, detail string) error {
	return db.write(ctx, func(tx *Tx) error { return tx.audit(ctx, time.Now(), actorID, action, subject, detail) })
}

// audit records an action inside tx, so the record exists exactly when the
// action is committed.
func (t *Tx) audit(ctx context.Context, at time.Time, actorID int64, action, subject, detail string) error {
	actor := sql.NullInt64{Int64: actorID, Valid: actorID != 0}
	_, err := t.exec(ctx, `INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)`,
		ms(at), actor, action, subject, detail)
	if err != nil {
		return fmt.Errorf("store: audit %s %s: %w", action, subject, err)
	}
	return nil
}

// AuditLog returns the latest entries about subject ("" for every subject),
// newest first: at most limit of them (default 50, at most 1,000).
func (db *DB) AuditLog(ctx context.Context, subject string, limit int) ([]AuditEntry, error) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	var out []AuditEntry
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT id, at, actor_id, action, subject, detail FROM audit_log
			WHERE ($1 = '' OR subject = $1) ORDER BY at DESC, id DESC LIMIT $2`, subject, limit)
		if err != nil {
			return fmt.Errorf("store: audit log: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			var at int64
			var actor sql.NullInt64
			if err := rows.Scan(&e.ID, &at, &actor, &e.Action, &e.Subject, &e.Detail); err != nil {
				return fmt.Errorf("store: audit log: %w", err)
			}
			e.At, e.ActorID = fromMS(at), actor.Int64
			out = append(out, e)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: audit log: %w", err)
		}
		return nil
	})
	return out, err
}

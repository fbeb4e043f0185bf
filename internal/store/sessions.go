package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SessionStore keeps scs sessions in the sessions table. Tokens are stored as
// their SHA-256, so a copy of the table does not let anyone take over a session
// (harmless, if redundant, with scs's HashTokenInStore). Expiry is compared in
// Unix milliseconds. It implements scs.Store and scs.CtxStore.
type SessionStore struct {
	db  *DB
	now func() time.Time
}

var (
	_ scs.Store    = (*SessionStore)(nil)
	_ scs.CtxStore = (*SessionStore)(nil)
)

// SessionStore returns the scs store over this database.
func (db *DB) SessionStore() scs.Store { return &SessionStore{db: db, now: time.Now} }

func sessionKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Find returns the data of an unexpired session (see FindCtx).
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit saves a session (see CommitCtx).
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete removes a session (see DeleteCtx).
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// FindCtx returns the data of session token; found is false, with no error,
// when there is no such session or it has expired.
func (s *SessionStore) FindCtx(ctx context.Context, token string) (b []byte, found bool, err error) {
	err = s.db.read(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`,
			sessionKey(token), s.now().UnixMilli()).Scan(&b)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: find session: %w", err)
		}
		found = true
		return nil
	})
	if err != nil || !found {
		return nil, false, err
	}
	return b, true, nil
}

// CommitCtx saves session token's data and expiry, replacing any earlier version.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if b == nil {
		b = []byte{}
	}
	return s.db.write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
			sessionKey(token), b, expiry.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: commit session: %w", err)
		}
		return nil
	})
}

// DeleteCtx removes session token; removing one that does not exist is not an error.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE token = $1`, sessionKey(token)); err != nil {
			return fmt.Errorf("store: delete session: %w", err)
		}
		return nil
	})
}

// DeleteExpired removes every expired session and returns how many it removed.
// Run it now and then (expired sessions are never found, only kept).
func (s *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	return s.db.DeleteExpiredSessions(ctx, s.now())
}

// DeleteExpiredSessions removes every session that expired by now and returns how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expiry <= $1`, now.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: delete expired sessions: %w", err)
		}
		n, err = res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: delete expired sessions: %w", err)
		}
		return nil
	})
	return n, err
}

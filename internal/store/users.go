package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
)

const userColumns = `id, email, name, role, org_code, lang, created_at, disabled_at, email_verified_at, notify_status, notify_reminders, deleted_at`

func scanUser(s scanner) (*auth.User, error) {
	var u auth.User
	var role, lng string
	var created, disabled, verified, deleted int64
	err := s.Scan(&u.ID, &u.Email, &u.Name, &role, &u.Org, &lng, &created, &disabled,
		&verified, &u.NotifyStatus, &u.NotifyReminders, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: scan user: %w", err)
	}
	u.Role, u.Lang = auth.Role(role), lang.Lang(lng)
	u.CreatedAt, u.DisabledAt = fromMS(created), fromMS(disabled)
	u.EmailVerifiedAt, u.DeletedAt = fromMS(verified), fromMS(deleted)
	return &u, nil
}

// CreateUser adds an account with the given password hash, setting u.ID. The
// email is stored lower-case (u.Email is updated), the language defaults to
// English and CreatedAt to now. The account must pass u.Validate; an email
// already taken gives ErrConflict.
func (db *DB) CreateUser(ctx context.Context, u *auth.User, passwordHash string) error {
	saved := *u
	saved.Email = auth.NormalizeEmail(u.Email)
	if saved.Lang == "" {
		saved.Lang = lang.EN
	}
	if saved.CreatedAt.IsZero() {
		saved.CreatedAt = time.Now()
	}
	saved.CreatedAt = fromMS(ms(saved.CreatedAt))
	saved.DisabledAt = fromMS(ms(saved.DisabledAt))
	saved.EmailVerifiedAt = fromMS(ms(saved.EmailVerifiedAt))
	if err := saved.Validate(); err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	if passwordHash == "" {
		return errors.New("store: create user: empty password hash")
	}
	err := db.write(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO users (email, password_hash, name, role, org_code, lang, created_at, disabled_at,
				email_verified_at, notify_status, notify_reminders)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			saved.Email, passwordHash, saved.Name, string(saved.Role), saved.Org, string(saved.Lang),
			ms(saved.CreatedAt), ms(saved.DisabledAt),
			ms(saved.EmailVerifiedAt), saved.NotifyStatus, saved.NotifyReminders).Scan(&saved.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("store: create user %s: email taken: %w", saved.Email, ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		return nil
	})
	if err == nil {
		*u = saved
	}
	return err
}

// UserByEmail returns the account with email (in any case), or ErrNotFound.
func (db *DB) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	return db.userWhere(ctx, `email = $1`, auth.NormalizeEmail(email))
}

// UserByID returns the account with id, or ErrNotFound.
func (db *DB) UserByID(ctx context.Context, id int64) (*auth.User, error) {
	return db.userWhere(ctx, `id = $1`, id)
}

func (db *DB) userWhere(ctx context.Context, cond string, arg any) (*auth.User, error) {
	var u *auth.User
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond, arg))
		return err
	})
	return u, err
}

// PasswordHash returns the stored password hash of user id, or ErrNotFound.
// It is kept out of auth.User so the hash never travels with the user.
func (db *DB) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var hash string
	err := db.read(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `SELECT password_hash FROM users WHERE id = $1`, userID).Scan(&hash)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: password hash of user %d: %w", userID, err)
		}
		return nil
	})
	return hash, err
}

// SetPasswordHash replaces user id's password hash, or returns ErrNotFound.
func (db *DB) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	if hash == "" {
		return errors.New("store: set password hash: empty hash")
	}
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
		if err != nil {
			return fmt.Errorf("store: set password hash of user %d: %w", userID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: set password hash of user %d: %w", userID, err)
		} else if n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// ListUsers returns every account, ordered by email.
func (db *DB) ListUsers(ctx context.Context) ([]*auth.User, error) {
	var out []*auth.User
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY email`)
		if err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		return nil
	})
	return out, err
}

// UserAndPasswordHash returns the account with id and its password hash in
// one read, for checking a session against the password it was opened with.
func (db *DB) UserAndPasswordHash(ctx context.Context, id int64) (*auth.User, string, error) {
	var u *auth.User
	var hash string
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(userAndHash{tx.queryRow(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE id = $1`, id), &hash})
		return err
	})
	return u, hash, err
}

// userAndHash scans the user columns followed by the password hash.
type userAndHash struct {
	row  *sql.Row
	hash *string
}

func (s userAndHash) Scan(dest ...any) error { return s.row.Scan(append(dest, s.hash)...) }

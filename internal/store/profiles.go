package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pathways-gov/pathways/internal/profile"
)

// Profile returns the profile of user userID, or ErrNotFound when they have
// not saved one yet.
func (db *DB) Profile(ctx context.Context, userID int64) (*profile.Profile, error) {
	var p *profile.Profile
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		p, err = tx.profile(ctx, userID)
		return err
	})
	return p, err
}

func (t *Tx) profile(ctx context.Context, userID int64) (*profile.Profile, error) {
	var version int
	var data string
	var updated int64
	err := t.queryRow(ctx, `SELECT version, data, updated_at FROM profiles WHERE user_id = $1`, userID).
		Scan(&version, &data, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: profile of user %d: %w", userID, err)
	}
	var p profile.Profile
	if err := json.Unmarshal([]byte(data), &p); err != nil {
		return nil, fmt.Errorf("store: profile of user %d: decode: %w", userID, err)
	}
	p.Version, p.UpdatedAt = version, fromMS(updated)
	return &p, nil
}

// SaveProfile stores p as user userID's profile. p.Version is the version the
// caller read: 0 creates the profile, and gives ErrConflict if one exists;
// any other value must still be the stored version, or ErrConflict. Every
// education entry and experience with id 0 gets a new id, never used before
// in this profile (ids the caller gives are kept: the app layer vets them).
// On success p carries its ids, LastID, new Version and UpdatedAt; on failure
// it is left as it was.
func (db *DB) SaveProfile(ctx context.Context, userID int64, p *profile.Profile, now time.Time) error {
	saved := p.Clone()
	saved.UpdatedAt = fromMS(ms(now))
	err := db.write(ctx, func(tx *Tx) error {
		stored, err := tx.profile(ctx, userID)
		switch {
		case errors.Is(err, ErrNotFound):
			if p.Version != 0 {
				return fmt.Errorf("store: save profile of user %d: it was deleted: %w", userID, ErrConflict)
			}
		case err != nil:
			return err
		case p.Version != stored.Version:
			return fmt.Errorf("store: save profile of user %d: version %d is stale: %w", userID, p.Version, ErrConflict)
		default:
			// Raise the counter above every id the stored profile ever gave,
			// whatever the caller's copy says.
			stored.AssignIDs()
			saved.LastID = max(saved.LastID, stored.LastID)
		}
		saved.AssignIDs()
		data, err := json.Marshal(saved)
		if err != nil {
			return fmt.Errorf("store: save profile of user %d: encode: %w", userID, err)
		}
		if p.Version == 0 {
			_, err = tx.exec(ctx, `INSERT INTO profiles (user_id, version, data, updated_at) VALUES ($1, 1, $2, $3)`,
				userID, string(data), ms(now))
			if isUniqueViolation(err) {
				return fmt.Errorf("store: create profile of user %d: %w", userID, ErrConflict)
			}
			if err != nil {
				return fmt.Errorf("store: create profile of user %d: %w", userID, err)
			}
			return nil
		}
		res, err := tx.exec(ctx, `UPDATE profiles SET version = version + 1, data = $1, updated_at = $2
			WHERE user_id = $3 AND version = $4`, string(data), ms(now), userID, p.Version)
		if err != nil {
			return fmt.Errorf("store: save profile of user %d: %w", userID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("store: save profile of user %d: %w", userID, ErrConflict)
		}
		return nil
	})
	if err != nil {
		return err
	}
	saved.Version = p.Version + 1
	*p = *saved
	return nil
}

// EquityDeclaration returns user userID's employment-equity self-declaration
// and when it was made, or ErrNotFound when they never answered. An empty
// list (not nil) means they chose not to say.
func (db *DB) EquityDeclaration(ctx context.Context, userID int64) ([]profile.EquityGroup, time.Time, error) {
	var groups []profile.EquityGroup
	var at time.Time
	err := db.read(ctx, func(tx *Tx) error {
		var data string
		var updated int64
		err := tx.queryRow(ctx, `SELECT groups, updated_at FROM equity_declarations WHERE user_id = $1`, userID).
			Scan(&data, &updated)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: equity declaration of user %d: %w", userID, err)
		}
		if err := json.Unmarshal([]byte(data), &groups); err != nil {
			return fmt.Errorf("store: equity declaration of user %d: decode: %w", userID, err)
		}
		if groups == nil {
			groups = []profile.EquityGroup{}
		}
		at = fromMS(updated)
		return nil
	})
	if err != nil {
		return nil, time.Time{}, err
	}
	return groups, at, nil
}

// SaveEquityDeclaration replaces user userID's self-declaration with groups
// (none: they prefer not to say). It is kept apart from the profile, so no
// profile read or snapshot ever carries it.
func (db *DB) SaveEquityDeclaration(ctx context.Context, userID int64, groups []profile.EquityGroup, now time.Time) error {
	if groups == nil {
		groups = []profile.EquityGroup{}
	}
	data, err := json.Marshal(groups)
	if err != nil {
		return fmt.Errorf("store: save equity declaration: %w", err)
	}
	return db.write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO equity_declarations (user_id, groups, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET groups = excluded.groups, updated_at = excluded.updated_at`,
			userID, string(data), ms(now))
		if err != nil {
			return fmt.Errorf("store: save equity declaration of user %d: %w", userID, err)
		}
		return nil
	})
}

// DeleteProfile removes user userID's profile and equity self-declaration
// (for account deletion); it is not an error if there are none.
func (db *DB) DeleteProfile(ctx context.Context, userID int64) error {
	return db.write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM equity_declarations WHERE user_id = $1`, userID); err != nil {
			return fmt.Errorf("store: delete equity declaration of user %d: %w", userID, err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM profiles WHERE user_id = $1`, userID); err != nil {
			return fmt.Errorf("store: delete profile of user %d: %w", userID, err)
		}
		return nil
	})
}

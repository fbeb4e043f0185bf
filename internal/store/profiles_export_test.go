package store

import "context"

// ProfileData returns the stored JSON document of user userID's profile, so
// tests can check what it carries.
func ProfileData(ctx context.Context, db *DB, userID int64) (string, error) {
	var data string
	err := db.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT data FROM profiles WHERE user_id = $1`, userID).Scan(&data)
	})
	return data, err
}

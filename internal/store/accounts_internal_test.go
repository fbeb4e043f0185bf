package store

import "context"

// Helpers for the account tests (accounts_test.go, package store_test), which
// write rows the applications code would write, directly, so they test
// deletion and export against the schema alone.

// AccountTestExec runs one statement ($N placeholders) in its own transaction.
func AccountTestExec(ctx context.Context, db *DB, q string, args ...any) error {
	return db.write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}

// AccountTestInsert runs an INSERT … RETURNING id and returns the id.
func AccountTestInsert(ctx context.Context, db *DB, q string, args ...any) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) error { return tx.queryRow(ctx, q+` RETURNING id`, args...).Scan(&id) })
	return id, err
}

// AccountTestString returns the single text (or number, as text) a query selects.
func AccountTestString(ctx context.Context, db *DB, q string, args ...any) (string, error) {
	var s string
	err := db.read(ctx, func(tx *Tx) error { return tx.queryRow(ctx, q, args...).Scan(&s) })
	return s, err
}

// AccountTestCount returns the single count a query selects.
func AccountTestCount(ctx context.Context, db *DB, q string, args ...any) (int, error) {
	var n int
	err := db.read(ctx, func(tx *Tx) error { return tx.queryRow(ctx, q, args...).Scan(&n) })
	return n, err
}

package store

import (
	"context"
	"fmt"
	"strings"
)

// UserApplicationsSQL is the dashboard query, for plan checks.
const UserApplicationsSQL = userApplicationsSQL

// UserHistorySQL is the dashboard's history query, for plan checks.
const UserHistorySQL = userHistorySQL

// Exec runs q (with $N placeholders) in one write transaction, for tests and
// benchmarks that load data in bulk.
func Exec(ctx context.Context, db *DB, q string, args ...any) error {
	return db.write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}

// Explain returns the engine's query plan for q with args, one line per row.
func Explain(ctx context.Context, db *DB, q string, args ...any) (string, error) {
	prefix := "EXPLAIN "
	if db.Dialect == SQLite {
		prefix = "EXPLAIN QUERY PLAN "
	}
	var lines []string
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, prefix+q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			lines = append(lines, fmt.Sprint(vals...))
		}
		return rows.Err()
	})
	return strings.Join(lines, "\n"), err
}

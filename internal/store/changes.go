package store

import (
	"context"
	"fmt"
	"time"

	"github.com/pathways-gov/pathways/internal/posting"
)

// PostingsUpdatedSince returns postings (whatever their state) saved after the
// point (since, afterID) in (updated_at, id) order — those saved at since with
// an id above afterID, then those saved later — oldest change first, at most
// limit of them. Pass the last one's UpdatedAt and ID to get the next page.
func (db *DB) PostingsUpdatedSince(ctx context.Context, since time.Time, afterID int64, limit int) ([]*posting.Posting, error) {
	var out []*posting.Posting
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+postingColumns+` FROM postings
			WHERE updated_at > $1 OR (updated_at = $1 AND id > $2) ORDER BY updated_at, id LIMIT $3`, ms(since), afterID, limit)
		if err != nil {
			return fmt.Errorf("store: changed postings: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPosting(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pathways-gov/pathways/internal/catalog"
)

// CatalogRecords returns every stored catalog entry, ordered by kind and code.
func (db *DB) CatalogRecords(ctx context.Context) ([]catalog.Record, error) {
	var out []catalog.Record
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT kind, code, data FROM catalog_records ORDER BY kind, code`)
		if err != nil {
			return fmt.Errorf("store: catalog: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r catalog.Record
			var kind, data string
			if err := rows.Scan(&kind, &r.Code, &data); err != nil {
				return fmt.Errorf("store: catalog: %w", err)
			}
			r.Kind, r.Data = catalog.Kind(kind), []byte(data)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// SaveCatalogRecords inserts or replaces catalog entries, all in one transaction.
func (db *DB) SaveCatalogRecords(ctx context.Context, recs []catalog.Record, now time.Time) error {
	return db.write(ctx, func(tx *Tx) error {
		for _, r := range recs {
			_, err := tx.exec(ctx, `INSERT INTO catalog_records (kind, code, data, updated_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (kind, code) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
				string(r.Kind), r.Code, string(r.Data), ms(now))
			if err != nil {
				return fmt.Errorf("store: save catalog %s/%s: %w", r.Kind, r.Code, err)
			}
		}
		return nil
	})
}

// ReplaceCatalogRecord stores rec in place of the entry whose stored data is
// exactly old, and records the change in the audit log, in one transaction.
// If the stored entry is not old (another editor, perhaps in another server
// process, saved it since it was read) it returns ErrConflict and changes nothing.
func (db *DB) ReplaceCatalogRecord(ctx context.Context, rec catalog.Record, old []byte, actorID int64, now time.Time) error {
	return db.write(ctx, func(tx *Tx) error {
		actor := sql.NullInt64{Int64: actorID, Valid: actorID != 0}
		res, err := tx.exec(ctx, `UPDATE catalog_records SET data = $1, updated_at = $2, updated_by = $3
			WHERE kind = $4 AND code = $5 AND data = $6`,
			string(rec.Data), ms(now), actor, string(rec.Kind), rec.Code, string(old))
		if err != nil {
			return fmt.Errorf("store: replace catalog %s/%s: %w", rec.Kind, rec.Code, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: replace catalog %s/%s: %w", rec.Kind, rec.Code, err)
		} else if n == 0 {
			return ErrConflict
		}
		return tx.audit(ctx, now, actorID, "catalog.update", fmt.Sprintf("catalog:%s/%s", rec.Kind, rec.Code), "")
	})
}

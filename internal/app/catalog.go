package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/store"
)

// catalogEdits serializes catalog edits in this process; edits from other
// server processes sharing the database are caught by comparing with the
// stored entry when saving.
var catalogEdits sync.Mutex

// CatalogEntry is one catalog record as staff edit it.
type CatalogEntry struct {
	Kind    catalog.Kind
	Code    string
	JSON    string // indented, for editing
	Version string // a digest of the stored data, for optimistic concurrency
}

// CatalogEntry returns the entry of kind with code, or ErrNotFound.
func (a *App) CatalogEntry(kind catalog.Kind, code string) (CatalogEntry, error) {
	for _, r := range a.Catalog().Records() {
		if r.Kind == kind && r.Code == code {
			var buf bytes.Buffer
			if err := json.Indent(&buf, r.Data, "", "  "); err != nil {
				return CatalogEntry{}, fmt.Errorf("app: catalog entry %s/%s: %w", kind, code, err)
			}
			return CatalogEntry{Kind: kind, Code: code, JSON: buf.String(), Version: digest(r.Data)}, nil
		}
	}
	return CatalogEntry{}, ErrNotFound
}

func digest(b []byte) string {
	var compact bytes.Buffer
	if json.Compact(&compact, b) == nil {
		b = compact.Bytes()
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// ErrCatalogJSON is returned when an edited entry is not well-formed JSON.
type ErrCatalogJSON struct{ Err error }

func (e *ErrCatalogJSON) Error() string {
	return "app: catalog entry is not valid JSON: " + e.Err.Error()
}

// SaveCatalogEntry replaces one catalog entry with data (its JSON), after
// checking that the entry has not changed since it was read at version and
// that the whole catalog with it stays valid. On success the new catalog
// serves at once. Errors: ErrNotFound, ErrConflict, *ErrCatalogJSON,
// *catalog.ValidationError (or another error from catalog.FromRecords).
func (a *App) SaveCatalogEntry(ctx context.Context, actorID int64, kind catalog.Kind, code, version, data string) error {
	catalogEdits.Lock() // check, build and swap as one step, so two editors cannot lose each other's change
	defer catalogEdits.Unlock()
	current, err := a.CatalogEntry(kind, code)
	if err != nil {
		return err
	}
	if current.Version != version {
		return ErrConflict
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(data)); err != nil {
		return &ErrCatalogJSON{Err: err}
	}
	recs := a.Catalog().Records()
	var old []byte
	for i := range recs {
		if recs[i].Kind == kind && recs[i].Code == code {
			old = recs[i].Data
			recs[i].Data = compact.Bytes()
		}
	}
	next, err := catalog.FromRecords(recs)
	if err != nil {
		return err
	}
	// Store what the validated catalog itself gives back for this entry
	// (normalized form), only if the stored entry is still the one this
	// process holds: another server process may have changed it.
	for _, r := range next.Records() {
		if r.Kind == kind && r.Code == code {
			err := a.DB.ReplaceCatalogRecord(ctx, r, old, actorID, a.Now())
			if errors.Is(err, store.ErrConflict) {
				// Serve what is stored from now on, so the editor sees the other change.
				if rerr := a.reloadCatalog(ctx); rerr != nil {
					a.Log.Error("catalog reload failed", "err", rerr)
				}
				return ErrConflict
			}
			if err != nil {
				return err
			}
		}
	}
	a.catalog.Store(next)
	if kind == catalog.KindOrganization {
		// Result lists carry organization names: rebuild them in the background.
		go func() {
			if err := a.Reindex(context.WithoutCancel(ctx)); err != nil {
				a.Log.Error("reindex after catalog edit failed", "err", err)
			}
		}()
	}
	return nil
}

// IsCatalogProblem reports whether err is a validation failure of the catalog,
// returning its problems.
func IsCatalogProblem(err error) ([]catalog.Problem, bool) {
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		return ve.Problems, true
	}
	return nil, false
}

// reloadCatalog replaces the catalog in memory with the stored one.
func (a *App) reloadCatalog(ctx context.Context) error {
	recs, err := a.DB.CatalogRecords(ctx)
	if err != nil {
		return err
	}
	c, err := catalog.FromRecords(recs)
	if err != nil {
		return fmt.Errorf("app: stored catalog: %w", err)
	}
	a.catalog.Store(c)
	return nil
}

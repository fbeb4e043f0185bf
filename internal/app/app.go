// Package app is Pathways' application layer: it ties the domain packages to
// storage and keeps the in-memory search index in step with the database.
// It knows nothing of HTTP.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
	"github.com/pathways-gov/pathways/internal/store"
)

// App is the running application's state.
type App struct {
	DB    *store.DB
	Log   *slog.Logger
	Now   func() time.Time
	index *search.Index

	catalog   atomic.Pointer[catalog.Catalog]
	mu        sync.RWMutex
	summaries map[int64]*Summary // public postings, for result lists without SQL
}

// New returns an App over db; call Bootstrap before serving.
func New(db *store.DB, log *slog.Logger) *App {
	if log == nil {
		log = slog.Default()
	}
	return &App{DB: db, Log: log, Now: time.Now, index: search.New(), summaries: map[int64]*Summary{}}
}

// Catalog returns the current catalog.
func (a *App) Catalog() *catalog.Catalog { return a.catalog.Load() }

// Bootstrap migrates the database, loads the built-in catalog and the sample
// posting into an empty database (a second run changes nothing), and builds the
// search index from the database.
func (a *App) Bootstrap(ctx context.Context) error {
	if err := a.DB.Migrate(ctx); err != nil {
		return err
	}
	if err := a.loadCatalog(ctx); err != nil {
		return err
	}
	if err := a.loadSample(ctx); err != nil {
		return err
	}
	return a.Reindex(ctx)
}

func (a *App) loadCatalog(ctx context.Context) error {
	recs, err := a.DB.CatalogRecords(ctx)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		builtin, err := catalog.Builtin()
		if err != nil {
			return fmt.Errorf("app: built-in catalog: %w", err)
		}
		if err := a.DB.SaveCatalogRecords(ctx, builtin.Records(), a.Now()); err != nil {
			return err
		}
		a.Log.Info("loaded built-in catalog", "records", len(builtin.Records()))
		a.catalog.Store(builtin)
		return nil
	}
	c, err := catalog.FromRecords(recs)
	if err != nil {
		return fmt.Errorf("app: stored catalog: %w", err)
	}
	a.catalog.Store(c)
	return nil
}

func (a *App) loadSample(ctx context.Context) error {
	n, err := a.DB.CountPostings(ctx)
	if err != nil || n > 0 {
		return err
	}
	p := posting.DataCoop()
	if err := a.DB.CreatePosting(ctx, p, a.Now()); err != nil {
		return fmt.Errorf("app: sample posting: %w", err)
	}
	a.Log.Info("loaded sample posting", "id", p.ID, "title", p.Title.EN)
	return nil
}

// Reindex rebuilds the search index and summaries from the database.
func (a *App) Reindex(ctx context.Context) error {
	start := time.Now()
	ix := search.New()
	sums := map[int64]*Summary{}
	c := a.Catalog()
	err := a.DB.EachPublicPosting(ctx, func(p *posting.Posting) error {
		ix.Upsert(searchDoc(p))
		sums[p.ID] = summarize(p, c)
		return nil
	})
	if err != nil {
		return err
	}
	a.mu.Lock()
	a.index, a.summaries = ix, sums
	a.mu.Unlock()
	a.Log.Info("search index built", "postings", len(sums), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// reindexOne brings one posting's index entry and summary up to date after a save.
func (a *App) reindexOne(p *posting.Posting) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p.IsPublic() {
		a.index.Upsert(searchDoc(p))
		a.summaries[p.ID] = summarize(p, a.Catalog())
		return
	}
	a.index.Delete(p.ID)
	delete(a.summaries, p.ID)
}

// ErrNotFound is returned for postings that do not exist or that the caller may not see.
var ErrNotFound = errors.New("not found")

// PublicPosting returns a posting the public may see.
func (a *App) PublicPosting(ctx context.Context, id int64) (*posting.Posting, error) {
	p, err := a.DB.Posting(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !p.IsPublic()) {
		return nil, ErrNotFound
	}
	return p, err
}

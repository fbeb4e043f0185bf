// Package app is Pathways' application layer: it ties the domain packages to
// storage and keeps the in-memory search index in step with the database.
// It knows nothing of HTTP.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
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

	// BaseURL is the public address of the site, without a trailing slash
	// (e.g. https://pathways.example.ca), for links in emails.
	BaseURL string

	catalog   atomic.Pointer[catalog.Catalog]
	mu        sync.RWMutex
	summaries *summaryTable // public postings, for result lists without SQL
	versions  map[int64]int // the version of each posting the index reflects (guarded by mu)
	rebuild   sync.Mutex    // one Reindex at a time
}

// New returns an App over db; call Bootstrap before serving.
func New(db *store.DB, log *slog.Logger) *App {
	if log == nil {
		log = slog.Default()
	}
	return &App{DB: db, Log: log, Now: time.Now, index: search.New(), summaries: newSummaryTable(),
		BaseURL: "http://127.0.0.1:8080"}
}

// Catalog returns the current catalog.
func (a *App) Catalog() *catalog.Catalog { return a.catalog.Load() }

// Bootstrap migrates the database, loads the built-in catalog and the sample
// posting into an empty database (a second run changes nothing), and builds the
// search index from the database.
func (a *App) Bootstrap(ctx context.Context) error {
	if err := a.Prepare(ctx); err != nil {
		return err
	}
	return a.Reindex(ctx)
}

// Prepare is Bootstrap without building the search index: enough for
// commands that change data but serve no searches (staff, seed).
func (a *App) Prepare(ctx context.Context) error {
	if err := a.DB.Migrate(ctx); err != nil {
		return err
	}
	if err := a.loadCatalog(ctx); err != nil {
		return err
	}
	return a.loadSample(ctx)
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

// Reindex rebuilds the search index and summaries from the database. The
// work is a pipeline: this goroutine reads and decodes the rows, two workers
// analyze the postings' text, and one goroutine adds them to the index and
// the summaries, in the database's order, so the result does not depend on
// scheduling.
func (a *App) Reindex(ctx context.Context) error {
	a.rebuild.Lock()
	defer a.rebuild.Unlock()
	// A rebuild reads and analyses every posting: mostly garbage, and with
	// the default GOGC the heap would reach twice the new index before a
	// collection. Collecting sooner keeps the process's peak memory down
	// (the start-up peak is the server's highest) for a little more CPU.
	defer debug.SetGCPercent(debug.SetGCPercent(rebuildGCPercent))
	start := time.Now()
	readFrom := a.Now()
	versions := map[int64]int{}
	jobs := make(chan *reindexBatch, 8)
	ordered := make(chan *reindexBatch, 8) // bounds the batches in flight, and so start-up memory
	for range analysisWorkers {
		go analyzeBatches(jobs)
	}
	built := make(chan *indexed, 1)
	go func() { built <- buildIndex(ordered, a.Catalog()) }()
	send := func(ps []*posting.Posting) {
		b := &reindexBatch{postings: ps, done: make(chan struct{})}
		jobs <- b
		ordered <- b
	}
	batch := make([]*posting.Posting, 0, reindexBatchSize)
	err := a.DB.EachPublicPosting(ctx, func(p *posting.Posting) error {
		versions[p.ID] = p.Version
		batch = append(batch, p)
		if len(batch) == reindexBatchSize {
			send(batch)
			batch = make([]*posting.Posting, 0, reindexBatchSize)
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		send(batch)
	}
	close(jobs)
	close(ordered)
	b := <-built // always wait: no goroutine outlives the call
	if err != nil {
		return fmt.Errorf("app: reindex: %w", err)
	}
	a.mu.Lock()
	a.index, a.summaries, a.versions = b.index, b.summaries, versions
	a.mu.Unlock()
	// Saves that landed while the database was being read went to the index
	// just replaced: read them again (the version check keeps the newest).
	if err := a.catchUp(ctx, readFrom.Add(-catchUpOverlap)); err != nil {
		return fmt.Errorf("app: reindex: %w", err)
	}
	a.Log.Info("search index built", "postings", b.summaries.len(), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// catchUpOverlap is how far before a rebuild's start its catch-up reads again.
const catchUpOverlap = 5 * time.Second

// catchUp re-applies every posting saved since the given instant.
func (a *App) catchUp(ctx context.Context, since time.Time) error {
	afterID := int64(0)
	for {
		ps, err := a.DB.PostingsUpdatedSince(ctx, since, afterID, 500)
		if err != nil {
			return err
		}
		for _, p := range ps {
			a.reindexOne(p)
		}
		if len(ps) < 500 {
			return nil
		}
		since, afterID = ps[len(ps)-1].UpdatedAt, ps[len(ps)-1].ID
	}
}

// Reindex's pipeline: postings travel in batches, analyzed by this many
// workers, with the garbage collector's GOGC at rebuildGCPercent.
const (
	rebuildGCPercent = 50
	reindexBatchSize = 64
	analysisWorkers  = 2
)

// reindexBatch is a run of postings and, once done is closed, their analysis.
type reindexBatch struct {
	postings []*posting.Posting
	analyzed []search.Analyzed
	done     chan struct{}
}

// analyzeBatches analyzes the batches it receives until jobs closes.
func analyzeBatches(jobs <-chan *reindexBatch) {
	for b := range jobs {
		b.analyzed = make([]search.Analyzed, len(b.postings))
		for i, p := range b.postings {
			b.analyzed[i] = search.Analyze(searchDoc(p))
		}
		close(b.done)
	}
}

// indexed is a search index and the summaries of the same postings.
type indexed struct {
	index     *search.Index
	summaries *summaryTable
}

// buildIndex indexes and summarizes the batches in the order received, each
// once its analysis is done, until ordered closes.
func buildIndex(ordered <-chan *reindexBatch, c *catalog.Catalog) *indexed {
	out := &indexed{index: search.New(), summaries: newSummaryTable()}
	for b := range ordered {
		<-b.done
		for i, p := range b.postings {
			out.index.UpsertAnalyzed(b.analyzed[i])
			out.summaries.put(p, c)
		}
	}
	return out
}

// reindexOne brings one posting's index entry and summary up to date after a save.
func (a *App) reindexOne(p *posting.Posting) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if v, ok := a.versions[p.ID]; ok && p.Version < v {
		return // an older read arriving late (a refresh that raced a save): keep the newer one
	}
	if a.versions == nil {
		a.versions = map[int64]int{}
	}
	a.versions[p.ID] = p.Version
	if p.IsPublic() {
		a.index.Upsert(searchDoc(p))
		a.summaries.put(p, a.Catalog())
		return
	}
	a.index.Delete(p.ID)
	a.summaries.delete(p.ID)
}

// ErrNotFound is returned for postings that do not exist or that the caller may not see.
var ErrNotFound = store.ErrNotFound

// PublicPosting returns a posting the public may see.
func (a *App) PublicPosting(ctx context.Context, id int64) (*posting.Posting, error) {
	p, err := a.DB.Posting(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !p.IsPublic()) {
		return nil, ErrNotFound
	}
	return p, err
}

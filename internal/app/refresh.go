package app

import (
	"context"
	"time"
)

// Refresher keeps this process's search index in step with postings saved by
// other server processes sharing the database. Each pass re-reads every
// posting saved since shortly before the last change it saw (the overlap
// absorbs clocks that differ between servers; upserting a posting twice is
// harmless).
type Refresher struct {
	a       *App
	mark    time.Time // the newest change seen so far
	Overlap time.Duration
	Page    int
}

// NewRefresher starts from the given instant: changes saved before it are
// assumed to be in the index already (Bootstrap reads everything).
func NewRefresher(a *App, from time.Time) *Refresher {
	return &Refresher{a: a, mark: from, Overlap: 5 * time.Second, Page: 500}
}

// Once applies every change saved since the last pass and reports how many postings it re-read.
func (r *Refresher) Once(ctx context.Context) (int, error) {
	since, afterID := r.mark.Add(-r.Overlap), int64(0)
	n := 0
	for {
		ps, err := r.a.DB.PostingsUpdatedSince(ctx, since, afterID, r.Page)
		if err != nil {
			return n, err
		}
		for _, p := range ps {
			r.a.reindexOne(p)
			if p.UpdatedAt.After(r.mark) {
				r.mark = p.UpdatedAt
			}
		}
		n += len(ps)
		if len(ps) < r.Page {
			return n, nil
		}
		last := ps[len(ps)-1]
		since, afterID = last.UpdatedAt, last.ID
	}
}

// Run calls Once every interval until ctx ends, logging failures (the next pass retries).
func (r *Refresher) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := r.Once(ctx); err != nil && ctx.Err() == nil {
				r.a.Log.Warn("search index refresh failed", "err", err)
			}
		}
	}
}

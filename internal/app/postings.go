package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
)

// ErrConflict is returned when a posting changed since the editor loaded it.
var ErrConflict = store.ErrConflict

// refs answers the posting package's reference questions from the catalog.
type refs struct{ a *App }

func (r refs) HasOrg(code string) bool { _, ok := r.a.Catalog().Organization(code); return ok }
func (r refs) HasProgram(code string) bool {
	_, ok := r.a.Catalog().Program(code)
	return ok
}
func (r refs) HasStream(program, code string) bool {
	_, ok := r.a.Catalog().Stream(program, code)
	return ok
}
func (r refs) HasLevel(program, code string) bool {
	l, ok := r.a.Catalog().Level(code)
	return ok && l.Program == program
}
func (r refs) HasCity(code string) bool { _, ok := posting.CityByCode(code); return ok }

// Refs returns the catalog-backed reference checker used to validate postings.
func (a *App) Refs() posting.Refs { return refs{a} }

// SavePosting validates a draft-level posting and creates or updates it. The
// caller's p is updated (ID, Version) on success and left as it was on failure.
func (a *App) SavePosting(ctx context.Context, actorID int64, p *posting.Posting) error {
	if err := p.CheckDraft(a.Refs()); err != nil {
		return err
	}
	now := a.Now()
	if p.ID == 0 {
		if err := a.DB.CreatePosting(ctx, p, now); err != nil {
			return err
		}
		a.audit(ctx, actorID, "posting.create", p.ID, "")
	} else {
		if err := a.DB.UpdatePosting(ctx, p, now); err != nil {
			return err
		}
		a.audit(ctx, actorID, "posting.update", p.ID, "")
	}
	a.reindexOne(p)
	return nil
}

// Transition applies a lifecycle action to the posting with id at the given version.
func (a *App) Transition(ctx context.Context, actorID, id int64, version int, action posting.Action) (*posting.Posting, error) {
	p, err := a.DB.Posting(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if p.Version != version {
		return p, ErrConflict
	}
	if err := p.Apply(action, a.Now()); err != nil {
		return p, err
	}
	if err := a.DB.UpdatePosting(ctx, p, a.Now()); err != nil {
		return p, err
	}
	a.audit(ctx, actorID, "posting."+string(action), p.ID, "")
	a.reindexOne(p)
	return p, nil
}

func (a *App) audit(ctx context.Context, actorID int64, action string, postingID int64, detail string) {
	if err := a.DB.Audit(ctx, actorID, action, fmt.Sprintf("posting:%d", postingID), detail); err != nil {
		a.Log.Error("audit failed", "action", action, "posting", postingID, "err", err)
	}
}

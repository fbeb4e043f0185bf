package app

import (
	"context"
	"errors"

	"github.com/pathways-gov/pathways/internal/auth"
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

// ErrForbidden is returned when the user may not do what was asked to this resource.
var ErrForbidden = errors.New("forbidden")

// CanEditPosting is the one rule for editing a posting's content: the user
// must be allowed to edit postings of its organization and, once the posting
// is no longer a draft, to publish them too (a live posting's words and dates
// are the publisher's responsibility).
func CanEditPosting(u *auth.User, p *posting.Posting) bool {
	if !p.Editable() || !auth.Can(u, auth.EditPosting, p.OrgCode) {
		return false
	}
	return p.Status == posting.Draft || auth.Can(u, auth.PublishPosting, p.OrgCode)
}

// SavePosting validates and creates or updates a posting on behalf of u. A
// posting that is already published must stay complete (CheckPublishable), so
// an edit cannot empty a required section or move its closing instant into the
// past. Requirement and qualification ids are kept only when they belong to the
// stored posting. The caller's p is updated (ID, Version) on success and left
// as it was on failure.
func (a *App) SavePosting(ctx context.Context, u *auth.User, p *posting.Posting) error {
	if err := p.CheckDraft(a.Refs()); err != nil {
		return err
	}
	now := a.Now()
	if !auth.Can(u, auth.EditPosting, p.OrgCode) {
		return ErrForbidden
	}
	if p.ID == 0 {
		p.Status = posting.Draft
		clearItemIDs(p, nil)
		if err := a.DB.CreatePosting(ctx, p, now, store.AuditNote{ActorID: u.ID, Action: "posting.create"}); err != nil {
			return err
		}
		a.reindexOne(p)
		return nil
	}
	stored, err := a.DB.Posting(ctx, p.ID)
	if err != nil {
		return err
	}
	if !CanEditPosting(u, stored) {
		return ErrForbidden
	}
	p.Status = stored.Status
	if p.Status != posting.Draft {
		if err := p.CheckPublishable(now); err != nil {
			return err
		}
	}
	clearItemIDs(p, stored)
	p.ItemSeq = stored.ItemSeq // the version check below makes sure it is still the stored one
	if err := a.DB.UpdatePosting(ctx, p, now, store.AuditNote{ActorID: u.ID, Action: "posting.update"}); err != nil {
		return err
	}
	a.reindexOne(p)
	return nil
}

// clearItemIDs zeroes every requirement, group and qualification id of p that
// stored does not have, or that appears twice, so the store assigns a new one:
// ids come from forms and must not be trusted.
func clearItemIDs(p, stored *posting.Posting) {
	known := map[int64]bool{}
	if stored != nil {
		stored.EachItemID(func(id *int64) { known[*id] = true })
	}
	seen := map[int64]bool{}
	p.EachItemID(func(id *int64) {
		if !known[*id] || seen[*id] {
			*id = 0
			return
		}
		seen[*id] = true
	})
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
	if err := a.DB.UpdatePosting(ctx, p, a.Now(), store.AuditNote{ActorID: actorID, Action: "posting." + string(action)}); err != nil {
		return p, err
	}
	a.reindexOne(p)
	return p, nil
}

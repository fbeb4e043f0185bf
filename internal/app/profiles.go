package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/valid"
)

// profileRefs answers the profile package's reference questions from the
// place list, the catalog and the application's clock.
type profileRefs struct{ a *App }

func (r profileRefs) CityProvince(code string) (string, bool) {
	c, ok := posting.CityByCode(code)
	return c.Province, ok
}
func (r profileRefs) HasProvince(code string) bool { _, ok := posting.ProvinceByCode(code); return ok }
func (r profileRefs) HasCompetency(code string) bool {
	_, ok := r.a.Catalog().Competency(code)
	return ok
}
func (r profileRefs) Now() time.Time { return r.a.Now() }

// ProfileRefs returns the reference checker profiles are validated with.
func (a *App) ProfileRefs() profile.Refs { return profileRefs{a} }

// profileOwner is the one access rule for profiles: only an active
// applicant has one, and reaches only their own (the user id is always the
// signed-in user's, never taken from a request).
func profileOwner(u *auth.User) error {
	if !u.Active() || u.Role != auth.Applicant {
		return ErrForbidden
	}
	return nil
}

// Profile returns u's profile. An applicant who has not saved one yet gets a
// new one (Version 0) with their account's name and email filled in.
func (a *App) Profile(ctx context.Context, u *auth.User) (*profile.Profile, error) {
	if err := profileOwner(u); err != nil {
		return nil, err
	}
	p, err := a.DB.Profile(ctx, u.ID)
	if errors.Is(err, store.ErrNotFound) {
		return &profile.Profile{Name: u.Name, Email: u.Email}, nil
	}
	return p, err
}

// profileSaveAttempts bounds how often UpdateProfile re-applies an edit when
// another save of the same profile landed in between.
const profileSaveAttempts = 4

// UpdateProfile applies edit to u's current profile, validates the result and
// saves it, returning the saved profile. Each page of the profile edits one
// section, so an edit is applied to the latest stored profile rather than to
// the copy a form was loaded from: two tabs editing different sections do
// not undo each other. When another save lands between the read and the
// write, the edit is applied again to the newer profile.
//
// edit may return an error (such as ErrNotFound for an entry that is not
// there), which is returned as is. Validation problems are returned as
// valid.Problems; problems the stored profile already had (a competency
// since removed from the catalog, say) do not block an unrelated change.
// Education and experience ids are assigned by the store; ids edit invents
// are dropped.
func (a *App) UpdateProfile(ctx context.Context, u *auth.User, edit func(p *profile.Profile) error) (*profile.Profile, error) {
	for attempt := 1; ; attempt++ {
		stored, err := a.Profile(ctx, u)
		if err != nil {
			return nil, err
		}
		p := stored.Clone()
		if err := edit(p); err != nil {
			return nil, err
		}
		p.Normalize()
		profileVetIDs(p, stored)
		if ps := newProblems(p.Validate(a.ProfileRefs()), stored.Validate(a.ProfileRefs())); len(ps) > 0 {
			return nil, ps
		}
		err = a.DB.SaveProfile(ctx, u.ID, p, a.Now())
		if errors.Is(err, store.ErrConflict) && attempt < profileSaveAttempts {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("app: save profile: %w", err)
		}
		return p, nil
	}
}

// profileVetIDs zeroes every education and experience id of p that stored
// does not have, or that appears twice, so the store assigns a new one; and
// keeps stored's id counter.
func profileVetIDs(p, stored *profile.Profile) {
	known := map[int64]bool{}
	for _, e := range stored.Education {
		known[e.ID] = true
	}
	for _, x := range stored.Experiences {
		known[x.ID] = true
	}
	seen := map[int64]bool{}
	vet := func(id *int64) {
		if !known[*id] || seen[*id] {
			*id = 0
			return
		}
		seen[*id] = true
	}
	for i := range p.Education {
		vet(&p.Education[i].ID)
	}
	for i := range p.Experiences {
		vet(&p.Experiences[i].ID)
	}
	p.LastID = stored.LastID
}

// newProblems returns the problems of after that before did not have.
func newProblems(after, before valid.Problems) valid.Problems {
	var out valid.Problems
	for _, p := range after {
		if !slices.Contains(before, p) {
			out = append(out, p)
		}
	}
	return out
}

// EquityDeclaration returns u's employment-equity self-declaration, when it
// was made, and whether u ever answered (an empty list: they prefer not to
// say). It is never part of the profile.
func (a *App) EquityDeclaration(ctx context.Context, u *auth.User) ([]profile.EquityGroup, time.Time, bool, error) {
	if err := profileOwner(u); err != nil {
		return nil, time.Time{}, false, err
	}
	groups, at, err := a.DB.EquityDeclaration(ctx, u.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, err
	}
	return groups, at, true, nil
}

// SaveEquityDeclaration records u's self-declaration: the groups they
// belong to, in display order, or none when they prefer not to say. Unknown
// or repeated groups are a problem on field "groups".
func (a *App) SaveEquityDeclaration(ctx context.Context, u *auth.User, groups []profile.EquityGroup) error {
	if err := profileOwner(u); err != nil {
		return err
	}
	chosen := map[profile.EquityGroup]bool{}
	for _, g := range groups {
		if !g.Valid() || chosen[g] {
			var ps valid.Problems
			ps.Add("groups", "Choose from the groups listed, each once, or that you prefer not to say.", "Choisissez parmi les groupes indiqués, chacun une seule fois, ou indiquez que vous préférez ne pas répondre.")
			return ps
		}
		chosen[g] = true
	}
	ordered := []profile.EquityGroup{}
	for _, g := range profile.EquityGroups {
		if chosen[g] {
			ordered = append(ordered, g)
		}
	}
	return a.DB.SaveEquityDeclaration(ctx, u.ID, ordered, a.Now())
}

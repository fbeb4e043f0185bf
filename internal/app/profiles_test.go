package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"reflect"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
	"github.com/pathways-gov/pathways/internal/valid"
)

func profileApp(t *testing.T, engine store.Dialect) (*App, *auth.User) {
	t.Helper()
	ctx := context.Background()
	a := New(storetest.Open(t, engine), slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.Now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	if err := a.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	u := &auth.User{Email: "amara@example.ca", Name: "Amara Okafor", Role: auth.Applicant}
	if err := a.DB.CreateUser(ctx, u, "$argon2id$stand-in"); err != nil {
		t.Fatal(err)
	}
	return a, u
}

func TestProfileOnlyForApplicants(t *testing.T) {
	a, u := profileApp(t, store.SQLite)
	ctx := context.Background()
	staff := &auth.User{ID: 99, Email: "hr@ontario.ca", Role: auth.HRAdvisor, Org: "ods"}
	disabled := *u
	disabled.DisabledAt = time.Now()
	for _, who := range []*auth.User{nil, staff, &disabled} {
		if _, err := a.Profile(ctx, who); !errors.Is(err, ErrForbidden) {
			t.Errorf("Profile(%v): %v, want ErrForbidden", who, err)
		}
		if _, err := a.UpdateProfile(ctx, who, func(*profile.Profile) error { return nil }); !errors.Is(err, ErrForbidden) {
			t.Errorf("UpdateProfile(%v): %v, want ErrForbidden", who, err)
		}
		if _, _, _, err := a.EquityDeclaration(ctx, who); !errors.Is(err, ErrForbidden) {
			t.Errorf("EquityDeclaration(%v): %v, want ErrForbidden", who, err)
		}
		if err := a.SaveEquityDeclaration(ctx, who, nil); !errors.Is(err, ErrForbidden) {
			t.Errorf("SaveEquityDeclaration(%v): %v, want ErrForbidden", who, err)
		}
	}
}

func TestUpdateProfile(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			a, u := profileApp(t, engine)
			ctx := context.Background()
			p, err := a.Profile(ctx, u)
			if err != nil || p.Version != 0 || p.Name != "Amara Okafor" || p.Email != "amara@example.ca" {
				t.Fatalf("new profile %+v, %v", p, err)
			}
			// Invalid input changes nothing and says why.
			_, err = a.UpdateProfile(ctx, u, func(p *profile.Profile) error { p.Phone = "call me"; return nil })
			var ps valid.Problems
			if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Field != "phone" {
				t.Fatalf("bad phone: %v", err)
			}
			if _, err := a.DB.Profile(ctx, u.ID); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("a refused save stored something: %v", err)
			}
			// Values are normalized; invented ids are dropped and assigned by the store.
			p, err = a.UpdateProfile(ctx, u, func(p *profile.Profile) error {
				p.Email = " Amara@Example.CA "
				p.Experiences = append(p.Experiences, profile.Experience{ID: 77, Kind: profile.Work, Title: " Analyst "})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if p.Email != "amara@example.ca" || p.Experiences[0].ID != 1 || p.Experiences[0].Title != "Analyst" || p.Version != 1 {
				t.Fatalf("saved %+v", p)
			}
			// An edit's own error comes back as is.
			if _, err := a.UpdateProfile(ctx, u, func(*profile.Profile) error { return ErrNotFound }); !errors.Is(err, ErrNotFound) {
				t.Fatalf("edit error: %v", err)
			}
		})
	}
}

// A save that lands between UpdateProfile's read and write is not lost: the
// edit is applied again on top of it.
func TestUpdateProfileRetriesOnConflict(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			a, u := profileApp(t, engine)
			ctx := context.Background()
			calls := 0
			p, err := a.UpdateProfile(ctx, u, func(p *profile.Profile) error {
				calls++
				if calls == 1 { // another tab saves the contact section meanwhile
					other := &profile.Profile{Name: "Amara O.", Email: "amara@example.ca", Phone: "613-555-0199"}
					if err := a.DB.SaveProfile(ctx, u.ID, other, a.Now()); err != nil {
						t.Fatal(err)
					}
				}
				p.WorkEligibility = profile.Citizen
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if calls != 2 || p.Phone != "613-555-0199" || p.Name != "Amara O." || p.WorkEligibility != profile.Citizen || p.Version != 2 {
				t.Fatalf("after retry (%d calls): %+v", calls, p)
			}
		})
	}
}

// A problem the stored profile already has (here a skill no longer in the
// catalog) does not block saving another section; a new problem does.
func TestUpdateProfileOldProblemsDoNotBlock(t *testing.T) {
	a, u := profileApp(t, store.SQLite)
	ctx := context.Background()
	stale := &profile.Profile{Name: "Amara", Email: "amara@example.ca", Skills: []profile.Skill{{Competency: "retired-skill"}}}
	if err := a.DB.SaveProfile(ctx, u.ID, stale, a.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.UpdateProfile(ctx, u, func(p *profile.Profile) error { p.Phone = "416-555-0123"; return nil }); err != nil {
		t.Fatalf("unrelated change refused: %v", err)
	}
	_, err := a.UpdateProfile(ctx, u, func(p *profile.Profile) error { p.PreferredLocations = []string{"narnia"}; return nil })
	var ps valid.Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Field != "location_0" {
		t.Fatalf("new problem: %v", err)
	}
}

func TestEquityDeclaration(t *testing.T) {
	a, u := profileApp(t, store.SQLite)
	ctx := context.Background()
	if g, _, answered, err := a.EquityDeclaration(ctx, u); err != nil || answered || g != nil {
		t.Fatalf("before answering: %v %v %v", g, answered, err)
	}
	if err := a.SaveEquityDeclaration(ctx, u, []profile.EquityGroup{profile.Racialized, profile.Women}); err != nil {
		t.Fatal(err)
	}
	g, at, answered, err := a.EquityDeclaration(ctx, u)
	if err != nil || !answered || !reflect.DeepEqual(g, []profile.EquityGroup{profile.Women, profile.Racialized}) || !at.Equal(a.Now()) {
		t.Fatalf("declared: %v %v %v %v", g, at, answered, err)
	}
	for _, bad := range [][]profile.EquityGroup{{"martians"}, {profile.Women, profile.Women}} {
		var ps valid.Problems
		if err := a.SaveEquityDeclaration(ctx, u, bad); !errors.As(err, &ps) || ps[0].Field != "groups" {
			t.Fatalf("SaveEquityDeclaration(%v): %v", bad, err)
		}
	}
	if err := a.SaveEquityDeclaration(ctx, u, nil); err != nil {
		t.Fatal(err)
	}
	if g, _, answered, _ := a.EquityDeclaration(ctx, u); !answered || len(g) != 0 {
		t.Fatalf("prefer not to say: %v %v", g, answered)
	}
	if p, _ := a.Profile(ctx, u); p.Version != 0 {
		t.Fatal("declaring touched the profile")
	}
}

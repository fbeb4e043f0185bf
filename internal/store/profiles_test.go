package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func newApplicant(t *testing.T, db *store.DB, email string) int64 {
	t.Helper()
	u := &auth.User{Email: email, Name: "Amara Okafor", Role: auth.Applicant}
	if err := db.CreateUser(context.Background(), u, "$argon2id$stand-in"); err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func fullProfile() *profile.Profile {
	return &profile.Profile{
		Name: "Amara Okafor", Email: "amara@example.ca", Phone: "416-555-0123", City: "toronto", Province: "ON",
		Education: []profile.Education{
			{Institution: "Toronto Metropolitan University", Program: "Data Science", Level: profile.Bachelor, Status: profile.EnrolledCoOp, Graduated: "2027-04"},
		},
		Experiences: []profile.Experience{
			{Kind: profile.Work, Title: "Data analyst intern", Organization: "City of Toronto", Start: "2025-05", End: "2025-08", Description: "Cleaned transit data.\nBuilt dashboards."},
			{Kind: profile.Award, Title: "Dean's list", Start: "2024-06"},
		},
		Languages:          profile.Languages{First: "en", English: profile.Fluent, French: profile.Intermediate},
		WorkEligibility:    profile.Citizen,
		PreferredLocations: []string{"toronto", "ON", "ottawa"},
		RemoteOK:           true,
	}
}

func TestProfileRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		uid := newApplicant(t, db, "amara@example.ca")
		if _, err := db.Profile(ctx, uid); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Profile before any save: %v, want ErrNotFound", err)
		}
		p := fullProfile()
		now := time.Date(2026, 11, 23, 15, 4, 5, 678_901_234, time.UTC)
		if err := db.SaveProfile(ctx, uid, p, now); err != nil {
			t.Fatal(err)
		}
		if p.Version != 1 || !p.UpdatedAt.Equal(time.Date(2026, 11, 23, 15, 4, 5, 678_000_000, time.UTC)) {
			t.Fatalf("after create: version %d, updated %v", p.Version, p.UpdatedAt)
		}
		if p.Education[0].ID != 1 || p.Experiences[0].ID != 2 || p.Experiences[1].ID != 3 || p.LastID != 3 {
			t.Fatalf("ids: education %d, experiences %d %d, last %d", p.Education[0].ID, p.Experiences[0].ID, p.Experiences[1].ID, p.LastID)
		}
		p.Skills = []profile.Skill{{Competency: "analytical-thinking", Evidence: []profile.Evidence{{ExperienceID: 2, Text: "Found a fare error."}}}}
		if err := db.SaveProfile(ctx, uid, p, now.Add(time.Hour)); err != nil || p.Version != 2 {
			t.Fatalf("update: version %d, %v", p.Version, err)
		}
		got, err := db.Profile(ctx, uid)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("read back\n%+v\nwant\n%+v", got, p)
		}
	})
}

func TestProfileOptimisticVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		uid := newApplicant(t, db, "amara@example.ca")
		now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		p := fullProfile()
		if err := db.SaveProfile(ctx, uid, p, now); err != nil {
			t.Fatal(err)
		}
		again := fullProfile() // version 0: create, but one exists
		if err := db.SaveProfile(ctx, uid, again, now); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second create: %v, want ErrConflict", err)
		}
		if again.Version != 0 || again.Education[0].ID != 0 || again.LastID != 0 {
			t.Fatalf("a failed save changed the caller's profile: %+v", again)
		}
		tab1, _ := db.Profile(ctx, uid)
		tab2, _ := db.Profile(ctx, uid)
		tab1.Name = "Amara O."
		if err := db.SaveProfile(ctx, uid, tab1, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		tab2.Phone = "613-555-0199"
		if err := db.SaveProfile(ctx, uid, tab2, now.Add(2*time.Minute)); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale save: %v, want ErrConflict", err)
		}
		got, _ := db.Profile(ctx, uid)
		if got.Version != 2 || got.Name != "Amara O." || got.Phone != "416-555-0123" {
			t.Fatalf("after conflict: version %d name %q phone %q", got.Version, got.Name, got.Phone)
		}
		// A profile that does not exist cannot be updated.
		other := newApplicant(t, db, "other@example.ca")
		stale := fullProfile()
		stale.Version = 3
		if err := db.SaveProfile(ctx, other, stale, now); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("update of a missing profile: %v, want ErrConflict", err)
		}
	})
}

// Ids are never given out twice, even when the caller's copy forgets the
// counter or the entry with the highest id was deleted.
func TestProfileIDsNeverReused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		uid := newApplicant(t, db, "amara@example.ca")
		now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		p := fullProfile() // ids 1 (education), 2 and 3 (experiences)
		if err := db.SaveProfile(ctx, uid, p, now); err != nil {
			t.Fatal(err)
		}
		p.DeleteExperience(3)
		p.LastID = 0 // a careless caller
		if err := db.SaveProfile(ctx, uid, p, now); err != nil {
			t.Fatal(err)
		}
		p.Experiences = append(p.Experiences, profile.Experience{Kind: profile.Community, Title: "Food bank volunteer"})
		p.Education = append(p.Education, profile.Education{Institution: "Ryerson", Program: "OSSD", Level: profile.Secondary, Status: profile.Graduated, Graduated: "2022-06"})
		if err := db.SaveProfile(ctx, uid, p, now); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Profile(ctx, uid)
		if got.Education[1].ID != 4 || got.Experiences[1].ID != 5 || got.LastID != 5 {
			t.Fatalf("new ids %d and %d (last %d), want 4 and 5", got.Education[1].ID, got.Experiences[1].ID, got.LastID)
		}
	})
}

// The equity declaration lives apart from the profile: saving, reading and
// clearing it never touches the profile, and the profile's stored JSON never
// carries it.
func TestEquityDeclarationApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		uid := newApplicant(t, db, "amara@example.ca")
		other := newApplicant(t, db, "other@example.ca")
		now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		if _, _, err := db.EquityDeclaration(ctx, uid); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("before answering: %v, want ErrNotFound", err)
		}
		p := fullProfile()
		if err := db.SaveProfile(ctx, uid, p, now); err != nil {
			t.Fatal(err)
		}
		groups := []profile.EquityGroup{profile.Women, profile.Racialized}
		if err := db.SaveEquityDeclaration(ctx, uid, groups, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, at, err := db.EquityDeclaration(ctx, uid)
		if err != nil || !reflect.DeepEqual(got, groups) || !at.Equal(now.Add(time.Hour)) {
			t.Fatalf("EquityDeclaration = %v, %v, %v", got, at, err)
		}
		if _, _, err := db.EquityDeclaration(ctx, other); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another user's declaration: %v, want ErrNotFound", err)
		}
		after, err := db.Profile(ctx, uid)
		if err != nil || after.Version != 1 {
			t.Fatalf("profile after declaring: version %d, %v", after.Version, err)
		}
		if data := profileJSON(t, db, uid); strings.Contains(data, "women") || strings.Contains(data, "racialized") || strings.Contains(data, "equity") {
			t.Fatalf("profile JSON carries the declaration: %s", data)
		}
		// "I prefer not to say" clears it, and is remembered as an answer.
		if err := db.SaveEquityDeclaration(ctx, uid, nil, now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, at, err = db.EquityDeclaration(ctx, uid)
		if err != nil || got == nil || len(got) != 0 || !at.Equal(now.Add(2*time.Hour)) {
			t.Fatalf("after clearing: %#v, %v, %v", got, at, err)
		}
		if err := db.DeleteProfile(ctx, uid); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Profile(ctx, uid); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("profile after delete: %v", err)
		}
		if _, _, err := db.EquityDeclaration(ctx, uid); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("declaration after delete: %v", err)
		}
	})
}

func profileJSON(t *testing.T, db *store.DB, userID int64) string {
	t.Helper()
	data, err := store.ProfileData(context.Background(), db, userID)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func sampleUser() *auth.User {
	return &auth.User{
		Email:     "Julie.Gagnon@Ontario.ca",
		Name:      "Julie Gagnon",
		Role:      auth.HRAdvisor,
		Org:       "ods",
		Lang:      "fr",
		CreatedAt: time.Date(2024, 2, 29, 13, 45, 12, 345_678_901, time.UTC),
	}
}

func TestCreateUserAndLookups(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := sampleUser()
		if err := db.CreateUser(ctx, u, "$argon2id$stand-in"); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 {
			t.Fatal("id not set")
		}
		if u.Email != "julie.gagnon@ontario.ca" {
			t.Fatalf("email %q, want lower-case", u.Email)
		}
		want := *u
		want.CreatedAt = time.Date(2024, 2, 29, 13, 45, 12, 345_000_000, time.UTC) // milliseconds kept
		if !reflect.DeepEqual(*u, want) {
			t.Fatalf("created user %+v, want %+v", *u, want)
		}
		byID, err := db.UserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*byID, want) {
			t.Fatalf("UserByID = %+v, want %+v", *byID, want)
		}
		byEmail, err := db.UserByEmail(ctx, " JULIE.gagnon@ontario.CA ")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(byEmail, byID) {
			t.Fatalf("UserByEmail = %+v, want %+v", byEmail, byID)
		}
		hash, err := db.PasswordHash(ctx, u.ID)
		if err != nil || hash != "$argon2id$stand-in" {
			t.Fatalf("PasswordHash = %q, %v", hash, err)
		}
	})
}

func TestCreateUserDefaults(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		before := time.Now().Add(-time.Second)
		u := &auth.User{Email: "admin@ontario.ca", Role: auth.PlatformAdmin}
		if err := db.CreateUser(ctx, u, "h"); err != nil {
			t.Fatal(err)
		}
		got, err := db.UserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Lang != "en" || got.CreatedAt.Before(before) || got.CreatedAt.After(time.Now()) || !got.DisabledAt.IsZero() {
			t.Fatalf("defaults: %+v", got)
		}
	})
}

func TestCreateUserRejects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.CreateUser(ctx, sampleUser(), "h1"); err != nil {
			t.Fatal(err)
		}
		dup := sampleUser()
		dup.Email = "JULIE.GAGNON@ontario.ca"
		dup.Role, dup.Org = auth.ProgramAdmin, ""
		if err := db.CreateUser(ctx, dup, "h2"); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate email: got %v, want ErrConflict", err)
		}
		if dup.ID != 0 {
			t.Fatal("failed create changed the user")
		}
		noOrg := &auth.User{Email: "hm@ontario.ca", Role: auth.HiringManager}
		if err := db.CreateUser(ctx, noOrg, "h"); !errors.Is(err, auth.ErrOrgRequired) {
			t.Fatalf("scoped role without org: got %v", err)
		}
		badEmail := &auth.User{Email: "not an email", Role: auth.ProgramAdmin}
		if err := db.CreateUser(ctx, badEmail, "h"); !errors.Is(err, auth.ErrInvalidEmail) {
			t.Fatalf("bad email: got %v", err)
		}
		if err := db.CreateUser(ctx, &auth.User{Email: "x@ontario.ca", Role: auth.ProgramAdmin}, ""); err == nil {
			t.Fatal("empty hash accepted")
		}
		users, err := db.ListUsers(ctx)
		if err != nil || len(users) != 1 {
			t.Fatalf("ListUsers = %d users, %v; want only the first", len(users), err)
		}
	})
}

func TestUserNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.UserByID(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("UserByID: %v", err)
		}
		if _, err := db.UserByEmail(ctx, "nobody@ontario.ca"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("UserByEmail: %v", err)
		}
		if _, err := db.PasswordHash(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("PasswordHash: %v", err)
		}
		if err := db.SetPasswordHash(ctx, 999, "h"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SetPasswordHash: %v", err)
		}
	})
}

func TestSetPasswordHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, b := sampleUser(), &auth.User{Email: "other@ontario.ca", Role: auth.ProgramAdmin}
		for _, u := range []*auth.User{a, b} {
			if err := db.CreateUser(ctx, u, "old"); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SetPasswordHash(ctx, a.ID, "new"); err != nil {
			t.Fatal(err)
		}
		if h, _ := db.PasswordHash(ctx, a.ID); h != "new" {
			t.Fatalf("hash %q after set, want new", h)
		}
		if h, _ := db.PasswordHash(ctx, b.ID); h != "old" {
			t.Fatalf("other user's hash changed to %q", h)
		}
	})
}

func TestListUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if users, err := db.ListUsers(ctx); err != nil || len(users) != 0 {
			t.Fatalf("empty: %v %v", users, err)
		}
		for _, e := range []string{"carol@x.ca", "alice@x.ca", "bob@x.ca"} {
			if err := db.CreateUser(ctx, &auth.User{Email: e, Role: auth.ProgramAdmin}, "h"); err != nil {
				t.Fatal(err)
			}
		}
		users, err := db.ListUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range users {
			got = append(got, u.Email)
		}
		if want := []string{"alice@x.ca", "bob@x.ca", "carol@x.ca"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ListUsers order %v, want %v", got, want)
		}
	})
}

package account

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/auth"
)

var now = time.Date(2026, 11, 23, 16, 30, 0, 123456789, time.UTC)

func TestNew(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range []Purpose{Verify, Reset} {
		for range 200 {
			raw, tok, err := New(p, 7, "a@example.ca", now)
			if err != nil {
				t.Fatal(err)
			}
			if !WellFormed(raw) {
				t.Fatalf("New gave %q, not well-formed", raw)
			}
			if seen[raw] {
				t.Fatalf("token %q issued twice", raw)
			}
			seen[raw] = true
			if tok.Hash != Hash(raw) || tok.Hash == raw || strings.Contains(tok.Hash, raw) {
				t.Errorf("stored %q for %q, want only its hash", tok.Hash, raw)
			}
			if tok.UserID != 7 || tok.Purpose != p || tok.Email != "a@example.ca" || !tok.UsedAt.IsZero() {
				t.Errorf("token %+v", tok)
			}
			if !tok.CreatedAt.Equal(now.Truncate(time.Millisecond)) || tok.ExpiresAt.Sub(tok.CreatedAt) != p.Lifetime() {
				t.Errorf("token %s: created %v, expires %v", p, tok.CreatedAt, tok.ExpiresAt)
			}
		}
	}
	if _, _, err := New("login", 7, "a@example.ca", now); err == nil {
		t.Error("New accepted an unknown purpose")
	}
}

func TestLifetimes(t *testing.T) {
	if Verify.Lifetime() != 48*time.Hour || Reset.Lifetime() != time.Hour {
		t.Errorf("lifetimes: verify %v, reset %v", Verify.Lifetime(), Reset.Lifetime())
	}
}

func TestHash(t *testing.T) {
	// SHA-256 of "abc" (FIPS 180-2 test vector).
	if got := Hash("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Hash(abc) = %s", got)
	}
}

func TestWellFormed(t *testing.T) {
	good, _, _ := New(Verify, 1, "a@example.ca", now)
	for _, c := range []struct {
		raw  string
		want bool
	}{
		{good, true},
		{strings.Repeat("A", 43), true},
		{"", false},
		{good[:42], false},
		{good + "A", false},
		{strings.Repeat("A", 42) + "=", false},  // padding
		{strings.Repeat("A", 42) + "+", false},  // standard, not URL, alphabet
		{strings.Repeat("A", 42) + "/", false},  // standard, not URL, alphabet
		{strings.Repeat("A", 42) + " ", false},  // space
		{strings.Repeat("A", 42) + "B", false},  // non-zero trailing bits: not canonical
		{strings.Repeat("é", 21) + "A", false},  // not ASCII
		{strings.Repeat("A", 42) + "\n", false}, // line break
	} {
		if got := WellFormed(c.raw); got != c.want {
			t.Errorf("WellFormed(%q) = %v, want %v", c.raw, got, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	_, fresh, _ := New(Reset, 1, "a@example.ca", now)
	used := fresh
	used.UsedAt = now.Add(time.Minute)
	for _, c := range []struct {
		name    string
		tok     Token
		purpose Purpose
		email   string
		at      time.Time
		want    error
	}{
		{"fresh", fresh, Reset, "a@example.ca", now, nil},
		{"a millisecond before expiry", fresh, Reset, "a@example.ca", fresh.ExpiresAt.Add(-time.Millisecond), nil},
		{"at expiry", fresh, Reset, "a@example.ca", fresh.ExpiresAt, ErrTokenExpired},
		{"after expiry", fresh, Reset, "a@example.ca", fresh.ExpiresAt.Add(time.Hour), ErrTokenExpired},
		{"used", used, Reset, "a@example.ca", now, ErrTokenUsed},
		{"used and expired", used, Reset, "a@example.ca", fresh.ExpiresAt.Add(time.Hour), ErrTokenUsed},
		{"other purpose", fresh, Verify, "a@example.ca", now, ErrTokenInvalid},
		{"address changed", fresh, Reset, "deleted-1@invalid", now, ErrTokenInvalid},
	} {
		if got := c.tok.Check(c.purpose, c.email, c.at); !errors.Is(got, c.want) || (c.want == nil) != (got == nil) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestErrorsAreBilingual(t *testing.T) {
	for _, e := range []*Error{ErrTokenInvalid, ErrTokenUsed, ErrTokenExpired} {
		if e.Msg.EN == "" || e.Msg.FR == "" || e.Msg.EN == e.Msg.FR || e.Code == "" {
			t.Errorf("%s: %+v", e.Code, e.Msg)
		}
	}
}

func TestDeletedAccount(t *testing.T) {
	if got := DeletedEmail(42); got != "deleted-42@invalid" {
		t.Errorf("DeletedEmail(42) = %q", got)
	}
	if DeletedEmail(42) == DeletedEmail(43) {
		t.Error("two deleted accounts share an address")
	}
	if ok, err := auth.CheckPassword(UnusablePasswordHash, ""); ok || err == nil {
		t.Errorf("the unusable hash checks as %v, %v", ok, err)
	}
	if !auth.NeedsRehash(UnusablePasswordHash) {
		t.Error("the unusable hash reads as a current argon2id hash")
	}
}

func TestAnonymizeSnapshot(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"null", "null"},
		{`{}`, `{}`},
		{`{"name":"Ana","email":"a@example.ca","phone":"416","city":"toronto","province":"ON","remote_ok":true}`, `{"province":"ON","remote_ok":true}`},
		{`{"name":"Ana","future_field":{"name":"kept: not a top-level identity field"}}`, `{"future_field":{"name":"kept: not a top-level identity field"}}`},
	} {
		got, err := AnonymizeSnapshot(c.in)
		if err != nil || got != c.want {
			t.Errorf("AnonymizeSnapshot(%s) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"{", `["name"]`, `"name"`} {
		if _, err := AnonymizeSnapshot(bad); err == nil {
			t.Errorf("AnonymizeSnapshot(%s) accepted it", bad)
		}
	}
}

// Property: whatever the snapshot holds, no identity field survives and every
// other field is kept exactly.
func TestAnonymizeSnapshotProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	keys := append([]string{"province", "education", "skills", "languages", "remote_ok", "x"}, IdentityFields...)
	for i := range 500 {
		in := map[string]any{}
		for _, k := range keys {
			if r.IntN(2) == 0 {
				in[k] = []any{float64(r.IntN(100)), "v" + k, map[string]any{"name": "nested"}}[r.IntN(3)]
			}
		}
		b, _ := json.Marshal(in)
		out, err := AnonymizeSnapshot(string(b))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		for _, k := range IdentityFields {
			delete(in, k)
		}
		if !reflect.DeepEqual(got, in) {
			t.Fatalf("case %d: got %v, want %v", i, got, in)
		}
	}
}

func TestOptionalTime(t *testing.T) {
	if OptionalTime(time.Time{}) != nil {
		t.Error("zero time is not null")
	}
	if p := OptionalTime(now); p == nil || !p.Equal(now) {
		t.Errorf("OptionalTime(now) = %v", p)
	}
}

package auth

import (
	"strings"
	"testing"
	"time"
)

// policyTable is the expected policy, written out. Columns are roles; each cell
// gives the answer for a resource of the user's own organization ("ods"),
// of another organization ("mto") and of no organization (""): Y allowed, - denied.
// Applicants and admins have no organization; the "own" column still uses "ods".
const policyTable = `
action           applicant  hiring-manager  hr-advisor  program-admin  platform-admin
staff.view       ---        YYY             YYY         YYY            YYY
posting.view     ---        Y--             Y--         YYY            YYY
posting.create   ---        Y--             Y--         YYY            YYY
posting.edit     ---        Y--             Y--         YYY            YYY
posting.publish  ---        ---             Y--         YYY            YYY
posting.close    ---        ---             Y--         YYY            YYY
posting.archive  ---        ---             Y--         YYY            YYY
catalog.edit     ---        ---             ---         YYY            YYY
audit.view       ---        ---             ---         YYY            YYY
outbox.view      ---        ---             ---         ---            YYY
users.manage     ---        ---             ---         ---            YYY
application.view ---        Y--             Y--         YYY            YYY
application.move ---        Y--             Y--         YYY            YYY
application.accommodation ---  ---          Y--         ---            ---
`

var resourceOrgs = [3]string{"ods", "mto", ""}

func userWith(r Role) *User {
	u := &User{ID: 7, Email: "x@ontario.ca", Role: r, Lang: "en"}
	if r.Scoped() {
		u.Org = "ods"
	}
	return u
}

func TestPolicyMatrix(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(policyTable), "\n")
	header := strings.Fields(lines[0])[1:]
	if len(header) != len(Roles) {
		t.Fatalf("table has %d role columns, want %d", len(header), len(Roles))
	}
	seen := map[Action]bool{}
	for _, line := range lines[1:] {
		f := strings.Fields(line)
		a := Action(f[0])
		seen[a] = true
		for i, cell := range f[1:] {
			role := Role(header[i])
			u := userWith(role)
			for j, org := range resourceOrgs {
				want := cell[j] == 'Y'
				if got := Can(u, a, org); got != want {
					t.Errorf("Can(%s, %s, %q) = %v, want %v", role, a, org, got, want)
				}
			}
		}
	}
	for _, a := range Actions {
		if !seen[a] {
			t.Errorf("action %s missing from the expected table", a)
		}
	}
	if len(seen) != len(Actions) {
		t.Errorf("table has %d actions, Actions has %d", len(seen), len(Actions))
	}
}

func TestPolicyDeniesWithoutAnActiveAccount(t *testing.T) {
	disabled := userWith(PlatformAdmin)
	disabled.DisabledAt = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	orphan := userWith(HRAdvisor)
	orphan.Org = "" // a scoped user without an organization must not match resources of none
	unknown := &User{ID: 9, Role: "superuser"}
	for _, a := range Actions {
		for _, org := range resourceOrgs {
			if Can(nil, a, org) {
				t.Errorf("anonymous may %s on %q", a, org)
			}
			if Can(disabled, a, org) {
				t.Errorf("disabled platform admin may %s on %q", a, org)
			}
			if Can(unknown, a, org) {
				t.Errorf("unknown role may %s on %q", a, org)
			}
			if a != ViewStaffArea && Can(orphan, a, org) {
				t.Errorf("HR advisor without organization may %s on %q", a, org)
			}
		}
	}
	if Can(userWith(PlatformAdmin), "no.such.action", "") {
		t.Error("an unknown action must be denied")
	}
}

func TestPostingScopeAgreesWithCan(t *testing.T) {
	disabled := userWith(HRAdvisor)
	disabled.DisabledAt = time.Now()
	orphan := userWith(HiringManager)
	orphan.Org = ""
	type scope struct {
		org string
		all bool
	}
	cases := []struct {
		name string
		u    *User
		want scope
	}{
		{"anonymous", nil, scope{"", false}},
		{"disabled", disabled, scope{"", false}},
		{"scoped without org", orphan, scope{"", false}},
		{"applicant", userWith(Applicant), scope{"", false}},
		{"hiring manager", userWith(HiringManager), scope{"ods", false}},
		{"hr advisor", userWith(HRAdvisor), scope{"ods", false}},
		{"program admin", userWith(ProgramAdmin), scope{"", true}},
		{"platform admin", userWith(PlatformAdmin), scope{"", true}},
	}
	for _, c := range cases {
		org, all := PostingScope(c.u)
		if (scope{org, all}) != c.want {
			t.Errorf("%s: PostingScope = %q, %v; want %+v", c.name, org, all, c.want)
		}
		// The SQL form must select exactly what Can allows.
		for _, res := range resourceOrgs {
			inScope := all || (org != "" && res == org)
			if can := Can(c.u, ManagePostings, res); inScope != can {
				t.Errorf("%s, posting of %q: scope says %v, Can says %v", c.name, res, inScope, can)
			}
		}
	}
}

func TestRoles(t *testing.T) {
	for _, r := range Roles {
		got, ok := ParseRole(" " + strings.ToUpper(string(r)) + " ")
		if !ok || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, ok)
		}
		if r.Name("en") == "" || r.Name("fr") == "" || r.Name("en") == r.Name("fr") {
			t.Errorf("role %s names: %q / %q", r, r.Name("en"), r.Name("fr"))
		}
	}
	if _, ok := ParseRole("admin"); ok {
		t.Error(`ParseRole("admin") should fail`)
	}
	staff := map[Role]bool{Applicant: false, HiringManager: true, HRAdvisor: true, ProgramAdmin: true, PlatformAdmin: true, "x": false}
	scoped := map[Role]bool{Applicant: false, HiringManager: true, HRAdvisor: true, ProgramAdmin: false, PlatformAdmin: false, "x": false}
	for r := range staff {
		if r.IsStaff() != staff[r] || r.Scoped() != scoped[r] {
			t.Errorf("%s: IsStaff %v Scoped %v", r, r.IsStaff(), r.Scoped())
		}
	}
}

func TestUserValidate(t *testing.T) {
	ok := func(mod func(*User)) *User {
		u := &User{Email: "a.b@ontario.ca", Role: HRAdvisor, Org: "ods", Lang: "fr"}
		mod(u)
		return u
	}
	cases := []struct {
		name string
		u    *User
		want error
	}{
		{"valid", ok(func(*User) {}), nil},
		{"admin without org", ok(func(u *User) { u.Role, u.Org = ProgramAdmin, "" }), nil},
		{"upper-case email", ok(func(u *User) { u.Email = "A.b@ontario.ca" }), ErrInvalidEmail},
		{"no domain dot", ok(func(u *User) { u.Email = "a@localhost" }), ErrInvalidEmail},
		{"display name", ok(func(u *User) { u.Email = "Ann <a@x.ca>" }), ErrInvalidEmail},
		{"two ats", ok(func(u *User) { u.Email = "a@b@x.ca" }), ErrInvalidEmail},
		{"empty email", ok(func(u *User) { u.Email = "" }), ErrInvalidEmail},
		{"bad role", ok(func(u *User) { u.Role = "boss" }), ErrInvalidRole},
		{"scoped without org", ok(func(u *User) { u.Org = "" }), ErrOrgRequired},
		{"admin with org", ok(func(u *User) { u.Role = PlatformAdmin }), ErrOrgNotAllowed},
		{"applicant with org", ok(func(u *User) { u.Role = Applicant }), ErrOrgNotAllowed},
		{"bad lang", ok(func(u *User) { u.Lang = "de" }), ErrInvalidLang},
		{"upper-case lang", ok(func(u *User) { u.Lang = "FR" }), ErrInvalidLang},
	}
	for _, c := range cases {
		if err := c.u.Validate(); err != c.want {
			t.Errorf("%s: Validate() = %v, want %v", c.name, err, c.want)
		}
	}
}

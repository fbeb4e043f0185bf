package auth

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Role is what a user is to the platform. Staff roles open the staff area;
// hiring managers and HR advisors are scoped to one organization.
type Role string

// The roles.
const (
	Applicant     Role = "applicant"
	HiringManager Role = "hiring-manager"
	HRAdvisor     Role = "hr-advisor"
	ProgramAdmin  Role = "program-admin"
	PlatformAdmin Role = "platform-admin"
)

// Roles lists every role, least to most privileged.
var Roles = []Role{Applicant, HiringManager, HRAdvisor, ProgramAdmin, PlatformAdmin}

var roleNames = map[Role]lang.Text{
	Applicant:     lang.T("Applicant", "Candidat ou candidate"),
	HiringManager: lang.T("Hiring manager", "Gestionnaire d'embauche"),
	HRAdvisor:     lang.T("HR advisor", "Conseiller ou conseillère en RH"),
	ProgramAdmin:  lang.T("Program administrator", "Administrateur ou administratrice de programme"),
	PlatformAdmin: lang.T("Platform administrator", "Administrateur ou administratrice de la plateforme"),
}

// ParseRole returns the role named s (as in Role's values, case-insensitive), and whether there is one.
func ParseRole(s string) (Role, bool) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	return r, r.Valid()
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	_, ok := roleNames[r]
	return ok
}

// IsStaff reports whether r works in the staff area (every role but Applicant).
func (r Role) IsStaff() bool { return r.Valid() && r != Applicant }

// Scoped reports whether r acts for one organization only, and so needs one.
func (r Role) Scoped() bool { return r == HiringManager || r == HRAdvisor }

// Name returns the role's display name in l ("" for an unknown role).
func (r Role) Name(l lang.Lang) string { return roleNames[r].In(l) }

// String returns the role's code.
func (r Role) String() string { return string(r) }

// User is an account: an applicant or a member of staff.
type User struct {
	ID         int64
	Email      string // lower-case
	Name       string
	Role       Role
	Org        string    // catalog organization code, for scoped roles only
	Lang       lang.Lang // preferred language
	CreatedAt  time.Time
	DisabledAt time.Time // zero while the account is active

	EmailVerifiedAt time.Time // zero until the address is confirmed by a link sent to it
	NotifyStatus    bool      // email the applicant at each change of an application's status
	NotifyReminders bool      // email a reminder before a posting with a draft closes
	DeletedAt       time.Time // the account was deleted and its identity removed
}

// Active reports whether the account may sign in and act.
func (u *User) Active() bool { return u != nil && u.DisabledAt.IsZero() && u.DeletedAt.IsZero() }

// Validate checks the account's fields: a well-formed lower-case email, a known
// role, an organization exactly when the role is scoped, and a language.
func (u *User) Validate() error {
	if !ValidEmail(u.Email) || u.Email != NormalizeEmail(u.Email) {
		return ErrInvalidEmail
	}
	if !u.Role.Valid() {
		return ErrInvalidRole
	}
	if u.Role.Scoped() && u.Org == "" {
		return ErrOrgRequired
	}
	if !u.Role.Scoped() && u.Org != "" {
		return ErrOrgNotAllowed
	}
	if _, ok := lang.Parse(string(u.Lang)); !ok || string(u.Lang) != strings.ToLower(string(u.Lang)) {
		return ErrInvalidLang
	}
	return nil
}

// NormalizeEmail returns email trimmed and lower-cased: accounts are found by
// email whatever the case it is typed in.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// ValidEmail reports whether s is a bare address (no display name) with a
// local part and a dotted domain, at most 254 bytes long.
func ValidEmail(s string) bool {
	if s == "" || len(s) > 254 || !utf8.ValidString(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	i := strings.LastIndexByte(s, '@')
	if i <= 0 {
		return false
	}
	domain := s[i+1:]
	return strings.Contains(domain, ".") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// localPart returns the part of email before the last '@'.
func localPart(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return email[:i]
	}
	return email
}

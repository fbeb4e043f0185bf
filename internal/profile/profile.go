// Package profile is an applicant's profile: entered once, reused by every
// application, and frozen into each one at submission. It does no I/O.
package profile

import "time"

// Profile is what an applicant tells about themself once. Applications keep a
// copy (a snapshot) taken when they are submitted.
type Profile struct {
	Version   int       `json:"-"` // bumped on every save, for optimistic concurrency
	UpdatedAt time.Time `json:"-"`

	Name     string `json:"name"`  // as the applicant wants to be addressed
	Email    string `json:"email"` // contact email; defaults to the account's
	Phone    string `json:"phone,omitempty"`
	City     string `json:"city,omitempty"`     // city code, see posting.Cities
	Province string `json:"province,omitempty"` // province or territory code, e.g. ON

	Education   []Education  `json:"education,omitempty"`
	Experiences []Experience `json:"experiences,omitempty"`
	Skills      []Skill      `json:"skills,omitempty"`

	Languages       Languages       `json:"languages"`
	WorkEligibility WorkEligibility `json:"work_eligibility,omitempty"`

	// PreferredLocations are ranked, most preferred first: city codes, or
	// province codes for a whole province or territory.
	PreferredLocations []string `json:"preferred_locations,omitempty"`
	RemoteOK           bool     `json:"remote_ok"`

	// LastID is the highest education or experience id ever given in this
	// profile. Ids are assigned by the store and never reused, so evidence
	// that names an experience cannot come to name another one.
	LastID int64 `json:"last_id,omitempty"`
}

// Education is one program of study.
type Education struct {
	ID          int64           `json:"id"`
	Institution string          `json:"institution"`
	Program     string          `json:"program"`
	Level       EducationLevel  `json:"level"`
	Status      EducationStatus `json:"status"`
	Graduated   string          `json:"graduated,omitempty"` // YYYY-MM, when Status is Graduated
}

// EducationLevel is the level of a program of study.
type EducationLevel string

// The education levels.
const (
	Secondary      EducationLevel = "secondary"
	College        EducationLevel = "college"
	Bachelor       EducationLevel = "bachelor"
	Master         EducationLevel = "master"
	Doctorate      EducationLevel = "doctorate"
	OtherEducation EducationLevel = "other"
)

// EducationStatus says where the applicant is in a program.
type EducationStatus string

// The education statuses.
const (
	Enrolled     EducationStatus = "enrolled"
	EnrolledCoOp EducationStatus = "enrolled-coop" // enrolled in a co-op program
	Graduated    EducationStatus = "graduated"
)

// Experience is something the applicant did that shows what they can do.
type Experience struct {
	ID           int64          `json:"id"`
	Kind         ExperienceKind `json:"kind"`
	Title        string         `json:"title"`
	Organization string         `json:"organization,omitempty"`
	Start        string         `json:"start,omitempty"` // YYYY-MM
	End          string         `json:"end,omitempty"`   // YYYY-MM; empty while ongoing
	Description  string         `json:"description,omitempty"`
}

// ExperienceKind is the kind of an experience.
type ExperienceKind string

// The experience kinds.
const (
	Work      ExperienceKind = "work"
	Schooling ExperienceKind = "education"
	Community ExperienceKind = "community"
	Personal  ExperienceKind = "personal"
	Award     ExperienceKind = "award"
)

// Skill is a competency from the catalog's library, with the evidence for it.
type Skill struct {
	Competency string     `json:"competency"` // catalog competency code
	Evidence   []Evidence `json:"evidence,omitempty"`
}

// Evidence ties a skill to an experience and says how that experience shows it.
type Evidence struct {
	ExperienceID int64  `json:"experience_id"`
	Text         string `json:"text"`
}

// Languages are the applicant's official-language abilities.
type Languages struct {
	First   string `json:"first,omitempty"`   // first official language: "en" or "fr"
	English Level  `json:"english,omitempty"` // self-assessed
	French  Level  `json:"french,omitempty"`
}

// Level is a self-assessed ability in an official language.
type Level string

// The language levels.
const (
	NoAbility    Level = "none"
	Beginner     Level = "beginner"
	Intermediate Level = "intermediate"
	Advanced     Level = "advanced"
	Fluent       Level = "fluent"
)

// WorkEligibility is the applicant's legal eligibility to work in Canada.
type WorkEligibility string

// The work eligibility answers.
const (
	Citizen           WorkEligibility = "citizen"
	PermanentResident WorkEligibility = "permanent-resident"
	WorkPermit        WorkEligibility = "work-permit"
	NotEligible       WorkEligibility = "not-eligible"
)

// EquityGroup is an employment-equity group an applicant may choose to
// self-declare. Declarations are voluntary, stored apart from the profile,
// never shown to anyone screening, and used only for aggregate reports.
type EquityGroup string

// The employment-equity groups.
const (
	Women      EquityGroup = "women"
	Indigenous EquityGroup = "indigenous"
	Disability EquityGroup = "disability"
	Racialized EquityGroup = "racialized"
)

// EquityGroups lists the groups in display order.
var EquityGroups = []EquityGroup{Women, Indigenous, Disability, Racialized}

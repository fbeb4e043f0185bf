// Package posting is the job posting domain: what a posting carries, its
// lifecycle, and the rules for saving and publishing one. It does no I/O.
package posting

import (
	"slices"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Posting is one job opportunity, as staff author it and the public sees it.
type Posting struct {
	ID      int64
	Status  Status // the stored state; see Effective for what the public sees
	Version int    // bumped on every save, for optimistic concurrency

	Title   lang.Text
	OrgCode string // catalog organization code
	Program string // catalog program code, optional
	Streams []string
	Level   string // catalog level code, optional

	Type       EmploymentType
	TermStart  string // civil date YYYY-MM-DD, optional
	TermEnd    string // civil date YYYY-MM-DD, optional
	TermMonths int    // duration when dates are not fixed, optional
	Hours      float64
	Salary     Salary
	Locations  []Location
	WorkMode   WorkMode
	Languages  LanguageRequirement
	ClosesAt   time.Time // the closing instant (UTC)
	TimeZone   string    // IANA zone the closing instant is shown in, e.g. America/Toronto
	KeepOnFile bool      // applications are kept on file by default (applicants may opt out)

	AccommodationEmail string
	ContactEmail       string

	Content     Content
	Eligibility []Requirement
	Groups      []QualificationGroup
	Documents   []DocumentKind // what an application must attach, one file each

	// ItemSeq is the highest item id the posting has ever given out: ids are
	// never reused, since applications refer to items by id.
	ItemSeq int64

	ApplicationsReceived int // submitted applications; shown only as a Bucket

	CreatedAt, UpdatedAt              time.Time
	PublishedAt, ClosedAt, ArchivedAt time.Time // zero when not reached
}

// Content holds a posting's bilingual prose sections. Paragraphs are separated
// by blank lines; lines starting with "- " form bulleted lists.
type Content struct {
	Summary           lang.Text `json:"summary"`            // status line or short summary shown in results
	About             lang.Text `json:"about"`              // about the organization and team
	Duties            lang.Text `json:"duties"`             // what you will do
	Impact            lang.Text `json:"impact"`             // your impact
	Bring             lang.Text `json:"bring"`              // what you bring to the team
	WhyJoin           lang.Text `json:"why_join"`           // why join the team
	Offer             lang.Text `json:"offer"`              // what we offer
	HowToApply        lang.Text `json:"how_to_apply"`       // how to apply
	Screening         lang.Text `json:"screening"`          // how applications are screened
	TermNote          lang.Text `json:"term_note"`          // e.g. "generally four or eight months"
	Schedule          lang.Text `json:"schedule"`           // e.g. "Schedule 6"
	SalaryNote        lang.Text `json:"salary_note"`        // e.g. "depending on work term"
	KeepOnFileNote    lang.Text `json:"keep_on_file_note"`  // the keep-on-file policy in words
	Accommodation     lang.Text `json:"accommodation"`      // accommodation statement
	LanguageNote      lang.Text `json:"language_note"`      // details of language requirements
	AreaOfGovernment  lang.Text `json:"area_of_government"` // when it differs from the organization's name
	DocumentsRequired lang.Text `json:"documents_required"` // e.g. "cover letter and résumé in one file"
}

// Requirement is an eligibility requirement; applicants answer it yes or no.
type Requirement struct {
	ID   int64
	Text lang.Text
}

// QualificationGroup is a heading with the qualifications listed under it.
type QualificationGroup struct {
	ID      int64
	Heading lang.Text
	Items   []Qualification
}

// Qualification is one essential or asset qualification.
type Qualification struct {
	ID   int64
	Kind QualificationKind
	Text lang.Text
}

// QualificationKind tells whether a qualification is essential or an asset.
type QualificationKind string

// The qualification kinds.
const (
	Essential QualificationKind = "essential"
	Asset     QualificationKind = "asset"
)

// Location is a place where the work is done.
type Location struct {
	City     string // city code, see Cities
	Province string // province or territory code, e.g. ON
}

// DocumentKind is a document an application must attach, as one file.
type DocumentKind string

// The document kinds.
const (
	Resume            DocumentKind = "resume"
	CoverLetter       DocumentKind = "cover-letter"
	ResumeCoverLetter DocumentKind = "resume-cover-letter" // cover letter and résumé in one file
	Transcript        DocumentKind = "transcript"
)

// DocumentKinds lists the document kinds in display order.
var DocumentKinds = []DocumentKind{ResumeCoverLetter, Resume, CoverLetter, Transcript}

var documentNames = map[DocumentKind]lang.Text{
	Resume:            lang.T("Résumé", "Curriculum vitæ"),
	CoverLetter:       lang.T("Cover letter", "Lettre de présentation"),
	ResumeCoverLetter: lang.T("Cover letter and résumé, in one file", "Lettre de présentation et curriculum vitæ, en un seul fichier"),
	Transcript:        lang.T("Transcript", "Relevé de notes"),
}

// Valid reports whether k is a known document kind.
func (k DocumentKind) Valid() bool { _, ok := documentNames[k]; return ok }

// Name returns the document kind's name in l.
func (k DocumentKind) Name(l lang.Lang) string { return documentNames[k].In(l) }

// EmploymentType is the kind of employment offered.
type EmploymentType string

// The employment types.
const (
	CoOp       EmploymentType = "coop"
	Internship EmploymentType = "internship"
	Student    EmploymentType = "student"
	Term       EmploymentType = "term"
	Permanent  EmploymentType = "permanent"
)

// EmploymentTypes lists the employment types in display order.
var EmploymentTypes = []EmploymentType{CoOp, Internship, Student, Term, Permanent}

// WorkMode is where the work happens.
type WorkMode string

// The work modes.
const (
	OnSite          WorkMode = "onsite"
	Hybrid          WorkMode = "hybrid"
	Remote          WorkMode = "remote"
	CurrentlyRemote WorkMode = "currently-remote"
)

// WorkModes lists the work modes in display order.
var WorkModes = []WorkMode{OnSite, Hybrid, Remote, CurrentlyRemote}

// LanguageRequirement states the official-language requirement of a position.
type LanguageRequirement string

// The language requirements.
const (
	EnglishEssential       LanguageRequirement = "english"
	FrenchEssential        LanguageRequirement = "french"
	EnglishOrFrench        LanguageRequirement = "either"
	BilingualImperative    LanguageRequirement = "bilingual-imperative"
	BilingualNonImperative LanguageRequirement = "bilingual-non-imperative"
)

// LanguageRequirements lists the language requirements in display order.
var LanguageRequirements = []LanguageRequirement{EnglishEssential, FrenchEssential, EnglishOrFrench, BilingualImperative, BilingualNonImperative}

// Valid reports whether t is a known employment type.
func (t EmploymentType) Valid() bool { return slices.Contains(EmploymentTypes, t) }

// Valid reports whether m is a known work mode.
func (m WorkMode) Valid() bool { return slices.Contains(WorkModes, m) }

// Valid reports whether r is a known language requirement.
func (r LanguageRequirement) Valid() bool { return slices.Contains(LanguageRequirements, r) }

// Valid reports whether k is a known qualification kind.
func (k QualificationKind) Valid() bool { return k == Essential || k == Asset }

// EachItemID calls fn with the id of every eligibility requirement,
// qualification group and qualification, in the order they appear; fn may
// change the id. Applications refer to items by these ids.
func (p *Posting) EachItemID(fn func(id *int64)) {
	for i := range p.Eligibility {
		fn(&p.Eligibility[i].ID)
	}
	for i := range p.Groups {
		fn(&p.Groups[i].ID)
		for j := range p.Groups[i].Items {
			fn(&p.Groups[i].Items[j].ID)
		}
	}
}

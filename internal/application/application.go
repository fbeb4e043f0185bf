package application

import (
	"time"

	"github.com/pathways-gov/pathways/internal/profile"
)

// Application is one applicant's application to one posting. There is at
// most one per applicant and posting: a draft until submitted.
type Application struct {
	ID        int64
	PostingID int64
	UserID    int64 // the applicant; after account deletion, an anonymized account (docs/privacy.md)
	Status    Status
	Version   int // bumped on every save, for optimistic concurrency

	Answers       Answers
	KeepOnFile    bool   // the applicant consents to be kept on file for future roles
	Accommodation string // a private accommodation request; only HR advisors of the organization see it
	Declaration   string // the name the applicant signed the declaration with, on submission

	// Snapshot is the profile as it was when the application was submitted
	// (nil for drafts): later edits to the profile do not change it.
	Snapshot     *profile.Profile
	Confirmation string // confirmation number, given on submission

	Documents []Document // metadata only; contents are read separately
	History   []Event    // oldest first

	CreatedAt, UpdatedAt, SubmittedAt, WithdrawnAt time.Time
	RemindedAt                                     time.Time // when the deadline reminder went out (zero: not yet)
}

// Answers is what the applicant answered: yes or no to each eligibility
// requirement, and free text for each qualification's screening question,
// keyed by the posting's item ids.
type Answers struct {
	Eligibility map[int64]bool   `json:"eligibility,omitempty"`
	Responses   map[int64]string `json:"responses,omitempty"`
}

// Event is one change of status in an application's history.
type Event struct {
	At       time.Time
	From, To Status
	ActorID  int64  // who made the change (the applicant, staff, or 0 for the system)
	Note     string // staff's note, shown to the applicant when set
}

// Document describes a file attached to an application.
type Document struct {
	ID          int64
	Kind        string // posting.DocumentKind code, e.g. "resume-cover-letter"
	Filename    string
	ContentType string // application/pdf or the DOCX type, from the content
	Size        int64
	SHA256      string // hex
	CreatedAt   time.Time
}

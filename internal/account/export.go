package account

import (
	"encoding/json"
	"time"
)

// Export is everything Pathways holds about one account, as the account's
// owner downloads it (JSON). Documents are described (name, type, size,
// SHA-256), not included: see docs/privacy.md.
type Export struct {
	Format       string              `json:"format"` // "pathways-account-export/1"
	GeneratedAt  time.Time           `json:"generated_at"`
	Account      ExportAccount       `json:"account"`
	Profile      *ExportProfile      `json:"profile"`                 // null when there is none
	Equity       *ExportEquity       `json:"equity_self_declaration"` // null when none was made
	Applications []ExportApplication `json:"applications"`
	Emails       []ExportEmail       `json:"emails"`
	Activity     []ExportActivity    `json:"activity"` // audit log entries about the account or by it
}

// ExportFormat names the layout of Export.
const ExportFormat = "pathways-account-export/1"

// ExportAccount is the account itself. There is no password hash.
type ExportAccount struct {
	ID              int64      `json:"id"`
	Email           string     `json:"email"`
	Name            string     `json:"name"`
	Role            string     `json:"role"`
	Language        string     `json:"language"`
	CreatedAt       time.Time  `json:"created_at"`
	EmailVerifiedAt *time.Time `json:"email_verified_at"`
	NotifyStatus    bool       `json:"notify_status_changes"`
	NotifyReminders bool       `json:"notify_deadline_reminders"`
}

// ExportProfile is the stored profile document, as it is kept.
type ExportProfile struct {
	Data      json.RawMessage `json:"data"`
	Version   int             `json:"version"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// ExportEquity is the voluntary employment-equity self-declaration.
type ExportEquity struct {
	Groups    json.RawMessage `json:"groups"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// ExportApplication is one application with everything attached to it.
type ExportApplication struct {
	ID            int64            `json:"id"`
	PostingID     int64            `json:"posting_id"`
	PostingTitle  ExportText       `json:"posting_title"`
	Status        string           `json:"status"`
	Answers       json.RawMessage  `json:"answers"`
	KeepOnFile    bool             `json:"keep_on_file"`
	Accommodation string           `json:"accommodation_request"`
	Declaration   string           `json:"declaration"`
	Snapshot      json.RawMessage  `json:"profile_snapshot"` // null for drafts
	Confirmation  string           `json:"confirmation,omitempty"`
	CreatedAt     time.Time        `json:"created_at"`
	UpdatedAt     time.Time        `json:"updated_at"`
	SubmittedAt   *time.Time       `json:"submitted_at"`
	WithdrawnAt   *time.Time       `json:"withdrawn_at"`
	History       []ExportEvent    `json:"history"`
	Documents     []ExportDocument `json:"documents"`
}

// ExportText is a text in both official languages.
type ExportText struct {
	EN string `json:"en"`
	FR string `json:"fr"`
}

// ExportEvent is one change of an application's status.
type ExportEvent struct {
	At   time.Time `json:"at"`
	From string    `json:"from"`
	To   string    `json:"to"`
	Note string    `json:"note,omitempty"`
}

// ExportDocument describes an attached file (its contents are not included).
type ExportDocument struct {
	Kind        string    `json:"kind"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// ExportEmail is one email Pathways queued or sent to the account.
type ExportEmail struct {
	CreatedAt time.Time  `json:"created_at"`
	Kind      string     `json:"kind"`
	To        string     `json:"to"`
	Language  string     `json:"language"`
	Subject   string     `json:"subject"`
	Body      string     `json:"body"`
	Status    string     `json:"status"`
	SentAt    *time.Time `json:"sent_at"`
}

// ExportActivity is one audit log entry about the account or made by it.
type ExportActivity struct {
	At      time.Time `json:"at"`
	Action  string    `json:"action"`
	Subject string    `json:"subject"`
}

// OptionalTime returns &t, or nil for the zero time, so that "never" reads as
// null in the export rather than as year 1.
func OptionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

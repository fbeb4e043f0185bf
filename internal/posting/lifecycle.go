package posting

import (
	"fmt"
	"slices"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Status is a posting's lifecycle state: draft -> published -> closed -> archived.
type Status string

// The lifecycle states.
const (
	Draft     Status = "draft"
	Published Status = "published"
	Closed    Status = "closed"
	Archived  Status = "archived"
)

// Statuses lists the states in lifecycle order.
var Statuses = []Status{Draft, Published, Closed, Archived}

// Valid reports whether s is a known state.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Action is something staff do to a posting's lifecycle.
type Action string

// The lifecycle actions.
const (
	Publish Action = "publish"
	Close   Action = "close"
	Archive Action = "archive"
)

// transitions is the whole state machine: from a state, what each action leads to.
// A published posting also becomes closed by itself at its closing instant;
// Effective derives that, so no job or request is needed to make it true.
var transitions = map[Status]map[Action]Status{
	Draft:     {Publish: Published, Archive: Archived},
	Published: {Close: Closed, Archive: Archived},
	Closed:    {Archive: Archived},
	Archived:  {},
}

// Effective returns the state the public sees at now: a published posting whose
// closing instant has passed is closed.
func (p *Posting) Effective(now time.Time) Status {
	if p.Status == Published && !p.ClosesAt.IsZero() && !now.Before(p.ClosesAt) {
		return Closed
	}
	return p.Status
}

// IsOpen reports whether the posting accepts applications at now.
func (p *Posting) IsOpen(now time.Time) bool { return p.Effective(now) == Published }

// IsPublic reports whether the public may see the posting at all.
func (p *Posting) IsPublic() bool { return p.Status == Published || p.Status == Closed }

// Editable reports whether staff may still edit the posting's content.
// Published postings stay editable (corrections happen); closed and archived do not.
func (p *Posting) Editable() bool { return p.Status == Draft || p.Status == Published }

// Allowed lists the actions possible from the posting's effective state at now.
func (p *Posting) Allowed(now time.Time) []Action {
	var out []Action
	for _, a := range []Action{Publish, Close, Archive} {
		if _, ok := transitions[p.Effective(now)][a]; ok {
			out = append(out, a)
		}
	}
	return out
}

// TransitionError reports an action that the posting's state does not allow.
type TransitionError struct {
	From   Status
	Action Action
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("posting: cannot %s a %s posting", e.Action, e.From)
}

// Message explains the refusal in both languages.
func (e *TransitionError) Message() lang.Text {
	return lang.T(
		fmt.Sprintf("This posting is %s: it cannot be %s.", statusNames[e.From].EN, actionPast[e.Action].EN),
		fmt.Sprintf("Cette offre est %s : elle ne peut pas être %s.", statusNames[e.From].FR, actionPast[e.Action].FR),
	)
}

// Apply performs action a at now. Publishing first checks the posting is
// complete (see CheckPublishable). On success the state and its timestamp
// change; on error nothing changes.
func (p *Posting) Apply(a Action, now time.Time) error {
	from := p.Effective(now)
	to, ok := transitions[from][a]
	if !ok {
		return &TransitionError{From: from, Action: a}
	}
	if a == Publish {
		if err := p.CheckPublishable(now); err != nil {
			return err
		}
	}
	p.Status = to
	switch to {
	case Published:
		p.PublishedAt = now
	case Closed:
		p.ClosedAt = now
	case Archived:
		p.ArchivedAt = now
	}
	if from == Closed && p.ClosedAt.IsZero() {
		p.ClosedAt = p.ClosesAt // closed by itself at its closing instant
	}
	return nil
}

var statusNames = map[Status]lang.Text{
	Draft:     lang.T("a draft", "un brouillon"),
	Published: lang.T("published", "publiée"),
	Closed:    lang.T("closed", "fermée"),
	Archived:  lang.T("archived", "archivée"),
}

var actionPast = map[Action]lang.Text{
	Publish: lang.T("published", "publiée"),
	Close:   lang.T("closed", "fermée"),
	Archive: lang.T("archived", "archivée"),
}

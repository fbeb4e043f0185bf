package application

import (
	"time"

	"github.com/pathways-gov/pathways/internal/posting"
)

// Open reports whether posting p accepts applications at now: it must be
// published and now strictly before its closing instant. For a posting that
// closes at 5:00 p.m. in its zone, 4:59:59.999 p.m. is accepted and 5:00:00
// p.m. refused. The closing instant is stored in UTC, computed from the zone
// staff chose (posting.ClosingInstant), so daylight saving is already in it.
func Open(p *posting.Posting, now time.Time) bool {
	return p != nil && p.Effective(now) == posting.Published
}

// ReminderLead is how long before a posting closes an applicant with a draft
// gets a reminder.
const ReminderLead = 72 * time.Hour

// DueReminder reports whether the applicant with draft a to posting p should
// get the deadline reminder at now: a is still a draft, no reminder went out
// for it yet, the applicant wants reminders, and p is open and closes within
// ReminderLead. The store selects candidates in SQL and confirms each here.
func DueReminder(a *Application, p *posting.Posting, wantsReminders bool, now time.Time) bool {
	return a.Status == Draft && a.RemindedAt.IsZero() && wantsReminders &&
		Open(p, now) && !p.ClosesAt.IsZero() && p.ClosesAt.Sub(now) <= ReminderLead
}

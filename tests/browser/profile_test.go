package browser

import (
	"fmt"
	"testing"
)

// profileSections are the profile's pages, each one form.
var profileSections = []string{"contact", "education", "experiences", "skills", "languages", "eligibility", "locations", "equity"}

// TestProfilePagesPassAxe checks the profile's pages empty, for an applicant
// who has entered nothing, and filled, for one with a complete profile.
func TestProfilePagesPassAxe(t *testing.T) {
	e := need(t)
	t.Run("empty", func(t *testing.T) {
		session := e.signedIn(t, newcomerEmail)
		pages := []pageCase{{"overview", "/profile", 200, "#profile-missing"}}
		for _, s := range profileSections {
			pages = append(pages, pageCase{s, "/profile/" + s, 200, "form#profile-form"})
		}
		for _, p := range pages {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				e.checkBothLanguages(t, session, p)
			})
		}
	})
	t.Run("filled", func(t *testing.T) {
		session := e.signedIn(t, applicantEmail)
		pages := []pageCase{
			{"overview", "/profile", 200, "main:not(:has(#profile-missing)) #profile-skills"},
			{"education entry", fmt.Sprintf("/profile/education/%d", e.people.education), 200,
				fmt.Sprintf("form#profile-form[action$='/profile/education/%d'] #institution", e.people.education)},
			{"experience entry", fmt.Sprintf("/profile/experiences/%d", e.people.experience), 200,
				fmt.Sprintf("form#profile-form[action$='/profile/experiences/%d'] #title", e.people.experience)},
		}
		for _, s := range profileSections {
			pages = append(pages, pageCase{s, "/profile/" + s, 200, "form#profile-form"})
		}
		for _, p := range pages {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				e.checkBothLanguages(t, session, p)
			})
		}
	})
}

// TestProfileFormErrorsPassAxe checks the profile's forms as they come back
// refused, keeping what was typed. (The languages, eligibility and equity
// forms offer only valid choices: a browser cannot send a wrong one.)
func TestProfileFormErrorsPassAxe(t *testing.T) {
	e := need(t)
	session := e.signedIn(t, newcomerEmail)
	submitButton := "form#profile-form button[type=submit]:not([name])"
	for _, c := range []formCase{
		{name: "contact", path: "/profile/contact",
			fields: []field{{"name", ""}, {"email", "eloise.example.ca"}, {"phone", "613-555-0142"}},
			button: submitButton,
			page:   pageCase{"contact errors", "/profile/contact", 422, ".error-summary a[href='#name']"},
			kept:   field{"email", "eloise.example.ca"}},
		{name: "education", path: "/profile/education",
			fields: []field{{"institution", "Université d'Ottawa"}, {"graduated", "next spring"}},
			button: submitButton,
			page:   pageCase{"education errors", "/profile/education", 422, ".error-summary a[href='#program']"},
			kept:   field{"institution", "Université d'Ottawa"}},
		{name: "experience", path: "/profile/experiences",
			fields: []field{{"organization", "Statistics Canada"}, {"start", "January"}},
			button: submitButton,
			page:   pageCase{"experience errors", "/profile/experiences", 422, ".error-summary a[href='#title']"},
			kept:   field{"organization", "Statistics Canada"}},
		{name: "skill without a skill", path: "/profile/skills",
			fields: []field{{"skill_0_evidence_0_text", "I led a team of four through a data migration."}},
			button: submitButton,
			page:   pageCase{"skill errors", "/profile/skills", 422, ".error-summary a[href='#skill_0_competency']"},
			kept:   field{"skill_0_evidence_0_text", "I led a team of four through a data migration."}},
		{name: "the same location twice", path: "/profile/locations",
			fields: []field{{"location_0", "ON"}, {"location_1", "ON"}},
			button: submitButton,
			page:   pageCase{"location errors", "/profile/locations", 422, ".error-summary a[href='#location_1']"},
			kept:   field{"location_1", "ON"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e.checkFormErrors(t, session, c)
		})
	}
}

// TestOutboxPagesPassAxe checks the staff view of queued email.
func TestOutboxPagesPassAxe(t *testing.T) {
	e := need(t)
	session := e.signedIn(t, "platform-admin@example.ca")
	for _, p := range []pageCase{
		{"outbox", "/staff/outbox", 200, "table.table tbody tr th a[href*='/staff/outbox/']"},
		{"outbox of failed messages", "/staff/outbox?status=failed", 200, "select#status option[value=failed][selected]"},
		{"outbox message", fmt.Sprintf("/staff/outbox/%d", e.people.outboxID), 200, "main h1"},
		{"outbox bad filter", "/staff/outbox?status=lost", 400, "main h1"},
	} {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			e.checkBothLanguages(t, session, p)
		})
	}
}

package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
)

// Applicant accounts the page tests use. All sign in with testPassword,
// except that the forgetful applicant's password is reset by a test.
const (
	applicantEmail  = "eloise.tremblay@example.ca" // verified, with a complete profile
	newcomerEmail   = "newcomer@example.ca"        // verified, nothing in the profile yet
	unverifiedEmail = "unverified@example.ca"      // has not followed the emailed link
	confirmingEmail = "confirming@example.ca"      // follows a new emailed link in a test
	forgetfulEmail  = "forgetful@example.ca"       // resets their password
)

// applicants holds what the seeded applicant accounts own.
type applicants struct {
	education  int64 // the complete profile's education entry
	experience int64 // its experience
	outboxID   int64 // an email in the outbox, for the staff page
	apps       seededApplications
}

// seedApplicants creates the applicant accounts, fills the complete profile
// and queues an email, so that the outbox has a message to show.
func (e *env) seedApplicants(ctx context.Context, hash string) error {
	users := map[string]*auth.User{}
	for _, u := range []*auth.User{
		{Email: applicantEmail, Name: "Éloïse Tremblay", Lang: lang.FR, EmailVerifiedAt: testNow},
		{Email: newcomerEmail, EmailVerifiedAt: testNow},
		{Email: unverifiedEmail},
		{Email: confirmingEmail},
		{Email: forgetfulEmail, EmailVerifiedAt: testNow},
	} {
		u.Role, u.NotifyStatus, u.NotifyReminders = auth.Applicant, true, true
		if err := e.app.DB.CreateUser(ctx, u, hash); err != nil {
			return fmt.Errorf("create applicant %s: %w", u.Email, err)
		}
		users[u.Email] = u
	}
	u := users[applicantEmail]
	p, err := e.app.UpdateProfile(ctx, u, func(p *profile.Profile) error {
		p.Name, p.Phone, p.City, p.Province = "Éloïse Tremblay", "613-555-0142", "ottawa", "ON"
		p.Education = []profile.Education{{Institution: "Université d'Ottawa", Program: "Baccalauréat en science des données",
			Level: profile.Bachelor, Status: profile.EnrolledCoOp}}
		p.Experiences = []profile.Experience{{Kind: profile.Work, Title: "Data analyst (co-op)", Organization: "Statistics Canada",
			Start: "2025-01", End: "2025-04", Description: "Cleaned and analysed survey data with Python."}}
		p.Languages = profile.Languages{First: "fr", English: profile.Advanced, French: profile.Fluent}
		p.WorkEligibility = profile.Citizen
		p.PreferredLocations, p.RemoteOK = []string{"ottawa", "ON"}, true
		return nil
	})
	if err != nil {
		return fmt.Errorf("fill the profile: %w", err)
	}
	e.people.education, e.people.experience = p.Education[0].ID, p.Experiences[0].ID
	competency := e.app.Catalog().Competencies()[0].Code
	if _, err := e.app.UpdateProfile(ctx, u, func(p *profile.Profile) error {
		p.Skills = []profile.Skill{{Competency: competency, Evidence: []profile.Evidence{{ExperienceID: e.people.experience,
			Text: "I built the cleaning scripts for a national survey, which cut the analysts' preparation time by half."}}}}
		return nil
	}); err != nil {
		return fmt.Errorf("add a skill: %w", err)
	}
	if err := e.app.SaveEquityDeclaration(ctx, u, []profile.EquityGroup{profile.Women}); err != nil {
		return fmt.Errorf("equity declaration: %w", err)
	}
	if err := e.app.RequestPasswordReset(ctx, applicantEmail, lang.FR); err != nil {
		return fmt.Errorf("queue an email: %w", err)
	}
	msgs, _, err := e.app.DB.ListOutbox(ctx, store.OutboxFilter{Limit: 1})
	if err != nil || len(msgs) == 0 {
		return fmt.Errorf("the outbox holds no message (%v)", err)
	}
	e.people.outboxID = msgs[0].ID
	return e.seedApplications(ctx, u, users[newcomerEmail]) // apply_test.go
}

// TestAccountPagesPassAxe checks the account pages a visitor reaches without
// signing in, including emailed links that no longer work.
func TestAccountPagesPassAxe(t *testing.T) {
	e := need(t)
	for _, p := range []pageCase{
		{"sign-up", "/signup", 200, "form[action$='/signup'] #email"},
		{"check your email", "/signup/check-email", 200, "main a[href$='/account/verify/resend']"},
		{"address confirmed", "/account/verified", 200, "main a[href$='/signin']"},
		{"new confirmation link", "/account/verify/resend", 200, "form[action$='/account/verify/resend'] #email"},
		{"reset request", "/account/reset", 200, "form[action$='/account/reset'] #email"},
		{"reset link sent", "/account/reset/sent", 200, "main a[href$='/account/reset']"},
		{"password reset", "/account/reset/done", 200, "main a[href$='/signin']"},
		{"account deleted", "/account/deleted", 200, "main a[href$='/privacy']"},
		{"privacy notice", "/privacy", 200, "main h2"},
		{"confirmation link not valid", "/account/verify?token=not-a-real-token", 400, ".error-summary"},
		{"reset link not valid", "/account/reset/new?token=not-a-real-token", 400, ".error-summary"},
	} {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			e.checkBothLanguages(t, e.browser, p)
		})
	}
}

// TestAccountSettingsPassAxe checks the pages of a signed-in applicant's account.
func TestAccountSettingsPassAxe(t *testing.T) {
	e := need(t)
	session := e.signedIn(t, applicantEmail)
	for _, p := range []pageCase{
		{"account", "/account", 200, "form[action$='/account/password'] #current_password"},
		{"preferences saved", "/account?saved=preferences", 200, ".notice[role=status]"},
		{"download my data", "/account/export", 200, "form[action$='/account/export'] button[type=submit]"},
		{"delete my account", "/account/delete", 200, "form[action$='/account/delete'] #password"},
	} {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			e.checkBothLanguages(t, session, p)
		})
	}
	t.Run("address not confirmed", func(t *testing.T) {
		e.checkBothLanguages(t, e.signedIn(t, unverifiedEmail),
			pageCase{"account unverified", "/account", 200, "form[action$='/account/verify/resend'] button"})
	})
}

// field is one form control and what to type into it (or the value to
// choose, for a select).
type field struct{ id, value string }

// fill types into text inputs and text areas and chooses options of selects,
// by id, as a person would.
func fill(t *testing.T, tab context.Context, fields ...field) {
	t.Helper()
	for _, f := range fields {
		sel := "#" + f.id
		tag := eval[string](t, tab, fmt.Sprintf(`(document.querySelector(%q) || {tagName: ""}).tagName`, sel))
		var err error
		switch tag {
		case "":
			t.Fatalf("%s has no #%s", location(t, tab), f.id)
		case "SELECT":
			err = chromedp.Do(tab, chromedp.SetValue(chromedp.CSS(sel), f.value))
		default:
			eval[bool](t, tab, fmt.Sprintf(`(document.querySelector(%q).value = "") === ""`, sel)) // what was there before
			if f.value != "" {
				err = chromedp.Do(tab, chromedp.SendKeys(chromedp.CSS(sel), f.value))
			}
		}
		if err != nil {
			t.Fatalf("fill in #%s: %v", f.id, err)
		}
	}
}

// click clicks the element matching the CSS selector, for a control that
// does not load a page (a radio button, a checkbox).
func click(t *testing.T, tab context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s on %s: %v", sel, location(t, tab), err)
	}
}

// submit clicks the submit button matching the CSS selector and returns the
// status of the page that answers.
func submit(t *testing.T, tab context.Context, button string) int64 {
	t.Helper()
	res, err := chromedp.RunResponse(tab, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		t.Fatalf("submit with %s on %s: %v", button, location(t, tab), err)
	}
	return res.Status
}

// formCase is a form submitted with wrong values, in both languages.
type formCase struct {
	name   string
	path   string  // the form's page, after the language
	fields []field // what is typed
	button string  // the submit button
	page   pageCase
	kept   field // a field that must come back as typed
}

// checkFormErrors submits the form in each language and checks the page that
// refuses it: status, error summary, the typed value kept, axe, and the
// language toggle, which leads to the form's page.
func (e *env) checkFormErrors(t *testing.T, session context.Context, c formCase) {
	tab := e.pooledTab(t, session)
	for _, l := range []string{"en", "fr"} {
		e.visit(t, tab, "/"+l+c.path)
		fill(t, tab, c.fields...)
		status := submit(t, tab, c.button)
		e.checkPage(t, tab, l, c.page, status)
		if c.kept.id != "" {
			if v := eval[string](t, tab, fmt.Sprintf(`document.getElementById(%q).value`, c.kept.id)); v != c.kept.value {
				t.Errorf("%s: the refused form shows #%s = %q, want what was typed, %q", location(t, tab), c.kept.id, v, c.kept.value)
			}
		}
		// A refused form's page answers a POST: its language toggle leads to
		// the form's own page in the other language (a link cannot post).
		if got, want := toggleHref(t, tab), e.url("/"+otherLang(l)+c.path); got != want {
			t.Errorf("the language toggle of the refused form on %s leads to %s, want %s", location(t, tab), got, want)
		}
	}
}

// TestAccountFormErrorsPassAxe checks each account form as it comes back
// refused, keeping what was typed.
func TestAccountFormErrorsPassAxe(t *testing.T) {
	e := need(t)
	anonymous := []formCase{
		{name: "sign-up", path: "/signup",
			fields: []field{{"email", "eloise@"}, {"password", "short"}},
			button: "main form button[type=submit]",
			page:   pageCase{"sign-up errors", "/signup", 422, ".error-summary a[href='#email']"},
			kept:   field{"email", "eloise@"}},
		{name: "new confirmation link", path: "/account/verify/resend",
			fields: []field{{"email", "not an address"}},
			button: "main form button[type=submit]",
			page:   pageCase{"resend errors", "/account/verify/resend", 422, ".error-summary a[href='#email']"},
			kept:   field{"email", "not an address"}},
		{name: "reset request", path: "/account/reset",
			fields: []field{{"email", "nobody at example.ca"}},
			button: "main form button[type=submit]",
			page:   pageCase{"reset errors", "/account/reset", 422, ".error-summary a[href='#email']"},
			kept:   field{"email", "nobody at example.ca"}},
	}
	for _, c := range anonymous {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e.checkFormErrors(t, e.browser, c)
		})
	}
	signedIn := []formCase{
		{name: "change password", path: "/account",
			fields: []field{{"current_password", "not my password at all"}, {"new_password", "short"}},
			button: "form[action$='/account/password'] button[type=submit]",
			page:   pageCase{"password errors", "/account/password", 422, "#current_password[aria-invalid=true], #new_password[aria-invalid=true]"}},
		{name: "delete account", path: "/account/delete",
			fields: []field{{"password", "not my password at all"}},
			button: "form[action$='/account/delete'] button[type=submit]",
			page:   pageCase{"delete errors", "/account/delete", 422, ".error-summary a[href='#password']"}},
	}
	session := e.signedIn(t, newcomerEmail)
	for _, c := range signedIn {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e.checkFormErrors(t, session, c)
		})
	}
}

// TestAccountEmailedLinksPassAxe follows the links the account emails carry,
// as they arrive at the SMTP server: confirming an address, and resetting a
// forgotten password (refused first, then done).
func TestAccountEmailedLinksPassAxe(t *testing.T) {
	e := need(t)
	t.Parallel() // it waits for email: other tests go on meanwhile
	t.Run("confirm the address", func(t *testing.T) {
		t.Parallel()
		tab := e.tab(t, e.incognito(t))
		e.visit(t, tab, "/en/account/verify/resend")
		fill(t, tab, field{"email", confirmingEmail})
		if status := submit(t, tab, "main form button[type=submit]"); status != 200 || location(t, tab) != e.url("/en/signup/check-email") {
			t.Fatalf("asking for a new link led to %s (status %d), want the check-your-email page", location(t, tab), status)
		}
		link := e.mail.waitFor(t, confirmingEmail, 0).link(t, e.url("/en/account/verify?token="))
		e.checkBothLanguages(t, e.browser, pageCase{"confirm address", strings.TrimPrefix(link, e.url("/en")), 200,
			"form[action$='/account/verify'] button[type=submit]"})
		e.visit(t, tab, strings.TrimPrefix(link, e.base))
		if status := submit(t, tab, "form[action$='/account/verify'] button[type=submit]"); status != 200 || location(t, tab) != e.url("/en/account/verified") {
			t.Fatalf("confirming led to %s (status %d), want the confirmed page", location(t, tab), status)
		}
	})
	t.Run("reset the password", func(t *testing.T) {
		t.Parallel()
		tab := e.tab(t, e.incognito(t))
		e.visit(t, tab, "/fr/account/reset")
		fill(t, tab, field{"email", forgetfulEmail})
		if status := submit(t, tab, "main form button[type=submit]"); status != 200 || location(t, tab) != e.url("/fr/account/reset/sent") {
			t.Fatalf("asking for a reset link led to %s (status %d), want the link-sent page", location(t, tab), status)
		}
		msg := e.mail.waitFor(t, forgetfulEmail, 0)
		if msg.Lang != "fr" {
			t.Errorf("the reset email asked for in French is in %q", msg.Lang)
		}
		link := msg.link(t, e.url("/fr/account/reset/new?token="))
		path := strings.TrimPrefix(link, e.url("/fr"))
		e.checkBothLanguages(t, e.browser, pageCase{"new password", path, 200, "form[action$='/account/reset/new'] #password"})
		for _, l := range []string{"en", "fr"} {
			e.visit(t, tab, "/"+l+path)
			fill(t, tab, field{"password", "password1234"})
			status := submit(t, tab, "main form button[type=submit]")
			e.checkPage(t, tab, l, pageCase{"new password refused", "/account/reset/new", 422, ".error-summary a[href='#password']"}, status)
		}
		e.visit(t, tab, "/en"+path)
		fill(t, tab, field{"password", "a kettle of hawks over the quarry"})
		if status := submit(t, tab, "main form button[type=submit]"); status != 200 || location(t, tab) != e.url("/en/account/reset/done") {
			t.Fatalf("a good new password led to %s (status %d), want the done page", location(t, tab), status)
		}
	})
}

package browser

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/lang"
)

const (
	// journeyPassword is what the new applicants choose: long, and not on
	// the list of common passwords (testPassword is).
	journeyPassword = "lanterns over the ottawa river 7"
	// journeyTimeout bounds one whole journey in its tab: it waits for two
	// emails from the mail worker, which polls every few seconds.
	journeyTimeout = 3 * time.Minute
)

// TestNewApplicantJourney walks the whole path as a new applicant would, in
// each language: sign up; confirm the address from the email the server's
// mail worker delivered to the SMTP server; sign in; build a profile; apply
// to an open posting that asks for a document, uploading a PDF; see the
// confirmation number, by email too; see the status on the dashboard;
// withdraw. Pages met only on this path are checked with axe on the way.
func TestNewApplicantJourney(t *testing.T) {
	e := need(t)
	t.Parallel() // it waits for email: other tests go on meanwhile
	if time.Now().Before(testNow) {
		t.Fatalf("the machine's clock (%v) is before the server's fixed clock (%v): the mail worker, on the real clock, would find no email due", time.Now(), testNow)
	}
	for _, l := range []string{"en", "fr"} {
		t.Run(l, func(t *testing.T) {
			t.Parallel()
			e.journey(t, l)
		})
	}
}

// journeyPerson is who walks the journey in language l.
func journeyPerson(l string) (email, name string) {
	if l == "fr" {
		return "amelie.gagnon@example.ca", "Amélie Gagnon"
	}
	return "liam.obrien@example.ca", "Liam O'Brien"
}

func (e *env) journey(t *testing.T, l string) {
	email, name := journeyPerson(l)
	tab := e.tabFor(t, e.incognito(t), journeyTimeout)
	at := func(path string) {
		t.Helper()
		if loc := location(t, tab); loc != e.url("/"+l+path) {
			screenshot(t, tab, t.Name())
			t.Fatalf("the page is %s, want /%s%s", loc, l, path)
		}
	}

	// Sign up, from the link in the header.
	e.visit(t, tab, "/"+l+"/")
	clickAndLoad(t, tab, "header a[href$='/signup']", 200)
	at("/signup")
	fill(t, tab, field{"email", email}, field{"password", journeyPassword})
	if !eval[bool](t, tab, fmt.Sprintf(`document.querySelector("input[name=lang][value=%s]").checked`, l)) {
		t.Errorf("the sign-up form does not propose the page's language, %s", l)
	}
	clickAndLoad(t, tab, "main form button[type=submit]", 200)
	at("/signup/check-email")
	e.checkAxe(t, tab, t.Name()+"-check-email")

	// The email, as the SMTP server received it.
	msg := e.mail.waitFor(t, email, 0)
	if msg.Lang != l {
		t.Errorf("the confirmation email is in %q, want %q", msg.Lang, l)
	}
	link := msg.link(t, e.url("/"+l+"/account/verify?token="))
	t.Logf("email %q delivered to %v", msg.Subject, msg.To)
	if _, err := chromedp.Run(tab, chromedp.NavigateResponse(link)); err != nil {
		t.Fatalf("open the emailed link: %v", err)
	}
	clickAndLoad(t, tab, "form[action$='/account/verify'] button[type=submit]", 200)
	at("/account/verified")

	// Sign in.
	clickAndLoad(t, tab, "main a[href$='/signin']", 200)
	at("/signin")
	fill(t, tab, field{"email", email}, field{"password", journeyPassword})
	clickAndLoad(t, tab, "main form button[type=submit]", 200)
	at("/applications")

	// Build the profile, one section at a time.
	clickAndLoad(t, tab, "header a[href$='/profile']", 200)
	at("/profile")
	if !eval[bool](t, tab, `document.querySelector("#profile-missing") !== null`) {
		t.Errorf("a new profile does not say what applying needs")
	}
	e.saveSection(t, tab, l, "contact", func() {
		fill(t, tab, field{"name", name}, field{"phone", "613-555-0199"}, field{"city", "ottawa"}, field{"province", "ON"})
	})
	e.saveSection(t, tab, l, "education", func() {
		fill(t, tab, field{"institution", "University of Ottawa"}, field{"program", "Bachelor of Social Sciences"}, field{"level", "bachelor"})
		click(t, tab, "input[name=status][value=enrolled-coop]")
	})
	e.saveSection(t, tab, l, "experiences", func() {
		fill(t, tab, field{"kind", "community"}, field{"title", "Volunteer data coordinator"}, field{"organization", "Ottawa Food Bank"},
			field{"start", "2024-09"}, field{"end", "2025-06"}, field{"description", "Kept the weekly donation figures and built the dashboard the board used."})
	})
	e.saveSection(t, tab, l, "skills", func() {
		competency := eval[string](t, tab, `document.querySelector("#skill_0_competency option[value]:not([value=''])").value`)
		experience := eval[string](t, tab, `document.querySelector("#skill_0_evidence_0_experience option[value]:not([value=''])").value`)
		fill(t, tab, field{"skill_0_competency", competency}, field{"skill_0_evidence_0_experience", experience},
			field{"skill_0_evidence_0_text", "I built the donation dashboard from the weekly figures."})
	})
	e.saveSection(t, tab, l, "languages", func() {
		click(t, tab, "input[name=first_language][value="+l+"]")
		fill(t, tab, field{"english", "advanced"}, field{"french", "intermediate"})
	})
	e.saveSection(t, tab, l, "eligibility", func() {
		click(t, tab, "input[name=work_eligibility][value=citizen]")
	})
	e.saveSection(t, tab, l, "locations", func() {
		fill(t, tab, field{"location_0", "ottawa"}, field{"location_1", "ON"})
		click(t, tab, "#remote_ok")
	})
	if eval[bool](t, tab, `document.querySelector("#profile-missing") !== null`) {
		t.Errorf("the profile still lists what is missing: %s", eval[string](t, tab, `document.querySelector("#profile-missing").parentElement.innerText`))
	}
	if !strings.Contains(eval[string](t, tab, `document.querySelector("main").innerText`), name) {
		t.Errorf("the profile overview does not show the name %q", name)
	}
	e.checkAxe(t, tab, t.Name()+"-profile")

	// Apply, from the posting's page.
	id := e.startApplying(t, tab, l)
	steps := fmt.Sprintf("/applications/%d/", id)
	at(steps + "eligibility")
	for _, radio := range eval[[]string](t, tab, `Array.from(document.querySelectorAll("#apply-form input[type=radio][value=yes]")).map(r => r.id)`) {
		click(t, tab, "#"+radio)
	}
	clickAndLoad(t, tab, "#apply-form button[name=action][value=continue]", 200)
	at(steps + "questions")
	answers := eval[[]string](t, tab, `Array.from(document.querySelectorAll("#apply-form textarea")).map(a => a.id)`)
	if len(answers) == 0 {
		t.Fatal("the questions step asks nothing")
	}
	// The first answer is typed; the others are pasted, as from a draft
	// written elsewhere (typing them all takes seconds, and proves nothing more).
	for i, a := range answers {
		text := fmt.Sprintf("Example %d: at the food bank I turned weekly figures into a dashboard the board used.", i+1)
		if i == 0 {
			fill(t, tab, field{a, text})
			continue
		}
		eval[bool](t, tab, fmt.Sprintf(`(document.getElementById(%q).value = %q) !== ""`, a, text))
	}
	clickAndLoad(t, tab, "#apply-form button[name=action][value=continue]", 200)
	at(steps + "documents")
	file := "cv-" + l + ".pdf"
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#apply-form input[type=file]"), []string{writeFile(t, file, testPDF(name+" - CV"))})); err != nil {
		t.Fatalf("choose the PDF: %v", err)
	}
	clickAndLoad(t, tab, "#apply-form button[name=action][value=continue]", 200)
	at(steps + "options")
	clickAndLoad(t, tab, "#apply-form button[name=action][value=continue]", 200)
	at(steps + "review")
	if eval[bool](t, tab, `document.querySelector("#missing") !== null`) {
		t.Errorf("the review lists what is missing: %s", eval[string](t, tab, `document.querySelector("#missing").innerText`))
	}
	if !eval[bool](t, tab, fmt.Sprintf(`Array.from(document.querySelectorAll("main a")).some(a => a.textContent.trim() === %q)`, file)) {
		t.Errorf("the review does not list the attached %s", file)
	}
	click(t, tab, "#declaration")
	fill(t, tab, field{"signature", name})
	clickAndLoad(t, tab, "#apply-form button[type=submit]", 200)
	at(steps + "confirmation")
	number := strings.TrimSpace(eval[string](t, tab, `document.querySelector("#confirmation-number").textContent`))
	if number == "" {
		t.Fatal("the confirmation page shows no confirmation number")
	}
	t.Logf("submitted application %d: confirmation number %s", id, number)
	e.checkAxe(t, tab, t.Name()+"-confirmation")
	if got := e.mail.waitFor(t, email, 1); !strings.Contains(got.Body, number) || got.Lang != l {
		t.Errorf("the second email (%q, in %q) does not carry the confirmation number %s:\n%s", got.Subject, got.Lang, number, got.Body)
	}

	// The status, on the dashboard.
	clickAndLoad(t, tab, "header a[href$='/applications']", 200)
	at("/applications")
	e.checkStatus(t, tab, l, id, number, application.Submitted)
	e.checkAxe(t, tab, t.Name()+"-dashboard")

	// Withdraw, from the application's page.
	clickAndLoad(t, tab, fmt.Sprintf("ul.applications a[href$='/applications/%d']", id), 200)
	at(fmt.Sprintf("/applications/%d", id))
	clickAndLoad(t, tab, "main a[href$='/withdraw']", 200)
	at(steps + "withdraw")
	clickAndLoad(t, tab, "form[action$='/withdraw'] button[type=submit]", 200)
	e.checkAxe(t, tab, t.Name()+"-withdrawn")
	e.visit(t, tab, "/"+l+"/applications")
	e.checkStatus(t, tab, l, id, number, application.Withdrawn)
	if eval[bool](t, tab, `document.querySelector("main a[href$='/withdraw']") !== null`) {
		t.Errorf("a withdrawn application can still be withdrawn")
	}
}

// clickAndLoad clicks the element matching sel and waits for the page it
// loads, which must answer status.
func clickAndLoad(t *testing.T, tab context.Context, sel string, status int64) {
	t.Helper()
	if got := submit(t, tab, sel); got != status {
		screenshot(t, tab, t.Name())
		t.Fatalf("%s after clicking %s: status %d, want %d", location(t, tab), sel, got, status)
	}
}

// saveSection opens a section of the profile from the overview, fills it in
// and saves it, which must lead back to the overview with a message.
func (e *env) saveSection(t *testing.T, tab context.Context, l, section string, fillIn func()) {
	t.Helper()
	clickAndLoad(t, tab, fmt.Sprintf("main a[href*='/profile/%s']", section), 200)
	fillIn()
	clickAndLoad(t, tab, "form#profile-form button[type=submit]:not([name])", 200)
	if loc := location(t, tab); loc != e.url("/"+l+"/profile") {
		screenshot(t, tab, t.Name())
		t.Fatalf("saving the %s section led to %s: %s", section, loc, eval[string](t, tab, `(document.querySelector(".error-summary") || {innerText: ""}).innerText`))
	}
	if !eval[bool](t, tab, `document.querySelector(".notice[role=status]") !== null`) {
		t.Errorf("saving the %s section shows no message", section)
	}
}

var applicationPath = regexp.MustCompile(`/applications/([0-9]+)/`)

// startApplying opens the open posting that asks for a document and presses
// Apply, returning the new application's id.
func (e *env) startApplying(t *testing.T, tab context.Context, l string) int64 {
	t.Helper()
	e.visit(t, tab, fmt.Sprintf("/%s/jobs/%d", l, e.published.ID))
	clickAndLoad(t, tab, "form.apply-form button[type=submit]", 200)
	m := applicationPath.FindStringSubmatch(location(t, tab))
	if m == nil {
		t.Fatalf("Apply led to %s, not to an application", location(t, tab))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// checkStatus checks that the dashboard in tab shows application id with its
// confirmation number and status, in plain words in l.
func (e *env) checkStatus(t *testing.T, tab context.Context, l string, id int64, number string, s application.Status) {
	t.Helper()
	item := eval[string](t, tab, fmt.Sprintf(`(Array.from(document.querySelectorAll("ul.applications li")).find(li =>
		li.querySelector("a[href$='/applications/%d']")) || {innerText: ""}).innerText`, id))
	if item == "" {
		t.Fatalf("the dashboard does not list application %d", id)
	}
	if want := s.Name(lang.Lang(l)); !strings.Contains(item, want) || !strings.Contains(item, number) {
		t.Errorf("the dashboard shows application %d as %q, want the status %q and the number %s", id, item, want, number)
	}
}

// TestKeyboardJourney walks the path with the keyboard alone (Tab, Space,
// Enter and typing; no clicks): sign up, confirm the address, sign in, fill
// in two sections of the profile, and apply through to the confirmation
// number. Every element the focus reaches on the way must show it.
func TestKeyboardJourney(t *testing.T) {
	e := need(t)
	t.Parallel() // it waits for email: other tests go on meanwhile
	const l = "fr"
	email, name := "zoe.cote@example.ca", "Zoé Côté"
	tab := e.tabFor(t, e.incognito(t), journeyTimeout)
	k := &keyboard{t: t, tab: tab, e: e}
	at := func(path string) {
		t.Helper()
		if loc := location(t, tab); loc != e.url("/"+l+path) {
			screenshot(t, tab, t.Name())
			t.Fatalf("the page is %s, want /%s%s", loc, l, path)
		}
	}

	e.visit(t, tab, "/"+l+"/")
	loadFocusJS(t, tab)
	k.to("the sign-up link", `el.matches("header a[href$='/signup']")`)
	k.enter()
	at("/signup")
	k.to("the email field", `el.id === "email"`)
	press(t, tab, email)
	k.to("the password field", `el.id === "password"`)
	press(t, tab, journeyPassword)
	k.to("the sign-up button", `el.matches("main form button[type=submit]")`)
	k.enter()
	at("/signup/check-email")

	link := e.mail.waitFor(t, email, 0).link(t, e.url("/"+l+"/account/verify?token="))
	e.visit(t, tab, strings.TrimPrefix(link, e.base)) // opened from the mail client
	loadFocusJS(t, tab)
	k.to("the confirm button", `el.matches("form[action$='/account/verify'] button[type=submit]")`)
	k.enter()
	at("/account/verified")
	k.to("the sign-in link", `el.matches("main a[href$='/signin']")`)
	k.enter()
	k.to("the email field", `el.id === "email"`)
	press(t, tab, email)
	k.to("the password field", `el.id === "password"`)
	press(t, tab, journeyPassword)
	k.enter() // Enter in a field submits its form
	at("/applications")

	// Two sections of the profile: what applying needs.
	k.to("the profile link", `el.matches("header a[href$='/profile']")`)
	k.enter()
	k.to("the contact section", `el.matches("main a[href*='/profile/contact']")`)
	k.enter()
	k.to("the name field", `el.id === "name"`)
	press(t, tab, name)
	k.to("the save button", `el.matches("form#profile-form button[type=submit]:not([name])")`)
	k.enter()
	at("/profile")
	k.to("the eligibility section", `el.matches("main a[href*='/profile/eligibility']")`)
	k.enter()
	k.to("the first eligibility choice", `el.name === "work_eligibility"`)
	press(t, tab, " ")
	if !eval[bool](t, tab, `document.activeElement.checked`) {
		t.Fatalf("Space did not choose %s", activeElement(t, tab).Desc)
	}
	k.to("the save button", `el.matches("form#profile-form button[type=submit]:not([name])")`)
	k.enter()
	at("/profile")
	if eval[bool](t, tab, `document.querySelector("#profile-missing") !== null`) {
		t.Fatalf("the profile still lacks: %s", eval[string](t, tab, `document.querySelector("#profile-missing").parentElement.innerText`))
	}

	// Apply, step by step.
	e.visit(t, tab, fmt.Sprintf("/%s/jobs/%d", l, e.published.ID))
	loadFocusJS(t, tab)
	k.to("the Apply button", `el.matches("form.apply-form button[type=submit]")`)
	k.enter()
	m := applicationPath.FindStringSubmatch(location(t, tab))
	if m == nil {
		t.Fatalf("Apply led to %s, not to an application", location(t, tab))
	}
	steps := "/applications/" + m[1] + "/"
	at(steps + "eligibility")
	for range eval[int](t, tab, `document.querySelectorAll("#apply-form input[type=radio][value=yes]").length`) {
		k.to("an unanswered requirement's Yes", `el.type === "radio" && el.value === "yes" && !el.checked`)
		press(t, tab, " ")
	}
	k.next()
	at(steps + "questions")
	for i := range eval[int](t, tab, `document.querySelectorAll("#apply-form textarea").length`) {
		k.to("an unanswered question", `el.tagName === "TEXTAREA" && el.value === ""`)
		press(t, tab, fmt.Sprintf("Exemple %d : j'ai bâti le tableau de bord des dons.", i+1))
	}
	k.next()
	at(steps + "documents")
	k.to("the file field", `el.type === "file"`)
	// The file chooser the browser opens on Space is outside the page:
	// DevTools chooses the file in its place.
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#apply-form input[type=file]"), []string{writeFile(t, "cv.pdf", testPDF("Zoe Cote - CV"))})); err != nil {
		t.Fatalf("choose the PDF: %v", err)
	}
	k.next()
	at(steps + "options")
	k.next()
	at(steps + "review")
	k.to("the declaration", `el.id === "declaration"`)
	press(t, tab, " ")
	k.to("the signature", `el.id === "signature"`)
	press(t, tab, name)
	k.to("the submit button", `el.matches("#apply-form button[type=submit]")`)
	k.enter()
	at(steps + "confirmation")
	if n := eval[string](t, tab, `(document.querySelector("#confirmation-number") || {textContent: ""}).textContent.trim()`); n == "" {
		t.Fatal("no confirmation number")
	} else {
		t.Logf("submitted with the keyboard alone: %s", n)
	}
}

// keyboard moves through pages with Tab and Enter, checking that every
// element the focus reaches shows a visible focus indicator.
type keyboard struct {
	t   *testing.T
	tab context.Context
	e   *env
	bad map[string]bool // elements reported without an indicator
}

// to presses Tab until the focused element matches the JavaScript predicate
// on el (at most 300 times).
func (k *keyboard) to(what, predicate string) {
	k.t.Helper()
	check := fmt.Sprintf(`(el => el !== null && el !== document.body && (%s))(document.activeElement)`, predicate)
	for range 300 {
		press(k.t, k.tab, kb.Tab)
		f := activeElement(k.t, k.tab)
		if f.Index != -1 && (!f.Indicator || !f.OnScreen) {
			if k.bad == nil {
				k.bad = map[string]bool{}
			}
			if key := location(k.t, k.tab) + " " + f.Desc; !k.bad[key] {
				k.bad[key] = true
				k.t.Errorf("%s: %s shows no focus indicator when focused (outline %q, box-shadow %q, on screen %v)",
					location(k.t, k.tab), f.Desc, f.Outline, f.Shadow, f.OnScreen)
			}
		}
		if eval[bool](k.t, k.tab, check) {
			return
		}
	}
	screenshot(k.t, k.tab, k.t.Name())
	k.t.Fatalf("%s: Tab does not reach %s; focus is on %s", location(k.t, k.tab), what, activeElement(k.t, k.tab).Desc)
}

// enter presses Enter on the focused link or button, which must load a page.
func (k *keyboard) enter() {
	k.t.Helper()
	if status := pressAndLoad(k.t, k.tab, kb.Enter); status != 200 {
		screenshot(k.t, k.tab, k.t.Name())
		k.t.Fatalf("Enter on %s: status %d", location(k.t, k.tab), status)
	}
}

// next moves to an application step's Continue button and presses Enter.
func (k *keyboard) next() {
	k.t.Helper()
	k.to("the Continue button", `el.matches("#apply-form button[name=action][value=continue]")`)
	k.enter()
}

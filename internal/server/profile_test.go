package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// profileSaved checks that a profile form was accepted: a redirect to the
// overview (or to where), which then shows the message flash once.
func profileSaved(t *testing.T, c *client, what string, res *response, where, flash string) {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != where {
		t.Fatalf("%s: %d to %q, want 303 to %s\n%s", what, res.StatusCode, res.Header.Get("Location"), where, res.body)
	}
	page := c.get(where)
	if got := page.text(".notice[role=status]"); got != flash {
		t.Fatalf("%s: flash %q, want %q", what, got, flash)
	}
	if again := c.get(where); again.text(".notice[role=status]") != "" {
		t.Fatalf("%s: the flash is shown twice", what)
	}
}

// profileSubmit posts the form #profile-form of the page at path, with changes.
func profileSubmit(t *testing.T, c *client, path string, changes url.Values) *response {
	t.Helper()
	page := c.get(path)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, page.StatusCode)
	}
	form := page.doc.Find("form#profile-form")
	if form.Length() != 1 {
		t.Fatalf("GET %s: no profile form:\n%s", path, page.body)
	}
	action, _ := form.Attr("action")
	v := formValues(form)
	for k, vs := range changes {
		v[k] = vs
	}
	return c.post(action, v)
}

func (e *env) storedProfile(name string) *profile.Profile {
	e.t.Helper()
	p, err := e.app.DB.Profile(context.Background(), e.users[name].ID)
	if err != nil {
		e.t.Fatalf("profile of %s: %v", name, err)
	}
	return p
}

// addApplicant creates one more applicant account, signed in as name.
func (e *env) addApplicant(name string) {
	e.t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	u := &auth.User{Email: name + "@example.ca", Name: name, Role: auth.Applicant}
	if err := e.app.DB.CreateUser(context.Background(), u, hash); err != nil {
		e.t.Fatal(err)
	}
	e.users[name] = u
}

// An applicant fills in every section through the forms, as a browser does,
// and sees it all on the overview, in English and in French.
func TestProfileEverySection(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			c := e.signedIn("applicant")

			res := c.get("/en/profile")
			if res.StatusCode != http.StatusOK || res.text("h1") != "Your profile" {
				t.Fatalf("overview: %d %q", res.StatusCode, res.text("h1"))
			}
			if got := res.text("#profile-missing + ul"); !strings.Contains(got, "Eligibility to work in Canada") || strings.Contains(got, "Name") {
				t.Fatalf("missing before filling in: %q", got)
			}

			res = profileSubmit(t, c, "/en/profile/contact", url.Values{
				"name": {"Amara Okafor"}, "email": {"Amara.Okafor@Example.ca"}, "phone": {"416-555-0123 ext. 4"}, "city": {"toronto"}, "province": {""},
			})
			profileSaved(t, c, "contact", res, "/en/profile", "Your contact details were saved.")

			res = profileSubmit(t, c, "/en/profile/education", url.Values{
				"institution": {"Toronto Metropolitan University"}, "program": {"Bachelor of Data Science"},
				"level": {"bachelor"}, "status": {"graduated"}, "graduated": {"2025-06"},
			})
			profileSaved(t, c, "education", res, "/en/profile", "The program of study was added.")
			res = profileSubmit(t, c, "/en/profile/education", url.Values{
				"institution": {"Lisgar Collegiate"}, "program": {"OSSD"}, "level": {"secondary"}, "status": {"graduated"}, "graduated": {"2021-06"},
				"more": {"1"},
			})
			profileSaved(t, c, "second education", res, "/en/profile/education", "The program of study was added.")

			res = profileSubmit(t, c, "/en/profile/experiences", url.Values{
				"kind": {"work"}, "title": {"Data analyst co-op"}, "organization": {"Ontario Digital Service"},
				"start": {"2024-05"}, "end": {"2024-08"}, "description": {"Cleaned transit data.\n\nBuilt a dashboard."},
			})
			profileSaved(t, c, "experience", res, "/en/profile", "The experience was added.")
			p := e.storedProfile("applicant")
			if len(p.Experiences) != 1 || p.Experiences[0].ID == 0 {
				t.Fatalf("experiences %+v", p.Experiences)
			}
			xid := fmt.Sprint(p.Experiences[0].ID)

			res = profileSubmit(t, c, "/en/profile/skills", url.Values{
				"skill_0_competency": {"data-analytics"}, "skill_0_evidence_0_experience": {xid},
				"skill_0_evidence_0_text": {"I found and fixed 1,200 duplicate fare records."},
			})
			profileSaved(t, c, "skills", res, "/en/profile", "Your skills were saved.")
			// The skills page now shows the skill with its example, and room for another.
			res = profileSubmit(t, c, "/en/profile/skills", url.Values{
				"skill_0_evidence_1_experience": {xid}, "skill_0_evidence_1_text": {"Again."},
				"skill_1_competency": {"communication"}, "skill_1_evidence_0_experience": {xid}, "skill_1_evidence_0_text": {"Presented the dashboard to the director."},
			})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.text(".error-summary"), "You already used this experience for this skill") {
				t.Fatalf("same experience twice: %d %s", res.StatusCode, res.text(".error-summary"))
			}
			res = profileSubmit(t, c, "/en/profile/skills", url.Values{
				"skill_1_competency": {"communication"}, "skill_1_evidence_0_experience": {xid}, "skill_1_evidence_0_text": {"Presented the dashboard to the director."},
			})
			profileSaved(t, c, "second skill", res, "/en/profile", "Your skills were saved.")

			res = profileSubmit(t, c, "/en/profile/languages", url.Values{"first_language": {"en"}, "english": {"fluent"}, "french": {"intermediate"}})
			profileSaved(t, c, "languages", res, "/en/profile", "Your official languages were saved.")
			res = profileSubmit(t, c, "/en/profile/eligibility", url.Values{"work_eligibility": {"permanent-resident"}})
			profileSaved(t, c, "eligibility", res, "/en/profile", "Your eligibility to work in Canada was saved.")
			res = profileSubmit(t, c, "/en/profile/locations", url.Values{
				"location_0": {""}, "location_1": {"ottawa"}, "location_2": {"ON"}, "remote_ok": {"yes"},
			})
			profileSaved(t, c, "locations", res, "/en/profile", "Your preferred work locations were saved.")
			res = profileSubmit(t, c, "/en/profile/equity", url.Values{"groups": {"racialized", "women"}})
			profileSaved(t, c, "equity", res, "/en/profile", "Your self-declaration was saved.")

			p = e.storedProfile("applicant")
			want := []string{p.Name, p.Email, p.Phone, p.City, p.Province, p.PreferredLocations[0], p.PreferredLocations[1]}
			if strings.Join(want, "|") != "Amara Okafor|amara.okafor@example.ca|416-555-0123 ext. 4|toronto|ON|ottawa|ON" || !p.RemoteOK {
				t.Fatalf("stored %v remote %v", want, p.RemoteOK)
			}
			if len(p.Skills) != 2 || p.Skills[1].Evidence[0].ExperienceID != p.Experiences[0].ID || p.Missing() != nil {
				t.Fatalf("stored skills %+v, missing %v", p.Skills, p.Missing())
			}
			data, err := json.Marshal(p) // what an application's snapshot keeps
			if err != nil || strings.Contains(string(data), "racialized") || strings.Contains(string(data), "women") {
				t.Fatalf("the profile carries the equity declaration (%v): %s", err, data)
			}

			overview := c.get("/en/profile")
			text := overview.doc.Find("main").Text()
			for _, s := range []string{
				"Amara Okafor", "amara.okafor@example.ca", "416-555-0123 ext. 4", "Toronto", "Ontario",
				"Bachelor of Data Science", "Toronto Metropolitan University", "Bachelor's degree", "June 2025", "Lisgar Collegiate",
				"Data analyst co-op", "Ontario Digital Service", "May 2024 to August 2024",
				"Communication", "shown by Data analyst co-op",
				"Fluent", "Intermediate", "Permanent resident of Canada",
				"Ottawa, Ontario", "Open to working remotely.", "You have answered.",
			} {
				if !strings.Contains(text, s) {
					t.Errorf("the overview does not show %q", s)
				}
			}
			if overview.doc.Find("#profile-complete").Length() != 1 || overview.doc.Find("#profile-missing").Length() != 0 {
				t.Error("the overview does not say the profile is complete")
			}
			for _, href := range []string{"/en/profile/contact", "/en/profile/education/" + fmt.Sprint(p.Education[0].ID),
				"/en/profile/experiences/" + xid, "/en/profile/skills", "/en/profile/languages", "/en/profile/eligibility",
				"/en/profile/locations", "/en/profile/equity"} {
				if overview.doc.Find(`a[href="`+href+`"]`).Length() == 0 {
					t.Errorf("no link to %s on the overview", href)
				}
			}

			fr := c.get("/fr/profile")
			frText := fr.doc.Find("main").Text()
			for _, s := range []string{"Votre profil", "Baccalauréat", "juin 2025", "De mai 2024 à août 2024", "Courant", "Résident permanent ou résidente permanente du Canada", "Ottawa, Ontario", "Vous avez répondu."} {
				if !strings.Contains(frText, s) {
					t.Errorf("the French overview does not show %q", s)
				}
			}
			if lang, _ := fr.doc.Find("html").Attr("lang"); lang != "fr" {
				t.Errorf("html lang %q", lang)
			}

			// Editing an entry changes it in place; its form shows what is stored.
			edit := c.get("/en/profile/experiences/" + xid)
			if v, _ := edit.doc.Find("#title").Attr("value"); v != "Data analyst co-op" || edit.text("#description") != "Cleaned transit data.\n\nBuilt a dashboard." {
				t.Fatalf("edit form shows %q / %q", v, edit.text("#description"))
			}
			res = profileSubmit(t, c, "/en/profile/experiences/"+xid, url.Values{"title": {"Data analyst (co-op)"}})
			profileSaved(t, c, "experience edit", res, "/en/profile", "The experience was saved.")
			if p := e.storedProfile("applicant"); len(p.Experiences) != 1 || p.Experiences[0].Title != "Data analyst (co-op)" {
				t.Fatalf("after edit: %+v", p.Experiences)
			}
			// Deleting an experience removes the examples that refer to it.
			if !strings.Contains(edit.body, "also removes the skill examples that refer to it (2 in all)") {
				t.Error("the delete button does not warn about the examples it removes")
			}
			res = c.post("/en/profile/experiences/"+xid+"/delete", nil)
			profileSaved(t, c, "experience delete", res, "/en/profile", "The experience was deleted.")
			p = e.storedProfile("applicant")
			if len(p.Experiences) != 0 || len(p.Skills) != 2 || len(p.Skills[0].Evidence)+len(p.Skills[1].Evidence) != 0 {
				t.Fatalf("after deleting the experience: %+v %+v", p.Experiences, p.Skills)
			}
			// A skill is removed by ticking its box.
			res = profileSubmit(t, c, "/en/profile/skills", url.Values{"skill_0_remove": {"yes"}})
			profileSaved(t, c, "skill removed", res, "/en/profile", "Your skills were saved.")
			if p := e.storedProfile("applicant"); len(p.Skills) != 1 || p.Skills[0].Competency != "communication" {
				t.Fatalf("after removing a skill: %+v", p.Skills)
			}
			res = c.post(fmt.Sprintf("/en/profile/education/%d/delete", p.Education[1].ID), nil)
			profileSaved(t, c, "education delete", res, "/en/profile", "The program of study was deleted.")

			// "I prefer not to say" clears the declaration.
			res = profileSubmit(t, c, "/en/profile/equity", url.Values{"none": {"1"}})
			profileSaved(t, c, "equity cleared", res, "/en/profile", "You chose not to say: any earlier answer was erased.")
			groups, _, err := e.app.DB.EquityDeclaration(context.Background(), e.users["applicant"].ID)
			if err != nil || len(groups) != 0 {
				t.Fatalf("after declining: %v %v", groups, err)
			}
			if eq := c.get("/en/profile/equity"); eq.doc.Find("input[name=groups][checked]").Length() != 0 || !strings.Contains(eq.text("#equity-current"), "I prefer not to say") {
				t.Fatalf("equity page after declining: %s", eq.text("#equity-current"))
			}
		})
	}
}

// Bad input is refused with a message next to each field and in a summary
// at the top, in the page's language, with everything typed kept; nothing
// is saved.
func TestProfileBadInputKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.signedIn("applicant")
	for _, l := range []struct {
		lang, email, phone, graduated, end, evidence string
	}{
		{"en", "Enter an email address in the right format", "Enter a telephone number", "Enter the month you graduated",
			"The end date must be the same as or after the start date", "Choose the experience that shows this skill"},
		{"fr", "Entrez une adresse courriel au bon format", "Entrez un numéro de téléphone", "Entrez le mois de l'obtention de votre diplôme",
			"La date de fin doit être égale ou postérieure à la date de début", "Choisissez l'expérience qui démontre cette compétence"},
	} {
		t.Run(l.lang, func(t *testing.T) {
			check := func(what string, res *response, field, msg string, kept map[string]string) {
				t.Helper()
				if res.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("%s: status %d", what, res.StatusCode)
				}
				if summary := res.doc.Find(".error-summary a[href='#" + field + "']"); !strings.Contains(summary.Text(), msg) {
					t.Errorf("%s: summary %q has no link to #%s saying %q", what, res.text(".error-summary"), field, msg)
				}
				if got := res.text("#" + field + "-error"); !strings.Contains(got, msg) {
					t.Errorf("%s: message next to %s is %q", what, field, got)
				}
				if inv, _ := res.doc.Find("#" + field).Attr("aria-invalid"); inv != "true" && res.doc.Find("#"+field).Is("input,select,textarea") {
					t.Errorf("%s: #%s not marked invalid", what, field)
				}
				for name, want := range kept {
					sel := res.doc.Find("[name='" + name + "']").First()
					got, _ := sel.Attr("value")
					switch {
					case sel.Is("textarea"):
						got = sel.Text()
					case sel.Is("select"):
						got, _ = sel.Find("option[selected]").Attr("value")
					case sel.Is("input[type=radio]"):
						got, _ = res.doc.Find("[name='" + name + "'][checked]").Attr("value")
					}
					if got != want {
						t.Errorf("%s: %s shows %q, want %q as typed", what, name, got, want)
					}
				}
				if lang, _ := res.doc.Find("html").Attr("lang"); lang != l.lang {
					t.Errorf("%s: page in %q", what, lang)
				}
			}
			p := "/" + l.lang + "/profile"
			res := profileSubmit(t, c, p+"/contact", url.Values{"name": {"Amara"}, "email": {"amara@"}, "phone": {"call me"}, "city": {"ottawa"}})
			check("contact", res, "email", l.email, map[string]string{"name": "Amara", "email": "amara@", "phone": "call me", "city": "ottawa"})
			check("contact", res, "phone", l.phone, nil)

			res = profileSubmit(t, c, p+"/education", url.Values{"institution": {"Carleton"}, "program": {"BCS"}, "level": {"bachelor"}, "status": {"graduated"}})
			check("education", res, "graduated", l.graduated, map[string]string{"institution": "Carleton", "program": "BCS", "level": "bachelor", "status": "graduated"})

			res = profileSubmit(t, c, p+"/experiences", url.Values{"kind": {"community"}, "title": {"Tutor"}, "start": {"2024-09"}, "end": {"2024-01"}, "description": {"Line one\nLine two"}})
			check("experience", res, "end", l.end, map[string]string{"kind": "community", "title": "Tutor", "start": "2024-09", "end": "2024-01", "description": "Line one\nLine two"})

			res = profileSubmit(t, c, p+"/skills", url.Values{"skill_0_competency": {"research"}, "skill_0_evidence_0_text": {"Surveyed 400 students."}})
			check("skills", res, "skill_0_evidence_0_experience", l.evidence, map[string]string{"skill_0_competency": "research", "skill_0_evidence_0_text": "Surveyed 400 students."})

			if _, err := e.app.DB.Profile(context.Background(), e.users["applicant"].ID); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("refused forms saved a profile: %v", err)
			}
		})
	}
	// The contact form requires a name and an email, with any other problem.
	res := profileSubmit(t, c, "/en/profile/contact", url.Values{"name": {" "}, "email": {""}, "phone": {"12"}})
	if got := res.doc.Find(".error-summary li").Length(); res.StatusCode != http.StatusUnprocessableEntity || got != 3 {
		t.Fatalf("empty contact: %d, %d problems: %s", res.StatusCode, got, res.text(".error-summary"))
	}
	if first, _ := res.doc.Find(".error-summary a").First().Attr("href"); first != "#name" {
		t.Fatalf("first problem links to %s", first)
	}
	// An unknown equity group is refused too.
	res = c.post("/en/profile/equity", url.Values{"groups": {"martians"}})
	if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find(".error-summary a[href='#groups-0']").Length() != 1 {
		t.Fatalf("bad equity group: %d %s", res.StatusCode, res.text(".error-summary"))
	}
}

// Each applicant reaches only their own profile: ids of another applicant's
// entries are not found, whatever the method, and change nothing.
func TestProfileBelongsToItsApplicant(t *testing.T) {
	e := newEnv(t, store.SQLite)
	e.addApplicant("applicant-b")
	a, b := e.signedIn("applicant"), e.signedIn("applicant-b")
	profileSubmit(t, a, "/en/profile/education", url.Values{"institution": {"Secret University"}, "program": {"Hidden Studies"}, "level": {"master"}, "status": {"enrolled"}})
	profileSubmit(t, a, "/en/profile/experiences", url.Values{"kind": {"work"}, "title": {"Secret agent"}})
	profileSubmit(t, b, "/en/profile/experiences", url.Values{"kind": {"personal"}, "title": {"Gardener"}})
	before := e.storedProfile("applicant")
	edu, exp := fmt.Sprint(before.Education[0].ID), fmt.Sprint(before.Experiences[0].ID)
	if bp := e.storedProfile("applicant-b"); bp.Experiences[0].ID == before.Experiences[0].ID {
		t.Fatalf("this test needs A's experience id (%s) to be one B does not have", exp)
	}
	for _, r := range []struct{ method, path string }{
		{"GET", "/en/profile/experiences/" + exp},
		{"POST", "/en/profile/experiences/" + exp},
		{"POST", "/en/profile/experiences/" + exp + "/delete"},
		{"GET", "/en/profile/education/" + edu},
		{"POST", "/en/profile/education/" + edu},
		{"POST", "/en/profile/education/" + edu + "/delete"},
		{"GET", "/fr/profile/education/" + edu},
		{"GET", "/en/profile/experiences/999"},
		{"POST", "/en/profile/experiences/999"},
		{"POST", "/en/profile/experiences/999/delete"},
		{"GET", "/en/profile/education/0"},
		{"GET", "/en/profile/education/abc"},
		{"GET", "/en/profile/education/-1"},
	} {
		var res *response
		if r.method == "GET" {
			res = b.get(r.path)
		} else {
			res = b.post(r.path, url.Values{"institution": {"Hijacked"}, "program": {"X"}, "level": {"college"}, "status": {"enrolled"}, "kind": {"work"}, "title": {"Hijacked"}})
		}
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("B %s %s: %d, want 404", r.method, r.path, res.StatusCode)
		}
		if strings.Contains(res.body, "Secret") || strings.Contains(res.body, "Hidden Studies") {
			t.Errorf("B %s %s reveals A's profile", r.method, r.path)
		}
	}
	// Evidence naming A's experience is refused on B's profile.
	res := profileSubmit(t, b, "/en/profile/skills", url.Values{
		"skill_0_competency": {"research"}, "skill_0_evidence_0_experience": {"12345"}, "skill_0_evidence_0_text": {"Borrowed."},
	})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("evidence for someone else's experience: %d", res.StatusCode)
	}
	for _, path := range []string{"/en/profile", "/en/profile/education", "/en/profile/experiences", "/en/profile/skills"} {
		if res := b.get(path); strings.Contains(res.body, "Secret") || strings.Contains(res.body, "Hidden Studies") {
			t.Errorf("B's %s shows A's profile", path)
		}
	}
	after := e.storedProfile("applicant")
	if after.Version != before.Version || after.Education[0].Institution != "Secret University" {
		t.Fatalf("A's profile changed: %+v", after)
	}
}

// Every profile route: anonymous visitors are sent to sign in (and brought
// back), staff are refused, in both languages; nothing is saved for them.
func TestProfileRouteAccess(t *testing.T) {
	e := newEnv(t, store.SQLite)
	routes := []struct{ method, path string }{
		{"GET", "/profile"},
		{"GET", "/profile/contact"}, {"POST", "/profile/contact"},
		{"GET", "/profile/education"}, {"POST", "/profile/education"},
		{"GET", "/profile/education/1"}, {"POST", "/profile/education/1"}, {"POST", "/profile/education/1/delete"},
		{"GET", "/profile/experiences"}, {"POST", "/profile/experiences"},
		{"GET", "/profile/experiences/1"}, {"POST", "/profile/experiences/1"}, {"POST", "/profile/experiences/1/delete"},
		{"GET", "/profile/skills"}, {"POST", "/profile/skills"},
		{"GET", "/profile/languages"}, {"POST", "/profile/languages"},
		{"GET", "/profile/eligibility"}, {"POST", "/profile/eligibility"},
		{"GET", "/profile/locations"}, {"POST", "/profile/locations"},
		{"GET", "/profile/equity"}, {"POST", "/profile/equity"},
	}
	form := url.Values{"name": {"Intruder"}, "email": {"x@example.ca"}, "groups": {"women"}, "work_eligibility": {"citizen"}}
	for _, who := range []string{"anonymous", "hm-ods", "hr-ods", "program-admin", "platform-admin", "applicant"} {
		c := e.signedIn(who)
		for _, l := range []string{"en", "fr"} {
			for _, r := range routes {
				path := "/" + l + r.path
				var res *response
				if r.method == "GET" {
					res = c.get(path)
				} else {
					res = c.post(path, form)
				}
				switch who {
				case "anonymous":
					want := "/" + l + "/signin?next=" + url.QueryEscape(path)
					if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
						t.Errorf("anonymous %s %s: %d to %q, want sign in", r.method, path, res.StatusCode, res.Header.Get("Location"))
					}
				case "applicant":
					if res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 {
						t.Errorf("applicant %s %s: %d", r.method, path, res.StatusCode)
					}
				default:
					if res.StatusCode != http.StatusForbidden {
						t.Errorf("%s %s %s: %d, want 403", who, r.method, path, res.StatusCode)
					}
				}
				if res.StatusCode == http.StatusOK && res.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("%s %s: Cache-Control %q", r.method, path, res.Header.Get("Cache-Control"))
				}
			}
		}
	}
	for _, who := range []string{"hm-ods", "platform-admin"} {
		if _, err := e.app.DB.Profile(context.Background(), e.users[who].ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s got a profile: %v", who, err)
		}
		if _, _, err := e.app.DB.EquityDeclaration(context.Background(), e.users[who].ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s got an equity declaration: %v", who, err)
		}
	}
}

// messageID matches a message id left untranslated, such as profile.label.name.
var messageID = regexp.MustCompile(`\bprofile\.[a-z_]+\.[a-z_.0-9]+`)

// Every profile page has one h1, labels for its controls, and matching
// pages in both languages.
func TestProfilePagesAreLabelled(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.signedIn("applicant")
	profileSubmit(t, c, "/en/profile/experiences", url.Values{"kind": {"award"}, "title": {"Dean's list"}})
	xid := fmt.Sprint(e.storedProfile("applicant").Experiences[0].ID)
	for _, path := range []string{"", "/contact", "/education", "/experiences", "/experiences/" + xid, "/skills", "/languages", "/eligibility", "/locations", "/equity"} {
		for _, l := range []string{"en", "fr"} {
			res := c.get("/" + l + "/profile" + path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: %d", l, path, res.StatusCode)
			}
			if n := res.doc.Find("h1").Length(); n != 1 {
				t.Errorf("%s %s: %d h1", l, path, n)
			}
			if alt, _ := res.doc.Find(`link[rel=alternate]`).Attr("href"); alt != "/"+map[string]string{"en": "fr", "fr": "en"}[l]+"/profile"+path {
				t.Errorf("%s %s: alternate %q", l, path, alt)
			}
			res.doc.Find("main input:not([type=hidden]), main select, main textarea").Each(func(_ int, s *goquery.Selection) {
				id, _ := s.Attr("id")
				if id == "" || res.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
					t.Errorf("%s %s: control %q has no label", l, path, id)
				}
			})
			if id := messageID.FindString(res.doc.Find("main").Text()); id != "" {
				t.Errorf("%s %s: message id %s is shown instead of its text", l, path, id)
			}
		}
	}
}

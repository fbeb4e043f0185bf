package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
)

// completeDraft returns a draft that can be published at e.now, for org.
func (e *env) completeDraft(org string) *posting.Posting {
	e.t.Helper()
	p := posting.DataCoop()
	p.ID, p.Version, p.Status = 0, 0, posting.Draft
	p.PublishedAt, p.ClosedAt = time.Time{}, time.Time{}
	p.OrgCode = org
	p.ClosesAt = e.now.Add(30 * 24 * time.Hour)
	if err := e.app.SavePosting(context.Background(), e.users["platform-admin"], p); err != nil {
		e.t.Fatalf("save draft: %v", err)
	}
	return p
}

func TestStaffPostingLifecycleThroughForms(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		c := e.signedIn("hr-ods")
		if res := c.get("/en/staff/postings/new"); res.StatusCode != http.StatusOK {
			t.Fatalf("new form: %d", res.StatusCode)
		}
		// An invalid submission is refused with messages, and every value typed comes back.
		bad := url.Values{"title_en": {"Junior data analyst"}, "title_fr": {"Analyste de données junior"}, "org": {"ods"},
			"hours": {"lots"}, "salary_min": {"900"}, "salary_max": {"800"}, "salary_period": {"weekly"},
			"about_en": {"We work on open data."}, "group_0_heading_en": {"Skills"}, "group_0_item_0_en": {"SQL"}, "group_0_item_0_kind": {"asset"}}
		res := c.post("/en/staff/postings", bad)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("invalid create: status %d", res.StatusCode)
		}
		if !strings.Contains(res.text(".error-summary"), "hours per week as a number") {
			t.Errorf("error summary %q lacks the hours problem", res.text(".error-summary"))
		}
		for field, want := range map[string]string{"title_fr": "Analyste de données junior", "hours": "lots", "salary_min": "900", "about_en": "We work on open data.", "group_0_item_0_en": "SQL"} {
			got, _ := res.doc.Find("#" + field).Attr("value")
			if field == "about_en" {
				got = res.doc.Find("#" + field).Text()
			}
			if got != want {
				t.Errorf("field %s shows %q after a failed save, want %q", field, got, want)
			}
		}
		if checked, _ := res.doc.Find("#group_0_item_0_kind_a").Attr("checked"); checked != "checked" && !res.doc.Find("#group_0_item_0_kind_a[checked]").Is("input") {
			t.Errorf("asset choice lost after a failed save")
		}
		if n, _ := e.app.DB.CountPostings(context.Background()); n != 1 {
			t.Fatalf("a failed save changed the database: %d postings", n)
		}
		// A valid draft saves; publishing it is refused until it is complete.
		bad.Set("hours", "36.25")
		bad.Set("salary_min", "800")
		bad.Set("salary_max", "900")
		res = c.post("/en/staff/postings", bad)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("valid draft: status %d\n%s", res.StatusCode, res.text(".error-summary"))
		}
		loc := strings.TrimSuffix(res.Header.Get("Location"), "?saved=1")
		preview := c.get(loc)
		if !strings.Contains(preview.text(".staff-panel"), "Before it can be published") {
			t.Errorf("incomplete draft does not list what publishing needs: %q", preview.text(".staff-panel"))
		}
		version, _ := preview.doc.Find("form[action$='/publish'] input[name=version]").Attr("value")
		res = c.post(loc+"/publish", url.Values{"version": {version}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("publishing an incomplete draft: status %d", res.StatusCode)
		}
		// A complete draft publishes, shows up in search, closes and archives.
		p := e.completeDraft("ods")
		path := fmt.Sprintf("/en/staff/postings/%d", p.ID)
		res = c.post(path+"/publish", url.Values{"version": {fmt.Sprint(p.Version)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: status %d: %s", res.StatusCode, res.text("main"))
		}
		found := e.client().get("/en/jobs?org=ods")
		if found.doc.Find(fmt.Sprintf(".results a[href^='/en/jobs/%d-']", p.ID)).Length() != 1 {
			t.Fatalf("published posting not in the open search results")
		}
		stale := c.post(path+"/close", url.Values{"version": {fmt.Sprint(p.Version)}})
		if stale.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("close with a stale version: status %d, want 422", stale.StatusCode)
		}
		cur, _ := e.app.DB.Posting(context.Background(), p.ID)
		if res := c.post(path+"/close", url.Values{"version": {fmt.Sprint(cur.Version)}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("close: status %d", res.StatusCode)
		}
		page := e.client().get(fmt.Sprintf("/en/jobs/%d", p.ID))
		if !strings.Contains(page.text("main"), "Applications for this role are now closed.") {
			t.Errorf("closed posting page lacks the closed notice")
		}
		cur, _ = e.app.DB.Posting(context.Background(), p.ID)
		if res := c.post(path+"/archive", url.Values{"version": {fmt.Sprint(cur.Version)}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("archive: status %d", res.StatusCode)
		}
		if res := e.client().get(fmt.Sprintf("/en/jobs/%d-data-co-op", p.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("archived posting is still public: %d", res.StatusCode)
		}
	})
}

func TestPostingClosesByItselfAtItsClosingInstant(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.completeDraft("ods")
	if _, err := e.app.Transition(context.Background(), 1, p.ID, p.Version, posting.Publish); err != nil {
		t.Fatal(err)
	}
	href := fmt.Sprintf(".results a[href^='/en/jobs/%d-']", p.ID)
	if e.client().get("/en/jobs").doc.Find(href).Length() != 1 {
		t.Fatal("published posting not open")
	}
	e.now = p.ClosesAt.Add(-time.Second)
	if e.client().get("/en/jobs").doc.Find(href).Length() != 1 {
		t.Fatal("posting closed a second early")
	}
	e.now = p.ClosesAt
	if e.client().get("/en/jobs").doc.Find(href).Length() != 0 {
		t.Fatal("posting still open at its closing instant")
	}
	if e.client().get("/en/jobs?status=closed").doc.Find(href).Length() != 1 {
		t.Fatal("posting not among closed ones after its closing instant")
	}
}

func TestSigninFailuresAndThrottling(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.client()
	res := c.post("/fr/signin", url.Values{"email": {"hr-ods@example.ca"}, "password": {"wrong password here"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.text(".error-summary"), "incorrect") {
		t.Errorf("wrong password: %d %q", res.StatusCode, res.text(".error-summary"))
	}
	if v, _ := res.doc.Find("#email").Attr("value"); v != "hr-ods@example.ca" {
		t.Errorf("email not kept after a failed sign-in: %q", v)
	}
	throttled := false
	for i := 0; i < 30 && !throttled; i++ {
		res = c.post("/en/signin", url.Values{"email": {"hr-ods@example.ca"}, "password": {"wrong password here"}})
		throttled = res.StatusCode == http.StatusTooManyRequests
	}
	if !throttled {
		t.Error("30 failed sign-ins in a row were never throttled")
	}
	ext := e.client().get("/en/signin?next=//evil.example/x")
	if v, _ := ext.doc.Find("input[name=next]").Attr("value"); v != "" {
		t.Errorf("open redirect kept in the sign-in form: %q", v)
	}
}

// A published posting stays complete and keeps a future closing instant when
// edited: closing and reopening go through the lifecycle, not through the form.
func TestEditingAPublishedPostingKeepsItComplete(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.completeDraft("ods")
	live, err := e.app.Transition(context.Background(), e.users["platform-admin"].ID, p.ID, p.Version, posting.Publish)
	if err != nil {
		t.Fatal(err)
	}
	c := e.signedIn("hr-ods")
	path := fmt.Sprintf("/en/staff/postings/%d", live.ID)
	for field, value := range map[string]string{"about_en": "", "closes_date": "2020-01-01"} {
		form := e.editForm(live.ID)
		form.Set(field, value)
		res := c.post(path, form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("published posting saved with %s=%q: status %d", field, value, res.StatusCode)
		}
	}
	got, _ := e.app.DB.Posting(context.Background(), live.ID)
	if got.Version != live.Version || !got.IsOpen(e.now) {
		t.Errorf("a refused edit changed the live posting: version %d, open %v", got.Version, got.IsOpen(e.now))
	}
}

// Item ids come from the form and are not trusted: duplicates, unknown and
// negative ids get fresh ones; known ids stay.
func TestFormItemIDsAreNotTrusted(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.completeDraft("ods")
	known := p.Groups[0].Items[0].ID
	form := e.editForm(p.ID)
	form.Set("group_0_item_1_id", fmt.Sprint(known)) // a duplicate of item 0
	form.Set("eligibility_0_id", "-3")
	form.Set("eligibility_1_id", "987654")
	res := e.signedIn("hr-ods").post(fmt.Sprintf("/en/staff/postings/%d", p.ID), form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, res.text(".error-summary"))
	}
	got, _ := e.app.DB.Posting(context.Background(), p.ID)
	seen := map[int64]bool{}
	check := func(id int64) {
		if id <= 0 || seen[id] || id == 987654 {
			t.Errorf("item id %d kept or duplicated", id)
		}
		seen[id] = true
	}
	for _, r := range got.Eligibility {
		check(r.ID)
	}
	for _, g := range got.Groups {
		check(g.ID)
		for _, q := range g.Items {
			check(q.ID)
		}
	}
	if got.Groups[0].Items[0].ID != known {
		t.Errorf("a known item id changed: %d, want %d", got.Groups[0].Items[0].ID, known)
	}
}

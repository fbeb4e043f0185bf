package server_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/web"
)

// tinyPDF is the smallest file the content check takes for a PDF.
const tinyPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

// openPosting publishes a complete posting of org that closes 30 days after e.now.
func (e *env) openPosting(org string) *posting.Posting {
	e.t.Helper()
	p := e.completeDraft(org)
	live, err := e.app.Transition(context.Background(), e.users["platform-admin"].ID, p.ID, p.Version, posting.Publish)
	if err != nil {
		e.t.Fatalf("publish: %v", err)
	}
	return live
}

// verifiedApplicant creates an applicant whose email is confirmed and whose
// profile is complete enough to submit.
func (e *env) verifiedApplicant(name string, l lang.Lang) *auth.User {
	e.t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	u := &auth.User{Email: name + "@example.ca", Name: name, Role: auth.Applicant, Lang: l,
		NotifyStatus: true, NotifyReminders: true, EmailVerifiedAt: e.now}
	ctx := context.Background()
	if err := e.app.DB.CreateUser(ctx, u, hash); err != nil {
		e.t.Fatal(err)
	}
	p := &profile.Profile{Name: name + " Tremblay", Email: u.Email, WorkEligibility: profile.Citizen}
	if err := e.app.DB.SaveProfile(ctx, u.ID, p, e.now); err != nil {
		e.t.Fatal(err)
	}
	e.users[name] = u
	return u
}

// upload posts the multipart form of the documents step with one file.
func (c *client) upload(path string, fields url.Values, fileField, filename string, data []byte) *response {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileField != "" {
		fw, err := mw.CreateFormFile(fileField, filename)
		if err != nil {
			c.e.t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var appIDRE = regexp.MustCompile(`/applications/([0-9]+)/`)

// startApplying presses Apply on posting p and returns the application's id.
func startApplying(t *testing.T, c *client, l lang.Lang, p *posting.Posting) int64 {
	t.Helper()
	job := c.get(fmt.Sprintf("/%s/jobs/%d", l, p.ID))
	sel := fmt.Sprintf(`form[action="/%s/jobs/%d/apply"]`, l, p.ID)
	res := c.submit(job, sel, nil)
	m := appIDRE.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("apply: %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	wantRedirect(t, "apply", res, fmt.Sprintf("/%s/applications/%d/eligibility", l, id))
	return id
}

// fillSteps answers every step through the forms, as a browser does.
func fillSteps(t *testing.T, c *client, l lang.Lang, p *posting.Posting, id int64, answer string) {
	t.Helper()
	base := fmt.Sprintf("/%s/applications/%d", l, id)
	elig := url.Values{"action": {"continue"}}
	for _, r := range p.Eligibility {
		elig.Set(application.EligibilityField(r.ID), "yes")
	}
	wantRedirect(t, "eligibility", c.submit(c.get(base+"/eligibility"), "#apply-form", elig), base+"/questions")
	qs := url.Values{"action": {"continue"}}
	for _, g := range p.Groups {
		for _, q := range g.Items {
			qs.Set(application.ResponseField(q.ID), fmt.Sprintf("%s (%d)", answer, q.ID))
		}
	}
	page := c.get(base + "/questions")
	if page.doc.Find("textarea.counted").Length() == 0 || !strings.Contains(page.doc.Text(), application.Guidance.In(l)) {
		t.Fatalf("questions page lacks the answer boxes or the guidance:\n%s", page.body)
	}
	wantRedirect(t, "questions", c.submit(page, "#apply-form", qs), base+"/documents")
	docs := c.get(base + "/documents")
	if enc, _ := docs.doc.Find("#apply-form").Attr("enctype"); enc != "multipart/form-data" {
		t.Fatalf("documents form enctype %q", enc)
	}
	field := application.DocumentField(p.Documents[0])
	if accept, _ := docs.doc.Find("input#" + field).Attr("accept"); accept != ".pdf,.docx" {
		t.Fatalf("file input %s accept %q", field, accept)
	}
	wantRedirect(t, "documents", c.upload(base+"/documents", url.Values{"action": {"continue"}}, field, "my cv.pdf", []byte(tinyPDF)), base+"/options")
	wantRedirect(t, "options", c.submit(c.get(base+"/options"), "#apply-form",
		url.Values{"accommodation": {"Extra time for tests."}, "action": {"continue"}}), base+"/review")
}

// The whole path over HTTP, in both languages, on both engines: start, every
// step, an upload, review, submit twice, confirmation, dashboard, download,
// withdraw, and no second application.
func TestApplyWholePath(t *testing.T) {
	for _, engine := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			p := e.openPosting("ods")
			for _, l := range lang.All {
				name := "path-" + string(l)
				u := e.verifiedApplicant(name, l)
				c := e.signedIn(name)
				applyPath(t, e, c, u, l, p)
			}
		})
	}
}

func applyPath(t *testing.T, e *env, c *client, u *auth.User, l lang.Lang, p *posting.Posting) {
	ctx := context.Background()
	id := startApplying(t, c, l, p)
	// Applying again resumes the same draft.
	if again := startApplying(t, c, l, p); again != id {
		t.Fatalf("second Apply started application %d, want %d", again, id)
	}
	fillSteps(t, c, l, p, id, "At my co-op I cleaned 3 data sets in Python")
	base := fmt.Sprintf("/%s/applications/%d", l, id)

	review := c.get(base + "/review")
	if review.StatusCode != http.StatusOK || review.doc.Find("#missing").Length() != 0 {
		t.Fatalf("review: %d, something missing:\n%s", review.StatusCode, review.body)
	}
	if !strings.Contains(review.body, "At my co-op I cleaned 3 data sets in Python") || !strings.Contains(review.body, "my cv.pdf") ||
		review.doc.Find(fmt.Sprintf(`a[href="%s/questions"]`, base)).Length() == 0 {
		t.Fatalf("review does not show the answers, the document and the Change links:\n%s", review.body)
	}
	sign := url.Values{"declaration": {"yes"}, "signature": {u.Name + " Tremblay"}}
	wantRedirect(t, "submit", c.submit(review, "#apply-form", sign), base+"/confirmation")
	wantRedirect(t, "submit again", c.submit(review, "#apply-form", sign), base+"/confirmation")

	conf := c.get(base + "/confirmation")
	number := conf.text("#confirmation-number")
	if conf.StatusCode != http.StatusOK || !application.ValidConfirmation(number) || !strings.Contains(conf.body, u.Email) {
		t.Fatalf("confirmation %d %q:\n%s", conf.StatusCode, number, conf.body)
	}
	mine, err := e.app.MyApplications(ctx, u)
	if err != nil || len(mine) != 1 || mine[0].Confirmation != number || mine[0].Status != application.Submitted {
		t.Fatalf("applications after two submits: %+v, %v", mine, err)
	}
	confirmations := 0
	for _, m := range e.mailTo(u.Email) {
		if m.Kind == "confirmation" {
			confirmations++
			if !strings.Contains(m.Body, number) {
				t.Errorf("confirmation email without the number:\n%s", m.Body)
			}
		}
	}
	if confirmations != 1 {
		t.Fatalf("%d confirmation emails, want 1", confirmations)
	}

	// The dashboard lists it with its status in plain language.
	dash := c.get("/" + string(l) + "/applications")
	if text := dash.doc.Text(); !strings.Contains(text, p.Title.In(l)) || !strings.Contains(text, number) ||
		!strings.Contains(text, application.Submitted.Name(l)) || !strings.Contains(text, application.Submitted.Meaning(l)) {
		t.Fatalf("dashboard:\n%s", dash.body)
	}
	// The steps of a submitted application lead to its read-only page.
	wantRedirect(t, "step after submit", c.get(base+"/questions"), base)
	details := c.get(base)
	if details.StatusCode != http.StatusOK || details.doc.Find("textarea, input[type=file]").Length() != 0 ||
		!strings.Contains(details.body, "At my co-op I cleaned 3 data sets in Python") {
		t.Fatalf("details %d:\n%s", details.StatusCode, details.body)
	}
	// The owner downloads the document.
	href, ok := details.doc.Find(`a[href*="/documents/"]`).First().Attr("href")
	if !ok {
		t.Fatalf("no document link:\n%s", details.body)
	}
	dl := c.get(href)
	if dl.StatusCode != http.StatusOK || dl.body != tinyPDF || dl.Header.Get("Content-Type") != application.PDF ||
		!strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") || dl.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("download: %d %v", dl.StatusCode, dl.Header)
	}

	// Withdraw, after a page that says it cannot be undone.
	wp := c.get(base + "/withdraw")
	if wp.StatusCode != http.StatusOK {
		t.Fatalf("withdraw page %d", wp.StatusCode)
	}
	wantRedirect(t, "withdraw", c.submit(wp, `form[action="`+base+`/withdraw"]`, nil), base)
	if page := c.get(base); !strings.Contains(page.doc.Text(), application.Withdrawn.Name(l)) {
		t.Fatalf("withdrawn application page:\n%s", page.body)
	}
	again := c.post(fmt.Sprintf("/%s/jobs/%d/apply", l, p.ID), nil)
	if again.StatusCode != http.StatusConflict || !strings.Contains(again.doc.Text(), application.ErrWithdrawn.Msg.In(l)) {
		t.Fatalf("apply after withdrawal: %d\n%s", again.StatusCode, again.body)
	}
	if mine, _ := e.app.MyApplications(ctx, u); len(mine) != 1 {
		t.Fatalf("%d applications after re-applying", len(mine))
	}
}

// fillByApp completes u's draft through the app layer and returns its id.
func (e *env) fillByApp(u *auth.User, p *posting.Posting) int64 {
	e.t.Helper()
	ctx := context.Background()
	d, _, err := e.app.StartApplication(ctx, u, p.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	d.Answers = application.Answers{Eligibility: map[int64]bool{}, Responses: map[int64]string{}}
	for _, r := range p.Eligibility {
		d.Answers.Eligibility[r.ID] = true
	}
	for _, g := range p.Groups {
		for _, q := range g.Items {
			d.Answers.Responses[q.ID] = "Situation, action, result."
		}
	}
	d.Accommodation = "I use a screen reader."
	if err := e.app.SaveDraft(ctx, u, d); err != nil {
		e.t.Fatal(err)
	}
	for _, k := range p.Documents {
		if _, err := e.app.AttachDocument(ctx, u, d.ID, k, "cv.pdf", []byte(tinyPDF)); err != nil {
			e.t.Fatal(err)
		}
	}
	return d.ID
}

func (e *env) submitByApp(u *auth.User, id int64) {
	e.t.Helper()
	if _, err := e.app.Submit(context.Background(), u, id, u.Name); err != nil {
		e.t.Fatal(err)
	}
}

// At the closing instant a submission is refused with the closing date and
// time in the posting's zone; a second earlier it is accepted.
func TestApplySubmitAfterClose(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	early, late := e.verifiedApplicant("early", lang.EN), e.verifiedApplicant("late", lang.FR)
	earlyID, lateID := e.fillByApp(early, p), e.fillByApp(late, p)
	sign := url.Values{"declaration": {"yes"}, "signature": {"Someone"}}

	e.now = p.ClosesAt.Add(-time.Second)
	wantRedirect(t, "submit a second before", e.signedIn("early").post(fmt.Sprintf("/en/applications/%d/submit", earlyID), sign),
		fmt.Sprintf("/en/applications/%d/confirmation", earlyID))

	e.now = p.ClosesAt
	for _, l := range lang.All {
		res := e.signedIn("late").post(fmt.Sprintf("/%s/applications/%d/submit", l, lateID), sign)
		when := posting.FormatDateTime(p.ClosingLocal(), l)
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, when) {
			t.Fatalf("%s: submit at the close: %d, want 409 naming %q\n%s", l, res.StatusCode, when, res.body)
		}
		if v, _ := res.doc.Find("#signature").Attr("value"); v != "Someone" {
			t.Errorf("%s: the signature typed was lost: %q", l, v)
		}
	}
	a, _, err := e.app.MyApplication(context.Background(), late, lateID)
	if err != nil || a.Status != application.Draft {
		t.Fatalf("late application: %v %v", a.Status, err)
	}
	// The posting page says it is closed, with no Apply button.
	job := e.client().get(fmt.Sprintf("/en/jobs/%d", p.ID))
	if job.doc.Find(`form[action$="/apply"]`).Length() != 0 {
		t.Error("closed posting still has an Apply button")
	}
}

// Bad input is refused with a clear message next to the field, and what was
// typed comes back.
func TestApplyBadInputKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	e.verifiedApplicant("typist", lang.EN)
	c := e.signedIn("typist")
	for _, l := range lang.All {
		id := startApplying(t, c, l, p)
		base := fmt.Sprintf("/%s/applications/%d", l, id)
		q1, q2 := p.Groups[0].Items[0].ID, p.Groups[0].Items[1].ID
		long := strings.Repeat("é", application.MaxAnswerRunes+1)
		res := c.post(base+"/questions", url.Values{application.ResponseField(q1): {long},
			application.ResponseField(q2): {"Kept answer"}, "action": {"continue"}})
		f1 := application.ResponseField(q1)
		if res.StatusCode != http.StatusUnprocessableEntity || res.text("#"+f1) != long ||
			res.text("#"+application.ResponseField(q2)) != "Kept answer" ||
			res.doc.Find(`.error-summary a[href="#`+f1+`"]`).Length() != 1 || res.doc.Find("#"+f1+"-error").Length() != 1 {
			t.Fatalf("%s: too long answer: %d\n%s", l, res.StatusCode, res.body)
		}
		if !strings.Contains(res.text("#"+f1+"-count"), "2") {
			t.Errorf("%s: no character count: %q", l, res.text("#"+f1+"-count"))
		}
		// Not a PDF: refused by content.
		field := application.DocumentField(p.Documents[0])
		res = c.upload(base+"/documents", url.Values{"action": {"continue"}}, field, "cv.pdf", []byte("just text, not a PDF"))
		if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find("#"+field+"-error").Length() != 1 {
			t.Fatalf("%s: bad file: %d\n%s", l, res.StatusCode, res.body)
		}
		// Over 5 MB: refused with the reason next to the field, the server does not fall over.
		big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), application.MaxDocumentBytes+100<<10)...)
		res = c.upload(base+"/documents", url.Values{"action": {"continue"}}, field, "big.pdf", big)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.text("#"+field+"-error"), "5") {
			t.Fatalf("%s: big file: %d\n%s", l, res.StatusCode, res.body)
		}
		// A request larger than every document a posting may ask for together: 413, with the reason.
		huge := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), web.MaxUploadBody)...)
		res = c.upload(base+"/documents", url.Values{"action": {"continue"}}, field, "huge.pdf", huge)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(res.text("#"+field+"-error"), "5") {
			t.Fatalf("%s: huge request: %d\n%s", l, res.StatusCode, res.body)
		}
		// Submitting without the declaration checked keeps the signature and says what to do.
		res = c.post(base+"/submit", url.Values{"signature": {"Typed Name"}})
		if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find("#declaration-error").Length() != 1 {
			t.Fatalf("%s: no declaration: %d\n%s", l, res.StatusCode, res.body)
		}
		if v, _ := res.doc.Find("#signature").Attr("value"); v != "Typed Name" {
			t.Fatalf("%s: signature lost: %q", l, v)
		}
		// Incomplete: the missing answers are listed, linked to their steps.
		res = c.post(base+"/submit", url.Values{"declaration": {"yes"}, "signature": {"Typed Name"}})
		if res.StatusCode != http.StatusUnprocessableEntity ||
			res.doc.Find(`.error-summary a[href="`+base+`/questions#`+f1+`"]`).Length() == 0 {
			t.Fatalf("%s: incomplete submit: %d\n%s", l, res.StatusCode, res.body)
		}
		if a, _, _ := e.app.MyApplication(context.Background(), e.users["typist"], id); a.Status != application.Draft || len(a.Answers.Responses) != 0 {
			t.Fatalf("%s: bad input changed the draft: %+v", l, a)
		}
		// Next language: a second posting.
		p = e.openPosting("ods")
	}
}

// An applicant whose email is not confirmed is told so on the review page,
// with a link to get a new confirmation link, and cannot submit.
func TestApplyNeedsConfirmedEmail(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.users["applicant"] // not confirmed
	if err := e.app.DB.SaveProfile(context.Background(), u.ID, &profile.Profile{Name: "A", Email: u.Email, WorkEligibility: profile.Citizen}, e.now); err != nil {
		t.Fatal(err)
	}
	id := e.fillByApp(u, p)
	c := e.signedIn("applicant")
	review := c.get(fmt.Sprintf("/fr/applications/%d/review", id))
	if review.doc.Find(`a[href="/fr/account/verify/resend"]`).Length() == 0 {
		t.Fatalf("review without the resend link:\n%s", review.body)
	}
	res := c.post(fmt.Sprintf("/en/applications/%d/submit", id), url.Values{"declaration": {"yes"}, "signature": {"A"}})
	if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find(`.error-summary a[href="/en/account/verify/resend"]`).Length() == 0 {
		t.Fatalf("submit unconfirmed: %d\n%s", res.StatusCode, res.body)
	}
}

// Reusing an earlier answer fills the box from the list, without saving.
func TestApplyReuseEarlierAnswer(t *testing.T) {
	e := newEnv(t, store.SQLite)
	first, second := e.openPosting("ods"), e.openPosting("ods")
	u := e.verifiedApplicant("reuser", lang.EN)
	e.fillByApp(u, first)
	c := e.signedIn("reuser")
	id := startApplying(t, c, lang.EN, second)
	page := c.get(fmt.Sprintf("/en/applications/%d/questions", id))
	q := second.Groups[0].Items[0].ID
	sel := page.doc.Find(fmt.Sprintf("select#reuse_%d option[value!='']", q))
	if sel.Length() == 0 {
		t.Fatalf("no earlier answers offered:\n%s", page.body)
	}
	pick, _ := sel.First().Attr("value")
	res := c.submit(page, "#apply-form", url.Values{fmt.Sprintf("reuse_%d", q): {pick}, "use": {strconv.FormatInt(q, 10)}})
	if res.StatusCode != http.StatusOK || res.text("#"+application.ResponseField(q)) != "Situation, action, result." {
		t.Fatalf("reuse: %d\n%s", res.StatusCode, res.body)
	}
}

// Every new route, for every kind of visitor: anonymous visitors sign in,
// applicants reach only their own (404 otherwise), staff never use applicant
// pages (403), and staff reach only their organization's applications.
func TestApplyRouteMatrix(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	alice, bob := e.verifiedApplicant("alice", lang.EN), e.verifiedApplicant("bob", lang.EN)
	aID := e.fillByApp(alice, p)
	e.submitByApp(alice, aID)
	bID := e.fillByApp(bob, p) // a draft
	a, _, _ := e.app.MyApplication(context.Background(), alice, aID)
	doc := a.Documents[0].ID

	const (
		ok     = http.StatusOK
		see    = http.StatusSeeOther
		nf     = http.StatusNotFound
		forbid = http.StatusForbidden
	)
	aBase := fmt.Sprintf("/en/applications/%d", aID)
	bBase := fmt.Sprintf("/en/applications/%d", bID)
	type row struct {
		method, path string
		// anonymous, alice (owner of aID), bob (owner of bID), hm-ods
		want [4]int
	}
	rows := []row{
		{"GET", "/en/applications", [4]int{see, ok, ok, forbid}},
		{"GET", aBase, [4]int{see, ok, nf, forbid}},
		{"GET", aBase + "/confirmation", [4]int{see, ok, nf, forbid}},
		{"GET", aBase + "/withdraw", [4]int{see, ok, nf, forbid}},
		{"GET", fmt.Sprintf("%s/documents/%d", aBase, doc), [4]int{see, ok, nf, forbid}},
		{"GET", bBase + "/questions", [4]int{see, nf, ok, forbid}},
		{"GET", bBase + "/review", [4]int{see, nf, ok, forbid}},
		{"POST", bBase + "/questions", [4]int{see, nf, see, forbid}},
		{"POST", bBase + "/submit", [4]int{see, nf, 422, forbid}},
		{"POST", aBase + "/withdraw", [4]int{see, 303, nf, forbid}},
		{"GET", "/en/applications/999999", [4]int{see, nf, nf, forbid}},
		{"GET", fmt.Sprintf("/en/jobs/%d/apply", p.ID), [4]int{see, ok, ok, forbid}},
	}
	names := []string{"anonymous", "alice", "bob", "hm-ods"}
	for _, r := range rows {
		for i, name := range names {
			c := e.signedIn(name)
			var res *response
			if r.method == "GET" {
				res = c.get(r.path)
			} else {
				res = c.post(r.path, url.Values{"action": {"later"}})
			}
			if res.StatusCode != r.want[i] {
				t.Errorf("%s %s as %s: %d, want %d", r.method, r.path, name, res.StatusCode, r.want[i])
			}
			if name == "anonymous" && !strings.HasPrefix(res.Header.Get("Location"), "/en/signin?next=") {
				t.Errorf("%s %s anonymous: to %q, want sign in", r.method, r.path, res.Header.Get("Location"))
			}
		}
	}
	// Bob's draft and Alice's application were not changed by the others.
	if got, _, _ := e.app.MyApplication(context.Background(), alice, aID); got.Status != application.Withdrawn {
		t.Errorf("alice's application %s, want withdrawn by alice only", got.Status)
	}

	// Staff pages.
	e2 := newEnv(t, store.SQLite)
	p2 := e2.openPosting("ods")
	carol := e2.verifiedApplicant("carol", lang.EN)
	cID := e2.fillByApp(carol, p2)
	e2.submitByApp(carol, cID)
	staffRows := []struct {
		path string
		want map[string]int
	}{
		{fmt.Sprintf("/en/staff/postings/%d/applications", p2.ID), map[string]int{"anonymous": see, "carol": forbid, "hm-ods": ok, "hr-ods": ok, "hm-other": forbid, "program-admin": ok}},
		{fmt.Sprintf("/en/staff/applications/%d", cID), map[string]int{"anonymous": see, "carol": forbid, "hm-ods": ok, "hr-ods": ok, "hm-other": forbid, "program-admin": ok}},
		{"/en/staff/applications/999999", map[string]int{"hm-ods": nf}},
	}
	for _, r := range staffRows {
		for name, want := range r.want {
			if res := e2.signedIn(name).get(r.path); res.StatusCode != want {
				t.Errorf("GET %s as %s: %d, want %d", r.path, name, res.StatusCode, want)
			}
		}
	}
	// Only the organization's HR advisors see the accommodation request.
	path := fmt.Sprintf("/en/staff/applications/%d", cID)
	if res := e2.signedIn("hr-ods").get(path); res.text("#accommodation-request") != "I use a screen reader." {
		t.Errorf("hr advisor does not see the accommodation request:\n%s", res.body)
	}
	if res := e2.signedIn("hm-ods").get(path); strings.Contains(res.body, "I use a screen reader.") {
		t.Error("hiring manager sees the accommodation request")
	}
	if res := e2.signedIn("hm-other").post(path+"/status", url.Values{"status": {"under-review"}, "version": {"1"}}); res.StatusCode != forbid {
		t.Errorf("other org's staff moved the application: %d", res.StatusCode)
	}
	// Staff cannot read an applicant's document of another organization.
	ca, _, _ := e2.app.MyApplication(context.Background(), carol, cID)
	if res := e2.signedIn("hm-other").get(fmt.Sprintf("%s/documents/%d", path, ca.Documents[0].ID)); res.StatusCode != forbid {
		t.Errorf("other org's staff document: %d", res.StatusCode)
	}
	if res := e2.signedIn("hm-ods").get(fmt.Sprintf("%s/documents/%d", path, ca.Documents[0].ID)); res.StatusCode != ok || res.body != tinyPDF {
		t.Errorf("staff document: %d", res.StatusCode)
	}
}

// Staff move an application with a note: the applicant is emailed, the
// history shows it, and every staff read of the page is one audit row.
func TestStaffMovesApplication(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.verifiedApplicant("dana", lang.FR)
	id := e.fillByApp(u, p)
	e.submitByApp(u, id)
	ctx := context.Background()
	subject := fmt.Sprintf("application:%d", id)
	audits := func() int {
		es, err := e.app.DB.AuditLog(ctx, subject, 1000)
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	before := audits()
	c := e.signedIn("hr-ods")
	page := c.get(fmt.Sprintf("/en/staff/applications/%d", id))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("staff page %d\n%s", page.StatusCode, page.body)
	}
	if n := audits(); n != before+1 {
		t.Fatalf("a staff read wrote %d audit rows, want 1", n-before)
	}
	// A bad status is refused, the note typed is kept.
	res := c.submit(page, "#status-form", url.Values{"status": {"hired"}, "note": {"Kept note"}})
	if res.StatusCode != http.StatusConflict || res.text("#note") != "Kept note" {
		t.Fatalf("bad move: %d\n%s", res.StatusCode, res.body)
	}
	page = c.get(fmt.Sprintf("/en/staff/applications/%d", id))
	wantRedirect(t, "move", c.submit(page, "#status-form", url.Values{"status": {"under-review"}, "note": {"We will call you next week."}}),
		fmt.Sprintf("/en/staff/applications/%d", id))
	status := 0
	for _, m := range e.mailTo(u.Email) {
		if m.Kind == "status" {
			status++
		}
	}
	if status != 1 {
		t.Fatalf("%d status emails, want 1", status)
	}
	details := e.signedIn("dana").get(fmt.Sprintf("/fr/applications/%d", id))
	hist := details.doc.Find("ol.history")
	if !strings.Contains(hist.Text(), application.UnderReview.Name(lang.FR)) || !strings.Contains(hist.Text(), "We will call you next week.") {
		t.Fatalf("history:\n%s", details.body)
	}
	// The list for the posting shows it.
	list := c.get(fmt.Sprintf("/fr/staff/postings/%d/applications", p.ID))
	if !strings.Contains(list.doc.Text(), application.UnderReview.Name(lang.FR)) {
		t.Fatalf("staff list:\n%s", list.body)
	}
}

// Every new page has one h1, labelled controls and a lang attribute.
func TestApplyPagesAreLabelled(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.verifiedApplicant("label", lang.EN)
	id := e.fillByApp(u, p)
	c := e.signedIn("label")
	for _, l := range lang.All {
		base := fmt.Sprintf("/%s/applications/%d", l, id)
		for _, path := range []string{base + "/eligibility", base + "/questions", base + "/documents", base + "/options", base + "/review", "/" + string(l) + "/applications"} {
			res := c.get(path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
			if res.doc.Find("h1").Length() != 1 || res.doc.Find("html[lang="+string(l)+"]").Length() != 1 {
				t.Errorf("%s: h1 or lang", path)
			}
			res.doc.Find("input:not([type=hidden]), textarea, select").Each(func(_ int, s *goquery.Selection) {
				id, _ := s.Attr("id")
				if id == "" || res.doc.Find(`label[for="`+id+`"]`).Length() == 0 {
					t.Errorf("%s: control %s has no label", path, id)
				}
			})
		}
	}
}

// An anonymous visitor who presses Apply signs in and comes back to a page
// that starts the application; staff see no Apply button.
func TestApplyAnonymousSignsInAndComesBack(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	e.verifiedApplicant("newcomer", lang.FR)
	c := e.client()
	job := c.get(fmt.Sprintf("/fr/jobs/%d", p.ID))
	res := c.submit(job, fmt.Sprintf(`form[action="/fr/jobs/%d/apply"]`, p.ID), nil)
	back := fmt.Sprintf("/fr/jobs/%d/apply", p.ID)
	wantRedirect(t, "anonymous apply", res, "/fr/signin?next="+url.QueryEscape(back))
	signin := c.get(res.Header.Get("Location"))
	res = c.submit(signin, `form[action^="/fr/signin"]`, url.Values{"email": {"newcomer@example.ca"}, "password": {testPassword}})
	wantRedirect(t, "sign in", res, back)
	start := c.get(back)
	if start.StatusCode != http.StatusOK {
		t.Fatalf("start page %d\n%s", start.StatusCode, start.body)
	}
	res = c.submit(start, fmt.Sprintf(`form[action="/fr/jobs/%d/apply"]`, p.ID), nil)
	if res.StatusCode != http.StatusSeeOther || !appIDRE.MatchString(res.Header.Get("Location")) {
		t.Fatalf("start: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	for _, staff := range []string{"hm-ods", "platform-admin"} {
		if page := e.signedIn(staff).get(fmt.Sprintf("/en/jobs/%d", p.ID)); page.doc.Find(`form[action$="/apply"]`).Length() != 0 {
			t.Errorf("%s sees an Apply button", staff)
		}
	}
}

// "Save and come back later" saves and goes to the dashboard, which shows
// the draft with its closing date; the background save (apply.js) saves
// without leaving the page.
func TestApplySaveLaterAndAutosave(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.verifiedApplicant("saver", lang.EN)
	c := e.signedIn("saver")
	id := startApplying(t, c, lang.EN, p)
	q := p.Groups[0].Items[0].ID
	res := c.post(fmt.Sprintf("/en/applications/%d/questions", id), url.Values{application.ResponseField(q): {"Saved for later"}, "action": {"later"}})
	wantRedirect(t, "later", res, "/en/applications")
	dash := c.get("/en/applications")
	if text := dash.doc.Text(); !strings.Contains(text, posting.FormatDateTime(p.ClosingLocal(), lang.EN)) ||
		!strings.Contains(text, application.Draft.Name(lang.EN)) || !strings.Contains(dash.text(".notice"), "saved as a draft") {
		t.Fatalf("dashboard with a draft:\n%s", dash.body)
	}
	res = c.post(fmt.Sprintf("/en/applications/%d/questions", id), url.Values{application.ResponseField(q): {"Typed, then autosaved"}, "action": {"autosave"}})
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("autosave: %d", res.StatusCode)
	}
	a, _, err := e.app.MyApplication(context.Background(), u, id)
	if err != nil || a.Answers.Responses[q] != "Typed, then autosaved" {
		t.Fatalf("autosaved answer %q, %v", a.Answers.Responses[q], err)
	}
}

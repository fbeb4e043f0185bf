package server_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
)

// Staff follow the document link on an application's page and get the file.
func TestStaffOpenDocumentFromThePage(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.verifiedApplicant("ines", lang.EN)
	id := e.fillByApp(u, p)
	e.submitByApp(u, id)
	c := e.signedIn("hr-ods")
	page := c.get(fmt.Sprintf("/en/staff/applications/%d", id))
	href, ok := page.doc.Find(`a[href*="/documents/"]`).First().Attr("href")
	if !ok || !strings.HasPrefix(href, "/en/staff/applications/") {
		t.Fatalf("staff page's document link %q", href)
	}
	if res := c.get(href); res.StatusCode != http.StatusOK || res.body != tinyPDF {
		t.Fatalf("following the document link: %d", res.StatusCode)
	}
}

// A posting that asks for two documents takes two files of 3 MB in one
// submission of the documents step.
func TestUploadTwoLargeDocumentsAtOnce(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.completeDraft("ods")
	p.Documents = []posting.DocumentKind{posting.Resume, posting.CoverLetter}
	if err := e.app.SavePosting(context.Background(), e.users["platform-admin"], p); err != nil {
		t.Fatal(err)
	}
	p, err := e.app.Transition(context.Background(), e.users["platform-admin"].ID, p.ID, p.Version, posting.Publish)
	if err != nil {
		t.Fatal(err)
	}
	e.verifiedApplicant("jo", lang.EN)
	c := e.signedIn("jo")
	id := startApplying(t, c, lang.EN, p)
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 3<<20)...)
	big = append(big, "\n%%EOF\n"...)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("action", "continue")
	for _, k := range p.Documents {
		fw, _ := mw.CreateFormFile(application.DocumentField(k), string(k)+".pdf")
		fw.Write(big)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/en/applications/%d/documents", e.srv.URL, id), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res := c.do(req)
	wantRedirect(t, "two documents", res, fmt.Sprintf("/en/applications/%d/options", id))
	a, _, err := e.app.MyApplication(context.Background(), e.users["jo"], id)
	if err != nil || len(a.Documents) != 2 {
		t.Fatalf("attached %d documents (%v), want 2", len(a.Documents), err)
	}
}

// Two tabs on the same step: the tab left open while the other saved gets
// a conflict and the newer answers stay, instead of a silent overwrite.
func TestStaleTabDoesNotOverwriteAnswers(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	e.verifiedApplicant("kim", lang.EN)
	c := e.signedIn("kim")
	id := startApplying(t, c, lang.EN, p)
	path := fmt.Sprintf("/en/applications/%d/questions", id)
	q := application.ResponseField(p.Groups[0].Items[0].ID)
	stale, fresh := c.get(path), c.get(path)
	res := c.submit(fresh, "#apply-form", url.Values{q: {"The newer answer."}, "action": {"autosave"}})
	if res.StatusCode != http.StatusNoContent || res.Header.Get("X-Pathways-Version") == "" {
		t.Fatalf("autosave: %d, version header %q", res.StatusCode, res.Header.Get("X-Pathways-Version"))
	}
	res = c.submit(stale, "#apply-form", url.Values{q: {"The older answer."}, "action": {"continue"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("the stale tab's save: %d, want 409", res.StatusCode)
	}
	if got := res.doc.Find("textarea#" + q).Text(); !strings.Contains(got, "The older answer.") {
		t.Errorf("the conflict page lost what was typed: %q", got)
	}
	a, _, _ := e.app.MyApplication(context.Background(), e.users["kim"], id)
	if got := a.Answers.Responses[p.Groups[0].Items[0].ID]; got != "The newer answer." {
		t.Fatalf("stored answer %q, want the newer one kept", got)
	}
	// Having read the message, saving again from that page is deliberate.
	wantRedirect(t, "save again", c.submit(res, "#apply-form", url.Values{"action": {"continue"}}), fmt.Sprintf("/en/applications/%d/documents", id))
}

// The dashboard shows each application's dated history, with staff notes.
func TestDashboardShowsHistory(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.verifiedApplicant("lee", lang.EN)
	id := e.fillByApp(u, p)
	e.submitByApp(u, id)
	a, _, err := e.app.StaffApplication(context.Background(), e.users["hr-ods"], id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.MoveApplication(context.Background(), e.users["hr-ods"], id, a.Version, application.UnderReview, "We are reading it."); err != nil {
		t.Fatal(err)
	}
	for _, l := range lang.All {
		page := e.signedIn("lee").get("/" + string(l) + "/applications")
		h := page.doc.Find("details.history-details")
		if h.Length() != 1 || !strings.Contains(h.Text(), application.UnderReview.Name(l)) || !strings.Contains(h.Text(), "We are reading it.") {
			t.Errorf("%s: dashboard history %q", l, h.Text())
		}
	}
}

// On a page answering a refused form, the language link leads to a page.
func TestLanguageLinkAfterARefusedForm(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.verifiedApplicant("max", lang.EN)
	id := e.fillByApp(u, p)
	c := e.signedIn("max")
	res := c.post(fmt.Sprintf("/en/applications/%d/submit", id), url.Values{"signature": {"Max"}}) // no declaration
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("refused submit: %d", res.StatusCode)
	}
	href, _ := res.doc.Find(`a[hreflang="fr"], a[lang="fr"]`).First().Attr("href")
	if href != fmt.Sprintf("/fr/applications/%d/review", id) {
		t.Fatalf("language link %q", href)
	}
	if got := c.get(href); got.StatusCode != http.StatusOK {
		t.Fatalf("following it: %d", got.StatusCode)
	}
}

// The review page shows the profile as it will be sent; once submitted, the
// applicant and staff see the profile as it was, whatever changed since.
func TestApplicationShowsTheProfile(t *testing.T) {
	e := newEnv(t, store.SQLite)
	p := e.openPosting("ods")
	u := e.verifiedApplicant("noor", lang.EN)
	id := e.fillByApp(u, p)
	c := e.signedIn("noor")
	review := c.get(fmt.Sprintf("/en/applications/%d/review", id))
	if got := review.doc.Find("#rev-profile").Parent().Text(); !strings.Contains(got, "noor Tremblay") {
		t.Fatalf("review page's profile: %q", got)
	}
	e.submitByApp(u, id)
	ctx := context.Background()
	prof, err := e.app.DB.Profile(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	prof.Name = "Renamed Later"
	if err := e.app.DB.SaveProfile(ctx, u.ID, prof, e.now); err != nil {
		t.Fatal(err)
	}
	for who, path := range map[string]string{"noor": fmt.Sprintf("/en/applications/%d", id), "hr-ods": fmt.Sprintf("/en/staff/applications/%d", id)} {
		got := e.signedIn(who).get(path).doc.Find("#rev-profile").Parent().Text()
		if !strings.Contains(got, "noor Tremblay") || strings.Contains(got, "Renamed Later") {
			t.Errorf("%s sees the profile %q, want the one submitted", who, got)
		}
	}
}

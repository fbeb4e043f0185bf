package browser

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/posting"
)

// seededApplications are the applications the page tests show, in the
// states applicants meet them.
type seededApplications struct {
	second, third *posting.Posting // more open, published postings of org ods that ask for a document
	emptyDraft    int64            // the newcomer's draft to e.published: nothing answered, profile incomplete
	filledDraft   int64            // the complete applicant's draft to second: every step done, a PDF attached
	submitted     int64            // the complete applicant's submitted application to third
}

// seedApplications publishes two more postings and saves the applications,
// through the application layer as the pages would.
func (e *env) seedApplications(ctx context.Context, applicant, newcomer *auth.User) error {
	admin, err := e.app.DB.UserByEmail(ctx, "platform-admin@example.ca")
	if err != nil {
		return err
	}
	var published []*posting.Posting
	for range 2 {
		p := copyOfSample("ods", testNow.Add(30*24*time.Hour))
		if err := e.app.SavePosting(ctx, admin, p); err != nil {
			return fmt.Errorf("save posting: %w", err)
		}
		p, err = e.app.Transition(ctx, admin.ID, p.ID, p.Version, posting.Publish)
		if err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		published = append(published, p)
	}
	s := &e.people.apps
	s.second, s.third = published[0], published[1]

	d, _, err := e.app.StartApplication(ctx, newcomer, e.published.ID)
	if err != nil {
		return fmt.Errorf("start the empty draft: %w", err)
	}
	s.emptyDraft = d.ID
	if s.filledDraft, err = e.completeDraft(ctx, applicant, s.second); err != nil {
		return err
	}
	if s.submitted, err = e.completeDraft(ctx, applicant, s.third); err != nil {
		return err
	}
	if _, err := e.app.Submit(ctx, applicant, s.submitted, applicant.Name); err != nil {
		return fmt.Errorf("submit: %w", err)
	}
	return nil
}

// completeDraft starts u's application to p and answers everything.
func (e *env) completeDraft(ctx context.Context, u *auth.User, p *posting.Posting) (int64, error) {
	d, _, err := e.app.StartApplication(ctx, u, p.ID)
	if err != nil {
		return 0, fmt.Errorf("start a draft: %w", err)
	}
	d.Answers = application.Answers{Eligibility: map[int64]bool{}, Responses: map[int64]string{}}
	for _, r := range p.Eligibility {
		d.Answers.Eligibility[r.ID] = true
	}
	for _, g := range p.Groups {
		for _, q := range g.Items {
			d.Answers.Responses[q.ID] = concreteAnswer
		}
	}
	d.Accommodation = "Des pauses de dix minutes par heure pendant l'évaluation."
	if err := e.app.SaveDraft(ctx, u, d); err != nil {
		return 0, fmt.Errorf("save the draft: %w", err)
	}
	for _, k := range p.Documents {
		if _, err := e.app.AttachDocument(ctx, u, d.ID, k, "eloise-tremblay-cv.pdf", testPDF("Eloise Tremblay - CV")); err != nil {
			return 0, fmt.Errorf("attach: %w", err)
		}
	}
	return d.ID, nil
}

// concreteAnswer is a screening answer as the guidance asks for: a concrete
// example with what was done and what came of it.
const concreteAnswer = "During my co-op term at Statistics Canada (January to April 2025), I wrote Python scripts " +
	"that cleaned the responses of a national survey. I documented each rule with the analysts, and the " +
	"preparation of each release went from four days to two."

// testPDF returns a small, valid one-page PDF showing text (ASCII), with a
// correct cross-reference table: a real file, as a person would attach.
func testPDF(text string) []byte {
	stream := fmt.Sprintf("BT /F1 18 Tf 72 720 Td (%s) Tj ET", text)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// writeFile writes data into a file named name in a directory removed when
// the test ends, for the browser to upload, and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// applySteps are the steps of an application to a posting that asks for a document.
var applySteps = []string{"eligibility", "questions", "documents", "options", "review"}

// TestApplicationPagesPassAxe checks the application pages: starting,
// every step empty and filled in, the review with and without what is
// missing, the confirmation, the dashboard, the details and withdrawing, and
// the staff pages that list and show applications.
func TestApplicationPagesPassAxe(t *testing.T) {
	e := need(t)
	s := e.people.apps
	t.Run("newcomer", func(t *testing.T) {
		pages := []pageCase{
			{"start", fmt.Sprintf("/jobs/%d/apply", s.second.ID), 200, fmt.Sprintf("form[action$='/jobs/%d/apply'] button[type=submit]", s.second.ID)},
			{"closed posting", fmt.Sprintf("/jobs/%d/apply", e.sample), 409, "main h1"},
			{"dashboard with a draft", "/applications", 200, "ul.applications li a[href$='/applications/" + fmt.Sprint(s.emptyDraft) + "']"},
		}
		for _, step := range applySteps {
			must := "form#apply-form"
			if step == "review" {
				must = "#missing li a[href$='/profile']"
			}
			pages = append(pages, pageCase{"empty " + step, fmt.Sprintf("/applications/%d/%s", s.emptyDraft, step), 200, must})
		}
		e.checkPagesAs(t, newcomerEmail, pages)
	})
	t.Run("applicant", func(t *testing.T) {
		pages := []pageCase{
			{"dashboard", "/applications", 200, "ul.applications li:nth-child(2)"},
			{"confirmation", fmt.Sprintf("/applications/%d/confirmation", s.submitted), 200, "#confirmation-number"},
			{"details", fmt.Sprintf("/applications/%d", s.submitted), 200, "main a[href$='/withdraw']"},
			{"withdraw", fmt.Sprintf("/applications/%d/withdraw", s.submitted), 200, "form[action$='/withdraw'] button[type=submit]"},
		}
		for _, step := range applySteps {
			must := "form#apply-form"
			switch step {
			case "review":
				must = "main:not(:has(#missing)) form#apply-form #declaration"
			case "documents":
				must = "form#apply-form a[href*='/documents/']"
			}
			pages = append(pages, pageCase{"filled " + step, fmt.Sprintf("/applications/%d/%s", s.filledDraft, step), 200, must})
		}
		e.checkPagesAs(t, applicantEmail, pages)
	})
	t.Run("no applications", func(t *testing.T) {
		e.checkPagesAs(t, unverifiedEmail, []pageCase{{"empty dashboard", "/applications", 200, "main a[href$='/jobs']"}})
	})
	t.Run("staff", func(t *testing.T) {
		e.checkPagesAs(t, "hr-ods@example.ca", []pageCase{
			{"applications to a posting", fmt.Sprintf("/staff/postings/%d/applications", s.third.ID), 200,
				fmt.Sprintf("main a[href$='/staff/applications/%d']", s.submitted)},
			{"application", fmt.Sprintf("/staff/applications/%d", s.submitted), 200, "main h1"},
		})
	})
}

// checkPagesAs checks pages in both languages, signed in as email.
func (e *env) checkPagesAs(t *testing.T, email string, pages []pageCase) {
	session := e.signedIn(t, email)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			e.checkBothLanguages(t, session, p)
		})
	}
}

// TestApplicationFormErrorsPassAxe checks the steps as they come back
// refused: an answer over the limit, a file that is not a PDF or a Word
// document, a submission without the declaration.
func TestApplicationFormErrorsPassAxe(t *testing.T) {
	e := need(t)
	s := e.people.apps
	session := e.signedIn(t, applicantEmail)
	t.Run("answer too long", func(t *testing.T) {
		t.Parallel()
		tab := e.pooledTab(t, session)
		q := s.second.Groups[0].Items[0].ID
		field := application.ResponseField(q)
		long := strings.Repeat("Je documente chaque règle. ", 100) // 2,700 characters, pasted
		for _, l := range []string{"en", "fr"} {
			e.visit(t, tab, fmt.Sprintf("/%s/applications/%d/questions", l, s.filledDraft))
			eval[bool](t, tab, fmt.Sprintf(`(document.getElementById(%q).value = %q) !== ""`, field, long))
			status := submit(t, tab, "form#apply-form button[name=action][value=continue]")
			e.checkPage(t, tab, l, pageCase{"answer too long", "", 422, fmt.Sprintf(".error-summary a[href='#%s']", field)}, status)
			if v := eval[string](t, tab, fmt.Sprintf(`document.getElementById(%q).value`, field)); v != strings.TrimSpace(long) && v != long {
				t.Errorf("the refused answer comes back as %d characters, want the %d typed", len(v), len(long))
			}
		}
	})
	t.Run("not a document", func(t *testing.T) {
		t.Parallel()
		tab := e.pooledTab(t, session)
		field := application.DocumentField(s.second.Documents[0])
		fake := writeFile(t, "cv.pdf", []byte("This is a plain text file with a .pdf name.\n"))
		for _, l := range []string{"en", "fr"} {
			e.visit(t, tab, fmt.Sprintf("/%s/applications/%d/documents", l, s.filledDraft))
			if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.ID(field), []string{fake})); err != nil {
				t.Fatalf("choose the file: %v", err)
			}
			status := submit(t, tab, "form#apply-form button[name=action][value=continue]")
			e.checkPage(t, tab, l, pageCase{"not a document", "", 422, fmt.Sprintf(".error-summary a[href='#%s']", field)}, status)
		}
	})
	t.Run("no declaration", func(t *testing.T) {
		t.Parallel()
		tab := e.pooledTab(t, session)
		for _, l := range []string{"en", "fr"} {
			e.visit(t, tab, fmt.Sprintf("/%s/applications/%d/review", l, s.filledDraft))
			fill(t, tab, field{"signature", "Éloïse Tremblay"})
			status := submit(t, tab, "form#apply-form button[type=submit]")
			e.checkPage(t, tab, l, pageCase{"no declaration", "", 422, ".error-summary a[href='#declaration']"}, status)
			if v := eval[string](t, tab, `document.getElementById("signature").value`); v != "Éloïse Tremblay" {
				t.Errorf("the refused review shows the signature %q, want what was typed", v)
			}
		}
	})
}

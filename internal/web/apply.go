package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Applying: an applicant starts (or resumes) a draft from a posting, fills it
// in one step per page (each step saves), reviews it and submits it. Every
// step is a plain form: it works without JavaScript, and what was typed comes
// back as typed when it does not validate. Authorization is the app layer's:
// someone else's application is not found.

func (h *Handler) applicationRoutes(mux Mux) {
	mux.HandleFunc("GET /{lang}/jobs/{id}/apply", h.applicant(h.applyStartPage))
	mux.HandleFunc("POST /{lang}/jobs/{id}/apply", h.applicant(h.applyStart))
	mux.HandleFunc("GET /{lang}/applications", h.applicant(h.dashboard))
	mux.HandleFunc("GET /{lang}/applications/{id}", h.applicant(h.applicationDetails))
	for _, s := range applySteps {
		s := s
		mux.HandleFunc("GET /{lang}/applications/{id}/"+s, h.applicant(func(w http.ResponseWriter, r *request) error { return h.applyStepForm(w, r, s) }))
		mux.HandleFunc("POST /{lang}/applications/{id}/"+s, h.applicant(func(w http.ResponseWriter, r *request) error { return h.applyStepSave(w, r, s) }))
	}
	mux.HandleFunc("POST /{lang}/applications/{id}/submit", h.applicant(h.applySubmit))
	mux.HandleFunc("GET /{lang}/applications/{id}/confirmation", h.applicant(h.applyConfirmation))
	mux.HandleFunc("GET /{lang}/applications/{id}/withdraw", h.applicant(h.withdrawForm))
	mux.HandleFunc("POST /{lang}/applications/{id}/withdraw", h.applicant(h.withdraw))
	mux.HandleFunc("GET /{lang}/applications/{id}/documents/{doc}", h.applicant(h.applicantDocument))
	h.staffApplicationRoutes(mux)
}

// The steps of an application, in order. "documents" is skipped for postings
// that ask for none.
const (
	stepEligibility = "eligibility"
	stepQuestions   = "questions"
	stepDocuments   = "documents"
	stepOptions     = "options"
	stepReview      = "review"
)

var applySteps = []string{stepEligibility, stepQuestions, stepDocuments, stepOptions, stepReview}

// MaxUploadBody is the largest request body of a document upload: the
// largest document of every kind a posting may ask for, and room for the rest
// of the form. The server lets exactly the upload route (IsUpload) past its
// general limit; each file is then checked on its own (at most 5 MB).
const MaxUploadBody = maxDocumentKinds*application.MaxDocumentBytes + 64<<10

// maxDocumentKinds is how many documents a posting may ask for at most (one of
// each posting.DocumentKinds; tested), all of which may come in one request.
const maxDocumentKinds = 4

var uploadPath = regexp.MustCompile(`^/(en|fr)/applications/[0-9]+/documents$`)

// IsUpload reports whether r is a document upload, whose body may be up to
// MaxUploadBody.
func IsUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && uploadPath.MatchString(r.URL.Path)
}

// stepsOf lists the steps of an application to p.
func stepsOf(p *posting.Posting) []string {
	out := make([]string, 0, len(applySteps))
	for _, s := range applySteps {
		if s == stepDocuments && len(p.Documents) == 0 {
			continue
		}
		out = append(out, s)
	}
	return out
}

// nextStep is the step after s for p.
func nextStep(p *posting.Posting, s string) string {
	steps := stepsOf(p)
	for i, x := range steps {
		if x == s && i+1 < len(steps) {
			return steps[i+1]
		}
	}
	return stepReview
}

func appURL(l lang.Lang, id int64, rest string) string {
	return fmt.Sprintf("/%s/applications/%d%s", l, id, rest)
}

// appErr turns the app layer's access errors into pages.
func appErr(err error) error {
	switch {
	case errors.Is(err, app.ErrForbidden):
		return errForbidden
	case errors.Is(err, app.ErrNotFound):
		return errNotFound
	}
	return err
}

func (h *Handler) flash(r *request, msg string) {
	if h.Sessions != nil {
		h.Sessions.Put(r.Context(), profileFlashKey, msg)
	}
}

func (h *Handler) appPage(r *request, title string, d any) *Page {
	p := h.newPage(r, title, d)
	if r.Method == http.MethodGet && h.Sessions != nil {
		p.Flash = h.Sessions.PopString(r.Context(), profileFlashKey)
	}
	return p
}

// formatCount writes n with the language's thousands separator: 2,500 / 2 500.
func formatCount(n int, l lang.Lang) string {
	s := strconv.Itoa(n)
	sep := ","
	if l == lang.FR {
		sep = "\u00a0"
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// closingText is when p closes, in its zone, in l.
func closingText(p *posting.Posting, l lang.Lang) string {
	if p.ClosesAt.IsZero() {
		return ""
	}
	return posting.FormatDateTime(p.ClosingLocal(), l)
}

// ---- Starting.

type applyStartView struct {
	P      *posting.Posting
	Action string
	Closes string
}

func (h *Handler) applyPosting(r *request) (*posting.Posting, error) {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		return nil, errNotFound
	}
	return h.App.PublicPosting(r.Context(), id)
}

// applyStartPage is where an applicant lands after signing in from a
// posting's Apply button: one button to start.
func (h *Handler) applyStartPage(w http.ResponseWriter, r *request) error {
	p, err := h.applyPosting(r)
	if err != nil {
		return appErr(err)
	}
	d := applyStartView{P: p, Action: fmt.Sprintf("/%s/jobs/%d/apply", r.Lang, p.ID), Closes: closingText(p, r.Lang)}
	if !application.Open(p, h.App.Now()) {
		return h.applyNotice(w, r, http.StatusConflict, p, h.closedMessage(r.Lang, p), 0)
	}
	return h.R.Render(w, http.StatusOK, "apply_start", h.appPage(r, h.Msgs.T(r.Lang, "apply.start.title", map[string]any{"Title": p.Title.In(r.Lang)}), d))
}

func (h *Handler) applyStart(w http.ResponseWriter, r *request) error {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		return errNotFound
	}
	a, p, err := h.App.StartApplication(r.Context(), r.User, id)
	switch {
	case errors.Is(err, app.ErrWithdrawn):
		return h.applyNotice(w, r, http.StatusConflict, p, application.ErrWithdrawn.Msg.In(r.Lang), a.ID)
	case errors.Is(err, app.ErrClosed):
		return h.applyNotice(w, r, http.StatusConflict, p, h.closedMessage(r.Lang, p), 0)
	case err != nil:
		return appErr(err)
	}
	if a.Status != application.Draft {
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, ""), http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r.Request, appURL(r.Lang, a.ID, "/"+stepsOf(p)[0]), http.StatusSeeOther)
	return nil
}

func (h *Handler) closedMessage(l lang.Lang, p *posting.Posting) string {
	if when := closingText(p, l); when != "" && !p.ClosesAt.After(h.App.Now()) {
		return h.Msgs.T(l, "apply.closed.at", map[string]any{"When": when})
	}
	return application.ErrClosed.Msg.In(l)
}

type applyNoticeView struct {
	P       *posting.Posting
	Message string
	AppID   int64
}

// applyNotice explains why an application cannot go on (closed, withdrawn).
func (h *Handler) applyNotice(w http.ResponseWriter, r *request, status int, p *posting.Posting, msg string, appID int64) error {
	d := applyNoticeView{P: p, Message: msg, AppID: appID}
	return h.R.Render(w, status, "apply_notice", h.appPage(r, h.Msgs.T(r.Lang, "apply.notice.title", nil), d))
}

// ---- The steps.

// applyView is what the step pages receive.
type applyView struct {
	A        *application.Application
	P        *posting.Posting
	Step     string
	Steps    []stepLink
	Action   string
	V        url.Values // the form's values, as typed
	AV       url.Values // the stored answers, for the read-only summary
	Errs     map[string][]string
	Problems []profileProblem
	Closed   string // when the posting closed, if it has (nothing can be saved)
	Closes   string

	Eligibility []eligRow
	Groups      []questionGroup
	Past        []option
	Guidance    string
	Max         string
	MaxRunes    int // application.MaxAnswerRunes, for the counter
	Docs        []docRow
	MaxDocument string

	// Review.
	Missing    []profileProblem
	EmailIssue bool

	// Read-only views.
	Profile           *profileOverviewView // the profile as submitted (the snapshot), or as it will be (review)
	DocBase           string               // documents' download address, before the id
	HideAccommodation bool                 // staff who may not see the accommodation request
}

// DocHref is the download address of document id.
func (d *applyView) DocHref(id int64) string { return d.DocBase + strconv.FormatInt(id, 10) }

type stepLink struct {
	Name, Href string
	Number     int
	Current    bool
}

type eligRow struct {
	Field string
	Text  string
}

type questionGroup struct {
	Heading string
	Items   []questionItem
}

type questionItem struct {
	ID    int64
	Field string
	Text  string
	Asset bool
	Count string // "x of 2,500 characters"
}

type docRow struct {
	Kind  posting.DocumentKind
	Field string
	Name  string
	Doc   *application.Document
	Size  string
}

// draftValues are the form values of draft a.
func draftValues(a *application.Application) url.Values {
	v := url.Values{}
	for id, yes := range a.Answers.Eligibility {
		if yes {
			v.Set(application.EligibilityField(id), "yes")
		} else {
			v.Set(application.EligibilityField(id), "no")
		}
	}
	for id, text := range a.Answers.Responses {
		v.Set(application.ResponseField(id), text)
	}
	if a.KeepOnFile {
		v.Set("keep_on_file", "yes")
	}
	v.Set(application.FieldAccommodation, a.Accommodation)
	return v
}

func (h *Handler) loadMine(r *request) (*application.Application, *posting.Posting, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, nil, errNotFound
	}
	a, p, err := h.App.MyApplication(r.Context(), r.User, id)
	if err != nil {
		return nil, nil, appErr(err)
	}
	return a, p, nil
}

func (h *Handler) newApplyView(r *request, a *application.Application, p *posting.Posting, step string, v url.Values) *applyView {
	l := r.Lang
	d := &applyView{A: a, P: p, Step: step, V: v, Errs: map[string][]string{}, MaxRunes: application.MaxAnswerRunes,
		Action: appURL(l, a.ID, "/"+step), Closes: closingText(p, l), DocBase: appURL(l, a.ID, "/documents/"), AV: draftValues(a)}
	if step == stepReview {
		d.Action = appURL(l, a.ID, "/submit")
	}
	switch {
	case a.Snapshot != nil:
		d.Profile = h.profileSummary(l, a.Snapshot)
	case step == stepReview && r.User != nil && r.User.ID == a.UserID:
		if prof, err := h.App.Profile(r.Context(), r.User); err == nil {
			d.Profile = h.profileSummary(l, prof)
		}
	}
	if !application.Open(p, h.App.Now()) {
		d.Closed = h.closedMessage(l, p)
	}
	for i, s := range stepsOf(p) {
		d.Steps = append(d.Steps, stepLink{Name: h.Msgs.T(l, "apply.step."+s, nil), Href: appURL(l, a.ID, "/"+s),
			Number: i + 1, Current: s == step})
	}
	for _, req := range p.Eligibility {
		d.Eligibility = append(d.Eligibility, eligRow{Field: application.EligibilityField(req.ID), Text: req.Text.In(l)})
	}
	for _, g := range p.Groups {
		qg := questionGroup{Heading: g.Heading.In(l)}
		for _, q := range g.Items {
			f := application.ResponseField(q.ID)
			qg.Items = append(qg.Items, questionItem{ID: q.ID, Field: f, Text: q.Text.In(l), Asset: q.Kind == posting.Asset,
				Count: h.Msgs.T(l, "apply.count", map[string]any{"N": formatCount(application.Runes(v.Get(f)), l),
					"Max": formatCount(application.MaxAnswerRunes, l)})})
		}
		d.Groups = append(d.Groups, qg)
	}
	d.Guidance = application.Guidance.In(l)
	d.Max = formatCount(application.MaxAnswerRunes, l)
	d.MaxDocument = "5"
	for _, k := range p.Documents {
		row := docRow{Kind: k, Field: application.DocumentField(k), Name: k.Name(l)}
		for i := range a.Documents {
			if a.Documents[i].Kind == string(k) {
				row.Doc = &a.Documents[i]
				row.Size = formatSize(a.Documents[i].Size, l)
			}
		}
		d.Docs = append(d.Docs, row)
	}
	return d
}

// formatSize is a file size for people: 12 KB, 1.4 MB.
func formatSize(n int64, l lang.Lang) string {
	var s string
	switch {
	case n < 1000:
		s = fmt.Sprintf("%d B", n)
		if l == lang.FR {
			s = fmt.Sprintf("%d o", n)
		}
	case n < 1000*1000:
		s = fmt.Sprintf("%d KB", (n+999)/1000)
		if l == lang.FR {
			s = fmt.Sprintf("%d ko", (n+999)/1000)
		}
	default:
		s = fmt.Sprintf("%.1f MB", float64(n)/1e6)
		if l == lang.FR {
			s = strings.Replace(fmt.Sprintf("%.1f Mo", float64(n)/1e6), ".", ",", 1)
		}
	}
	return strings.Replace(s, " ", "\u00a0", 1)
}

// problemHref says where the applicant fixes a problem on field.
func problemHref(l lang.Lang, a *application.Application, field string) string {
	switch {
	case strings.HasPrefix(field, "eligibility_"):
		return appURL(l, a.ID, "/"+stepEligibility) + "#" + field
	case strings.HasPrefix(field, "response_"):
		return appURL(l, a.ID, "/"+stepQuestions) + "#" + field
	case strings.HasPrefix(field, "document_"):
		return appURL(l, a.ID, "/"+stepDocuments) + "#" + field
	case field == application.FieldAccommodation:
		return appURL(l, a.ID, "/"+stepOptions) + "#" + field
	case field == application.FieldProfile:
		return "/" + string(l) + "/profile"
	case field == "email":
		return "/" + string(l) + "/account/verify/resend"
	case field == application.FieldDeclaration:
		return "#signature"
	}
	return "#apply-form"
}

// addProblems shows ps: next to the fields on this page, and all in the summary.
func (d *applyView) addProblems(l lang.Lang, ps valid.Problems) {
	for _, p := range ps {
		msg := p.Msg.In(l)
		field := p.Field
		if field == application.FieldDeclaration {
			field = "signature" // the app layer's declaration is the typed name
		}
		href := problemHref(l, d.A, p.Field)
		if strings.HasPrefix(href, appURL(l, d.A.ID, "/"+d.Step)+"#") {
			href = "#" + p.Field
		}
		if href == "#signature" || strings.HasPrefix(href, "#") {
			d.Errs[field] = append(d.Errs[field], msg)
		}
		d.Problems = append(d.Problems, profileProblem{Href: href, Msg: msg})
	}
}

func (h *Handler) applyStepForm(w http.ResponseWriter, r *request, step string) error {
	a, p, err := h.loadMine(r)
	if err != nil {
		return err
	}
	if a.Status != application.Draft {
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, ""), http.StatusSeeOther)
		return nil
	}
	if step == stepDocuments && len(p.Documents) == 0 {
		return errNotFound
	}
	d := h.newApplyView(r, a, p, step, draftValues(a))
	if step == stepQuestions {
		h.addPast(r, d)
	}
	if step == stepReview {
		h.reviewProblems(r, d)
	}
	return h.renderStep(w, r, http.StatusOK, d)
}

func (h *Handler) renderStep(w http.ResponseWriter, r *request, status int, d *applyView) error {
	title := h.Msgs.T(r.Lang, "apply.step."+d.Step, nil)
	page := h.appPage(r, title, d)
	return h.R.Render(w, status, "apply", page)
}

// addPast offers the applicant's earlier answers (from other applications) to reuse.
func (h *Handler) addPast(r *request, d *applyView) {
	past, err := h.App.PastAnswers(r.Context(), r.User)
	if err != nil {
		h.Log.WarnContext(r.Context(), "past answers", "err", err)
		return
	}
	for _, pa := range past {
		if pa.ApplicationID == d.A.ID {
			continue
		}
		snippet := []rune(strings.ReplaceAll(pa.Text, "\n", " "))
		if len(snippet) > 60 {
			snippet = append(snippet[:60], '…')
		}
		d.Past = append(d.Past, option{Value: fmt.Sprintf("%d-%d", pa.ApplicationID, pa.QualificationID),
			Label: pa.PostingTitle.In(r.Lang) + " — " + pa.Qualification.In(r.Lang) + colon(r.Lang) + string(snippet)})
	}
}

// reviewProblems lists what keeps the draft from being submitted.
func (h *Handler) reviewProblems(r *request, d *applyView) {
	ps := d.A.Complete(d.P, "-") // the declaration is signed on this page: not "missing"
	prof, err := h.App.Profile(r.Context(), r.User)
	if err == nil {
		ps = append(ps, application.CheckProfile(prof)...)
	}
	for _, p := range ps {
		d.Missing = append(d.Missing, profileProblem{Href: problemHref(r.Lang, d.A, p.Field), Msg: p.Msg.In(r.Lang)})
	}
	d.EmailIssue = r.User.EmailVerifiedAt.IsZero()
}

// applyForm reads the step's fields into draft a.
func applyForm(a *application.Application, p *posting.Posting, step string, v url.Values) {
	switch step {
	case stepEligibility:
		if a.Answers.Eligibility == nil {
			a.Answers.Eligibility = map[int64]bool{}
		}
		for _, req := range p.Eligibility {
			switch v.Get(application.EligibilityField(req.ID)) {
			case "yes":
				a.Answers.Eligibility[req.ID] = true
			case "no":
				a.Answers.Eligibility[req.ID] = false
			default:
				delete(a.Answers.Eligibility, req.ID)
			}
		}
	case stepQuestions:
		if a.Answers.Responses == nil {
			a.Answers.Responses = map[int64]string{}
		}
		for _, g := range p.Groups {
			for _, q := range g.Items {
				a.Answers.Responses[q.ID] = v.Get(application.ResponseField(q.ID))
			}
		}
	case stepOptions:
		a.KeepOnFile = v.Get("keep_on_file") == "yes"
		a.Accommodation = v.Get(application.FieldAccommodation)
	}
}

func (h *Handler) applyStepSave(w http.ResponseWriter, r *request, step string) error {
	if step == stepReview {
		return h.applySubmit(w, r)
	}
	a, p, err := h.loadMine(r)
	if err != nil {
		return err
	}
	if step == stepDocuments {
		return h.applyDocuments(w, r, a, p)
	}
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := r.PostForm
	if a.Status != application.Draft {
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, ""), http.StatusSeeOther)
		return nil
	}
	// "Use this answer": fill the textarea from an earlier answer, save nothing yet.
	if use := v.Get("use"); step == stepQuestions && use != "" {
		return h.reuseAnswer(w, r, a, p, v, use)
	}
	// The version the form was rendered at: a tab left open while another
	// saved gets a conflict, never a silent overwrite of the newer answers.
	if fv := v.Get("version"); fv != "" {
		n, err := strconv.Atoi(fv)
		if err != nil {
			return errBadInput
		}
		a.Version = n
	}
	applyForm(a, p, step, v)
	err = h.App.SaveDraft(r.Context(), r.User, a)
	if done, rerr := h.stepError(w, r, a, p, step, v, err); done {
		return rerr
	}
	return h.afterSave(w, r, a, p, step, v.Get("action"))
}

// stepError re-renders the step for an error the applicant can act on;
// done is false when there was none.
func (h *Handler) stepError(w http.ResponseWriter, r *request, a *application.Application, p *posting.Posting,
	step string, v url.Values, err error) (bool, error) {
	var ps valid.Problems
	var ae *application.Error
	switch {
	case err == nil:
		return false, nil
	case errors.As(err, &ps):
		fresh, _, lerr := h.loadMine(r)
		if lerr != nil {
			return true, lerr
		}
		d := h.newApplyView(r, fresh, p, step, v)
		d.addProblems(r.Lang, ps)
		if step == stepQuestions {
			h.addPast(r, d)
		}
		return true, h.renderStep(w, r, http.StatusUnprocessableEntity, d)
	case errors.Is(err, app.ErrClosed):
		d := h.newApplyView(r, a, p, step, v)
		d.Closed = h.closedMessage(r.Lang, p)
		d.Problems = append(d.Problems, profileProblem{Href: "#apply-form", Msg: d.Closed})
		return true, h.renderStep(w, r, http.StatusConflict, d)
	case errors.Is(err, app.ErrConflict):
		// Show what they typed, at the stored version: saving again (having
		// read the message) replaces the other tab's answers on purpose.
		fresh, _, lerr := h.loadMine(r)
		if lerr != nil {
			return true, lerr
		}
		d := h.newApplyView(r, fresh, p, step, v)
		d.Problems = append(d.Problems, profileProblem{Href: "#apply-form", Msg: h.Msgs.T(r.Lang, "apply.conflict", nil)})
		if step == stepQuestions {
			h.addPast(r, d)
		}
		return true, h.renderStep(w, r, http.StatusConflict, d)
	case errors.As(err, &ae):
		return true, h.applyNotice(w, r, http.StatusConflict, p, ae.Msg.In(r.Lang), a.ID)
	}
	return true, appErr(err)
}

func (h *Handler) afterSave(w http.ResponseWriter, r *request, a *application.Application, p *posting.Posting, step, action string) error {
	if action == "autosave" { // apply.js saving as the applicant types: nothing to show
		w.Header().Set("X-Pathways-Version", strconv.Itoa(a.Version)) // the form's next version
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	if action == "later" {
		msg := h.Msgs.T(r.Lang, "apply.saved.later", map[string]any{"Title": p.Title.In(r.Lang)})
		if c := closingText(p, r.Lang); c != "" {
			msg += " " + h.Msgs.T(r.Lang, "apply.saved.until", map[string]any{"When": c})
		}
		h.flash(r, msg)
		http.Redirect(w, r.Request, "/"+string(r.Lang)+"/applications", http.StatusSeeOther)
		return nil
	}
	h.flash(r, h.Msgs.T(r.Lang, "apply.saved", nil))
	http.Redirect(w, r.Request, appURL(r.Lang, a.ID, "/"+nextStep(p, step)), http.StatusSeeOther)
	return nil
}

func (h *Handler) reuseAnswer(w http.ResponseWriter, r *request, a *application.Application, p *posting.Posting, v url.Values, use string) error {
	qid, err := strconv.ParseInt(use, 10, 64)
	if err != nil {
		return errBadInput
	}
	field := application.ResponseField(qid)
	pick := v.Get("reuse_" + strconv.FormatInt(qid, 10))
	d := h.newApplyView(r, a, p, stepQuestions, v)
	h.addPast(r, d)
	found := false
	if appID, qual, ok := strings.Cut(pick, "-"); ok && pick != "" {
		past, err := h.App.PastAnswers(r.Context(), r.User)
		if err != nil {
			return err
		}
		for _, pa := range past {
			if strconv.FormatInt(pa.ApplicationID, 10) == appID && strconv.FormatInt(pa.QualificationID, 10) == qual {
				v.Set(field, pa.Text)
				found = true
				break
			}
		}
	}
	if !found {
		msg := h.Msgs.T(r.Lang, "apply.reuse.choose", nil)
		d.Errs["reuse_"+use] = append(d.Errs["reuse_"+use], msg)
		d.Problems = append(d.Problems, profileProblem{Href: "#reuse_" + use, Msg: msg})
		return h.renderStep(w, r, http.StatusUnprocessableEntity, d)
	}
	d = h.newApplyView(r, a, p, stepQuestions, v) // recount
	h.addPast(r, d)
	page := h.appPage(r, h.Msgs.T(r.Lang, "apply.step."+stepQuestions, nil), d)
	page.Flash = h.Msgs.T(r.Lang, "apply.reuse.done", nil)
	return h.R.Render(w, http.StatusOK, "apply", page)
}

// applyDocuments saves the documents step: files chosen are attached
// (replacing the one of their kind), a "remove" button removes one.
func (h *Handler) applyDocuments(w http.ResponseWriter, r *request, a *application.Application, p *posting.Posting) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBody)
	if err := r.ParseMultipartForm(8 << 20); err != nil { // beyond 8 MB in memory, parts go to temporary files
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			var ps valid.Problems
			field := "apply-form"
			if len(p.Documents) > 0 {
				field = application.DocumentField(p.Documents[0])
			}
			ps.Add(field, "The files are larger than 5 MB each. Attach smaller files, for example by saving them as PDF with smaller images.",
				"Les fichiers dépassent 5 Mo chacun. Joignez des fichiers plus petits, par exemple en les enregistrant en PDF avec des images plus petites.")
			d := h.newApplyView(r, a, p, stepDocuments, url.Values{})
			d.addProblems(r.Lang, ps)
			return h.renderStep(w, r, http.StatusRequestEntityTooLarge, d)
		}
		return errBadInput
	}
	defer r.MultipartForm.RemoveAll()
	v := url.Values(r.MultipartForm.Value)
	if a.Status != application.Draft {
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, ""), http.StatusSeeOther)
		return nil
	}
	if rm := v.Get("remove"); rm != "" {
		docID, err := strconv.ParseInt(rm, 10, 64)
		if err != nil {
			return errBadInput
		}
		err = h.App.RemoveDocument(r.Context(), r.User, a.ID, docID)
		if done, rerr := h.stepError(w, r, a, p, stepDocuments, v, err); done {
			return rerr
		}
		h.flash(r, h.Msgs.T(r.Lang, "apply.doc.removed", nil))
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, "/"+stepDocuments), http.StatusSeeOther)
		return nil
	}
	var ps valid.Problems
	for _, k := range p.Documents {
		field := application.DocumentField(k)
		files := r.MultipartForm.File[field]
		if len(files) == 0 || files[0].Filename == "" {
			continue
		}
		f, err := files[0].Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(f, application.MaxDocumentBytes+1))
		f.Close()
		if err != nil {
			return err
		}
		_, err = h.App.AttachDocument(r.Context(), r.User, a.ID, k, files[0].Filename, data)
		var fps valid.Problems
		switch {
		case errors.As(err, &fps):
			ps = append(ps, fps...)
		case err != nil:
			if done, rerr := h.stepError(w, r, a, p, stepDocuments, v, err); done {
				return rerr
			}
		}
	}
	if len(ps) > 0 {
		_, rerr := h.stepError(w, r, a, p, stepDocuments, v, ps)
		return rerr
	}
	return h.afterSave(w, r, a, p, stepDocuments, v.Get("action"))
}

// ---- Review and submission.

func (h *Handler) applySubmit(w http.ResponseWriter, r *request) error {
	a, p, err := h.loadMine(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	v := r.PostForm
	if a.Status == application.Withdrawn {
		return h.applyNotice(w, r, http.StatusConflict, p, application.ErrWithdrawn.Msg.In(r.Lang), a.ID)
	}
	if a.Status != application.Draft {
		// Submitted already (a second click, another tab): the same application.
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, "/confirmation"), http.StatusSeeOther)
		return nil
	}
	rerender := func(status int, ps valid.Problems, extra string) error {
		d := h.newApplyView(r, a, p, stepReview, v)
		h.reviewProblems(r, d)
		if extra != "" {
			d.Problems = append(d.Problems, profileProblem{Href: "#apply-form", Msg: extra})
		}
		if v.Get("declaration") != "yes" {
			msg := h.Msgs.T(r.Lang, "apply.declaration.required", nil)
			d.Errs["declaration"] = append(d.Errs["declaration"], msg)
			d.Problems = append(d.Problems, profileProblem{Href: "#declaration", Msg: msg})
		}
		if len(ps) > 0 && (len(ps) > 1 || ps[0].Field != "email") {
			d.Missing = nil // the app layer's problems list it all, in the summary
		}
		d.addProblems(r.Lang, ps)
		return h.renderStep(w, r, status, d)
	}
	if v.Get("declaration") != "yes" {
		return rerender(http.StatusUnprocessableEntity, nil, "")
	}
	done, err := h.App.Submit(r.Context(), r.User, a.ID, v.Get("signature"))
	var ps valid.Problems
	switch {
	case errors.As(err, &ps):
		return rerender(http.StatusUnprocessableEntity, ps, "")
	case errors.Is(err, app.ErrClosed):
		return rerender(http.StatusConflict, nil, h.closedMessage(r.Lang, p))
	case errors.Is(err, app.ErrWithdrawn):
		return h.applyNotice(w, r, http.StatusConflict, p, application.ErrWithdrawn.Msg.In(r.Lang), a.ID)
	case errors.Is(err, app.ErrConflict):
		return rerender(http.StatusConflict, nil, h.Msgs.T(r.Lang, "apply.conflict", nil))
	case err != nil:
		return appErr(err)
	}
	http.Redirect(w, r.Request, appURL(r.Lang, done.ID, "/confirmation"), http.StatusSeeOther)
	return nil
}

type confirmationView struct {
	A         *application.Application
	P         *posting.Posting
	Email     string
	Submitted string
}

// applyConfirmation shows the confirmation number: only for an application
// the store has committed as submitted.
func (h *Handler) applyConfirmation(w http.ResponseWriter, r *request) error {
	a, p, err := h.loadMine(r)
	if err != nil {
		return err
	}
	if a.Status == application.Draft || a.Confirmation == "" {
		http.Redirect(w, r.Request, appURL(r.Lang, a.ID, "/"+stepReview), http.StatusSeeOther)
		return nil
	}
	d := confirmationView{A: a, P: p, Email: r.User.Email, Submitted: posting.FormatDateTime(inPostingZone(a.SubmittedAt, p), r.Lang)}
	return h.R.Render(w, http.StatusOK, "apply_confirmation", h.appPage(r, h.Msgs.T(r.Lang, "apply.confirmation.title", nil), d))
}

func inPostingZone(t time.Time, p *posting.Posting) time.Time {
	if loc, err := posting.LoadZone(p.TimeZone); err == nil {
		return t.In(loc)
	}
	return t.UTC()
}

// ---- Documents.

// serveDocument sends a document as a download, never rendered in place.
func serveDocument(w http.ResponseWriter, d application.Document, data []byte) {
	ct := d.ContentType
	if ct != application.PDF && ct != application.DOCX {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

func (h *Handler) applicantDocument(w http.ResponseWriter, r *request) error {
	appID, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	docID, err2 := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	if err1 != nil || err2 != nil {
		return errNotFound
	}
	d, data, err := h.App.Document(r.Context(), r.User, appID, docID)
	if err != nil {
		return appErr(err)
	}
	serveDocument(w, d, data)
	return nil
}

// colon is the colon with the spacing of l's typography: "Title: text",
// « Titre : texte ».
func colon(l lang.Lang) string {
	if l == lang.FR {
		return "\u00a0: "
	}
	return ": "
}

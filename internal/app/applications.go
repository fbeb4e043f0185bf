package app

// Applications: the API the web layer builds the applicant's and staff's
// application pages on. Authorization is decided here, for every call:
//
//   - An applicant (auth.Applicant, active) reaches only their own
//     applications: any other id gives ErrNotFound, exactly as an id that does
//     not exist, so ids cannot be probed. Staff calling applicant functions
//     get ErrForbidden.
//   - Staff need auth.ViewApplications on the posting's organization to read
//     (every read is written to the audit log in the read's transaction) and
//     auth.MoveApplication to change a status; otherwise ErrForbidden. The
//     accommodation request is blanked unless auth.ViewAccommodation (the
//     organization's HR advisors only). Staff never see drafts (ErrNotFound).
//
// Errors the pages explain (errors.Is / errors.As):
//
//   - valid.Problems: bad or missing input, tied to form fields
//     ("eligibility_<id>", "response_<id>", "document_<kind>", "declaration",
//     "accommodation", "profile", "note", "status"); nothing was changed.
//   - ErrClosed: the posting does not accept applications (now or any more).
//   - ErrWithdrawn: the application was withdrawn; it cannot be changed,
//     resubmitted, or started again for that posting.
//   - ErrSubmitted: the application is no longer a draft and cannot be edited.
//   - ErrConflict: it changed since the page was loaded (stale version): reload.
//   - ErrNotFound, ErrForbidden: as above.
//   - *application.TransitionError: the state machine does not allow the move.
//
// Every *application.Error and *application.TransitionError has Message()
// (lang.Text) for the page to show.
//
// The functions, for applicants:
//
//	StartApplication(ctx, u, postingID) (*application.Application, *posting.Posting, error)
//	    the draft for this posting, created on first call (the posting must be
//	    open); an existing application of any status is returned as is, with
//	    ErrWithdrawn alongside when it was withdrawn.
//	MyApplication(ctx, u, id) (*application.Application, *posting.Posting, error)
//	SaveDraft(ctx, u, a) error               answers, keep-on-file, accommodation (a.Version must be current)
//	AttachDocument(ctx, u, appID, kind, filename, data) (*application.Document, error)
//	RemoveDocument(ctx, u, appID, docID) error
//	Document(ctx, u, appID, docID) (application.Document, []byte, error)   owner, or staff with ViewApplications
//	Submit(ctx, u, appID, declaration) (*application.Application, error)    idempotent: one application, one email
//	Withdraw(ctx, u, appID) (*application.Application, error)
//	MyApplications(ctx, u) ([]ApplicationSummary, error)                   the dashboard, newest change first
//	PastAnswers(ctx, u) ([]PastAnswer, error)                              earlier answers to reuse
//
// For staff:
//
//	StaffApplication(ctx, staff, id) (*application.Application, *posting.Posting, error)   audited
//	StaffApplications(ctx, staff, postingID) ([]StaffSummary, *posting.Posting, error)    audited
//	MoveApplication(ctx, staff, id, version, to, note) (*application.Application, error)
//	NextStatuses(a) []application.Status                                   what staff may move it to
//
// And the deadline reminders: SendDueReminders(ctx) and RunReminders(ctx, every).

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/valid"
)

// Errors of the application functions (see the top of this file).
var (
	ErrClosed    = application.ErrClosed
	ErrWithdrawn = application.ErrWithdrawn
	ErrSubmitted = application.ErrSubmitted
)

// Types the application functions return.
type (
	ApplicationSummary = store.ApplicationSummary
	PastAnswer         = store.PastAnswer
	StaffSummary       = store.StaffSummary
)

// MaxNoteRunes bounds staff's note on a status change.
const MaxNoteRunes = 1000

// MaxFilenameRunes bounds the stored name of an attached file.
const MaxFilenameRunes = 150

// applicantOnly is the access rule for applicant functions: an active
// applicant account. Which application is theirs is checked by user id.
func applicantOnly(u *auth.User) error {
	if !u.Active() || u.Role != auth.Applicant {
		return ErrForbidden
	}
	return nil
}

// ownApplication loads application id for applicant u, or ErrNotFound when
// it is not theirs (never telling whether it exists).
func (a *App) ownApplication(ctx context.Context, u *auth.User, id int64) (*application.Application, error) {
	if err := applicantOnly(u); err != nil {
		return nil, err
	}
	app, err := a.DB.Application(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (app.UserID != u.ID || app.UserID == 0)) {
		return nil, ErrNotFound
	}
	return app, err
}

// StartApplication returns u's application to posting postingID, starting a
// draft when there is none: the posting must then be open
// (application.Open), else ErrClosed. A posting the public cannot see is
// ErrNotFound. An existing application is returned whatever its status; a
// withdrawn one comes with ErrWithdrawn (the page can still show it).
func (a *App) StartApplication(ctx context.Context, u *auth.User, postingID int64) (*application.Application, *posting.Posting, error) {
	if err := applicantOnly(u); err != nil {
		return nil, nil, err
	}
	p, err := a.PublicPosting(ctx, postingID)
	if err != nil {
		return nil, nil, err
	}
	existing, err := a.DB.ApplicationOf(ctx, u.ID, postingID)
	switch {
	case err == nil:
		return existing, p, withdrawnErr(existing)
	case !errors.Is(err, store.ErrNotFound):
		return nil, nil, err
	}
	if !application.Open(p, a.Now()) {
		return nil, p, ErrClosed
	}
	app, _, err := a.DB.StartApplication(ctx, u.ID, postingID, p.KeepOnFile, a.Now())
	if err != nil {
		return nil, nil, err
	}
	return app, p, withdrawnErr(app)
}

func withdrawnErr(app *application.Application) error {
	if app.Status == application.Withdrawn {
		return ErrWithdrawn
	}
	return nil
}

// MyApplication returns u's application id and its posting.
func (a *App) MyApplication(ctx context.Context, u *auth.User, id int64) (*application.Application, *posting.Posting, error) {
	app, err := a.ownApplication(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := a.DB.Posting(ctx, app.PostingID)
	if err != nil {
		return nil, nil, err
	}
	return app, p, nil
}

// editableDraft loads u's draft id and its posting, refusing anything but a
// draft to an open posting.
func (a *App) editableDraft(ctx context.Context, u *auth.User, id int64) (*application.Application, *posting.Posting, error) {
	app, p, err := a.MyApplication(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case app.Status == application.Withdrawn:
		return nil, nil, ErrWithdrawn
	case app.Status != application.Draft:
		return nil, nil, ErrSubmitted
	case !application.Open(p, a.Now()):
		return nil, nil, ErrClosed
	}
	return app, p, nil
}

// SaveDraft saves what u entered in draft d: d.ID, d.Version (as loaded),
// d.Answers, d.KeepOnFile and d.Accommodation; every other field is ignored.
// Answers are normalized (line endings, surrounding space; empty answers
// dropped) and checked (application.CheckDraft): problems give
// valid.Problems and change nothing. On success d.Version is the new version.
func (a *App) SaveDraft(ctx context.Context, u *auth.User, d *application.Application) error {
	stored, p, err := a.editableDraft(ctx, u, d.ID)
	if err != nil {
		return err
	}
	stored.Answers = application.Answers{
		Eligibility: copyMap(d.Answers.Eligibility),
		Responses:   copyMap(d.Answers.Responses),
	}
	stored.Answers.Normalize()
	stored.KeepOnFile = d.KeepOnFile
	stored.Accommodation = application.NormalizeText(d.Accommodation)
	stored.Version = d.Version
	if ps := stored.CheckDraft(p); len(ps) > 0 {
		return ps
	}
	if err := a.DB.SaveDraft(ctx, stored, a.Now()); err != nil {
		return err
	}
	d.Version, d.UpdatedAt = stored.Version, stored.UpdatedAt
	d.Answers, d.Accommodation = stored.Answers, stored.Accommodation
	return nil
}

func copyMap[V any](m map[int64]V) map[int64]V {
	if m == nil {
		return nil
	}
	out := make(map[int64]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// AttachDocument attaches data as the document of kind to u's draft appID,
// replacing the one of that kind. The kind must be one the posting asks for,
// and the content a PDF or DOCX of at most application.MaxDocumentBytes
// (application.DetectDocument: the name and the browser's type are not
// trusted); otherwise valid.Problems on "document_<kind>". The stored file
// name is cleaned and given the extension of the detected type.
func (a *App) AttachDocument(ctx context.Context, u *auth.User, appID int64, kind posting.DocumentKind, filename string, data []byte) (*application.Document, error) {
	_, p, err := a.editableDraft(ctx, u, appID)
	if err != nil {
		return nil, err
	}
	field := application.DocumentField(kind)
	var ps valid.Problems
	contentType, ok := application.DetectDocument(data)
	switch {
	case !kind.Valid() || !containsKind(p.Documents, kind):
		ps.Add(field, "This posting does not ask for this document.", "Cette offre ne demande pas ce document.")
	case len(data) == 0:
		ps.Add(field, "Choose a file to attach: the file you chose is empty.", "Choisissez un fichier à joindre : le fichier choisi est vide.")
	case len(data) > application.MaxDocumentBytes:
		ps.Add(field, "The file is larger than 5 MB. Attach a smaller file, for example by saving it as PDF with smaller images.",
			"Le fichier dépasse 5 Mo. Joignez un fichier plus petit, par exemple en l'enregistrant en PDF avec des images plus petites.")
	case !ok:
		ps.Add(field, "The file must be a PDF or a Word document (DOCX). Save it in one of those formats and attach it again.",
			"Le fichier doit être un PDF ou un document Word (DOCX). Enregistrez-le dans l'un de ces formats et joignez-le de nouveau.")
	}
	if len(ps) > 0 {
		return nil, ps
	}
	sum := sha256.Sum256(data)
	d := &application.Document{Kind: string(kind), Filename: cleanFilename(filename, contentType),
		ContentType: contentType, SHA256: hex.EncodeToString(sum[:])}
	if err := a.DB.PutDocument(ctx, appID, d, data, a.Now()); err != nil {
		return nil, err
	}
	return d, nil
}

func containsKind(ks []posting.DocumentKind, k posting.DocumentKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// cleanFilename keeps the base name of what the browser sent, without
// control or path characters, at most MaxFilenameRunes, ending in the
// extension of the detected content type (so a download opens as what it is).
func cleanFilename(name, contentType string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	ext := application.Extension(contentType)
	base := strings.TrimSpace(strings.TrimSuffix(name, path.Ext(name)))
	if base == "" || base == "." {
		base = "document"
	}
	if r := []rune(base); len(r) > MaxFilenameRunes {
		base = string(r[:MaxFilenameRunes])
	}
	return base + ext
}

// RemoveDocument removes document docID from u's draft appID.
func (a *App) RemoveDocument(ctx context.Context, u *auth.User, appID, docID int64) error {
	if _, _, err := a.editableDraft(ctx, u, appID); err != nil {
		return err
	}
	return a.DB.RemoveDocument(ctx, appID, docID, a.Now())
}

// Document returns document docID of application appID with its content:
// for its applicant, or for staff with ViewApplications on the posting's
// organization (the read is audited).
func (a *App) Document(ctx context.Context, u *auth.User, appID, docID int64) (application.Document, []byte, error) {
	if u.Active() && u.Role == auth.Applicant {
		if _, err := a.ownApplication(ctx, u, appID); err != nil {
			return application.Document{}, nil, err
		}
		return a.DB.Document(ctx, appID, docID)
	}
	if err := a.staffMay(ctx, u, auth.ViewApplications, appID); err != nil {
		return application.Document{}, nil, err
	}
	return a.DB.StaffReadDocument(ctx, appID, docID, u.ID, a.Now())
}

// Submit submits u's draft appID with the declaration signed with their name.
// Everything is checked again in the submission's transaction: the deadline
// (ErrClosed), completeness and the profile (valid.Problems). The application
// is returned once it is durably committed, with its confirmation number;
// submitting again (double click, retry, two tabs) returns the same
// application and sends no second email.
func (a *App) Submit(ctx context.Context, u *auth.User, appID int64, declaration string) (*application.Application, error) {
	if err := applicantOnly(u); err != nil {
		return nil, err
	}
	if u.EmailVerifiedAt.IsZero() {
		// The confirmation and every status change go to this address: it must work.
		if _, err := a.ownApplication(ctx, u, appID); err != nil {
			return nil, err // someone else's application stays not found
		}
		var ps valid.Problems
		ps.Add("email", "Confirm your email address before you submit: open the link we sent you, or ask for a new one on your account page.",
			"Confirmez votre adresse courriel avant de soumettre : ouvrez le lien que nous vous avons envoyé, ou demandez-en un nouveau sur la page de votre compte.")
		return nil, ps.Err()
	}
	res, err := a.DB.Submit(ctx, store.SubmitRequest{ApplicationID: appID, UserID: u.ID, Declaration: declaration,
		Now: a.Now, Confirmation: a.confirmationMail})
	if err != nil {
		return nil, err
	}
	if res.BucketChanged {
		a.reindexOne(res.Posting) // the public count bucket moved
	}
	if res.Submitted {
		a.Log.Info("application submitted", "application", res.Application.ID, "posting", res.Posting.ID)
	}
	return res.Application, nil
}

// Withdraw withdraws u's application appID (from any open status). It cannot
// be resubmitted or started again. The applicant is emailed if they want
// status emails. Withdrawing twice returns the withdrawn application.
func (a *App) Withdraw(ctx context.Context, u *auth.User, appID int64) (*application.Application, error) {
	if err := applicantOnly(u); err != nil {
		return nil, err
	}
	res, err := a.DB.Withdraw(ctx, appID, u.ID, a.Now(), a.statusMail)
	if err != nil {
		return nil, err
	}
	if res.BucketChanged {
		a.reindexOne(res.Posting)
	}
	return res.Application, nil
}

// MyApplications returns u's applications for the dashboard, most recently
// changed first.
func (a *App) MyApplications(ctx context.Context, u *auth.User) ([]ApplicationSummary, error) {
	if err := applicantOnly(u); err != nil {
		return nil, err
	}
	return a.DB.UserApplications(ctx, u.ID)
}

// PastAnswers returns u's earlier screening answers with the qualification
// each answered, newest first, for the applicant to pick from and edit.
func (a *App) PastAnswers(ctx context.Context, u *auth.User) ([]PastAnswer, error) {
	if err := applicantOnly(u); err != nil {
		return nil, err
	}
	return a.DB.PastAnswers(ctx, u.ID)
}

// staffMay checks that staff member u may take action on application id:
// the action on its posting's organization, and the application submitted
// (what was never submitted is the applicant's own: ErrNotFound).
func (a *App) staffMay(ctx context.Context, u *auth.User, action auth.Action, id int64) error {
	if !u.Active() || !u.Role.IsStaff() {
		return ErrForbidden
	}
	org, submitted, err := a.DB.ApplicationOrg(ctx, id)
	if err != nil {
		return err
	}
	if !submitted { // a draft, or a draft withdrawn unsent: the applicant's own
		return ErrNotFound
	}
	if !auth.Can(u, action, org) {
		return ErrForbidden
	}
	return nil
}

// StaffApplication returns application id for staff, recording the read in
// the audit log. The accommodation request is blanked unless the staff
// member may see it (auth.ViewAccommodation).
func (a *App) StaffApplication(ctx context.Context, staff *auth.User, id int64) (*application.Application, *posting.Posting, error) {
	if err := a.staffMay(ctx, staff, auth.ViewApplications, id); err != nil {
		return nil, nil, err
	}
	app, err := a.DB.StaffReadApplication(ctx, id, staff.ID, a.Now())
	if err != nil {
		return nil, nil, err
	}
	p, err := a.DB.Posting(ctx, app.PostingID)
	if err != nil {
		return nil, nil, err
	}
	blankAccommodation(staff, app, p)
	return app, p, nil
}

// blankAccommodation removes the private accommodation request from app
// unless staff may see it: HR advisors of the posting's organization only.
func blankAccommodation(staff *auth.User, app *application.Application, p *posting.Posting) {
	if !auth.Can(staff, auth.ViewAccommodation, p.OrgCode) {
		app.Accommodation = ""
	}
}

// StaffApplications lists the submitted applications to posting postingID
// for staff with ViewApplications on its organization (audited).
func (a *App) StaffApplications(ctx context.Context, staff *auth.User, postingID int64) ([]StaffSummary, *posting.Posting, error) {
	p, err := a.DB.Posting(ctx, postingID)
	if err != nil {
		return nil, nil, err
	}
	if !auth.Can(staff, auth.ViewApplications, p.OrgCode) {
		return nil, nil, ErrForbidden
	}
	list, err := a.DB.PostingApplications(ctx, postingID, staff.ID, a.Now())
	return list, p, err
}

// NextStatuses lists the statuses staff may move app to (for the form).
func NextStatuses(app *application.Application) []application.Status {
	return application.Next(app.Status, application.ByStaff, app.KeepOnFile)
}

// MoveApplication moves application id, as staff saw it at version, to
// status to, with an optional note shown to the applicant (at most
// MaxNoteRunes). The applicant is emailed if they want status emails.
func (a *App) MoveApplication(ctx context.Context, staff *auth.User, id int64, version int, to application.Status, note string) (*application.Application, error) {
	if err := a.staffMay(ctx, staff, auth.MoveApplication, id); err != nil {
		return nil, err
	}
	note = application.NormalizeText(note)
	var ps valid.Problems
	if !to.Valid() {
		ps.Add("status", "Choose a status.", "Choisissez un statut.")
	}
	if n := utf8.RuneCountInString(note); n > MaxNoteRunes {
		ps.Add("note", fmt.Sprintf("Shorten the note to %d characters or fewer (it has %d).", MaxNoteRunes, n),
			fmt.Sprintf("Raccourcissez la note à %d caractères ou moins (elle en compte %d).", MaxNoteRunes, n))
	}
	if len(ps) > 0 {
		return nil, ps
	}
	res, err := a.DB.MoveApplication(ctx, store.MoveRequest{ApplicationID: id, Version: version, To: to,
		ActorID: staff.ID, Note: note, Now: a.Now(), Compose: a.statusMail})
	if err != nil {
		return nil, err
	}
	if res.BucketChanged {
		a.reindexOne(res.Posting)
	}
	blankAccommodation(staff, res.Application, res.Posting)
	return res.Application, nil
}

// ApplicationLink is the address of an application's page in language l.
func (a *App) ApplicationLink(l lang.Lang, id int64) string {
	return fmt.Sprintf("%s/%s/applications/%d", strings.TrimRight(a.BaseURL, "/"), l, id)
}

// mailLang is the language to write to a recipient in.
func mailLang(to store.Recipient) lang.Lang {
	if l, ok := lang.Parse(string(to.Lang)); ok {
		return l
	}
	return lang.EN
}

// confirmationData fills templates/confirmation.*.txt.
type confirmationData struct {
	Name, Title, Confirmation, SubmittedAt, Link string
}

func (a *App) confirmationMail(to store.Recipient, app *application.Application, p *posting.Posting) (*mail.Message, error) {
	l := mailLang(to)
	m, err := mail.Compose("confirmation", l, to.Email, confirmationData{
		Name: to.Name, Title: p.Title.In(l), Confirmation: app.Confirmation,
		SubmittedAt: posting.FormatDateTime(inZone(app.SubmittedAt, p), l), Link: a.ApplicationLink(l, app.ID),
	})
	return &m, err
}

// statusData fills templates/status.*.txt.
type statusData struct {
	Name, Title, Confirmation, Status, Meaning, Note, Link string
}

// statusMail is the email for a change of status, sent only to applicants
// who want status emails (users.notify_status).
func (a *App) statusMail(to store.Recipient, app *application.Application, p *posting.Posting) (*mail.Message, error) {
	if !to.NotifyStatus {
		return nil, nil
	}
	l := mailLang(to)
	note := ""
	if n := len(app.History); n > 0 {
		note = app.History[n-1].Note
	}
	m, err := mail.Compose("status", l, to.Email, statusData{
		Name: to.Name, Title: p.Title.In(l), Confirmation: app.Confirmation,
		Status: app.Status.Name(l), Meaning: app.Status.Meaning(l), Note: note, Link: a.ApplicationLink(l, app.ID),
	})
	return &m, err
}

// reminderData fills templates/reminder.*.txt.
type reminderData struct {
	Name, Title, Closes, Link string
}

func (a *App) reminderMail(to store.Recipient, app *application.Application, p *posting.Posting) (*mail.Message, error) {
	l := mailLang(to)
	m, err := mail.Compose("reminder", l, to.Email, reminderData{
		Name: to.Name, Title: p.Title.In(l), Closes: posting.FormatDateTime(p.ClosingLocal(), l),
		Link: a.ApplicationLink(l, app.ID),
	})
	return &m, err
}

func inZone(t time.Time, p *posting.Posting) time.Time {
	if loc, err := posting.LoadZone(p.TimeZone); err == nil {
		return t.In(loc)
	}
	return t.UTC()
}

// reminderBatch is how many reminders one transaction queues.
const reminderBatch = 200

// SendDueReminders queues the deadline reminder for every draft whose
// posting closes within application.ReminderLead, once each, in batches of
// one transaction. It returns how many it queued.
func (a *App) SendDueReminders(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := a.DB.SendReminders(ctx, a.Now(), reminderBatch, a.reminderMail)
		total += n
		if err != nil || n < reminderBatch {
			return total, err
		}
	}
}

// RunReminders calls SendDueReminders every interval until ctx ends, logging
// failures (the next pass retries). Several server processes may run it: a
// reminder is marked sent in the transaction that queues it.
func (a *App) RunReminders(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := a.SendDueReminders(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			a.Log.Warn("deadline reminders failed", "err", err)
		case n > 0:
			a.Log.Info("deadline reminders queued", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

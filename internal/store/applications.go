package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pathways-gov/pathways/internal/application"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
)

// Recipient is the account an application belongs to, as read inside the
// transaction that emails it (so its preferences are current).
type Recipient struct {
	UserID          int64
	Email, Name     string
	Lang            lang.Lang
	NotifyStatus    bool
	NotifyReminders bool
}

// Compose builds the email a change to an application causes, from the
// application and its posting as they are after the change. It runs inside
// the transaction and must do no I/O; a nil message means no email (for
// example, the applicant turned status emails off).
type Compose func(to Recipient, a *application.Application, p *posting.Posting) (*mail.Message, error)

// applicationColumns lists the applications columns in scanApplication's order.
const applicationColumns = `id, posting_id, user_id, status, version, answers, keep_on_file, accommodation,
	declaration, snapshot, confirmation, created_at, updated_at, submitted_at, withdrawn_at, reminded_at`

func scanApplication(s scanner) (*application.Application, error) {
	var a application.Application
	var user sql.NullInt64
	var status, answers, snapshot string
	var confirmation sql.NullString
	var created, updated, submitted, withdrawn, reminded int64
	err := s.Scan(&a.ID, &a.PostingID, &user, &status, &a.Version, &answers, &a.KeepOnFile, &a.Accommodation,
		&a.Declaration, &snapshot, &confirmation, &created, &updated, &submitted, &withdrawn, &reminded)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: scan application: %w", err)
	}
	a.UserID, a.Status, a.Confirmation = user.Int64, application.Status(status), confirmation.String
	a.CreatedAt, a.UpdatedAt, a.SubmittedAt = fromMS(created), fromMS(updated), fromMS(submitted)
	a.WithdrawnAt, a.RemindedAt = fromMS(withdrawn), fromMS(reminded)
	if err := json.Unmarshal([]byte(answers), &a.Answers); err != nil {
		return nil, fmt.Errorf("store: decode application %d answers: %w", a.ID, err)
	}
	if snapshot != "" {
		a.Snapshot = new(profile.Profile)
		if err := json.Unmarshal([]byte(snapshot), a.Snapshot); err != nil {
			return nil, fmt.Errorf("store: decode application %d snapshot: %w", a.ID, err)
		}
	}
	return &a, nil
}

func encodeAnswers(a application.Answers) (string, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return "", fmt.Errorf("store: encode answers: %w", err)
	}
	return string(b), nil
}

// getApplication reads application id with its documents' metadata and its history.
func (t *Tx) getApplication(ctx context.Context, id int64) (*application.Application, error) {
	a, err := scanApplication(t.queryRow(ctx, `SELECT `+applicationColumns+` FROM applications WHERE id = $1`, id))
	if err != nil {
		return nil, err
	}
	if a.Documents, err = t.documents(ctx, id); err != nil {
		return nil, err
	}
	if a.History, err = t.history(ctx, id); err != nil {
		return nil, err
	}
	return a, nil
}

func (t *Tx) documents(ctx context.Context, appID int64) ([]application.Document, error) {
	rows, err := t.query(ctx, `SELECT id, kind, filename, content_type, size, sha256, created_at
		FROM documents WHERE application_id = $1 ORDER BY id`, appID)
	if err != nil {
		return nil, fmt.Errorf("store: documents of application %d: %w", appID, err)
	}
	defer rows.Close()
	var out []application.Document
	for rows.Next() {
		var d application.Document
		var created int64
		if err := rows.Scan(&d.ID, &d.Kind, &d.Filename, &d.ContentType, &d.Size, &d.SHA256, &created); err != nil {
			return nil, fmt.Errorf("store: scan document: %w", err)
		}
		d.CreatedAt = fromMS(created)
		out = append(out, d)
	}
	return out, rows.Err()
}

func (t *Tx) history(ctx context.Context, appID int64) ([]application.Event, error) {
	rows, err := t.query(ctx, `SELECT application_id, at, from_status, to_status, actor_id, note
		FROM application_events WHERE application_id = $1 ORDER BY at, id`, appID)
	if err != nil {
		return nil, fmt.Errorf("store: history of application %d: %w", appID, err)
	}
	defer rows.Close()
	var out []application.Event
	for rows.Next() {
		_, e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// scanEvent reads application_id, at, from_status, to_status, actor_id, note.
func scanEvent(s scanner) (int64, application.Event, error) {
	var e application.Event
	var appID, at int64
	var from, to string
	var actor sql.NullInt64
	if err := s.Scan(&appID, &at, &from, &to, &actor, &e.Note); err != nil {
		return 0, e, fmt.Errorf("store: scan event: %w", err)
	}
	e.At, e.From, e.To, e.ActorID = fromMS(at), application.Status(from), application.Status(to), actor.Int64
	return appID, e, nil
}

func (t *Tx) addEvent(ctx context.Context, appID int64, e application.Event) error {
	actor := sql.NullInt64{Int64: e.ActorID, Valid: e.ActorID != 0}
	_, err := t.exec(ctx, `INSERT INTO application_events (application_id, at, from_status, to_status, actor_id, note)
		VALUES ($1, $2, $3, $4, $5, $6)`, appID, ms(e.At), string(e.From), string(e.To), actor, e.Note)
	if err != nil {
		return fmt.Errorf("store: add event to application %d: %w", appID, err)
	}
	return nil
}

func (t *Tx) posting(ctx context.Context, id int64) (*posting.Posting, error) {
	return scanPosting(t.queryRow(ctx, `SELECT `+postingColumns+` FROM postings WHERE id = $1`, id))
}

func (t *Tx) recipient(ctx context.Context, userID int64) (Recipient, error) {
	r := Recipient{UserID: userID}
	var lng string
	err := t.queryRow(ctx, `SELECT email, name, lang, notify_status, notify_reminders FROM users WHERE id = $1`, userID).
		Scan(&r.Email, &r.Name, &lng, &r.NotifyStatus, &r.NotifyReminders)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("store: recipient %d: %w", userID, err)
	}
	r.Lang = lang.Lang(lng)
	return r, nil
}

// notify composes and queues the email a change causes, if any.
func (t *Tx) notify(ctx context.Context, compose Compose, a *application.Application, p *posting.Posting, now time.Time) error {
	if compose == nil || a.UserID == 0 {
		return nil
	}
	to, err := t.recipient(ctx, a.UserID)
	if err != nil {
		return err
	}
	m, err := compose(to, a, p)
	if err != nil || m == nil {
		return err
	}
	m.UserID = a.UserID
	return t.enqueueMail(ctx, *m, now)
}

// countSubmitted adds delta to the posting's count of submitted applications.
// The public sees the count only as a bucket (posting.BucketOf): when the
// bucket changes, the posting's updated_at moves too, so search indexes (in
// this process and others) pick the new bucket up; otherwise it stays, so a
// burst of submissions does not make every index re-read the posting. It
// updates p.ApplicationsReceived to the new count and reports whether
// the bucket changed.
func (t *Tx) countSubmitted(ctx context.Context, p *posting.Posting, delta int, now time.Time) (bool, error) {
	if delta == 0 {
		return false, nil
	}
	postingID := p.ID
	var n int
	err := t.queryRow(ctx, `UPDATE postings SET applications_received = applications_received + $1
		WHERE id = $2 RETURNING applications_received`, delta, postingID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: count applications of posting %d: %w", postingID, err)
	}
	p.ApplicationsReceived = n
	if posting.BucketOf(n) == posting.BucketOf(n-delta) {
		return false, nil
	}
	// updated_at only moves forward: a clock behind another server's must not
	// hide this change from an index that has seen a later one.
	if _, err := t.exec(ctx, `UPDATE postings SET updated_at = CASE WHEN updated_at < $1 THEN $1 ELSE updated_at + 1 END
		WHERE id = $2`, ms(now), postingID); err != nil {
		return false, fmt.Errorf("store: touch posting %d: %w", postingID, err)
	}
	return true, nil
}

func delta(from, to application.Status) int {
	switch {
	case !from.IsSubmitted() && to.IsSubmitted():
		return 1
	case from.IsSubmitted() && !to.IsSubmitted():
		return -1
	}
	return 0
}

// StartApplication returns userID's application to postingID, creating a
// draft (kept on file as keepOnFile says) when there is none. Concurrent
// calls give one row: the unique index on (user_id, posting_id) decides. It
// reports whether the draft was created now. Whether the posting accepts
// applications is the caller's to check before.
func (db *DB) StartApplication(ctx context.Context, userID, postingID int64, keepOnFile bool, now time.Time) (*application.Application, bool, error) {
	var a *application.Application
	created := false
	err := db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO applications (posting_id, user_id, status, keep_on_file, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_id, posting_id) DO NOTHING`,
			postingID, userID, string(application.Draft), keepOnFile, ms(now))
		if err != nil {
			return fmt.Errorf("store: start application of user %d to posting %d: %w", userID, postingID, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: start application: %w", err)
		}
		created = n == 1
		a, err = tx.applicationOf(ctx, userID, postingID)
		return err
	})
	return a, created, err
}

func (t *Tx) applicationOf(ctx context.Context, userID, postingID int64) (*application.Application, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM applications WHERE user_id = $1 AND posting_id = $2`, userID, postingID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: application of user %d to posting %d: %w", userID, postingID, err)
	}
	return t.getApplication(ctx, id)
}

// ApplicationOf returns userID's application to postingID, or ErrNotFound.
func (db *DB) ApplicationOf(ctx context.Context, userID, postingID int64) (*application.Application, error) {
	var a *application.Application
	err := db.read(ctx, func(tx *Tx) (err error) {
		a, err = tx.applicationOf(ctx, userID, postingID)
		return err
	})
	return a, err
}

// Application returns application id with its documents' metadata and its
// history, or ErrNotFound. Callers check who may see it.
func (db *DB) Application(ctx context.Context, id int64) (*application.Application, error) {
	var a *application.Application
	err := db.read(ctx, func(tx *Tx) (err error) {
		a, err = tx.getApplication(ctx, id)
		return err
	})
	return a, err
}

// ApplicationOrg returns the organization of the posting application id is
// to, and whether it was ever submitted, so staff access can be decided
// before an audited read.
func (db *DB) ApplicationOrg(ctx context.Context, id int64) (org string, submitted bool, err error) {
	err = db.read(ctx, func(tx *Tx) error {
		var at int64
		err := tx.queryRow(ctx, `SELECT p.org_code, a.submitted_at FROM applications a JOIN postings p ON p.id = a.posting_id
			WHERE a.id = $1`, id).Scan(&org, &at)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: organization of application %d: %w", id, err)
		}
		submitted = at != 0
		return nil
	})
	return org, submitted, err
}

// StaffReadApplication returns application id for staff member actorID and,
// in the same transaction, records the read in the audit log
// ("application.read", "application:<id>"): no read goes unrecorded.
func (db *DB) StaffReadApplication(ctx context.Context, id, actorID int64, now time.Time) (*application.Application, error) {
	var a *application.Application
	err := db.write(ctx, func(tx *Tx) (err error) {
		if a, err = tx.getApplication(ctx, id); err != nil {
			return err
		}
		return tx.audit(ctx, now, actorID, "application.read", fmt.Sprintf("application:%d", id), "")
	})
	return a, err
}

// SaveDraft saves a draft's answers, keep-on-file choice and accommodation
// request if nobody saved it since it was read at a.Version; it returns
// ErrConflict when someone did, application.ErrSubmitted or ErrWithdrawn when
// it is no longer a draft, and changes nothing then. On success a.Version
// and a.UpdatedAt are updated.
func (db *DB) SaveDraft(ctx context.Context, a *application.Application, now time.Time) error {
	answers, err := encodeAnswers(a.Answers)
	if err != nil {
		return err
	}
	err = db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE applications SET answers = $1, keep_on_file = $2, accommodation = $3,
			version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6 AND status = $7`,
			answers, a.KeepOnFile, a.Accommodation, ms(now), a.ID, a.Version, string(application.Draft))
		if err != nil {
			return fmt.Errorf("store: save draft %d: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		return tx.whyNotDraft(ctx, a.ID)
	})
	if err == nil {
		a.Version++
		a.UpdatedAt = fromMS(ms(now))
	}
	return err
}

// whyNotDraft explains why a change to draft id matched no row.
func (t *Tx) whyNotDraft(ctx context.Context, id int64) error {
	var status string
	err := t.queryRow(ctx, `SELECT status FROM applications WHERE id = $1`, id).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return fmt.Errorf("store: application %d: %w", id, err)
	case application.Status(status) == application.Withdrawn:
		return application.ErrWithdrawn
	case application.Status(status) != application.Draft:
		return application.ErrSubmitted
	}
	return ErrConflict
}

// requireDraft returns nil when application id is a draft, or why not.
func (t *Tx) requireDraft(ctx context.Context, id int64) error {
	// A conditional update first: on PostgreSQL it locks the row, so a
	// submission cannot commit between this check and the change the caller
	// makes next (SQLite has one writer at a time anyway).
	res, err := t.exec(ctx, `UPDATE applications SET updated_at = updated_at WHERE id = $1 AND status = $2`, id, string(application.Draft))
	if err != nil {
		return fmt.Errorf("store: application %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: application %d: %w", id, err)
	} else if n == 1 {
		return nil
	}
	var status string
	err = t.queryRow(ctx, `SELECT status FROM applications WHERE id = $1`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: application %d: %w", id, err)
	}
	return t.whyNotDraft(ctx, id)
}

// PutDocument attaches a document of d.Kind to draft appID, replacing the one
// of that kind if any (one per kind). d.ID and d.CreatedAt are set. The
// caller has checked the content (application.DetectDocument).
func (db *DB) PutDocument(ctx context.Context, appID int64, d *application.Document, data []byte, now time.Time) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.requireDraft(ctx, appID); err != nil {
			return err
		}
		err := tx.queryRow(ctx, `INSERT INTO documents (application_id, kind, filename, content_type, size, sha256, data, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (application_id, kind) DO UPDATE SET filename = excluded.filename, content_type = excluded.content_type,
				size = excluded.size, sha256 = excluded.sha256, data = excluded.data, created_at = excluded.created_at
			RETURNING id`, appID, d.Kind, d.Filename, d.ContentType, int64(len(data)), d.SHA256, data, ms(now)).Scan(&d.ID)
		if err != nil {
			return fmt.Errorf("store: attach document to application %d: %w", appID, err)
		}
		d.Size, d.CreatedAt = int64(len(data)), fromMS(ms(now))
		return tx.touch(ctx, appID, now)
	})
}

// touch marks an application changed without changing its version: a
// document upload does not make the form the applicant has open stale.
func (t *Tx) touch(ctx context.Context, appID int64, now time.Time) error {
	if _, err := t.exec(ctx, `UPDATE applications SET updated_at = $1 WHERE id = $2`, ms(now), appID); err != nil {
		return fmt.Errorf("store: touch application %d: %w", appID, err)
	}
	return nil
}

// RemoveDocument removes document docID from draft appID, or returns ErrNotFound.
func (db *DB) RemoveDocument(ctx context.Context, appID, docID int64, now time.Time) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.requireDraft(ctx, appID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM documents WHERE id = $1 AND application_id = $2`, docID, appID)
		if err != nil {
			return fmt.Errorf("store: remove document %d: %w", docID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return tx.touch(ctx, appID, now)
	})
}

// Document returns the metadata and content of document docID of
// application appID, or ErrNotFound.
func (db *DB) Document(ctx context.Context, appID, docID int64) (application.Document, []byte, error) {
	var d application.Document
	var data []byte
	err := db.read(ctx, func(tx *Tx) (err error) {
		d, data, err = tx.document(ctx, appID, docID)
		return err
	})
	return d, data, err
}

// StaffReadDocument is Document for staff member actorID, recording the read
// in the audit log ("application.document.read", "application:<id>",
// detail "document:<id>") in the same transaction.
func (db *DB) StaffReadDocument(ctx context.Context, appID, docID, actorID int64, now time.Time) (application.Document, []byte, error) {
	var d application.Document
	var data []byte
	err := db.write(ctx, func(tx *Tx) (err error) {
		if d, data, err = tx.document(ctx, appID, docID); err != nil {
			return err
		}
		return tx.audit(ctx, now, actorID, "application.document.read", fmt.Sprintf("application:%d", appID), fmt.Sprintf("document:%d", docID))
	})
	return d, data, err
}

func (t *Tx) document(ctx context.Context, appID, docID int64) (application.Document, []byte, error) {
	var d application.Document
	var data []byte
	var created int64
	err := t.queryRow(ctx, `SELECT id, kind, filename, content_type, size, sha256, created_at, data
		FROM documents WHERE id = $1 AND application_id = $2`, docID, appID).
		Scan(&d.ID, &d.Kind, &d.Filename, &d.ContentType, &d.Size, &d.SHA256, &created, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil, ErrNotFound
	}
	if err != nil {
		return d, nil, fmt.Errorf("store: document %d: %w", docID, err)
	}
	d.CreatedAt = fromMS(created)
	return d, data, nil
}

// SubmitRequest is an applicant's submission of their draft.
type SubmitRequest struct {
	ApplicationID int64
	UserID        int64  // the applicant; another user's application is ErrNotFound
	Declaration   string // the name signed
	Now           func() time.Time
	// Confirmation composes the confirmation email (required: the applicant
	// must be told their number, whatever their preferences).
	Confirmation Compose
}

// SubmitResult is what a submission did.
type SubmitResult struct {
	Application *application.Application
	Posting     *posting.Posting
	// Submitted is true when this call submitted the application, false when
	// it already was (a double click, a retry, a second tab): no second email.
	Submitted     bool
	BucketChanged bool // the posting's public count bucket moved
}

// maxConfirmationTries bounds retries on a confirmation number collision
// (50 random bits: a collision is very unlikely, never impossible).
const maxConfirmationTries = 3

// Submit submits draft r.ApplicationID in one transaction: it re-checks that
// the application is a draft and the posting open at r.Now() (taken inside
// the transaction), that the application is complete and the profile too
// (application.Complete, application.CheckProfile: valid.Problems), freezes a
// copy of the profile as the snapshot, sets the confirmation number and
// submission time, records the event, counts the application on the posting
// (see countSubmitted) and queues the confirmation email. A second call for
// an application already submitted returns it as it is, with the same
// confirmation number and no second email. A withdrawn one gives
// application.ErrWithdrawn; a closed posting application.ErrClosed.
func (db *DB) Submit(ctx context.Context, r SubmitRequest) (*SubmitResult, error) {
	if r.Now == nil {
		r.Now = time.Now
	}
	for try := 1; ; try++ {
		res, err := db.submitOnce(ctx, r, application.NewConfirmation())
		if errors.Is(err, errConfirmationTaken) && try < maxConfirmationTries {
			continue
		}
		return res, err
	}
}

var errConfirmationTaken = errors.New("store: confirmation number taken")

func (db *DB) submitOnce(ctx context.Context, r SubmitRequest, confirmation string) (*SubmitResult, error) {
	var res *SubmitResult
	err := db.write(ctx, func(tx *Tx) error {
		res = nil
		// Lock the row first (PostgreSQL): a document upload or removal in
		// another tab waits, and what is read below is what gets submitted.
		if _, err := tx.exec(ctx, `UPDATE applications SET updated_at = updated_at WHERE id = $1`, r.ApplicationID); err != nil {
			return fmt.Errorf("store: submit application %d: %w", r.ApplicationID, err)
		}
		a, err := tx.getApplication(ctx, r.ApplicationID)
		if err != nil {
			return err
		}
		if a.UserID != r.UserID || a.UserID == 0 {
			return ErrNotFound
		}
		p, err := tx.posting(ctx, a.PostingID)
		if err != nil {
			return err
		}
		switch {
		case a.Status == application.Withdrawn:
			return application.ErrWithdrawn
		case a.Status != application.Draft:
			res = &SubmitResult{Application: a, Posting: p}
			return nil
		}
		now := r.Now()
		if !application.Open(p, now) {
			return application.ErrClosed
		}
		snapshot, prof, err := tx.profileData(ctx, a.UserID)
		if err != nil {
			return err
		}
		problems := a.Complete(p, r.Declaration)
		problems = append(problems, application.CheckProfile(prof)...)
		if err := problems.Err(); err != nil {
			return err
		}
		declaration := application.NormalizeText(r.Declaration)
		upd, err := tx.exec(ctx, `UPDATE applications SET status = $1, version = version + 1, declaration = $2, snapshot = $3,
			confirmation = $4, submitted_at = $5, updated_at = $5 WHERE id = $6 AND version = $7 AND status = $8`,
			string(application.Submitted), declaration, snapshot, confirmation, ms(now), a.ID, a.Version, string(application.Draft))
		if isUniqueViolation(err) {
			return errConfirmationTaken
		}
		if err != nil {
			return fmt.Errorf("store: submit application %d: %w", a.ID, err)
		}
		if n, _ := upd.RowsAffected(); n == 0 {
			// A concurrent submission (PostgreSQL: it held the row and
			// committed first) or a save in between: read it again.
			return errRetrySubmit
		}
		a.Status, a.Version, a.Declaration, a.Snapshot = application.Submitted, a.Version+1, declaration, prof
		a.Confirmation, a.SubmittedAt, a.UpdatedAt = confirmation, fromMS(ms(now)), fromMS(ms(now))
		ev := application.Event{At: a.SubmittedAt, From: application.Draft, To: application.Submitted, ActorID: a.UserID}
		if err := tx.addEvent(ctx, a.ID, ev); err != nil {
			return err
		}
		a.History = append(a.History, ev)
		if r.Confirmation == nil {
			return errors.New("store: submit: no confirmation email")
		}
		if err := tx.notify(ctx, r.Confirmation, a, p, now); err != nil {
			return err
		}
		// Last, so the posting's row is locked (PostgreSQL) as briefly as possible.
		changed, err := tx.countSubmitted(ctx, p, 1, now)
		if err != nil {
			return err
		}
		res = &SubmitResult{Application: a, Posting: p, Submitted: true, BucketChanged: changed}
		return nil
	})
	if errors.Is(err, errRetrySubmit) {
		return db.submitSettled(ctx, r)
	}
	return res, err
}

var errRetrySubmit = errors.New("store: submission raced")

// submitSettled answers a submission that lost a race: if the other one
// submitted the application, it is the result; if the draft was saved in
// between, the applicant must review it again (ErrConflict).
func (db *DB) submitSettled(ctx context.Context, r SubmitRequest) (*SubmitResult, error) {
	var res *SubmitResult
	err := db.read(ctx, func(tx *Tx) error {
		a, err := tx.getApplication(ctx, r.ApplicationID)
		if err != nil {
			return err
		}
		switch {
		case a.UserID != r.UserID:
			return ErrNotFound
		case a.Status == application.Withdrawn:
			return application.ErrWithdrawn
		case a.Status == application.Draft:
			return ErrConflict
		}
		p, err := tx.posting(ctx, a.PostingID)
		if err != nil {
			return err
		}
		res = &SubmitResult{Application: a, Posting: p}
		return nil
	})
	return res, err
}

// profileData returns the user's profile document as stored (the snapshot is
// this exact text) and decoded; "" and nil when there is none.
func (t *Tx) profileData(ctx context.Context, userID int64) (string, *profile.Profile, error) {
	var data string
	err := t.queryRow(ctx, `SELECT data FROM profiles WHERE user_id = $1`, userID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("store: profile of user %d: %w", userID, err)
	}
	var p profile.Profile
	if err := json.Unmarshal([]byte(data), &p); err != nil {
		return "", nil, fmt.Errorf("store: decode profile of user %d: %w", userID, err)
	}
	return data, &p, nil
}

// Withdraw withdraws userID's application id (from any open status) in one
// transaction: the status, the event, the posting's count and the email that
// compose gives (nil: none). Withdrawing a withdrawn application returns it
// unchanged; a final one gives *application.TransitionError.
func (db *DB) Withdraw(ctx context.Context, id, userID int64, now time.Time, compose Compose) (*MoveResult, error) {
	return db.move(ctx, moveRequest{id: id, userID: userID, to: application.Withdrawn, by: application.ByApplicant,
		actorID: userID, now: now, compose: compose})
}

// MoveRequest is staff moving an application to another status.
type MoveRequest struct {
	ApplicationID int64
	Version       int // the version staff saw; ErrConflict when it changed
	To            application.Status
	ActorID       int64
	Note          string // shown to the applicant
	Now           time.Time
	Compose       Compose // the status email (nil: none)
}

// MoveApplication moves an application as staff, in one transaction: the
// version check, the state machine (application.Allowed, ByStaff, with the
// applicant's keep-on-file consent), the event with actor and note, the
// posting's count, the audit log entry ("application.move") and the email.
// Drafts are not staff's to move.
func (db *DB) MoveApplication(ctx context.Context, r MoveRequest) (*MoveResult, error) {
	return db.move(ctx, moveRequest{id: r.ApplicationID, version: r.Version, to: r.To, by: application.ByStaff,
		actorID: r.ActorID, note: r.Note, now: r.Now, compose: r.Compose})
}

// MoveResult is what a change of status did.
type MoveResult struct {
	Application   *application.Application
	Posting       *posting.Posting
	BucketChanged bool // the posting's public count bucket moved
}

type moveRequest struct {
	id, userID, actorID int64
	version             int // 0: any
	to                  application.Status
	by                  application.Actor
	note                string
	now                 time.Time
	compose             Compose
}

func (db *DB) move(ctx context.Context, r moveRequest) (*MoveResult, error) {
	var a *application.Application
	var p *posting.Posting
	changed := false
	err := db.write(ctx, func(tx *Tx) (err error) {
		changed = false
		if a, err = tx.getApplication(ctx, r.id); err != nil {
			return err
		}
		if r.by == application.ByApplicant && (a.UserID != r.userID || a.UserID == 0) {
			return ErrNotFound
		}
		if p, err = tx.posting(ctx, a.PostingID); err != nil {
			return err
		}
		if r.by == application.ByApplicant && a.Status == r.to {
			return nil // already done (a retry)
		}
		if r.version != 0 && a.Version != r.version {
			return ErrConflict
		}
		from := a.Status
		if !application.Allowed(from, r.to, r.by, a.KeepOnFile) {
			return &application.TransitionError{From: from, To: r.to}
		}
		now := fromMS(ms(r.now))
		withdrawn := ms(a.WithdrawnAt)
		if r.to == application.Withdrawn {
			withdrawn = ms(now)
		}
		res, err := tx.exec(ctx, `UPDATE applications SET status = $1, version = version + 1, updated_at = $2, withdrawn_at = $3
			WHERE id = $4 AND version = $5`, string(r.to), ms(now), withdrawn, a.ID, a.Version)
		if err != nil {
			return fmt.Errorf("store: move application %d to %s: %w", a.ID, r.to, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrConflict
		}
		a.Status, a.Version, a.UpdatedAt, a.WithdrawnAt = r.to, a.Version+1, now, fromMS(withdrawn)
		ev := application.Event{At: now, From: from, To: r.to, ActorID: r.actorID, Note: r.note}
		if err := tx.addEvent(ctx, a.ID, ev); err != nil {
			return err
		}
		a.History = append(a.History, ev)
		if r.by == application.ByStaff {
			if err := tx.audit(ctx, now, r.actorID, "application.move", fmt.Sprintf("application:%d", a.ID),
				string(from)+" -> "+string(r.to)); err != nil {
				return err
			}
		}
		if err := tx.notify(ctx, r.compose, a, p, now); err != nil {
			return err
		}
		changed, err = tx.countSubmitted(ctx, p, delta(from, r.to), now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &MoveResult{Application: a, Posting: p, BucketChanged: changed}, nil
}

// ApplicationSummary is one line of an applicant's dashboard.
type ApplicationSummary struct {
	ID           int64
	PostingID    int64
	Title        lang.Text
	OrgCode      string
	Status       application.Status
	Confirmation string
	UpdatedAt    time.Time
	SubmittedAt  time.Time
	ClosesAt     time.Time
	TimeZone     string              // the posting's zone, to show ClosesAt in
	History      []application.Event // the dated changes of status, oldest first
}

// UserApplications returns every application of userID with its history,
// most recently changed first. Both queries read through the
// (user_id, posting_id) index, then the posting's and the events' own.
func (db *DB) UserApplications(ctx context.Context, userID int64) ([]ApplicationSummary, error) {
	var out []ApplicationSummary
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, userApplicationsSQL, userID)
		if err != nil {
			return fmt.Errorf("store: applications of user %d: %w", userID, err)
		}
		defer rows.Close()
		index := map[int64]int{}
		for rows.Next() {
			var s ApplicationSummary
			var status string
			var confirmation sql.NullString
			var updated, submitted, closes int64
			if err := rows.Scan(&s.ID, &s.PostingID, &status, &confirmation, &updated, &submitted,
				&s.Title.EN, &s.Title.FR, &s.OrgCode, &closes, &s.TimeZone); err != nil {
				return fmt.Errorf("store: scan application summary: %w", err)
			}
			s.Status, s.Confirmation = application.Status(status), confirmation.String
			s.UpdatedAt, s.SubmittedAt, s.ClosesAt = fromMS(updated), fromMS(submitted), fromMS(closes)
			index[s.ID] = len(out)
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: applications of user %d: %w", userID, err)
		}
		rows.Close()
		if len(out) == 0 {
			return nil
		}
		return tx.userHistory(ctx, userID, func(appID int64, e application.Event) {
			if i, ok := index[appID]; ok {
				out[i].History = append(out[i].History, e)
			}
		})
	})
	return out, err
}

const userApplicationsSQL = `SELECT a.id, a.posting_id, a.status, a.confirmation, a.updated_at, a.submitted_at,
	p.title_en, p.title_fr, p.org_code, p.closes_at, p.time_zone
	FROM applications a JOIN postings p ON p.id = a.posting_id
	WHERE a.user_id = $1 ORDER BY a.updated_at DESC, a.id DESC`

const userHistorySQL = `SELECT e.application_id, e.at, e.from_status, e.to_status, e.actor_id, e.note
	FROM applications a JOIN application_events e ON e.application_id = a.id
	WHERE a.user_id = $1 ORDER BY e.at, e.id`

// userHistory calls fn with every event of userID's applications, oldest first.
func (t *Tx) userHistory(ctx context.Context, userID int64, fn func(appID int64, e application.Event)) error {
	rows, err := t.query(ctx, userHistorySQL, userID)
	if err != nil {
		return fmt.Errorf("store: history of user %d: %w", userID, err)
	}
	defer rows.Close()
	for rows.Next() {
		appID, e, err := scanEvent(rows)
		if err != nil {
			return err
		}
		fn(appID, e)
	}
	return rows.Err()
}

// StaffSummary is one line of the list of applications to a posting, for staff.
type StaffSummary struct {
	ID           int64
	Name         string // from the snapshot
	Status       application.Status
	Version      int
	Confirmation string
	SubmittedAt  time.Time
	UpdatedAt    time.Time
}

// PostingApplications lists the submitted applications to postingID (drafts
// are the applicants' own), oldest submission first, and records the listing
// in the audit log ("application.list", "posting:<id>") in the same
// transaction, since it shows applicants' names.
func (db *DB) PostingApplications(ctx context.Context, postingID, actorID int64, now time.Time) ([]StaffSummary, error) {
	var out []StaffSummary
	err := db.write(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT id, status, version, confirmation, submitted_at, updated_at, snapshot
			FROM applications WHERE posting_id = $1 AND submitted_at <> 0 ORDER BY submitted_at, id`,
			postingID)
		if err != nil {
			return fmt.Errorf("store: applications to posting %d: %w", postingID, err)
		}
		defer rows.Close()
		for rows.Next() {
			var s StaffSummary
			var status, snapshot string
			var confirmation sql.NullString
			var submitted, updated int64
			if err := rows.Scan(&s.ID, &status, &s.Version, &confirmation, &submitted, &updated, &snapshot); err != nil {
				return fmt.Errorf("store: scan application: %w", err)
			}
			var who struct {
				Name string `json:"name"`
			}
			if snapshot != "" {
				_ = json.Unmarshal([]byte(snapshot), &who) // a name is a convenience; the list stands without it
			}
			s.Name, s.Status, s.Confirmation = who.Name, application.Status(status), confirmation.String
			s.SubmittedAt, s.UpdatedAt = fromMS(submitted), fromMS(updated)
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: applications to posting %d: %w", postingID, err)
		}
		rows.Close()
		return tx.audit(ctx, now, actorID, "application.list", fmt.Sprintf("posting:%d", postingID), "")
	})
	return out, err
}

// PastAnswer is a screening answer the applicant gave before, with the
// qualification it answered, for reuse in a new application.
type PastAnswer struct {
	ApplicationID   int64
	PostingID       int64
	PostingTitle    lang.Text
	QualificationID int64
	Qualification   lang.Text // the qualification's text as the posting states it now
	Text            string
	At              time.Time // when the application was last changed
}

// PastAnswers returns userID's non-empty screening answers from every one of
// their applications, newest application first, in each the posting's order.
func (db *DB) PastAnswers(ctx context.Context, userID int64) ([]PastAnswer, error) {
	var out []PastAnswer
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT a.id, a.posting_id, a.answers, a.updated_at, p.title_en, p.title_fr, p.qualifications
			FROM applications a JOIN postings p ON p.id = a.posting_id
			WHERE a.user_id = $1 ORDER BY a.updated_at DESC, a.id DESC`, userID)
		if err != nil {
			return fmt.Errorf("store: past answers of user %d: %w", userID, err)
		}
		defer rows.Close()
		for rows.Next() {
			var appID, postingID, updated int64
			var answers, quals string
			var title lang.Text
			if err := rows.Scan(&appID, &postingID, &answers, &updated, &title.EN, &title.FR, &quals); err != nil {
				return fmt.Errorf("store: scan past answers: %w", err)
			}
			var ans application.Answers
			var groups []jsonGroup
			if err := json.Unmarshal([]byte(answers), &ans); err != nil {
				return fmt.Errorf("store: decode answers of application %d: %w", appID, err)
			}
			if err := json.Unmarshal([]byte(quals), &groups); err != nil {
				return fmt.Errorf("store: decode qualifications of posting %d: %w", postingID, err)
			}
			for _, g := range groups {
				for _, q := range g.Items {
					if text := ans.Responses[q.ID]; text != "" {
						out = append(out, PastAnswer{ApplicationID: appID, PostingID: postingID, PostingTitle: title,
							QualificationID: q.ID, Qualification: q.Text, Text: text, At: fromMS(updated)})
					}
				}
			}
		}
		return rows.Err()
	})
	return out, err
}

// SendReminders queues the deadline reminder for drafts whose posting closes
// soon (application.DueReminder), at most limit of them, in one transaction:
// each is marked reminded and its email queued together, so a reminder goes
// out once however many processes run this. It returns how many it queued.
func (db *DB) SendReminders(ctx context.Context, now time.Time, limit int, compose Compose) (int, error) {
	n := 0
	err := db.write(ctx, func(tx *Tx) error {
		n = 0
		rows, err := tx.query(ctx, `SELECT a.id, a.user_id, u.notify_reminders
			FROM applications a JOIN postings p ON p.id = a.posting_id JOIN users u ON u.id = a.user_id
			WHERE a.status = $1 AND a.reminded_at = 0 AND u.notify_reminders AND u.deleted_at = 0 AND u.disabled_at = 0
				AND p.status = $2 AND p.closes_at > $3 AND p.closes_at <= $4
			ORDER BY p.closes_at, a.id LIMIT $5`,
			string(application.Draft), string(posting.Published), ms(now), ms(now.Add(application.ReminderLead)), limit)
		if err != nil {
			return fmt.Errorf("store: due reminders: %w", err)
		}
		type due struct {
			id, user int64
			wants    bool
		}
		var candidates []due
		for rows.Next() {
			var d due
			if err := rows.Scan(&d.id, &d.user, &d.wants); err != nil {
				rows.Close()
				return fmt.Errorf("store: due reminders: %w", err)
			}
			candidates = append(candidates, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: due reminders: %w", err)
		}
		for _, d := range candidates {
			a, err := tx.getApplication(ctx, d.id)
			if err != nil {
				return err
			}
			p, err := tx.posting(ctx, a.PostingID)
			if err != nil {
				return err
			}
			if !application.DueReminder(a, p, d.wants, now) {
				continue
			}
			res, err := tx.exec(ctx, `UPDATE applications SET reminded_at = $1 WHERE id = $2 AND reminded_at = 0`, ms(now), a.ID)
			if err != nil {
				return fmt.Errorf("store: mark application %d reminded: %w", a.ID, err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue // another process got there first
			}
			a.RemindedAt = fromMS(ms(now))
			if err := tx.notify(ctx, compose, a, p, now); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

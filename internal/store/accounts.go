package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pathways-gov/pathways/internal/account"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
)

// Applicant accounts: sign-up with its verification email, single-use tokens,
// preferences, the export of everything held about an account, and deletion.

// CreateApplicant adds the applicant account u with the given password hash
// (setting u.ID, as CreateUser does), stores its verification token t, and
// queues the verification email m, all in one transaction: an account never
// exists without its email, nor the email without its account. An email
// already taken gives ErrConflict and changes nothing.
func (db *DB) CreateApplicant(ctx context.Context, u *auth.User, passwordHash string, t account.Token, m mail.Message) error {
	saved := *u
	saved.Email = auth.NormalizeEmail(u.Email)
	saved.CreatedAt = fromMS(ms(t.CreatedAt))
	if saved.Role != auth.Applicant || saved.CreatedAt.IsZero() {
		return errors.New("store: create applicant: needs the applicant role and the token's creation time")
	}
	if err := saved.Validate(); err != nil {
		return fmt.Errorf("store: create applicant: %w", err)
	}
	if passwordHash == "" || t.Purpose != account.Verify {
		return errors.New("store: create applicant: needs a password hash and a verification token")
	}
	err := db.write(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO users (email, password_hash, name, role, org_code, lang, created_at,
				notify_status, notify_reminders)
			VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8) RETURNING id`,
			saved.Email, passwordHash, saved.Name, string(saved.Role), string(saved.Lang), ms(saved.CreatedAt),
			saved.NotifyStatus, saved.NotifyReminders).Scan(&saved.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("store: create applicant: email taken: %w", ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("store: create applicant: %w", err)
		}
		t.UserID, t.Email, m.UserID, m.To = saved.ID, saved.Email, saved.ID, saved.Email
		if err := tx.insertAccountToken(ctx, t); err != nil {
			return err
		}
		if err := tx.enqueueMail(ctx, m, t.CreatedAt); err != nil {
			return err
		}
		return tx.accountAudit(ctx, saved.ID, "user.signup", saved.ID, "", t.CreatedAt)
	})
	if err == nil {
		*u = saved
	}
	return err
}

// IssueAccountToken stores t and queues the email m carrying its link, in one
// transaction. The account must be active (ErrNotFound otherwise).
func (db *DB) IssueAccountToken(ctx context.Context, t account.Token, m mail.Message) error {
	return db.write(ctx, func(tx *Tx) error {
		u, err := tx.accountUser(ctx, t.UserID)
		if err != nil {
			return err
		}
		if !u.Active() || u.Email != t.Email {
			return ErrNotFound
		}
		if err := tx.insertAccountToken(ctx, t); err != nil {
			return err
		}
		m.UserID = t.UserID
		return tx.enqueueMail(ctx, m, t.CreatedAt)
	})
}

// EnqueueExistsNotice queues m, the "someone tried to sign up with your
// address" email, for account userID, unless one was queued for it since
// quietSince: repeated attempts do not flood the owner's inbox. It reports
// whether m was queued.
func (db *DB) EnqueueExistsNotice(ctx context.Context, userID int64, m mail.Message, now, quietSince time.Time) (bool, error) {
	queued := false
	err := db.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE user_id = $1 AND kind = $2 AND created_at > $3`,
			userID, m.Kind, ms(quietSince)).Scan(&n); err != nil {
			return fmt.Errorf("store: recent %s notices: %w", m.Kind, err)
		}
		if n > 0 {
			return nil
		}
		m.UserID = userID
		queued = true
		return tx.enqueueMail(ctx, m, now)
	})
	return queued, err
}

// AccountTokenUser returns the account a token of purpose p (by its hash) may
// be used for at instant now, without using it: ErrNotFound for an unknown
// token, or account.ErrTokenInvalid, ErrTokenUsed or ErrTokenExpired.
func (db *DB) AccountTokenUser(ctx context.Context, hash string, p account.Purpose, now time.Time) (*auth.User, error) {
	var u *auth.User
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		_, u, err = tx.usableAccountToken(ctx, hash, p, now)
		return err
	})
	return u, err
}

// VerifyEmail uses the verification token with hash at instant now: the
// account's address is marked verified (if it was not already) and the token
// can never be used again. Errors are those of AccountTokenUser.
func (db *DB) VerifyEmail(ctx context.Context, hash string, now time.Time) (*auth.User, error) {
	var u *auth.User
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		if u, err = tx.useAccountToken(ctx, hash, account.Verify, now); err != nil {
			return err
		}
		if u.EmailVerifiedAt.IsZero() {
			if _, err := tx.exec(ctx, `UPDATE users SET email_verified_at = $1 WHERE id = $2`, ms(now), u.ID); err != nil {
				return fmt.Errorf("store: verify email of user %d: %w", u.ID, err)
			}
			u.EmailVerifiedAt = fromMS(ms(now))
		}
		return tx.accountAudit(ctx, u.ID, "user.verify", u.ID, "", now)
	})
	return u, err
}

// ResetPassword uses the reset token with hash at instant now to set the
// account's password hash to newHash. Every other reset token of the account
// stops working, and the address counts as verified (the link proved it is
// the user's). Errors are those of AccountTokenUser.
func (db *DB) ResetPassword(ctx context.Context, hash, newHash string, now time.Time) (*auth.User, error) {
	if newHash == "" {
		return nil, errors.New("store: reset password: empty hash")
	}
	var u *auth.User
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		if u, err = tx.useAccountToken(ctx, hash, account.Reset, now); err != nil {
			return err
		}
		if err := tx.setAccountPassword(ctx, u.ID, newHash, now); err != nil {
			return err
		}
		if u.EmailVerifiedAt.IsZero() {
			if _, err := tx.exec(ctx, `UPDATE users SET email_verified_at = $1 WHERE id = $2`, ms(now), u.ID); err != nil {
				return fmt.Errorf("store: reset password of user %d: %w", u.ID, err)
			}
			u.EmailVerifiedAt = fromMS(ms(now))
		}
		return tx.accountAudit(ctx, u.ID, "user.password.reset", u.ID, "", now)
	})
	return u, err
}

// ChangePassword sets account userID's password hash (the caller checked the
// current password) and voids its unused reset links.
func (db *DB) ChangePassword(ctx context.Context, userID int64, newHash string, now time.Time) error {
	if newHash == "" {
		return errors.New("store: change password: empty hash")
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.setAccountPassword(ctx, userID, newHash, now); err != nil {
			return err
		}
		return tx.accountAudit(ctx, userID, "user.password.change", userID, "", now)
	})
}

// SetAccountPreferences saves account userID's preferred language and email
// notification choices.
func (db *DB) SetAccountPreferences(ctx context.Context, userID int64, l lang.Lang, notifyStatus, notifyReminders bool) error {
	if _, ok := lang.Parse(string(l)); !ok {
		return fmt.Errorf("store: preferences of user %d: %w", userID, auth.ErrInvalidLang)
	}
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET lang = $1, notify_status = $2, notify_reminders = $3
			WHERE id = $4 AND deleted_at = 0`, string(l), notifyStatus, notifyReminders, userID)
		if err != nil {
			return fmt.Errorf("store: preferences of user %d: %w", userID, err)
		}
		return accountOneRow(res, "preferences", userID)
	})
}

// DeleteAccount removes account userID's identity in one transaction:
//   - its outbox rows, tokens, profile and equity self-declaration are deleted,
//     and so are its drafts, with their history and documents;
//   - every other application keeps what the retention policy requires (the
//     answers, status, history and confirmation number) but loses the
//     identifying parts of its profile snapshot (account.IdentityFields), its
//     accommodation request, its signed declaration and its documents;
//   - the account row stays (applications refer to it) with its email replaced
//     by account.DeletedEmail, its name emptied, an unusable password hash and
//     deleted_at set, so it can never sign in again;
//   - goodbye, the email confirming the deletion, is queued to the old address
//     before it is erased, not tied to the account;
//   - the audit log records "user.delete".
//
// See docs/privacy.md. An unknown or already deleted account gives ErrNotFound.
func (db *DB) DeleteAccount(ctx context.Context, userID int64, goodbye mail.Message, now time.Time) error {
	return db.write(ctx, func(tx *Tx) error {
		u, err := tx.accountUser(ctx, userID)
		if err != nil {
			return err
		}
		if !u.DeletedAt.IsZero() {
			return ErrNotFound
		}
		mine := `SELECT id FROM applications WHERE user_id = $1`
		steps := []struct {
			what, q string
			args    []any
		}{
			{"outbox", `DELETE FROM outbox WHERE user_id = $1`, []any{userID}},
			{"tokens", `DELETE FROM account_tokens WHERE user_id = $1`, []any{userID}},
			{"profile", `DELETE FROM profiles WHERE user_id = $1`, []any{userID}},
			{"equity", `DELETE FROM equity_declarations WHERE user_id = $1`, []any{userID}},
			{"documents", `DELETE FROM documents WHERE application_id IN (` + mine + `)`, []any{userID}},
			// Never submitted (drafts, and drafts withdrawn unsent): nothing to retain.
			{"draft history", `DELETE FROM application_events WHERE application_id IN (` + mine + ` AND submitted_at = 0)`, []any{userID}},
			{"drafts", `DELETE FROM applications WHERE user_id = $1 AND submitted_at = 0`, []any{userID}},
		}
		for _, s := range steps {
			if _, err := tx.exec(ctx, s.q, s.args...); err != nil {
				return fmt.Errorf("store: delete account %d: %s: %w", userID, s.what, err)
			}
		}
		if err := tx.anonymizeApplications(ctx, userID, now); err != nil {
			return err
		}
		goodbye.UserID = 0 // it outlives the account's outbox rows, deleted above
		if err := tx.enqueueMail(ctx, goodbye, now); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET email = $1, name = '', password_hash = $2, deleted_at = $3,
				email_verified_at = 0 WHERE id = $4`,
			account.DeletedEmail(userID), account.UnusablePasswordHash, ms(now), userID); err != nil {
			return fmt.Errorf("store: delete account %d: %w", userID, err)
		}
		return tx.accountAudit(ctx, userID, "user.delete", userID, "", now)
	})
}

// anonymizeApplications strips identity from the applications account userID
// keeps after deletion (drafts are already gone).
func (tx *Tx) anonymizeApplications(ctx context.Context, userID int64, now time.Time) error {
	rows, err := tx.query(ctx, `SELECT id, snapshot FROM applications WHERE user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return fmt.Errorf("store: anonymize applications of user %d: %w", userID, err)
	}
	type kept struct {
		id       int64
		snapshot string
	}
	var apps []kept
	for rows.Next() {
		var k kept
		if err := rows.Scan(&k.id, &k.snapshot); err != nil {
			rows.Close()
			return fmt.Errorf("store: anonymize applications of user %d: %w", userID, err)
		}
		apps = append(apps, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: anonymize applications of user %d: %w", userID, err)
	}
	for _, k := range apps {
		snap, err := account.AnonymizeSnapshot(k.snapshot)
		if err != nil {
			return fmt.Errorf("store: anonymize application %d: %w", k.id, err)
		}
		if _, err := tx.exec(ctx, `UPDATE applications SET snapshot = $1, accommodation = '', declaration = '',
				version = version + 1, updated_at = $2 WHERE id = $3`, snap, ms(now), k.id); err != nil {
			return fmt.Errorf("store: anonymize application %d: %w", k.id, err)
		}
	}
	return nil
}

// ExportAccount gathers everything held about account userID (see
// account.Export), read in one transaction so the parts agree.
func (db *DB) ExportAccount(ctx context.Context, userID int64, now time.Time) (*account.Export, error) {
	x := &account.Export{Format: account.ExportFormat, GeneratedAt: fromMS(ms(now)),
		Applications: []account.ExportApplication{}, Emails: []account.ExportEmail{}, Activity: []account.ExportActivity{}}
	err := db.read(ctx, func(tx *Tx) error {
		u, err := tx.accountUser(ctx, userID)
		if err != nil {
			return err
		}
		x.Account = account.ExportAccount{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role),
			Language: string(u.Lang), CreatedAt: u.CreatedAt, EmailVerifiedAt: account.OptionalTime(u.EmailVerifiedAt),
			NotifyStatus: u.NotifyStatus, NotifyReminders: u.NotifyReminders}
		for _, part := range []func(context.Context, int64, *account.Export) error{
			tx.exportProfile, tx.exportApplications, tx.exportEvents, tx.exportDocuments, tx.exportEmails, tx.exportActivity,
		} {
			if err := part(ctx, userID, x); err != nil {
				return fmt.Errorf("store: export account %d: %w", userID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

func (tx *Tx) exportProfile(ctx context.Context, userID int64, x *account.Export) error {
	var data string
	var version int
	var updated int64
	err := tx.queryRow(ctx, `SELECT data, version, updated_at FROM profiles WHERE user_id = $1`, userID).Scan(&data, &version, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("profile: %w", err)
	default:
		x.Profile = &account.ExportProfile{Data: exportJSON(data), Version: version, UpdatedAt: fromMS(updated)}
	}
	var groups string
	err = tx.queryRow(ctx, `SELECT groups, updated_at FROM equity_declarations WHERE user_id = $1`, userID).Scan(&groups, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("equity declaration: %w", err)
	default:
		x.Equity = &account.ExportEquity{Groups: exportJSON(groups), UpdatedAt: fromMS(updated)}
	}
	return nil
}

func (tx *Tx) exportApplications(ctx context.Context, userID int64, x *account.Export) error {
	rows, err := tx.query(ctx, `SELECT a.id, a.posting_id, COALESCE(p.title_en, ''), COALESCE(p.title_fr, ''), a.status,
			a.answers, a.keep_on_file, a.accommodation, a.declaration, a.snapshot, COALESCE(a.confirmation, ''),
			a.created_at, a.updated_at, a.submitted_at, a.withdrawn_at
		FROM applications a LEFT JOIN postings p ON p.id = a.posting_id
		WHERE a.user_id = $1 ORDER BY a.id`, userID)
	if err != nil {
		return fmt.Errorf("applications: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a account.ExportApplication
		var answers, snapshot string
		var created, updated, submitted, withdrawn int64
		if err := rows.Scan(&a.ID, &a.PostingID, &a.PostingTitle.EN, &a.PostingTitle.FR, &a.Status,
			&answers, &a.KeepOnFile, &a.Accommodation, &a.Declaration, &snapshot, &a.Confirmation,
			&created, &updated, &submitted, &withdrawn); err != nil {
			return fmt.Errorf("applications: %w", err)
		}
		a.Answers, a.Snapshot = exportJSON(answers), exportJSON(snapshot)
		a.CreatedAt, a.UpdatedAt = fromMS(created), fromMS(updated)
		a.SubmittedAt, a.WithdrawnAt = account.OptionalTime(fromMS(submitted)), account.OptionalTime(fromMS(withdrawn))
		a.History, a.Documents = []account.ExportEvent{}, []account.ExportDocument{}
		x.Applications = append(x.Applications, a)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("applications: %w", err)
	}
	return nil
}

// exportApplication returns the application id among x's, or nil.
func exportApplication(x *account.Export, id int64) *account.ExportApplication {
	for i := range x.Applications {
		if x.Applications[i].ID == id {
			return &x.Applications[i]
		}
	}
	return nil
}

func (tx *Tx) exportEvents(ctx context.Context, userID int64, x *account.Export) error {
	rows, err := tx.query(ctx, `SELECT e.application_id, e.at, e.from_status, e.to_status, e.note
		FROM application_events e JOIN applications a ON a.id = e.application_id
		WHERE a.user_id = $1 ORDER BY e.application_id, e.at, e.id`, userID)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var appID, at int64
		var e account.ExportEvent
		if err := rows.Scan(&appID, &at, &e.From, &e.To, &e.Note); err != nil {
			return fmt.Errorf("history: %w", err)
		}
		e.At = fromMS(at)
		if a := exportApplication(x, appID); a != nil {
			a.History = append(a.History, e)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

func (tx *Tx) exportDocuments(ctx context.Context, userID int64, x *account.Export) error {
	rows, err := tx.query(ctx, `SELECT d.application_id, d.kind, d.filename, d.content_type, d.size, d.sha256, d.created_at
		FROM documents d JOIN applications a ON a.id = d.application_id
		WHERE a.user_id = $1 ORDER BY d.application_id, d.id`, userID)
	if err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var appID, created int64
		var d account.ExportDocument
		if err := rows.Scan(&appID, &d.Kind, &d.Filename, &d.ContentType, &d.Size, &d.SHA256, &created); err != nil {
			return fmt.Errorf("documents: %w", err)
		}
		d.CreatedAt = fromMS(created)
		if a := exportApplication(x, appID); a != nil {
			a.Documents = append(a.Documents, d)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	return nil
}

func (tx *Tx) exportEmails(ctx context.Context, userID int64, x *account.Export) error {
	rows, err := tx.query(ctx, `SELECT created_at, kind, to_addr, lang, subject, body, status, sent_at
		FROM outbox WHERE user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return fmt.Errorf("emails: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m account.ExportEmail
		var created, sent int64
		if err := rows.Scan(&created, &m.Kind, &m.To, &m.Language, &m.Subject, &m.Body, &m.Status, &sent); err != nil {
			return fmt.Errorf("emails: %w", err)
		}
		m.CreatedAt, m.SentAt = fromMS(created), account.OptionalTime(fromMS(sent))
		x.Emails = append(x.Emails, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("emails: %w", err)
	}
	return nil
}

func (tx *Tx) exportActivity(ctx context.Context, userID int64, x *account.Export) error {
	// What the account did, what was done to it, and every staff read of
	// its applications (who read is not disclosed; when and what is).
	rows, err := tx.query(ctx, `SELECT at, action, subject FROM audit_log
		WHERE actor_id = $1 OR subject = $2
			OR subject IN (SELECT 'application:' || id FROM applications WHERE user_id = $1)
		ORDER BY at, id`, userID, accountSubject(userID))
	if err != nil {
		return fmt.Errorf("activity: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e account.ExportActivity
		var at int64
		if err := rows.Scan(&at, &e.Action, &e.Subject); err != nil {
			return fmt.Errorf("activity: %w", err)
		}
		e.At = fromMS(at)
		x.Activity = append(x.Activity, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("activity: %w", err)
	}
	return nil
}

// QueuedMailTo returns the emails queued for address addr (in any case),
// oldest first, at most 100: what an account's owner was sent, for the
// account pages' tests and for support.
func (db *DB) QueuedMailTo(ctx context.Context, addr string) ([]mail.Message, error) {
	var out []mail.Message
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT kind, COALESCE(user_id, 0), to_addr, lang, subject, body FROM outbox
			WHERE to_addr = $1 ORDER BY id LIMIT 100`, auth.NormalizeEmail(addr))
		if err != nil {
			return fmt.Errorf("store: mail to %s: %w", addr, err)
		}
		defer rows.Close()
		for rows.Next() {
			var m mail.Message
			var l string
			if err := rows.Scan(&m.Kind, &m.UserID, &m.To, &l, &m.Subject, &m.Body); err != nil {
				return fmt.Errorf("store: mail to %s: %w", addr, err)
			}
			m.Lang = lang.Lang(l)
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// exportJSON turns a stored JSON text into a raw message, null when empty.
func exportJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}

func accountSubject(userID int64) string { return "user:" + strconv.FormatInt(userID, 10) }

// accountUser reads account id inside tx.
func (tx *Tx) accountUser(ctx context.Context, id int64) (*auth.User, error) {
	return scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
}

func (tx *Tx) insertAccountToken(ctx context.Context, t account.Token) error {
	if t.Hash == "" || !t.Purpose.Valid() || t.UserID == 0 {
		return errors.New("store: account token: incomplete")
	}
	_, err := tx.exec(ctx, `INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.Hash, t.UserID, string(t.Purpose), t.Email, ms(t.CreatedAt), ms(t.ExpiresAt))
	if err != nil {
		return fmt.Errorf("store: account token for user %d: %w", t.UserID, err)
	}
	return nil
}

// usableAccountToken finds the token with hash and its account and checks the
// token may be used now for purpose p (see AccountTokenUser).
func (tx *Tx) usableAccountToken(ctx context.Context, hash string, p account.Purpose, now time.Time) (account.Token, *auth.User, error) {
	var t account.Token
	var purpose string
	var created, expires, used int64
	err := tx.queryRow(ctx, `SELECT token_hash, user_id, purpose, email, created_at, expires_at, used_at
		FROM account_tokens WHERE token_hash = $1`, hash).Scan(&t.Hash, &t.UserID, &purpose, &t.Email, &created, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil, ErrNotFound
	}
	if err != nil {
		return t, nil, fmt.Errorf("store: account token: %w", err)
	}
	t.Purpose, t.CreatedAt, t.ExpiresAt, t.UsedAt = account.Purpose(purpose), fromMS(created), fromMS(expires), fromMS(used)
	u, err := tx.accountUser(ctx, t.UserID)
	if err != nil {
		return t, nil, err
	}
	if !u.Active() {
		return t, nil, account.ErrTokenInvalid
	}
	if err := t.Check(p, u.Email, now); err != nil {
		return t, nil, err
	}
	return t, u, nil
}

// useAccountToken checks the token (see usableAccountToken) and marks it used.
// The update is conditional, so of two requests racing with one link only one
// succeeds, on either engine.
func (tx *Tx) useAccountToken(ctx context.Context, hash string, p account.Purpose, now time.Time) (*auth.User, error) {
	_, u, err := tx.usableAccountToken(ctx, hash, p, now)
	if err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at = 0`, ms(now), hash)
	if err != nil {
		return nil, fmt.Errorf("store: use account token: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, fmt.Errorf("store: use account token: %w", err)
	} else if n != 1 {
		return nil, account.ErrTokenUsed
	}
	return u, nil
}

// setAccountPassword replaces account userID's password hash and voids its unused
// reset links: a new password ends every pending reset.
func (tx *Tx) setAccountPassword(ctx context.Context, userID int64, hash string, now time.Time) error {
	res, err := tx.exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2 AND deleted_at = 0`, hash, userID)
	if err != nil {
		return fmt.Errorf("store: set password of user %d: %w", userID, err)
	}
	if err := accountOneRow(res, "password", userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at = 0`,
		ms(now), userID, string(account.Reset)); err != nil {
		return fmt.Errorf("store: void reset links of user %d: %w", userID, err)
	}
	return nil
}

// accountAudit writes an audit log entry inside tx, so it commits with the change it records.
func (tx *Tx) accountAudit(ctx context.Context, actorID int64, action string, userID int64, detail string, now time.Time) error {
	actor := sql.NullInt64{Int64: actorID, Valid: actorID != 0}
	_, err := tx.exec(ctx, `INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)`,
		ms(now), actor, action, accountSubject(userID), detail)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", action, err)
	}
	return nil
}

// accountOneRow returns ErrNotFound unless res changed exactly one row.
func accountOneRow(res sql.Result, what string, userID int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s of user %d: %w", what, userID, err)
	}
	if n != 1 {
		return ErrNotFound
	}
	return nil
}

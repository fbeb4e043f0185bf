package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

// postingColumns lists the postings columns in the order scanPosting reads them.
const postingColumns = `id, status, version, org_code, program, level, type, work_mode, languages,
	term_start, term_end, term_months, hours, salary_min, salary_max, salary_period,
	closes_at, time_zone, keep_on_file, accommodation_email, contact_email, title_en, title_fr,
	streams, locations, content, eligibility, qualifications, applications_received,
	created_at, updated_at, published_at, closed_at, archived_at, documents, item_seq`

// JSON shapes of the posting's document columns.
type (
	jsonLocation    struct{ City, Province string }
	jsonRequirement struct {
		ID   int64     `json:"id"`
		Text lang.Text `json:"text"`
	}
	jsonQualification struct {
		ID   int64                     `json:"id"`
		Kind posting.QualificationKind `json:"kind"`
		Text lang.Text                 `json:"text"`
	}
	jsonGroup struct {
		ID      int64               `json:"id"`
		Heading lang.Text           `json:"heading"`
		Items   []jsonQualification `json:"items"`
	}
)

// postingRow is a posting flattened into column values.
type postingRow struct {
	streams, locations, content, eligibility, groups, documents string
}

func encodePosting(p *posting.Posting) (postingRow, error) {
	locs := make([]jsonLocation, len(p.Locations))
	for i, l := range p.Locations {
		locs[i] = jsonLocation{City: l.City, Province: l.Province}
	}
	reqs := make([]jsonRequirement, len(p.Eligibility))
	for i, r := range p.Eligibility {
		reqs[i] = jsonRequirement{ID: r.ID, Text: r.Text}
	}
	groups := make([]jsonGroup, len(p.Groups))
	for i, g := range p.Groups {
		items := make([]jsonQualification, len(g.Items))
		for j, q := range g.Items {
			items[j] = jsonQualification{ID: q.ID, Kind: q.Kind, Text: q.Text}
		}
		groups[i] = jsonGroup{ID: g.ID, Heading: g.Heading, Items: items}
	}
	streams := p.Streams
	if streams == nil {
		streams = []string{}
	}
	var row postingRow
	var err error
	enc := func(dst *string, v any) {
		if err != nil {
			return
		}
		var b []byte
		b, err = json.Marshal(v)
		*dst = string(b)
	}
	enc(&row.streams, streams)
	enc(&row.locations, locs)
	enc(&row.content, p.Content)
	enc(&row.eligibility, reqs)
	enc(&row.groups, groups)
	docs := p.Documents
	if docs == nil {
		docs = []posting.DocumentKind{}
	}
	enc(&row.documents, docs)
	if err != nil {
		return row, fmt.Errorf("store: encode posting: %w", err)
	}
	return row, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanPosting(s scanner) (*posting.Posting, error) {
	var p posting.Posting
	var status, typ, mode, langs, period string
	var streams, locs, content, reqs, groups, docs string
	var closes, created, updated, published, closed, archived int64
	err := s.Scan(&p.ID, &status, &p.Version, &p.OrgCode, &p.Program, &p.Level, &typ, &mode, &langs,
		&p.TermStart, &p.TermEnd, &p.TermMonths, &p.Hours, &p.Salary.Min, &p.Salary.Max, &period,
		&closes, &p.TimeZone, &p.KeepOnFile, &p.AccommodationEmail, &p.ContactEmail, &p.Title.EN, &p.Title.FR,
		&streams, &locs, &content, &reqs, &groups, &p.ApplicationsReceived,
		&created, &updated, &published, &closed, &archived, &docs, &p.ItemSeq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: scan posting: %w", err)
	}
	p.Status, p.Type, p.WorkMode = posting.Status(status), posting.EmploymentType(typ), posting.WorkMode(mode)
	p.Languages, p.Salary.Period = posting.LanguageRequirement(langs), posting.Period(period)
	p.ClosesAt, p.CreatedAt, p.UpdatedAt = fromMS(closes), fromMS(created), fromMS(updated)
	p.PublishedAt, p.ClosedAt, p.ArchivedAt = fromMS(published), fromMS(closed), fromMS(archived)
	if err := decodeDocuments(&p, streams, locs, content, reqs, groups); err != nil {
		return nil, err
	}
	if docs != "[]" && docs != "" {
		if err := json.Unmarshal([]byte(docs), &p.Documents); err != nil {
			return nil, fmt.Errorf("store: decode posting %d documents: %w", p.ID, err)
		}
	}
	return &p, nil
}

func decodeDocuments(p *posting.Posting, streams, locs, content, reqs, groups string) error {
	var jl []jsonLocation
	var jr []jsonRequirement
	var jg []jsonGroup
	for _, d := range []struct {
		src string
		dst any
	}{{streams, &p.Streams}, {locs, &jl}, {content, &p.Content}, {reqs, &jr}, {groups, &jg}} {
		if err := json.Unmarshal([]byte(d.src), d.dst); err != nil {
			return fmt.Errorf("store: decode posting %d: %w", p.ID, err)
		}
	}
	for _, l := range jl {
		p.Locations = append(p.Locations, posting.Location{City: l.City, Province: l.Province})
	}
	for _, r := range jr {
		p.Eligibility = append(p.Eligibility, posting.Requirement{ID: r.ID, Text: r.Text})
	}
	for _, g := range jg {
		grp := posting.QualificationGroup{ID: g.ID, Heading: g.Heading}
		for _, q := range g.Items {
			grp.Items = append(grp.Items, posting.Qualification{ID: q.ID, Kind: q.Kind, Text: q.Text})
		}
		p.Groups = append(p.Groups, grp)
	}
	return nil
}

// postingArgs returns the values of every column but id, in postingColumns order.
func postingArgs(p *posting.Posting, row postingRow) []any {
	return []any{string(p.Status), p.Version, p.OrgCode, p.Program, p.Level, string(p.Type), string(p.WorkMode), string(p.Languages),
		p.TermStart, p.TermEnd, p.TermMonths, p.Hours, p.Salary.Min, p.Salary.Max, string(p.Salary.Period),
		ms(p.ClosesAt), p.TimeZone, p.KeepOnFile, p.AccommodationEmail, p.ContactEmail, p.Title.EN, p.Title.FR,
		row.streams, row.locations, row.content, row.eligibility, row.groups, p.ApplicationsReceived,
		ms(p.CreatedAt), ms(p.UpdatedAt), ms(p.PublishedAt), ms(p.ClosedAt), ms(p.ArchivedAt), row.documents, p.ItemSeq}
}

var insertPostingSQL = func() string {
	cols := strings.SplitN(postingColumns, ",", 2)[1] // all but id
	n := strings.Count(cols, ",") + 1
	ph := make([]string, n)
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	return "INSERT INTO postings (" + cols + ") VALUES (" + strings.Join(ph, ", ") + ") RETURNING id"
}()

// countColumn is kept by submissions (see applications.go): an update of the
// posting's content must not write back the count it read.
const countColumn = "applications_received"

var updatePostingSQL = func() string {
	cols := strings.Split(strings.SplitN(postingColumns, ",", 2)[1], ",")
	var sets []string
	for _, c := range cols {
		if c = strings.TrimSpace(c); c != countColumn {
			sets = append(sets, fmt.Sprintf("%s = $%d", c, len(sets)+1))
		}
	}
	n := len(sets)
	return fmt.Sprintf("UPDATE postings SET %s WHERE id = $%d AND version = $%d", strings.Join(sets, ", "), n+1, n+2)
}()

// updateArgs is postingArgs without the applications count.
func updateArgs(p *posting.Posting, row postingRow) []any {
	cols := strings.Split(strings.SplitN(postingColumns, ",", 2)[1], ",")
	args := postingArgs(p, row)
	out := args[:0:0]
	for i, c := range cols {
		if strings.TrimSpace(c) != countColumn {
			out = append(out, args[i])
		}
	}
	return out
}

// assignItemIDs gives every requirement, group and qualification without an ID
// a new one, above any the posting ever gave out (p.ItemSeq), so an id always
// names the same item for the applications that refer to it.
func assignItemIDs(p *posting.Posting) {
	top := p.ItemSeq
	p.EachItemID(func(id *int64) { top = max(top, *id) })
	p.EachItemID(func(id *int64) {
		if *id == 0 {
			top++
			*id = top
		}
	})
	p.ItemSeq = top
}

// AuditNote is an audit record written in the same transaction as the change
// it records, so the log holds exactly the changes that were committed.
type AuditNote struct {
	ActorID        int64
	Action, Detail string
}

// auditPosting writes notes about posting id inside t.
func (t *Tx) auditPosting(ctx context.Context, now time.Time, id int64, notes []AuditNote) error {
	for _, n := range notes {
		if err := t.audit(ctx, now, n.ActorID, n.Action, fmt.Sprintf("posting:%d", id), n.Detail); err != nil {
			return err
		}
	}
	return nil
}

// CreatePosting inserts p, setting its ID, version and timestamps, and
// records notes in the audit log in the same transaction.
func (db *DB) CreatePosting(ctx context.Context, p *posting.Posting, now time.Time, notes ...AuditNote) error {
	p.Version = 1
	p.CreatedAt, p.UpdatedAt = now.UTC(), now.UTC()
	if p.Status == "" {
		p.Status = posting.Draft
	}
	assignItemIDs(p)
	row, err := encodePosting(p)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, insertPostingSQL, postingArgs(p, row)...).Scan(&p.ID); err != nil {
			return fmt.Errorf("store: insert posting: %w", err)
		}
		return tx.auditPosting(ctx, now, p.ID, notes)
	})
}

// UpdatePosting saves p if nobody saved it since it was read at p.Version;
// otherwise it returns ErrConflict and changes nothing. On success p.Version
// is bumped and notes are in the audit log, written in the same transaction.
func (db *DB) UpdatePosting(ctx context.Context, p *posting.Posting, now time.Time, notes ...AuditNote) error {
	saved := *p
	saved.Version = p.Version + 1
	saved.UpdatedAt = now.UTC()
	assignItemIDs(&saved)
	row, err := encodePosting(&saved)
	if err != nil {
		return err
	}
	err = db.write(ctx, func(tx *Tx) error {
		args := append(updateArgs(&saved, row), p.ID, p.Version)
		res, err := tx.exec(ctx, updatePostingSQL, args...)
		if err != nil {
			return fmt.Errorf("store: update posting %d: %w", p.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var exists int
			err := tx.queryRow(ctx, `SELECT 1 FROM postings WHERE id = $1`, p.ID).Scan(&exists)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return ErrConflict
		}
		return tx.auditPosting(ctx, now, p.ID, notes)
	})
	if err == nil {
		*p = saved
	}
	return err
}

// Posting returns the posting with id, or ErrNotFound.
func (db *DB) Posting(ctx context.Context, id int64) (*posting.Posting, error) {
	// One statement is its own transaction: no BEGIN/COMMIT on this hot path.
	st, err := db.prepared(ctx, `SELECT `+postingColumns+` FROM postings WHERE id = $1`)
	if err != nil {
		return nil, err
	}
	return scanPosting(st.QueryRowContext(ctx, id))
}

// PostingFilter selects postings for staff lists.
type PostingFilter struct {
	Status posting.Status // empty: any
	Org    string         // empty: any
	Limit  int            // default 50, at most 500
	Offset int
}

// PostingSummary is a row of a staff list.
type PostingSummary struct {
	ID        int64
	Title     lang.Text
	OrgCode   string
	Status    posting.Status
	ClosesAt  time.Time
	UpdatedAt time.Time
}

// ListPostings returns postings matching f, most recently updated first, and how many match in all.
func (db *DB) ListPostings(ctx context.Context, f PostingFilter) ([]PostingSummary, int, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	where := `($1 = '' OR status = $1) AND ($2 = '' OR org_code = $2)`
	var out []PostingSummary
	var total int
	err := db.read(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM postings WHERE `+where, string(f.Status), f.Org).Scan(&total); err != nil {
			return fmt.Errorf("store: count postings: %w", err)
		}
		rows, err := tx.query(ctx, `SELECT id, title_en, title_fr, org_code, status, closes_at, updated_at
			FROM postings WHERE `+where+` ORDER BY updated_at DESC, id DESC LIMIT $3 OFFSET $4`,
			string(f.Status), f.Org, f.Limit, f.Offset)
		if err != nil {
			return fmt.Errorf("store: list postings: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var s PostingSummary
			var status string
			var closes, updated int64
			if err := rows.Scan(&s.ID, &s.Title.EN, &s.Title.FR, &s.OrgCode, &status, &closes, &updated); err != nil {
				return fmt.Errorf("store: scan posting summary: %w", err)
			}
			s.Status, s.ClosesAt, s.UpdatedAt = posting.Status(status), fromMS(closes), fromMS(updated)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, total, err
}

// EachPublicPosting calls fn for every published or closed posting, in id order,
// streaming rows so memory stays flat however many there are.
func (db *DB) EachPublicPosting(ctx context.Context, fn func(*posting.Posting) error) error {
	return db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+postingColumns+` FROM postings WHERE status IN ('published', 'closed') ORDER BY id`)
		if err != nil {
			return fmt.Errorf("store: public postings: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPosting(rows)
			if err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// CountPostings returns how many postings exist.
func (db *DB) CountPostings(ctx context.Context) (int, error) {
	var n int
	err := db.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM postings`).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("store: count postings: %w", err)
	}
	return n, nil
}

// InsertPostings adds many postings in batches of multi-row inserts (for seeding),
// setting their IDs. Each batch is one transaction.
func (db *DB) InsertPostings(ctx context.Context, ps []*posting.Posting, now time.Time) error {
	const batch = 200 // 34 columns x 200 rows stays under SQLite's 32,766 parameters
	for start := 0; start < len(ps); start += batch {
		end := min(start+batch, len(ps))
		if err := db.insertBatch(ctx, ps[start:end], now); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) insertBatch(ctx context.Context, ps []*posting.Posting, now time.Time) error {
	cols := strings.SplitN(postingColumns, ",", 2)[1]
	ncol := strings.Count(cols, ",") + 1
	var sb strings.Builder
	sb.WriteString("INSERT INTO postings (" + cols + ") VALUES ")
	args := make([]any, 0, ncol*len(ps))
	for i, p := range ps {
		p.Version = 1
		if p.CreatedAt.IsZero() {
			p.CreatedAt = now.UTC()
		}
		p.UpdatedAt = now.UTC()
		assignItemIDs(p)
		row, err := encodePosting(p)
		if err != nil {
			return err
		}
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for c := 0; c < ncol; c++ {
			if c > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "$%d", len(args)+c+1)
		}
		sb.WriteByte(')')
		args = append(args, postingArgs(p, row)...)
	}
	sb.WriteString(" RETURNING id")
	return db.write(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, sb.String(), args...)
		if err != nil {
			return fmt.Errorf("store: insert postings: %w", err)
		}
		defer rows.Close()
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return fmt.Errorf("store: insert postings: %w", err)
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: insert postings: %w", err)
		}
		if len(ids) != len(ps) {
			return fmt.Errorf("store: insert postings: %d ids for %d rows", len(ids), len(ps))
		}
		// Both engines assign ascending ids in VALUES order within one statement;
		// sort defensively so the mapping never depends on RETURNING's row order.
		sortInt64(ids)
		for i, p := range ps {
			p.ID = ids[i]
		}
		return nil
	})
}

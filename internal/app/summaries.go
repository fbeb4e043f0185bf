package app

import (
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/catalog"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

// summaryTable holds the summaries of the public postings compactly: one row
// per posting in a slice, and every value that postings share (organizations,
// codes, lists of streams and of locations, time zones) stored once. A row
// holds one string of its own (title and addresses), so the table costs the
// garbage collector a few pointers per posting instead of a dozen objects,
// and retains nothing of the database's row buffers.
//
// Rows change in place (a saved posting) under App.mu; readers copy rows out
// into Summary values under the read lock.
type summaryTable struct {
	rows []summaryRow
	pos  map[int64]int32 // posting ID → index in rows

	strs    []string // interned codes: programs, levels, types, modes, zones, periods
	strIdx  map[string]uint32
	orgs    []orgEntry
	orgIdx  map[string]uint32
	streams [][]string // interned lists of streams
	strmIdx map[string]uint32
	places  [][]posting.Location // interned lists of locations
	plcIdx  map[string]uint32
}

// orgEntry is an organization as result lists show it.
type orgEntry struct {
	code string
	name lang.Text
}

// summaryRow is one Summary, packed.
type summaryRow struct {
	id   int64
	text string    // title EN, title FR, path EN, path FR, end to end
	cuts [3]uint32 // where the second, third and fourth parts of text start
	org  uint32
	// indexes into strs (0 is the empty string)
	program, level, typ, mode, zone, period uint32
	streams, places                         uint32 // indexes into streams and places
	salaryMin, salaryMax                    int64
	hours                                   float64
	closesAt, published                     time.Time
	closed                                  bool
}

func newSummaryTable() *summaryTable {
	return &summaryTable{
		pos:  map[int64]int32{},
		strs: []string{""}, strIdx: map[string]uint32{"": 0},
		orgIdx:  map[string]uint32{},
		streams: [][]string{nil}, strmIdx: map[string]uint32{"": 0},
		places: [][]posting.Location{nil}, plcIdx: map[string]uint32{"": 0},
	}
}

// len is the number of postings in the table.
func (t *summaryTable) len() int { return len(t.pos) }

// put adds or replaces the summary of p, naming its organization from c.
func (t *summaryTable) put(p *posting.Posting, c *catalog.Catalog) {
	r := summaryRow{
		id: p.ID, org: t.org(p.OrgCode, c),
		program: t.str(p.Program), level: t.str(p.Level), typ: t.str(string(p.Type)),
		mode: t.str(string(p.WorkMode)), zone: t.str(p.TimeZone), period: t.str(string(p.Salary.Period)),
		streams: t.streamList(p.Streams), places: t.placeList(p.Locations),
		salaryMin: p.Salary.Min, salaryMax: p.Salary.Max, hours: p.Hours,
		closesAt: p.ClosesAt, published: p.PublishedAt, closed: p.Status == posting.Closed,
	}
	paths := posting.PublicPaths(p.ID, p.Title)
	r.text = p.Title.EN + p.Title.FR + paths.EN + paths.FR // a new string: keeps no row buffer alive
	r.cuts[0] = uint32(len(p.Title.EN))
	r.cuts[1] = r.cuts[0] + uint32(len(p.Title.FR))
	r.cuts[2] = r.cuts[1] + uint32(len(paths.EN))
	if i, ok := t.pos[p.ID]; ok {
		t.rows[i] = r
		return
	}
	t.pos[p.ID] = int32(len(t.rows))
	t.rows = append(t.rows, r)
}

// delete removes the summary of the posting with id, if any. Its row stays
// unused until the next full rebuild.
func (t *summaryTable) delete(id int64) {
	if i, ok := t.pos[id]; ok {
		t.rows[i] = summaryRow{}
		delete(t.pos, id)
	}
}

// lookup returns the summaries of the postings with ids that the table
// holds, in order: copies, which later changes to the table leave as they are.
func (t *summaryTable) lookup(ids []int64) []*Summary {
	vals := make([]Summary, 0, len(ids))
	for _, id := range ids {
		if i, ok := t.pos[id]; ok {
			vals = append(vals, t.summary(&t.rows[i]))
		}
	}
	items := make([]*Summary, len(vals))
	for i := range vals {
		items[i] = &vals[i]
	}
	return items
}

// summary unpacks a row.
func (t *summaryTable) summary(r *summaryRow) Summary {
	o := t.orgs[r.org]
	return Summary{
		ID:    r.id,
		Title: lang.T(r.text[:r.cuts[0]], r.text[r.cuts[0]:r.cuts[1]]),
		Paths: lang.T(r.text[r.cuts[1]:r.cuts[2]], r.text[r.cuts[2]:]),
		Org:   o.code, OrgName: o.name,
		Program: t.strs[r.program], Streams: t.streams[r.streams], Level: t.strs[r.level],
		Type: posting.EmploymentType(t.strs[r.typ]), WorkMode: posting.WorkMode(t.strs[r.mode]),
		Locations: t.places[r.places],
		Salary:    posting.Salary{Min: r.salaryMin, Max: r.salaryMax, Period: posting.Period(t.strs[r.period])},
		Hours:     r.hours, ClosesAt: r.closesAt, TimeZone: t.strs[r.zone], Closed: r.closed, Published: r.published,
	}
}

// str interns s.
func (t *summaryTable) str(s string) uint32 {
	if i, ok := t.strIdx[s]; ok {
		return i
	}
	s = strings.Clone(s)
	i := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.strIdx[s] = i
	return i
}

// org interns the organization with code, named as the catalog c names it
// (by its code when c does not know it). A new name for a known code replaces
// the old one for every row, as a rebuild would.
func (t *summaryTable) org(code string, c *catalog.Catalog) uint32 {
	name := lang.T(code, code)
	if c != nil {
		if o, ok := c.Organization(code); ok {
			name = o.Name
		}
	}
	if i, ok := t.orgIdx[code]; ok {
		if t.orgs[i].name != name {
			t.orgs[i].name = name
		}
		return i
	}
	code = strings.Clone(code)
	i := uint32(len(t.orgs))
	t.orgs = append(t.orgs, orgEntry{code: code, name: name})
	t.orgIdx[code] = i
	return i
}

// streamList interns a list of stream codes (nil when empty).
func (t *summaryTable) streamList(ss []string) uint32 {
	key := ""
	if len(ss) > 0 {
		key = strings.Join(ss, "\x00") + "\x00" // a list of one empty code is not the empty list
	}
	if i, ok := t.strmIdx[key]; ok {
		return i
	}
	list := make([]string, len(ss))
	for j, s := range ss {
		list[j] = t.strs[t.str(s)]
	}
	i := uint32(len(t.streams))
	t.streams = append(t.streams, list)
	t.strmIdx[key] = i
	return i
}

// placeList interns a list of locations (nil when empty).
func (t *summaryTable) placeList(ls []posting.Location) uint32 {
	var kb strings.Builder
	for _, l := range ls {
		kb.WriteString(l.City)
		kb.WriteByte(0)
		kb.WriteString(l.Province)
		kb.WriteByte(0)
	}
	key := kb.String()
	if i, ok := t.plcIdx[key]; ok {
		return i
	}
	list := make([]posting.Location, len(ls))
	for j, l := range ls {
		list[j] = posting.Location{City: t.strs[t.str(l.City)], Province: t.strs[t.str(l.Province)]}
	}
	i := uint32(len(t.places))
	t.places = append(t.places, list)
	t.plcIdx[key] = i
	return i
}

package format

import (
	"cmp"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"

	"github.com/pathways-gov/pathways/internal/placement"
)

// Parsed is an instance read from a file, with the lottery seed it carries.
type Parsed struct {
	Instance *placement.Instance
	Seed     uint64
	HasSeed  bool
}

// ReadJSON reads an instance in the JSON layout of docs/placement.md:
//
//	{"applicants": [{"id": "A1", "ranks": ["P1", ["P2", "P3"], "P4"]}],
//	 "placements": [{"id": "P1", "capacity": 2, "ranks": ["A3", "A1"]}],
//	 "seed": 7}
//
// A nested array is a group of equally ranked entries. A placement may give
// "scores" (an object from applicant id to number, higher is better, equal
// scores tie) instead of "ranks". name labels errors. Bad input yields an
// *Error naming the position and the offending id.
func ReadJSON(r io.Reader, name string) (*Parsed, error) {
	hint := 0
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, err := st.Stat(); err == nil && info.Mode().IsRegular() {
			// An entry takes at least 5 bytes ("X", ); lists of a usual
			// instance take about 10 per entry and split between the sides.
			hint = int(min(info.Size()/12, int64(placement.MaxEntries)))
		}
	}
	p := &jsonParser{
		s:          newScanner(r, name),
		applicants: newSymbols("applicant"),
		placements: newSymbols("placement"),
		aLists:     newLists(hint),
		pLists:     newLists(hint),
	}
	if err := p.parse(); err != nil {
		return nil, p.firstError(err)
	}
	if err := p.resolvePending(); err != nil {
		return nil, err
	}
	return p.finish()
}

type jsonParser struct {
	s                      *scanner
	applicants, placements *symbols
	aLists, pLists         *lists
	capacity               []int32
	seed                   uint64
	hasSeed                bool
	scored                 []scoredEntry // scratch for "scores"

	// References in lists are resolved in batches (see resolvePending).
	pending []pendingRef
	keys    []idKey
	idBytes []byte
	sink    int32
}

// pendingRef is an id read from a list, not yet resolved to its symbol.
type pendingRef struct {
	placementList bool  // in a placement's list (an applicant id), else an applicant's
	slot          int32 // index in the list's items to fill
	listNo        int32
	start, end    int32 // the id in idBytes
	at            position
}

const batchSize = 64

type scoredEntry struct {
	sym   int32
	score float64
}

var (
	topFields       = []string{"applicants", "placements", "seed"}
	applicantFields = []string{"id", "ranks"}
	placementFields = []string{"id", "capacity", "ranks", "scores"}
)

func (p *jsonParser) parse() error {
	s := p.s
	if _, ok := s.peek(); !ok && s.readErr == nil {
		return s.errorHere("empty input: expected an instance object")
	}
	err := p.object("the instance", topFields, func(field int, _ position) error {
		switch field {
		case 0:
			return p.array("applicants", p.applicant)
		case 1:
			return p.array("placements", p.placement)
		default:
			return p.readSeed()
		}
	})
	if err != nil {
		return err
	}
	if c, ok := s.peek(); ok {
		return s.errorHere("unexpected %s after the instance object", describe(c, true))
	}
	if s.readErr != nil {
		return s.errorHere("")
	}
	return nil
}

// object parses {"field": value, ...} where each field is one of fields, at
// most once; value parses the value of the field with that index.
func (p *jsonParser) object(what string, fields []string, value func(field int, at position) error) error {
	s := p.s
	if err := s.expect('{', what, "an object"); err != nil {
		return err
	}
	seen := uint64(0)
	if c, ok := s.peek(); ok && c == '}' {
		s.pos++
		return nil
	}
	for {
		key, at, err := s.readString("a field name")
		if err != nil {
			return err
		}
		field := fieldIndex(fields, key)
		if field < 0 {
			return s.errorAt(at, "unknown field %q in %s (expected one of %q)", key, what, fields)
		}
		if seen&(1<<field) != 0 {
			return s.errorAt(at, "field %q appears twice in %s", fields[field], what)
		}
		seen |= 1 << field
		if err := s.expect(':', "':' after the field name", ""); err != nil {
			return err
		}
		if err := value(field, at); err != nil {
			return err
		}
		c, ok := s.peek()
		if ok && c == ',' {
			s.pos++
			continue
		}
		if ok && c == '}' {
			s.pos++
			return nil
		}
		return s.errorHere("expected ',' or '}' in %s, found %s", what, describe(c, ok))
	}
}

// fieldIndex returns the index of key in fields, or -1 (no allocation).
func fieldIndex(fields []string, key []byte) int {
	for i, f := range fields {
		if string(key) == f {
			return i
		}
	}
	return -1
}

// array parses [elem, ...], calling elem for each element.
func (p *jsonParser) array(what string, elem func() error) error {
	s := p.s
	if err := s.expect('[', what, "an array"); err != nil {
		return err
	}
	if c, ok := s.peek(); ok && c == ']' {
		s.pos++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		c, ok := s.peek()
		if ok && c == ',' {
			s.pos++
			continue
		}
		if ok && c == ']' {
			s.pos++
			return nil
		}
		return s.errorHere("expected ',' or ']' in %s, found %s", what, describe(c, ok))
	}
}

// applicant parses one applicant object.
func (p *jsonParser) applicant() error {
	at := p.s.here()
	listNo := int32(len(p.aLists.start)) // 1-based number of this list
	sym := int32(-1)
	var idAt position
	err := p.object("an applicant", applicantFields, func(field int, _ position) error {
		if field == 0 {
			var err error
			sym, idAt, err = p.id(p.applicants)
			return err
		}
		return p.ranks(p.aLists, p.placements, listNo, "this applicant's ranks")
	})
	if err != nil {
		return err
	}
	if sym < 0 {
		return p.s.errorAt(at, "applicant without an \"id\"")
	}
	p.closeList(p.aLists)
	return p.define(p.applicants, sym, idAt)
}

// placement parses one placement object.
func (p *jsonParser) placement() error {
	s := p.s
	at := s.here()
	listNo := int32(len(p.pLists.start))
	sym, capacity := int32(-1), int64(0)
	var idAt, capAt position
	listed, hasCapacity := false, false
	err := p.object("a placement", placementFields, func(field int, fieldAt position) error {
		switch field {
		case 0:
			var err error
			sym, idAt, err = p.id(p.placements)
			return err
		case 1:
			var err error
			hasCapacity = true
			capacity, capAt, err = p.readCapacity()
			return err
		}
		if listed {
			return s.errorAt(fieldAt, "a placement gives either \"ranks\" or \"scores\", not both")
		}
		listed = true
		if field == 2 {
			return p.ranks(p.pLists, p.applicants, listNo, "this placement's ranks")
		}
		return p.scores(listNo)
	})
	if err != nil {
		return err
	}
	if sym < 0 {
		return s.errorAt(at, "placement without an \"id\"")
	}
	id := p.placements.names[sym]
	if !hasCapacity {
		return s.errorAt(at, "placement %q has no \"capacity\"", id)
	}
	if capacity < 0 {
		return s.errorAt(capAt, "placement %q: capacity %d is negative", id, capacity)
	}
	p.capacity = append(p.capacity, int32(capacity))
	p.closeList(p.pLists)
	return p.define(p.placements, sym, idAt)
}

// id reads an id and interns it.
func (p *jsonParser) id(t *symbols) (int32, position, error) {
	b, at, err := p.s.readString(t.idWhat)
	if err != nil {
		return 0, at, err
	}
	if len(b) == 0 {
		return 0, at, p.s.errorAt(at, "empty %s id", t.kind)
	}
	return t.intern(b, at), at, nil
}

func (p *jsonParser) define(t *symbols, sym int32, at position) error {
	if prev, ok := t.define(sym, at); !ok {
		return p.s.errorAt(at, "duplicate %s id %q (first defined on line %d)", t.kind, t.names[sym], prev.line)
	}
	return nil
}

func (p *jsonParser) closeList(l *lists) {
	l.start = append(l.start, int32(len(l.item)))
}

// ranks parses a ranked list: ids, or arrays of ids for ties.
func (p *jsonParser) ranks(l *lists, other *symbols, listNo int32, what string) error {
	s := p.s
	rank := int32(0)
	return p.array(what, func() error {
		c, ok := s.peek()
		rank++
		if ok && c == '[' {
			before := len(l.item)
			if err := p.array("a group of ties", func() error { return p.entry(l, other, listNo, rank) }); err != nil {
				return err
			}
			if len(l.item) == before {
				return s.errorHere("empty group of ties in %s", what)
			}
			return nil
		}
		return p.entry(l, other, listNo, rank)
	})
}

// entry reads one id of a list and queues it for resolution.
func (p *jsonParser) entry(l *lists, other *symbols, listNo, rank int32) error {
	b, at, err := p.s.readString(other.idWhat)
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return p.s.errorAt(at, "empty %s id", other.kind)
	}
	if len(l.item) >= placement.MaxEntries {
		return p.s.errorAt(at, "too many entries (more than %d)", placement.MaxEntries)
	}
	start := len(p.idBytes)
	p.idBytes = append(p.idBytes, b...)
	p.pending = append(p.pending, pendingRef{placementList: l == p.pLists, slot: int32(len(l.item)), listNo: listNo,
		at: at, start: int32(start), end: int32(len(p.idBytes))})
	l.item = append(l.item, -1)
	l.rank = append(l.rank, rank)
	if len(p.pending) == batchSize {
		return p.resolvePending()
	}
	return nil
}

// resolvePending interns the queued ids in order, after touching all their
// table slots so that the cache misses overlap. It reports an id repeated in
// one list at its own position.
func (p *jsonParser) resolvePending() error {
	defer func() {
		p.pending, p.idBytes = p.pending[:0], p.idBytes[:0]
	}()
	// keyPadded reads 16 bytes from each id's start.
	p.idBytes = append(p.idBytes, make([]byte, inlineID)...)
	p.keys = p.keys[:0]
	for _, r := range p.pending {
		_, other := p.sides(r.placementList)
		p.keys = append(p.keys, other.index.keyPadded(p.idBytes[r.start:r.end:len(p.idBytes)]))
	}
	sink := int32(0)
	for i, r := range p.pending {
		_, other := p.sides(r.placementList)
		sink += other.index.touch(p.keys[i])
	}
	p.sink += sink
	for i, r := range p.pending {
		l, other := p.sides(r.placementList)
		sym, first := other.mentionedKey(p.keys[i], p.idBytes[r.start:r.end], r.at, r.listNo)
		if !first {
			return p.s.errorAt(r.at, "%s %q appears twice in one list", other.kind, other.names[sym])
		}
		l.item[r.slot] = sym
	}
	return nil
}

// sides returns the lists and the symbols they name, for a placement's list
// or an applicant's.
func (p *jsonParser) sides(placementList bool) (*lists, *symbols) {
	if placementList {
		return p.pLists, p.applicants
	}
	return p.aLists, p.placements
}

// firstError resolves what is queued before reporting err, so that a problem
// earlier in the input is reported first.
func (p *jsonParser) firstError(err error) error {
	if perr := p.resolvePending(); perr != nil {
		return perr
	}
	return err
}

// scores parses {"A1": 88.5, ...}: higher scores rank first, equal scores tie.
func (p *jsonParser) scores(listNo int32) error {
	s := p.s
	if err := s.expect('{', "scores", "an object from applicant id to number"); err != nil {
		return err
	}
	p.scored = p.scored[:0]
	if c, ok := s.peek(); ok && c == '}' {
		s.pos++
		return nil
	}
	for {
		b, at, err := s.readString(p.applicants.idWhat)
		if err != nil {
			return err
		}
		if len(b) == 0 {
			return s.errorAt(at, "empty applicant id")
		}
		sym, first := p.applicants.mentioned(b, at, listNo)
		if !first {
			return s.errorAt(at, "applicant %q appears twice in one list", p.applicants.names[sym])
		}
		if err := s.expect(':', "':' after the applicant id", ""); err != nil {
			return err
		}
		lit, _, numAt, err := s.readNumber("a score")
		if err != nil {
			return err
		}
		v, err := strconv.ParseFloat(string(lit), 64)
		if err != nil || math.IsInf(v, 0) {
			return s.errorAt(numAt, "score %s is out of range", lit)
		}
		p.scored = append(p.scored, scoredEntry{sym, v})
		c, ok := s.peek()
		if ok && c == ',' {
			s.pos++
			continue
		}
		if ok && c == '}' {
			s.pos++
			break
		}
		return s.errorHere("expected ',' or '}' in scores, found %s", describe(c, ok))
	}
	appendScored(p.pLists, p.scored)
	return nil
}

// appendScored appends a list ranked by descending score; equal scores tie.
func appendScored(l *lists, scored []scoredEntry) {
	slices.SortStableFunc(scored, func(x, y scoredEntry) int { return cmp.Compare(y.score, x.score) })
	rank := int32(0)
	for i, e := range scored {
		if i == 0 || e.score != scored[i-1].score {
			rank++
		}
		l.item = append(l.item, e.sym)
		l.rank = append(l.rank, rank)
	}
}

// readCapacity reads a non-negative integer that fits in int32; negative
// values are returned for the caller to report with the placement's id.
func (p *jsonParser) readCapacity() (int64, position, error) {
	lit, integer, at, err := p.s.readNumber("capacity")
	if err != nil {
		return 0, at, err
	}
	if !integer {
		return 0, at, p.s.errorAt(at, "capacity %s is not a whole number", lit)
	}
	v, err := strconv.ParseInt(string(lit), 10, 32)
	if err != nil {
		return 0, at, p.s.errorAt(at, "capacity %s is out of range", lit)
	}
	return v, at, nil
}

func (p *jsonParser) readSeed() error {
	lit, integer, at, err := p.s.readNumber("seed")
	if err != nil {
		return err
	}
	v, perr := strconv.ParseUint(string(lit), 10, 64)
	if !integer || perr != nil {
		return p.s.errorAt(at, "seed %s must be a whole number from 0 to %d", lit, uint64(math.MaxUint64))
	}
	p.seed, p.hasSeed = v, true
	return nil
}

// finish checks that every id named is defined and builds the instance.
func (p *jsonParser) finish() (*Parsed, error) {
	for _, t := range []*symbols{p.placements, p.applicants} {
		if sym := t.firstUndefined(); sym >= 0 {
			return nil, p.s.errorAt(t.firstAt[sym], "unknown %s id %q (named here, never defined)", t.kind, t.names[sym])
		}
	}
	in := &placement.Instance{
		ApplicantIDs: p.applicants.ids(),
		PlacementIDs: p.placements.ids(),
		Capacity:     p.capacity,
		Applicants:   p.aLists.resolve(p.placements),
		Placements:   p.pLists.resolve(p.applicants),
	}
	return &Parsed{Instance: nonNil(in), Seed: p.seed, HasSeed: p.hasSeed}, nil
}

// nonNil replaces nil slices by empty ones, so that equal instances compare
// equal whichever reader built them.
func nonNil(in *placement.Instance) *placement.Instance {
	for _, s := range []*[]int32{&in.Capacity, &in.Applicants.Item, &in.Applicants.Rank, &in.Placements.Item, &in.Placements.Rank} {
		if *s == nil {
			*s = []int32{}
		}
	}
	return in
}

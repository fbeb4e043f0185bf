package format

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/placement"
)

// The CSV layout (docs/placement.md) has one row per ranked pair, which is
// what a spreadsheet keeps naturally:
//
//	applicants.csv: applicant,rank,placement
//	placements.csv: placement,capacity,applicant,rank   (or score instead of rank)
//
// Columns are found by their header names (case and surrounding spaces do
// not matter, other columns are ignored). Rows may come in any order. Lower
// ranks are better and equal ranks tie; with "score", higher is better and
// equal scores tie. A row with an empty placement (applicants file) or empty
// applicant (placements file) declares the agent without ranking anyone.
// Capacity may be repeated on every row of a placement or given once.

// CSVFiles names and opens the two files of a CSV instance.
type CSVFiles struct {
	Applicants, Placements         io.Reader
	ApplicantsName, PlacementsName string
}

// pair is one ranked pair read from a row.
type pair struct {
	owner, other int32 // symbols: the list's owner, the agent ranked
	key          float64
	line         int
}

// ReadCSV reads an instance from the two CSV files.
func ReadCSV(f CSVFiles) (*Parsed, error) {
	applicants, placements := newSymbols("applicant"), newSymbols("placement")
	aPairs, err := readApplicantsCSV(f.Applicants, f.ApplicantsName, applicants, placements)
	if err != nil {
		return nil, err
	}
	pPairs, caps, err := readPlacementsCSV(f.Placements, f.PlacementsName, placements, applicants)
	if err != nil {
		return nil, err
	}
	if err := checkDefinedCSV(placements, f.ApplicantsName); err != nil {
		return nil, err
	}
	if err := checkDefinedCSV(applicants, f.PlacementsName); err != nil {
		return nil, err
	}
	aLists, err := buildLists(aPairs, applicants, placements, f.ApplicantsName, false)
	if err != nil {
		return nil, err
	}
	pLists, err := buildLists(pPairs, placements, applicants, f.PlacementsName, caps.descending)
	if err != nil {
		return nil, err
	}
	in := &placement.Instance{
		ApplicantIDs: applicants.ids(),
		PlacementIDs: placements.ids(),
		Capacity:     caps.values,
		Applicants:   aLists,
		Placements:   pLists,
	}
	return &Parsed{Instance: nonNil(in)}, nil
}

// csvTable reads a CSV file with a header and locates columns.
type csvTable struct {
	r    *csv.Reader
	name string
	col  map[string]int
}

func openCSV(r io.Reader, name string, required []string, optional ...string) (*csvTable, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &Error{File: name, Line: 1, Offset: -1, Msg: "empty file: expected a header row naming the columns " + strings.Join(required, ", ")}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	t := &csvTable{r: cr, name: name, col: map[string]int{}}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := t.col[h]; dup && h != "" {
			return nil, &Error{File: name, Line: 1, Column: i + 1, Offset: -1, Msg: fmt.Sprintf("column %q appears twice in the header", h)}
		}
		t.col[h] = i
	}
	for _, want := range required {
		if _, ok := t.col[want]; !ok {
			return nil, &Error{File: name, Line: 1, Offset: -1, Msg: fmt.Sprintf("the header has no %q column (need %s)", want, strings.Join(required, ", "))}
		}
	}
	return t, nil
}

// next returns the next row's fields by column name, and its line.
func (t *csvTable) next() (row func(col string) string, line int, err error) {
	rec, err := t.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		return nil, 0, csvError(t.name, err)
	}
	line, _ = t.r.FieldPos(0)
	return func(col string) string {
		if i, ok := t.col[col]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}, line, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: name, Line: pe.Line, Column: pe.Column, Offset: -1, Msg: pe.Err.Error()}
	}
	return fmt.Errorf("format: reading %s: %w", name, err)
}

func rowError(name string, line int, format string, args ...any) error {
	return &Error{File: name, Line: line, Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// checkID rejects empty ids and ids that are not UTF-8 text.
func checkID(name string, line int, kind, id string) error {
	if id == "" {
		return rowError(name, line, "empty %s id", kind)
	}
	if !utf8.ValidString(id) {
		return rowError(name, line, "%s id %q is not valid UTF-8", kind, id)
	}
	return nil
}

// readApplicantsCSV reads applicant,rank,placement rows.
func readApplicantsCSV(r io.Reader, name string, applicants, placements *symbols) ([]pair, error) {
	t, err := openCSV(r, name, []string{"applicant", "rank", "placement"})
	if err != nil {
		return nil, err
	}
	var pairs []pair
	for {
		row, line, err := t.next()
		if err == io.EOF {
			return pairs, nil
		}
		if err != nil {
			return nil, err
		}
		id, plc, rank := row("applicant"), row("placement"), row("rank")
		if err := checkID(name, line, "applicant", id); err != nil {
			return nil, err
		}
		a := applicants.intern([]byte(id), position{line: int32(line)})
		if applicants.def[a] < 0 {
			applicants.define(a, position{line: int32(line)})
		}
		if plc == "" {
			if rank != "" {
				return nil, rowError(name, line, "applicant %q: rank %q without a placement", id, rank)
			}
			continue
		}
		if err := checkID(name, line, "placement", plc); err != nil {
			return nil, err
		}
		k, err := strconv.ParseInt(rank, 10, 32)
		if err != nil || k < 1 {
			return nil, rowError(name, line, "applicant %q: rank %q is not a whole number from 1 up", id, rank)
		}
		p := placements.intern([]byte(plc), position{line: int32(line), offset: -1})
		pairs = append(pairs, pair{owner: a, other: p, key: float64(k), line: line})
	}
}

// capacities collects the placements' seats across rows.
type capacities struct {
	values     []int32
	line       []int // row that gave the value, 0 if none yet
	descending bool  // the file ranks by score
}

// readPlacementsCSV reads placement,capacity,applicant,rank|score rows.
func readPlacementsCSV(r io.Reader, name string, placements, applicants *symbols) ([]pair, *capacities, error) {
	t, err := openCSV(r, name, []string{"placement", "capacity", "applicant"})
	if err != nil {
		return nil, nil, err
	}
	_, hasRank := t.col["rank"]
	_, hasScore := t.col["score"]
	if hasRank == hasScore {
		return nil, nil, rowError(name, 1, "the header needs exactly one of the columns \"rank\" and \"score\"")
	}
	caps := &capacities{descending: hasScore}
	var pairs []pair
	for {
		row, line, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		p, err := placementRow(row, line, name, placements, caps)
		if err != nil {
			return nil, nil, err
		}
		if pr, ok, err := rankedRow(row, line, name, p, placements.names[p], applicants, hasScore); err != nil {
			return nil, nil, err
		} else if ok {
			pairs = append(pairs, pr)
		}
	}
	for sym, l := range caps.line {
		if l == 0 {
			return nil, nil, rowError(name, int(placements.defAt[sym].line), "placement %q has no capacity on any row", placements.names[sym])
		}
	}
	return pairs, caps, nil
}

// placementRow defines the row's placement and records its capacity.
func placementRow(row func(string) string, line int, name string, placements *symbols, caps *capacities) (int32, error) {
	id := row("placement")
	if err := checkID(name, line, "placement", id); err != nil {
		return 0, err
	}
	p := placements.intern([]byte(id), position{line: int32(line)})
	if placements.def[p] < 0 {
		placements.define(p, position{line: int32(line)})
		caps.values = append(caps.values, 0)
		caps.line = append(caps.line, 0)
	}
	d := placements.def[p]
	text := row("capacity")
	if text == "" {
		return p, nil
	}
	c, err := strconv.ParseInt(text, 10, 32)
	if err != nil {
		return 0, rowError(name, line, "placement %q: capacity %q is not a whole number", id, text)
	}
	if c < 0 {
		return 0, rowError(name, line, "placement %q: capacity %d is negative", id, c)
	}
	if caps.line[d] != 0 && int64(caps.values[d]) != c {
		return 0, rowError(name, line, "placement %q: capacity %d conflicts with %d on line %d", id, c, caps.values[d], caps.line[d])
	}
	caps.values[d], caps.line[d] = int32(c), line
	return p, nil
}

// rankedRow reads the applicant and rank (or score) of a placement's row.
func rankedRow(row func(string) string, line int, name string, p int32, pid string, applicants *symbols, byScore bool) (pair, bool, error) {
	app := row("applicant")
	keyCol := "rank"
	if byScore {
		keyCol = "score"
	}
	text := row(keyCol)
	if app == "" {
		if text != "" {
			return pair{}, false, rowError(name, line, "placement %q: %s %q without an applicant", pid, keyCol, text)
		}
		return pair{}, false, nil
	}
	if err := checkID(name, line, "applicant", app); err != nil {
		return pair{}, false, err
	}
	var key float64
	if byScore {
		v, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return pair{}, false, rowError(name, line, "placement %q: score %q is not a number", pid, text)
		}
		key = v
	} else {
		k, err := strconv.ParseInt(text, 10, 32)
		if err != nil || k < 1 {
			return pair{}, false, rowError(name, line, "placement %q: rank %q is not a whole number from 1 up", pid, text)
		}
		key = float64(k)
	}
	a := applicants.intern([]byte(app), position{line: int32(line), offset: -1})
	return pair{owner: p, other: a, key: key, line: line}, true, nil
}

// checkDefinedCSV reports an id named in file but never defined.
func checkDefinedCSV(t *symbols, file string) error {
	if sym := t.firstUndefined(); sym >= 0 {
		return rowError(file, int(t.firstAt[sym].line), "unknown %s id %q (not in the %s file)", t.kind, t.names[sym], t.kind+"s")
	}
	return nil
}

// buildLists groups pairs by owner, orders each list by key (descending for
// scores), and turns equal keys into ties. Owners are in dense order.
func buildLists(pairs []pair, owners, others *symbols, file string, descending bool) (placement.Lists, error) {
	n := int(owners.defined)
	for i := range pairs {
		pairs[i].owner = owners.def[pairs[i].owner]
		pairs[i].other = others.def[pairs[i].other]
	}
	slices.SortStableFunc(pairs, func(x, y pair) int {
		if c := cmp.Compare(x.owner, y.owner); c != 0 {
			return c
		}
		if descending {
			return cmp.Compare(y.key, x.key)
		}
		return cmp.Compare(x.key, y.key)
	})
	l := placement.Lists{Start: make([]int32, n+1), Item: make([]int32, len(pairs)), Rank: make([]int32, len(pairs))}
	seen := make(map[[2]int32]int, len(pairs))
	rank := int32(0)
	for i, pr := range pairs {
		if prev, dup := seen[[2]int32{pr.owner, pr.other}]; dup {
			return placement.Lists{}, rowError(file, pr.line, "%s %q lists %s %q twice (also on line %d)", owners.kind, owners.ids()[pr.owner], others.kind, others.ids()[pr.other], prev)
		}
		seen[[2]int32{pr.owner, pr.other}] = pr.line
		if i == 0 || pr.owner != pairs[i-1].owner {
			rank = 1
		} else if pr.key != pairs[i-1].key {
			rank++
		}
		l.Item[i], l.Rank[i] = pr.other, rank
		l.Start[pr.owner+1]++
	}
	for d := 0; d < n; d++ {
		l.Start[d+1] += l.Start[d]
	}
	return l, nil
}

package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pathways-gov/pathways/internal/placement"
	"github.com/pathways-gov/pathways/internal/placement/gen"
)

const example = `{"applicants": [
  {"id": "A1", "ranks": ["P1", ["P2", "P3"], "P4"]},
  {"ranks": ["P2"], "id": "A2"},
  {"id": "A3", "ranks": []}
],
"placements": [
  {"id": "P1", "capacity": 2, "ranks": ["A3", "A1"]},
  {"id": "P2", "capacity": 1, "scores": {"A1": 70, "A2": 91.5}},
  {"id": "P3", "capacity": 0, "ranks": [["A1"]]},
  {"id": "P4", "capacity": 1, "scores": {"A1": 5, "A2": 5, "A3": 9}}
],
"seed": 7}`

func TestReadJSONExample(t *testing.T) {
	got, err := ReadJSON(strings.NewReader(example), "example.json")
	if err != nil {
		t.Fatal(err)
	}
	in := got.Instance
	if !got.HasSeed || got.Seed != 7 {
		t.Errorf("seed %d %v", got.Seed, got.HasSeed)
	}
	want := &placement.Instance{
		ApplicantIDs: []string{"A1", "A2", "A3"},
		PlacementIDs: []string{"P1", "P2", "P3", "P4"},
		Capacity:     []int32{2, 1, 0, 1},
		Applicants:   placement.Lists{Start: []int32{0, 4, 5, 5}, Item: []int32{0, 1, 2, 3, 1}, Rank: []int32{1, 2, 2, 3, 1}},
		Placements: placement.Lists{
			Start: []int32{0, 2, 4, 5, 8},
			Item:  []int32{2, 0, 1, 0, 0, 2, 0, 1},
			Rank:  []int32{1, 2, 1, 2, 1, 1, 2, 2},
		},
	}
	if !reflect.DeepEqual(in, want) {
		t.Fatalf("got  %+v\nwant %+v", in, want)
	}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
}

// Reading one byte at a time (every token split across refills) gives the
// same instance as reading at once, escapes included.
func TestReadJSONStreaming(t *testing.T) {
	src := strings.Replace(example, `"A3", "A1"`, `"A\u0033", "\u00411"`, 1)
	whole, err := ReadJSON(strings.NewReader(example), "")
	if err != nil {
		t.Fatal(err)
	}
	split, err := ReadJSON(iotest.OneByteReader(strings.NewReader(src)), "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(whole, split) {
		t.Fatal("byte-at-a-time read differs")
	}
}

// Writing an instance and reading it back gives the same instance.
func TestJSONRoundTrip(t *testing.T) {
	for _, ties := range []float64{0, 0.4} {
		in, err := gen.Generate(gen.Config{Applicants: 3000, Placements: 300, Ranks: 6, Ties: ties, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		in.ApplicantIDs[0] = "Zoë \"quoted\" \\ tab\t"
		var buf bytes.Buffer
		seed := uint64(1<<63 + 5)
		if err := WriteJSON(&buf, in, &seed); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(buf.Bytes()) {
			t.Fatal("WriteJSON wrote invalid JSON")
		}
		back, err := ReadJSON(&buf, "")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back.Instance, in) || back.Seed != seed {
			t.Fatalf("ties %v: round trip changed the instance", ties)
		}
	}
}

func TestReadJSONErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"empty", ``, 1, 1, "empty input"},
		{"not an object", `[]`, 1, 1, "expected the instance (an object)"},
		{"missing comma", "{\"applicants\": [\n {\"id\": \"A1\" \"ranks\": []}]}", 2, 14, "expected ',' or '}'"},
		{"unknown field", `{"applicant": []}`, 1, 2, `unknown field "applicant"`},
		{"field twice", `{"seed": 1, "seed": 2}`, 1, 13, `field "seed" appears twice`},
		{"duplicate applicant", `{"applicants": [{"id": "A1"}, {"id": "A1"}]}`, 1, 38, `duplicate applicant id "A1"`},
		{"duplicate placement", `{"placements": [{"id": "P1", "capacity": 1}, {"id": "P1", "capacity": 1}]}`, 1, 53, `duplicate placement id "P1"`},
		{"unknown placement", `{"applicants": [{"id": "A1", "ranks": ["P9"]}]}`, 1, 40, `unknown placement id "P9"`},
		{"unknown applicant", `{"placements": [{"id": "P1", "capacity": 1, "ranks": ["A7"]}]}`, 1, 55, `unknown applicant id "A7"`},
		{"twice in a list", `{"applicants": [{"id": "A1", "ranks": ["P1", ["P2", "P1"]]}]}`, 1, 53, `placement "P1" appears twice in one list`},
		{"twice in scores", `{"placements": [{"id": "P1", "capacity": 1, "scores": {"A1": 1, "A1": 2}}]}`, 1, 65, `applicant "A1" appears twice`},
		{"negative capacity", `{"placements": [{"capacity": -1, "id": "P3"}]}`, 1, 30, `placement "P3": capacity -1 is negative`},
		{"missing capacity", `{"placements": [{"id": "P3"}]}`, 1, 17, `placement "P3" has no "capacity"`},
		{"fractional capacity", `{"placements": [{"id": "P3", "capacity": 1.5}]}`, 1, 42, `capacity 1.5 is not a whole number`},
		{"ranks and scores", `{"placements": [{"id": "P3", "capacity": 1, "ranks": [], "scores": {}}]}`, 1, 58, `either "ranks" or "scores"`},
		{"empty tie group", `{"applicants": [{"id": "A1", "ranks": [[]]}]}`, 1, 42, "empty group of ties"},
		{"nested too deep", `{"applicants": [{"id": "A1", "ranks": [[["P1"]]]}]}`, 1, 41, "expected placement id (a string)"},
		{"trailing data", `{} x`, 1, 4, "unexpected 'x' after the instance object"},
		{"unterminated string", `{"applicants": [{"id": "A1`, 1, 24, "unterminated string"},
		{"bad escape", `{"applicants": [{"id": "A\x"}]}`, 1, 26, `invalid escape sequence \x`},
		{"control character", "{\"applicants\": [{\"id\": \"A\n1\"}]}", 1, 26, "control character 0x0a"},
		{"empty id", `{"applicants": [{"id": ""}]}`, 1, 24, "empty applicant id"},
		{"invalid utf-8", "{\"applicants\": [{\"id\": \"A\xff\"}]}", 1, 24, "not valid UTF-8"},
		{"negative seed", `{"seed": -3}`, 1, 10, "seed -3 must be a whole number"},
		{"malformed number", `{"seed": 1.2.3}`, 1, 10, `malformed number "1.2.3"`},
		{"no id", `{"applicants": [{"ranks": []}]}`, 1, 17, `applicant without an "id"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(c.src), "in.json")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if e.Line != c.line || e.Column != c.col || !strings.Contains(e.Msg, c.msg) || e.File != "in.json" {
				t.Fatalf("got %v (line %d col %d), want line %d col %d containing %q", e, e.Line, e.Column, c.line, c.col, c.msg)
			}
			if !IsInputError(err) {
				t.Fatal("IsInputError is false")
			}
		})
	}
}

const applicantsCSV = "\ufeffApplicant, Rank ,Placement,Notes\n" +
	"A1,1,P1,first choice\n" +
	"A2,1,P2,\n" +
	"A1,2,P2,\n" +
	"A1,2,P3,\n" +
	"A3,,,listed nothing\n" +
	"A1,7,P4,\n"

const placementsCSV = "placement,capacity,applicant,rank\n" +
	"P1,2,A3,1\n" +
	"P1,2,A1,2\n" +
	"P2,1,A1,2\n" +
	"P2,,A2,1\n" +
	"P3,0,,\n" +
	"P4,1,A1,1\n"

func TestReadCSV(t *testing.T) {
	got, err := ReadCSV(CSVFiles{
		Applicants: strings.NewReader(applicantsCSV), ApplicantsName: "a.csv",
		Placements: strings.NewReader(placementsCSV), PlacementsName: "p.csv",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := &placement.Instance{
		ApplicantIDs: []string{"A1", "A2", "A3"},
		PlacementIDs: []string{"P1", "P2", "P3", "P4"},
		Capacity:     []int32{2, 1, 0, 1},
		Applicants:   placement.Lists{Start: []int32{0, 4, 5, 5}, Item: []int32{0, 1, 2, 3, 1}, Rank: []int32{1, 2, 2, 3, 1}},
		Placements:   placement.Lists{Start: []int32{0, 2, 4, 4, 5}, Item: []int32{2, 0, 1, 0, 0}, Rank: []int32{1, 2, 1, 2, 1}},
	}
	if !reflect.DeepEqual(got.Instance, want) {
		t.Fatalf("got  %+v\nwant %+v", got.Instance, want)
	}
}

func TestReadCSVScores(t *testing.T) {
	got, err := ReadCSV(CSVFiles{
		Applicants: strings.NewReader("applicant,rank,placement\nA1,1,P1\nA2,1,P1\nA3,1,P1\n"),
		Placements: strings.NewReader("placement,capacity,applicant,score\nP1,1,A1,70\nP1,1,A2,91.5\nP1,1,A3,70\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	l := got.Instance.Placements
	if !reflect.DeepEqual(l.Item, []int32{1, 0, 2}) || !reflect.DeepEqual(l.Rank, []int32{1, 2, 2}) {
		t.Fatalf("scores ranked %v %v, want A2 then A1=A3", l.Item, l.Rank)
	}
}

func TestReadCSVErrors(t *testing.T) {
	okA := "applicant,rank,placement\nA1,1,P1\n"
	okP := "placement,capacity,applicant,rank\nP1,1,A1,1\n"
	cases := []struct {
		name, a, p string
		file       string
		line       int
		msg        string
	}{
		{"missing column", "applicant,placement\nA1,P1\n", okP, "a.csv", 1, `no "rank" column`},
		{"bad rank", "applicant,rank,placement\nA1,first,P1\n", okP, "a.csv", 2, `rank "first" is not a whole number`},
		{"zero rank", "applicant,rank,placement\nA1,0,P1\n", okP, "a.csv", 2, `rank "0"`},
		{"pair twice", "applicant,rank,placement\nA1,1,P1\nA1,2,P1\n", okP, "a.csv", 3, `applicant "A1" lists placement "P1" twice (also on line 2)`},
		{"unknown placement", "applicant,rank,placement\nA1,1,P1\nA1,2,P9\n", okP, "a.csv", 3, `unknown placement id "P9"`},
		{"unknown applicant", okA, "placement,capacity,applicant,rank\nP1,1,A1,1\nP1,1,A5,2\n", "p.csv", 3, `unknown applicant id "A5"`},
		{"negative capacity", okA, "placement,capacity,applicant,rank\nP1,-2,A1,1\n", "p.csv", 2, `placement "P1": capacity -2 is negative`},
		{"conflicting capacity", okA, "placement,capacity,applicant,rank\nP1,1,A1,1\nP2,3,,\nP2,4,,\n", "p.csv", 4, `capacity 4 conflicts with 3 on line 3`},
		{"no capacity", okA, "placement,capacity,applicant,rank\nP1,,A1,1\n", "p.csv", 2, `placement "P1" has no capacity`},
		{"rank and score", okA, "placement,capacity,applicant,rank,score\nP1,1,A1,1,2\n", "p.csv", 1, `exactly one of the columns "rank" and "score"`},
		{"bad score", okA, "placement,capacity,applicant,score\nP1,1,A1,high\n", "p.csv", 2, `score "high" is not a number`},
		{"malformed csv", "applicant,rank,placement\nA1,1,\"P1\n", okP, "a.csv", 2, "quote"},
		{"ragged row", "applicant,rank,placement\nA1,1\n", okP, "a.csv", 2, "wrong number of fields"},
		{"empty file", "", okP, "a.csv", 1, "empty file"},
		{"empty id", "applicant,rank,placement\n,1,P1\n", okP, "a.csv", 2, "empty applicant id"},
		{"invalid utf-8", "applicant,rank,placement\nA\xff,1,P1\n", okP, "a.csv", 2, "not valid UTF-8"},
		{"applicant twice in placement", okA, "placement,capacity,applicant,rank\nP1,1,A1,1\nP1,1,A1,2\n", "p.csv", 3, `placement "P1" lists applicant "A1" twice`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV(CSVFiles{
				Applicants: strings.NewReader(c.a), ApplicantsName: "a.csv",
				Placements: strings.NewReader(c.p), PlacementsName: "p.csv",
			})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if e.File != c.file || e.Line != c.line || !strings.Contains(e.Msg, c.msg) {
				t.Fatalf("got %v, want %s line %d containing %q", e, c.file, c.line, c.msg)
			}
		})
	}
}

// The result file is valid JSON with the documented fields and values.
func TestWriteResult(t *testing.T) {
	parsed, err := ReadJSON(strings.NewReader(example), "")
	if err != nil {
		t.Fatal(err)
	}
	in := parsed.Instance
	r, err := placement.Solve(in, placement.Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteResult(&buf, in, r, Run{Seed: 7, ParseMS: 1.5, Explain: true}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Assignments []struct {
			Applicant, Placement string
			ApplicantRank        int `json:"applicant_rank"`
		}
		Unassigned []string
		Placements []struct {
			ID         string
			Capacity   int
			Filled     int
			CutoffRank *int `json:"cutoff_rank"`
		}
		Stable       bool
		Seed         uint64
		Optimal      string
		Stats        map[string]float64
		Explanations []struct {
			Applicant string
			Above     []struct {
				Placement string
				Reason    string
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, buf.String())
	}
	assigned := 0
	for a, p := range r.Placement {
		if p == placement.Unassigned {
			continue
		}
		got := doc.Assignments[assigned]
		if got.Applicant != in.ApplicantIDs[a] || got.Placement != in.PlacementIDs[p] || got.ApplicantRank != int(r.ApplicantRank[a]) {
			t.Errorf("assignment %d: %+v", assigned, got)
		}
		assigned++
	}
	if assigned != len(doc.Assignments) || len(doc.Unassigned) != len(r.Placement)-assigned {
		t.Errorf("%d assignments, %d unassigned", len(doc.Assignments), len(doc.Unassigned))
	}
	for p, got := range doc.Placements {
		notFull := r.Cutoff[p] == placement.NotFull
		if got.ID != in.PlacementIDs[p] || got.Filled != int(r.Filled[p]) || (got.CutoffRank == nil) != notFull ||
			(!notFull && *got.CutoffRank != int(r.Cutoff[p])) {
			t.Errorf("placement %d: %+v", p, got)
		}
	}
	if !doc.Stable || doc.Seed != 7 || doc.Optimal != "applicant" || doc.Stats["parse_ms"] != 1.5 || doc.Stats["applicants"] != 3 {
		t.Errorf("header: %+v", doc)
	}
	if len(doc.Explanations) != 3 {
		t.Fatalf("%d explanations", len(doc.Explanations))
	}
}

package format

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/placement"
)

// FuzzReadJSON: any input is either rejected with an *Error (never a panic),
// or read into a valid instance that survives a write/read round trip and
// can be solved and verified.
func FuzzReadJSON(f *testing.F) {
	f.Add(example)
	f.Add(`{"applicants": [{"id": "A1", "ranks": ["P1"]}], "placements": [{"id": "P1", "capacity": 1, "ranks": ["A1"]}]}`)
	f.Add(`{"placements": [{"id": "P\u00e9", "capacity": 0, "scores": {}}], "seed": 18446744073709551615}`)
	f.Add(`{"applicants": [{"id": "A1", "ranks": [["P1", "P1"]]}]}`)
	f.Add(`{"applicants": [{"id": "\ud83d\ude00"}]}`)
	f.Fuzz(func(t *testing.T, src string) {
		got, err := ReadJSON(strings.NewReader(src), "fuzz")
		if err != nil {
			if !IsInputError(err) {
				t.Fatalf("error %v is not an input error", err)
			}
			return
		}
		checkReadable(t, got.Instance)
	})
}

// FuzzReadCSV: the same for the two CSV files.
func FuzzReadCSV(f *testing.F) {
	f.Add(applicantsCSV, placementsCSV)
	f.Add("applicant,rank,placement\nA1,1,P1\n", "placement,capacity,applicant,score\nP1,1,A1,1e3\n")
	f.Add("applicant,rank,placement\n\"A,1\",1,P1\n", "placement,capacity,applicant,rank\nP1,1,\"A,1\",1\n")
	f.Fuzz(func(t *testing.T, a, p string) {
		got, err := ReadCSV(CSVFiles{Applicants: strings.NewReader(a), Placements: strings.NewReader(p)})
		if err != nil {
			if !IsInputError(err) {
				t.Fatalf("error %v is not an input error", err)
			}
			return
		}
		checkReadable(t, got.Instance)
	})
}

func checkReadable(t *testing.T, in *placement.Instance) {
	t.Helper()
	if err := in.Validate(); err != nil {
		t.Fatalf("accepted an invalid instance: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, in, nil); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&buf, "round trip")
	if err != nil {
		t.Fatalf("cannot read back what was written: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back.Instance, in) {
		t.Fatalf("round trip changed the instance")
	}
	r, err := placement.Solve(in, placement.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := placement.Verify(in, r); err != nil {
		t.Fatal(err)
	}
}

package matchcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/placement"
	"github.com/pathways-gov/pathways/internal/placement/format"
)

// result is the part of the result file the tests read.
type result struct {
	Assignments []struct {
		Applicant     string `json:"applicant"`
		Placement     string `json:"placement"`
		ApplicantRank int    `json:"applicant_rank"`
	} `json:"assignments"`
	Unassigned []string `json:"unassigned"`
	Placements []struct {
		ID         string `json:"id"`
		Capacity   int    `json:"capacity"`
		Filled     int    `json:"filled"`
		CutoffRank *int   `json:"cutoff_rank"`
	} `json:"placements"`
	Stable  bool               `json:"stable"`
	Seed    uint64             `json:"seed"`
	Optimal string             `json:"optimal"`
	Stats   map[string]float64 `json:"stats"`
}

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func decode(t *testing.T, data string) result {
	t.Helper()
	var r result
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		t.Fatalf("result is not valid JSON: %v\n%s", err, data)
	}
	return r
}

const instance = `{"applicants": [
 {"id": "A1", "ranks": ["P1", "P2"]},
 {"id": "A2", "ranks": ["P1", "P2"]},
 {"id": "A3", "ranks": ["P1"]}
],
"placements": [
 {"id": "P1", "capacity": 1, "ranks": ["A3", "A1", "A2"]},
 {"id": "P2", "capacity": 1, "ranks": ["A2", "A1"]}
],
"seed": 4}`

// JSON in, JSON out, through standard input and output.
func TestMatchJSONStdio(t *testing.T) {
	code, out, stderr := run(t, instance, "--in", "-", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := decode(t, out)
	got := map[string]string{}
	for _, a := range r.Assignments {
		got[a.Applicant] = a.Placement
	}
	// A3 holds P1; A1 and A2 compete for P2, which prefers A2.
	if got["A3"] != "P1" || got["A2"] != "P2" || len(r.Unassigned) != 1 || r.Unassigned[0] != "A1" {
		t.Fatalf("assignments %v, unassigned %v", got, r.Unassigned)
	}
	if !r.Stable || r.Seed != 4 || r.Optimal != "applicant" || r.Stats["applicants"] != 3 {
		t.Fatalf("header %+v", r)
	}
	if *r.Placements[0].CutoffRank != 1 || *r.Placements[1].CutoffRank != 1 {
		t.Fatalf("cutoffs %+v", r.Placements)
	}
	if !strings.Contains(stderr, "2 assigned") {
		t.Errorf("summary %q", stderr)
	}
}

// Files in and out; --seed overrides the instance's; placement-optimal.
func TestMatchFiles(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.json")
	if err := os.WriteFile(in, []byte(instance), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "--in", in, "--out", out, "--seed", "99", "--optimal", "placement"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	r := decode(t, string(data))
	if r.Seed != 99 || r.Optimal != "placement" {
		t.Fatalf("seed %d optimal %s", r.Seed, r.Optimal)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

// Two CSV files in.
func TestMatchCSV(t *testing.T) {
	dir := t.TempDir()
	a, p := filepath.Join(dir, "a.csv"), filepath.Join(dir, "p.csv")
	os.WriteFile(a, []byte("applicant,rank,placement\nA1,1,P1\nA1,2,P2\nA2,1,P1\nA2,2,P2\nA3,1,P1\n"), 0o600)
	os.WriteFile(p, []byte("placement,capacity,applicant,score\nP1,1,A3,90\nP1,1,A1,80\nP1,1,A2,70\nP2,1,A2,9\nP2,1,A1,8\n"), 0o600)
	code, out, stderr := run(t, "", "--applicants", a, "--placements", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := decode(t, out)
	if len(r.Assignments) != 2 || len(r.Unassigned) != 1 || r.Unassigned[0] != "A1" {
		t.Fatalf("%+v", r)
	}
}

// generate writes an instance that match solves; same seed, same bytes.
func TestGenerateThenMatch(t *testing.T) {
	dir := t.TempDir()
	inst := filepath.Join(dir, "gen.json")
	args := []string{"generate", "--applicants", "2000", "--placements", "150", "--ranks", "5", "--ties", "0.3", "--seed", "3", "--lottery-seed", "11"}
	if code, _, stderr := run(t, "", append(args, "--out", inst)...); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	_, again, _ := run(t, "", args...)
	first, _ := os.ReadFile(inst)
	if string(first) != again {
		t.Fatal("same generator seed, different instance")
	}
	code, out, stderr := run(t, "", "--in", inst, "--explain")
	if code != 0 {
		t.Fatalf("match: exit %d: %s", code, stderr)
	}
	r := decode(t, out)
	if r.Seed != 11 || int(r.Stats["applicants"]) != 2000 || len(r.Assignments)+len(r.Unassigned) != 2000 {
		t.Fatalf("seed %d, stats %v", r.Seed, r.Stats)
	}
	// The written result agrees with an independent solve and verification.
	parsed, err := format.ReadJSON(strings.NewReader(string(first)), "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := placement.Solve(parsed.Instance, placement.Options{Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]string{}
	for _, a := range r.Assignments {
		byID[a.Applicant] = a.Placement
	}
	for a, p := range res.Placement {
		want := ""
		if p != placement.Unassigned {
			want = parsed.Instance.PlacementIDs[p]
		}
		if byID[parsed.Instance.ApplicantIDs[a]] != want {
			t.Fatalf("applicant %s: file says %q, solver %q", parsed.Instance.ApplicantIDs[a], byID[parsed.Instance.ApplicantIDs[a]], want)
		}
	}
}

// Bad input exits 2, names the problem, and writes no output file.
func TestMatchBadInput(t *testing.T) {
	cases := map[string]struct {
		input, msg string
	}{
		"malformed":         {`{"applicants": [`, "line 1, column 17"},
		"duplicate id":      {`{"applicants": [{"id": "A1"}, {"id": "A1"}]}`, `duplicate applicant id "A1"`},
		"unknown id":        {`{"applicants": [{"id": "A1", "ranks": ["P7"]}]}`, `unknown placement id "P7"`},
		"twice in a list":   {`{"applicants": [{"id": "A1", "ranks": ["P1", "P1"]}], "placements": [{"id": "P1", "capacity": 1}]}`, `"P1" appears twice`},
		"negative capacity": {`{"placements": [{"id": "P1", "capacity": -4}]}`, `placement "P1": capacity -4 is negative`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.json")
			os.WriteFile(in, []byte(c.input), 0o600)
			code, stdout, stderr := run(t, "", "--in", in, "--out", out)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if !strings.Contains(stderr, c.msg) {
				t.Fatalf("stderr %q does not contain %q", stderr, c.msg)
			}
			if stdout != "" {
				t.Fatalf("wrote to stdout: %q", stdout)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Fatalf("output written: %v", entries)
			}
		})
	}
}

func TestMatchUsage(t *testing.T) {
	cases := [][]string{
		{},
		{"--in", "x.json", "--applicants", "a.csv"},
		{"--applicants", "a.csv"},
		{"--in", "-", "--optimal", "both"},
		{"--in", "-", "--seed", "-1"},
		{"--in", "/nonexistent/in.json"},
		{"--bogus"},
		{"generate", "--applicants", "10"},
		{"generate", "--applicants", "10", "--placements", "2", "--ranks", "5"},
		{"generate", "--applicants", "10", "--placements", "2", "--ties", "2"},
	}
	for _, args := range cases {
		if code, _, stderr := run(t, "{}", args...); code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
	if code, _, _ := run(t, "", "--help"); code != 0 {
		t.Errorf("--help: exit %d", code)
	}
}

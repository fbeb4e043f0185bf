package application

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/lang"
)

// expectedEdges is the state machine written out independently of status.go:
// "from > to: who", where who is "applicant", "staff" or "staff+consent"
// (staff, and only when the applicant agreed to be kept on file).
const expectedEdges = `
draft > submitted: applicant
submitted > under-review: staff
under-review > screened-in: staff
under-review > screened-out: staff
screened-in > assessment: staff
assessment > qualified: staff
assessment > unsuccessful: staff
qualified > offered: staff
offered > hired: staff
screened-out > kept-on-file: staff+consent
unsuccessful > kept-on-file: staff+consent
qualified > kept-on-file: staff+consent
submitted > withdrawn: applicant
under-review > withdrawn: applicant
screened-in > withdrawn: applicant
assessment > withdrawn: applicant
qualified > withdrawn: applicant
offered > withdrawn: applicant
kept-on-file > withdrawn: applicant
`

func TestStateMachineTable(t *testing.T) {
	type key struct {
		from, to Status
		by       Actor
		consent  bool
	}
	want := map[key]bool{}
	for _, line := range strings.Split(strings.TrimSpace(expectedEdges), "\n") {
		var from, to, who string
		if _, err := fmt.Sscanf(strings.NewReplacer(">", " ", ":", " ").Replace(line), "%s %s %s", &from, &to, &who); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		for _, consent := range []bool{false, true} {
			switch who {
			case "applicant":
				want[key{Status(from), Status(to), ByApplicant, consent}] = true
			case "staff":
				want[key{Status(from), Status(to), ByStaff, consent}] = true
			case "staff+consent":
				if consent {
					want[key{Status(from), Status(to), ByStaff, consent}] = true
				}
			default:
				t.Fatalf("bad actor in %q", line)
			}
		}
	}
	n := 0
	for _, from := range Statuses {
		for _, to := range Statuses {
			for _, by := range []Actor{ByApplicant, ByStaff} {
				for _, consent := range []bool{false, true} {
					n++
					k := key{from, to, by, consent}
					if got := Allowed(from, to, by, consent); got != want[k] {
						t.Errorf("Allowed(%s, %s, actor %d, consent %v) = %v, want %v", from, to, by, consent, got, want[k])
					}
				}
			}
		}
	}
	if n != len(Statuses)*len(Statuses)*4 || len(Statuses) != 12 {
		t.Fatalf("checked %d cases over %d statuses", n, len(Statuses))
	}
	// Unknown statuses go nowhere.
	if Allowed("nope", Submitted, ByApplicant|ByStaff, true) || Allowed(Draft, "nope", ByApplicant|ByStaff, true) {
		t.Error("unknown status allowed")
	}
}

func TestStatusPredicates(t *testing.T) {
	open := map[Status]bool{Draft: true, Submitted: true, UnderReview: true, ScreenedIn: true, Assessment: true,
		Qualified: true, Offered: true, KeptOnFile: true}
	final := map[Status]bool{Hired: true, Withdrawn: true}
	for _, s := range Statuses {
		if s.Open() != open[s] {
			t.Errorf("%s.Open() = %v", s, s.Open())
		}
		if s.Final() != final[s] {
			t.Errorf("%s.Final() = %v", s, s.Final())
		}
		if s.IsSubmitted() != (s != Draft && s != Withdrawn) {
			t.Errorf("%s.IsSubmitted() = %v", s, s.IsSubmitted())
		}
		for _, l := range lang.All {
			if s.Name(l) == "" || s.Meaning(l) == "" {
				t.Errorf("%s has no name or meaning in %s", s, l)
			}
		}
		if s.Name(lang.EN) == s.Name(lang.FR) && s != Submitted {
			// "Submitted"/"Soumise" differ; every name should be translated.
			t.Errorf("%s name not translated: %q", s, s.Name(lang.EN))
		}
	}
	if Status("x").Open() || Status("x").Valid() {
		t.Error("unknown status is open or valid")
	}
}

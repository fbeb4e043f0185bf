package placement

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

const randomRuns = 3000

var strictTiny = randomConfig{maxApplicants: 5, maxPlacements: 3, maxCapacity: 2}

// Every result is stable, feasible and mutually acceptable by the brute-force
// definition, whatever the side, seed, ties or cycles; and Verify agrees.
func TestResultsAreStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	configs := []randomConfig{
		strictTiny,
		{maxApplicants: 6, maxPlacements: 4, maxCapacity: 2, placementTies: 0.5},
		{maxApplicants: 6, maxPlacements: 4, maxCapacity: 3, applicantTies: 0.4, placementTies: 0.6},
	}
	for _, c := range configs {
		for i := 0; i < randomRuns; i++ {
			in := randomInstance(rng, c)
			tb := tableOf(in)
			for _, opt := range []Options{
				{Seed: uint64(i)},
				{Seed: uint64(i), NoCycles: true},
				{Seed: uint64(i), Optimal: PlacementOptimal},
			} {
				r := mustSolve(t, in, opt)
				if !tb.stable(r.Placement) {
					t.Fatalf("config %+v run %d opt %+v: result %v is not stable", c, i, opt, r.Placement)
				}
				if want := claims(tb, r.Placement); !reflect.DeepEqual(r.Filled, want.Filled) || !reflect.DeepEqual(r.Cutoff, want.Cutoff) ||
					!reflect.DeepEqual(r.ApplicantRank, want.ApplicantRank) || !reflect.DeepEqual(r.PlacementRank, want.PlacementRank) {
					t.Fatalf("run %d: result reports %+v, want %+v", i, r, want)
				}
				if err := Verify(in, r); err != nil {
					t.Fatalf("run %d: Verify rejects a stable result: %v", i, err)
				}
			}
		}
	}
}

// With strict lists, applicant-proposing gives every applicant its best
// placement over all stable matchings, and placement-proposing its worst (the
// placement-optimal stable matching is the applicant-pessimal one).
func TestOptimalityAgainstAllStableMatchings(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < randomRuns; i++ {
		in := randomInstance(rng, strictTiny)
		tb := tableOf(in)
		all := tb.allStable()
		if len(all) == 0 {
			t.Fatalf("run %d: no stable matching found by enumeration", i)
		}
		best := mustSolve(t, in, Options{})
		worst := mustSolve(t, in, Options{Optimal: PlacementOptimal})
		for a := 0; a < tb.n; a++ {
			lo, hi := tb.utility(a, all[0][a]), tb.utility(a, all[0][a])
			for _, m := range all[1:] {
				lo, hi = min(lo, tb.utility(a, m[a])), max(hi, tb.utility(a, m[a]))
			}
			if got := tb.utility(a, best.Placement[a]); got != lo {
				t.Fatalf("run %d: applicant %d gets rank %d applicant-optimal, best stable is %d", i, a, got, lo)
			}
			if got := tb.utility(a, worst.Placement[a]); got != hi {
				t.Fatalf("run %d: applicant %d gets rank %d placement-optimal, worst stable is %d", i, a, got, hi)
			}
		}
	}
}

// No applicant obtains a better placement (by its true list) by submitting
// any other strict list, under applicant-proposing deferred acceptance with a
// fixed lottery, including when placements' lists have ties.
func TestApplicantsCannotGainByMisreporting(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	configs := []randomConfig{
		{maxApplicants: 4, maxPlacements: 3, maxCapacity: 2},
		{maxApplicants: 4, maxPlacements: 3, maxCapacity: 2, placementTies: 0.5},
	}
	checked := 0
	for _, c := range configs {
		for i := 0; i < randomRuns/3; i++ {
			in := randomInstance(rng, c)
			tb := tableOf(in)
			opt := Options{Seed: uint64(i), NoCycles: true}
			truth := mustSolve(t, in, opt)
			for a := 0; a < tb.n; a++ {
				for _, lie := range orderedSubsets(tb.m) {
					r := mustSolve(t, withList(in, a, lie), opt)
					if tb.utility(a, r.Placement[a]) < tb.utility(a, truth.Placement[a]) {
						t.Fatalf("run %d: applicant %d gains by reporting %v: gets %d instead of %d", i, a, lie, r.Placement[a], truth.Placement[a])
					}
					checked++
				}
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d misreports checked", checked)
	}
}

// orderedSubsets lists every strict list over m placements.
func orderedSubsets(m int) [][]int32 {
	out := [][]int32{{}}
	var rec func(cur []int32, used int)
	rec = func(cur []int32, used int) {
		for p := 0; p < m; p++ {
			if used&(1<<p) == 0 {
				next := append(append([]int32(nil), cur...), int32(p))
				out = append(out, next)
				rec(next, used|1<<p)
			}
		}
	}
	rec(nil, 0)
	return out
}

// withList returns a copy of in where applicant a submits the strict list.
func withList(in *Instance, a int, list []int32) *Instance {
	out := *in
	l := Lists{Start: []int32{0}}
	for i := 0; i < in.NumApplicants(); i++ {
		if i == a {
			for k, p := range list {
				l.Item = append(l.Item, p)
				l.Rank = append(l.Rank, int32(k+1))
			}
		} else {
			lo, hi := in.Applicants.Bounds(i)
			l.Item = append(l.Item, in.Applicants.Item[lo:hi]...)
			l.Rank = append(l.Rank, in.Applicants.Rank[lo:hi]...)
		}
		l.Start = append(l.Start, int32(len(l.Item)))
	}
	out.Applicants = l
	return &out
}

// Stable improvement cycles never make an applicant worse off, keep the
// matching stable, and (with strict applicants' lists) leave a matching that
// no stable matching Pareto-dominates for applicants.
func TestImprovementCycles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	configs := []randomConfig{
		{maxApplicants: 6, maxPlacements: 4, maxCapacity: 2, placementTies: 0.7},
		{maxApplicants: 6, maxPlacements: 4, maxCapacity: 1, placementTies: 0.5, complete: true},
		{maxApplicants: 6, maxPlacements: 3, maxCapacity: 2, placementTies: 0.4, complete: true},
		{maxApplicants: 6, maxPlacements: 4, maxCapacity: 2, applicantTies: 0.3, placementTies: 0.7},
	}
	improvedRuns := 0
	for ci, c := range configs {
		for i := 0; i < randomRuns; i++ {
			in := randomInstance(rng, c)
			tb := tableOf(in)
			seed := uint64(i)
			plain := mustSolve(t, in, Options{Seed: seed, NoCycles: true})
			better := mustSolve(t, in, Options{Seed: seed})
			if !tb.stable(better.Placement) {
				t.Fatalf("config %d run %d: cycles broke stability: %v", ci, i, better.Placement)
			}
			moved := 0
			for a := 0; a < tb.n; a++ {
				before, after := tb.utility(a, plain.Placement[a]), tb.utility(a, better.Placement[a])
				if after > before {
					t.Fatalf("config %d run %d: applicant %d worse off after cycles (%d -> %d)", ci, i, a, before, after)
				}
				if after < before {
					moved++
				}
			}
			if moved != better.Stats.ImprovedByCycles {
				t.Fatalf("run %d: %d applicants improved, stats say %d", i, moved, better.Stats.ImprovedByCycles)
			}
			if moved > 0 {
				improvedRuns++
			}
			if c.applicantTies == 0 {
				plainDominated := false
				for _, m := range tb.allStable() {
					if dominates(tb, m, better.Placement) {
						t.Fatalf("config %d run %d: stable matching %v dominates result %v", ci, i, m, better.Placement)
					}
					plainDominated = plainDominated || dominates(tb, m, plain.Placement)
				}
				// Erdil and Ergin: a stable matching is dominated iff it
				// admits a stable improvement cycle.
				if plainDominated != (moved > 0) {
					t.Fatalf("config %d run %d: deferred acceptance dominated=%v but cycles moved %d", ci, i, plainDominated, moved)
				}
			}
		}
	}
	if improvedRuns < 50 {
		t.Fatalf("cycles improved only %d runs: the test does not exercise them", improvedRuns)
	}
}

// dominates reports whether x makes every applicant at least as well off as
// y and some applicant strictly better.
func dominates(tb *table, x, y []int32) bool {
	strictly := false
	for a := 0; a < tb.n; a++ {
		ux, uy := tb.utility(a, x[a]), tb.utility(a, y[a])
		if ux > uy {
			return false
		}
		if ux < uy {
			strictly = true
		}
	}
	return strictly
}

// The same seed gives the same result; different seeds break ties
// differently, each tied applicant winning about half the time.
func TestSeededLottery(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < randomRuns/3; i++ {
		in := randomInstance(rng, randomConfig{maxApplicants: 6, maxPlacements: 4, maxCapacity: 2, applicantTies: 0.4, placementTies: 0.6})
		for _, side := range []Side{ApplicantOptimal, PlacementOptimal} {
			a := mustSolve(t, in, Options{Seed: 42, Optimal: side})
			b := mustSolve(t, in, Options{Seed: 42, Optimal: side})
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("run %d: same seed, different results", i)
			}
		}
	}

	// Two applicants tied for one seat: the lottery decides.
	in := build(t, "A1: P1\nA2: P1", "P1/1: [A1 A2]")
	// One applicant indifferent between two one-seat placements.
	in2 := build(t, "A1: [P1 P2]", "P1/1: A1\nP2/1: A1")
	const seeds = 400
	wins, firsts := 0, 0
	for seed := uint64(0); seed < seeds; seed++ {
		if mustSolve(t, in, Options{Seed: seed}).Placement[0] == 0 {
			wins++
		}
		if mustSolve(t, in2, Options{Seed: seed}).Placement[0] == 0 {
			firsts++
		}
	}
	if wins < seeds*2/5 || wins > seeds*3/5 {
		t.Errorf("A1 won the tie %d times in %d seeds, want about half", wins, seeds)
	}
	if firsts < seeds*2/5 || firsts > seeds*3/5 {
		t.Errorf("A1 got P1 %d times in %d seeds, want about half", firsts, seeds)
	}
}

// The lottery order is a permutation, reproducible, and seed-dependent.
func TestLotteryOrder(t *testing.T) {
	a := LotteryOrder(1000, 7, false)
	if !reflect.DeepEqual(a, LotteryOrder(1000, 7, false)) {
		t.Fatal("same seed, different order")
	}
	seen := make([]bool, 1000)
	for _, x := range a {
		if seen[x] {
			t.Fatalf("%d drawn twice", x)
		}
		seen[x] = true
	}
	if reflect.DeepEqual(a, LotteryOrder(1000, 8, false)) || reflect.DeepEqual(a, LotteryOrder(1000, 7, true)) {
		t.Fatal("different seed or side, same order")
	}
}

// Verify accepts exactly the stable matchings: on random assignments, its
// verdict matches the brute-force definition.
func TestVerifyAgreesWithDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	stableSeen, unstableSeen := 0, 0
	for i := 0; i < randomRuns*2; i++ {
		in := randomInstance(rng, randomConfig{maxApplicants: 5, maxPlacements: 3, maxCapacity: 2, applicantTies: 0.3, placementTies: 0.5})
		tb := tableOf(in)
		match := make([]int32, tb.n)
		for a := range match {
			match[a] = int32(rng.IntN(tb.m+1)) - 1
		}
		want := tb.stable(match)
		err := Verify(in, claims(tb, match))
		if (err == nil) != want {
			t.Fatalf("run %d: match %v: Verify says %v, definition says stable=%v", i, match, err, want)
		}
		if want {
			stableSeen++
		} else {
			unstableSeen++
		}
	}
	if stableSeen < 100 || unstableSeen < 100 {
		t.Fatalf("unbalanced sample: %d stable, %d unstable", stableSeen, unstableSeen)
	}
}

// Verify rejects results whose reported facts are false.
func TestVerifyRejectsFalseClaims(t *testing.T) {
	in := build(t, `
		A1: P1 P2
		A2: P1 P2
		A3: P2`, `
		P1/1: A2 A1
		P2/2: A1 A3 A2`)
	good := mustSolve(t, in, Options{})
	if err := Verify(in, good); err != nil {
		t.Fatalf("Verify(good) = %v", err)
	}
	corrupt := map[string]func(r *Result){
		"applicant rank":  func(r *Result) { r.ApplicantRank[0]++ },
		"placement rank":  func(r *Result) { r.PlacementRank[0]++ },
		"filled":          func(r *Result) { r.Filled[1]-- },
		"cutoff":          func(r *Result) { r.Cutoff[1] = NotFull },
		"unlisted pair":   func(r *Result) { r.Placement[2], r.ApplicantRank[2], r.PlacementRank[2] = 0, 1, 1 },
		"over capacity":   func(r *Result) { r.Placement[0], r.Filled[0], r.Filled[1] = 0, 2, 1 },
		"unknown":         func(r *Result) { r.Placement[0] = 9 },
		"short":           func(r *Result) { r.Cutoff = r.Cutoff[:1] },
		"blocking (none)": func(r *Result) { *r = *claims(tableOf(in), []int32{-1, -1, -1}) },
	}
	for name, f := range corrupt {
		r := mustSolve(t, in, Options{})
		f(r)
		if err := Verify(in, r); err == nil {
			t.Errorf("%s: Verify accepted a false result", name)
		}
	}
}

// Each explanation is true: it covers exactly the placements ranked above the
// one obtained, and its figures are the placement's list and cutoff.
func TestExplanationsAreTrue(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	kinds := map[ReasonKind]int{}
	for i := 0; i < randomRuns; i++ {
		in := randomInstance(rng, randomConfig{maxApplicants: 6, maxPlacements: 4, maxCapacity: 2, applicantTies: 0.2, placementTies: 0.5})
		tb := tableOf(in)
		r := mustSolve(t, in, Options{Seed: uint64(i)})
		x := NewExplainer(in, r)
		for a := 0; a < tb.n; a++ {
			reasons, err := x.Explain(int32(a))
			if err != nil {
				t.Fatal(err)
			}
			var above []int32
			for p := 0; p < tb.m; p++ {
				if tb.prefers(a, p, r.Placement[a]) {
					above = append(above, int32(p))
				}
			}
			if len(reasons) != len(above) {
				t.Fatalf("run %d applicant %d: %d reasons for %d placements above", i, a, len(reasons), len(above))
			}
			for _, why := range reasons {
				checkReason(t, tb, r, a, why)
				kinds[why.Kind]++
			}
		}
	}
	for _, k := range []ReasonKind{NotRanked, RankedBelow, TiedAtCutoff, NoSeats} {
		if kinds[k] == 0 {
			t.Errorf("no reason of kind %v seen", k)
		}
	}
}

func checkReason(t *testing.T, tb *table, r *Result, a int, why Reason) {
	t.Helper()
	p := why.Placement
	if !tb.prefers(a, int(p), r.Placement[a]) || why.ApplicantRank != tb.aRank[a][p] {
		t.Fatalf("applicant %d: reason about %d, which it does not prefer", a, p)
	}
	if why.YourRank != tb.pRank[p][a] {
		t.Fatalf("applicant %d at %d: your rank %d, list says %d", a, p, why.YourRank, tb.pRank[p][a])
	}
	worst := int32(0)
	for b, q := range r.Placement {
		if q == p {
			worst = max(worst, tb.pRank[p][b])
		}
	}
	switch why.Kind {
	case NotRanked:
		if tb.pRank[p][a] != 0 {
			t.Fatalf("not_ranked, but %d ranks %d", p, a)
		}
	case NoSeats:
		if tb.capacity[p] != 0 {
			t.Fatalf("no_seats, but %d has %d", p, tb.capacity[p])
		}
	case RankedBelow, TiedAtCutoff:
		if int(r.Filled[p]) != tb.capacity[p] || why.Cutoff != worst {
			t.Fatalf("full with cutoff %d, but filled %d/%d with worst %d", why.Cutoff, r.Filled[p], tb.capacity[p], worst)
		}
		if (why.Kind == RankedBelow) != (why.YourRank > worst) || (why.Kind == TiedAtCutoff) != (why.YourRank == worst) {
			t.Fatalf("kind %v with your rank %d and cutoff %d", why.Kind, why.YourRank, worst)
		}
	default:
		t.Fatalf("unknown kind %v", why.Kind)
	}
}

// Validate rejects malformed instances with a message naming the culprit.
func TestValidateRejects(t *testing.T) {
	good := func() *Instance { return build(t, "A1: P1 P2\nA2: P1", "P1/1: A1 A2\nP2/1: A1") }
	cases := map[string]func(in *Instance){
		"negative capacity": func(in *Instance) { in.Capacity[1] = -1 },
		"twice in a list":   func(in *Instance) { in.Applicants.Item[1] = 0 },
		"placement twice":   func(in *Instance) { in.Placements.Item[1] = 0 },
		"unknown item":      func(in *Instance) { in.Placements.Item[0] = 5 },
		"rank jumps":        func(in *Instance) { in.Applicants.Rank[1] = 3 },
		"rank starts at 2":  func(in *Instance) { in.Placements.Rank[2] = 2 },
		"bad offsets":       func(in *Instance) { in.Applicants.Start[1] = 5 },
		"missing capacity":  func(in *Instance) { in.Capacity = in.Capacity[:1] },
		"ids mismatch":      func(in *Instance) { in.ApplicantIDs = in.ApplicantIDs[:1] },
	}
	for name, f := range cases {
		in := good()
		f(in)
		if err := in.Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
		if _, err := Solve(in, Options{}); err == nil {
			t.Errorf("%s: Solve accepted it", name)
		}
		if len(in.Capacity) == 2 && len(in.Applicants.Start) == 3 && len(in.Placements.Start) == 3 {
			unassigned := claims(&table{n: 2, m: 2, capacity: []int{int(max(in.Capacity[0], 0)), int(max(in.Capacity[1], 0))}}, []int32{-1, -1})
			// Leaving everyone unassigned creates blocking pairs; Verify must
			// report the defect itself first.
			if err := Verify(in, unassigned); err == nil || strings.Contains(err.Error(), "blocking pair") {
				t.Errorf("%s: Verify says %v", name, err)
			}
		}
	}
}

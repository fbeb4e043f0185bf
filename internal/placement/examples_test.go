package placement

import (
	"reflect"
	"testing"
)

// Gale and Shapley (1962), "College admissions and the stability of
// marriage", Example 1: three men and three women with the ranking matrix
//
//	     A      B      C
//	α  (1,3)  (2,2)  (3,1)
//	β  (3,1)  (1,3)  (2,2)
//	γ  (2,2)  (3,1)  (1,3)
//
// Of the six possible sets of marriages, three are stable: every man gets his
// first choice, or every woman hers, or everyone their second.
func TestGaleShapley1962Example1(t *testing.T) {
	in := build(t, `
		alpha: A B C
		beta:  B C A
		gamma: C A B`, `
		A/1: beta gamma alpha
		B/1: gamma alpha beta
		C/1: alpha beta gamma`)
	menFirst := map[string]string{"alpha": "A", "beta": "B", "gamma": "C"}
	womenFirst := map[string]string{"alpha": "C", "beta": "A", "gamma": "B"}
	if got := placementOf(in, mustSolve(t, in, Options{})); !reflect.DeepEqual(got, menFirst) {
		t.Errorf("men proposing: %v, want %v", got, menFirst)
	}
	if got := placementOf(in, mustSolve(t, in, Options{Optimal: PlacementOptimal})); !reflect.DeepEqual(got, womenFirst) {
		t.Errorf("women proposing: %v, want %v", got, womenFirst)
	}
	if n := len(tableOf(in).allStable()); n != 3 {
		t.Errorf("%d stable matchings, want 3", n)
	}
}

// Malkevitch, "Gale-Shapley example with ten stable marriages" (York College,
// CUNY): four men and four women with ten stable matchings. Men proposing,
// each man gets his first choice; women proposing, each woman hers.
func TestTenStableMarriages(t *testing.T) {
	in := build(t, `
		m1: w1 w2 w3 w4
		m2: w2 w1 w4 w3
		m3: w3 w4 w1 w2
		m4: w4 w3 w2 w1`, `
		w1/1: m4 m3 m2 m1
		w2/1: m3 m4 m1 m2
		w3/1: m2 m1 m4 m3
		w4/1: m1 m2 m3 m4`)
	menFirst := map[string]string{"m1": "w1", "m2": "w2", "m3": "w3", "m4": "w4"}
	womenFirst := map[string]string{"m4": "w1", "m3": "w2", "m2": "w3", "m1": "w4"}
	if got := placementOf(in, mustSolve(t, in, Options{})); !reflect.DeepEqual(got, menFirst) {
		t.Errorf("men proposing: %v, want %v", got, menFirst)
	}
	if got := placementOf(in, mustSolve(t, in, Options{Optimal: PlacementOptimal})); !reflect.DeepEqual(got, womenFirst) {
		t.Errorf("women proposing: %v, want %v", got, womenFirst)
	}
	if n := len(tableOf(in).allStable()); n != 10 {
		t.Errorf("%d stable matchings, want 10", n)
	}
}

// Demeulemeester (2026), "Comment on 'What's the matter with tie-breaking'",
// section 1: four agents, four one-seat objects. With ties broken in the order
// (1,2,3,4), deferred acceptance gives 1-d 2-a 3-c 4-b; two stable improvement
// cycles exist (2 and 4 trade a and b, or 2 and 3 trade a and c), they share
// agent 2, and applying either leaves no other: the result is 1-d 2-b 3-c 4-a
// or 1-d 2-c 3-a 4-b. (Applying both, as the original code did, is unstable.)
func TestStableImprovementCyclesPublishedExample(t *testing.T) {
	in := build(t, `
		1: c a b d
		2: b c a d
		3: a b c d
		4: a c b d`, `
		a/1: [2 3 4] 1
		b/1: 4 2 3 1
		c/1: 3 [1 2] 4
		d/1: 4 3 2 1`)
	seed := seedWithApplicantOrder(t, []int32{0, 1, 2, 3})
	da := placementOf(in, mustSolve(t, in, Options{Seed: seed, NoCycles: true}))
	if want := map[string]string{"1": "d", "2": "a", "3": "c", "4": "b"}; !reflect.DeepEqual(da, want) {
		t.Fatalf("deferred acceptance: %v, want %v", da, want)
	}
	r := mustSolve(t, in, Options{Seed: seed})
	got := placementOf(in, r)
	first := map[string]string{"1": "d", "2": "b", "3": "c", "4": "a"}
	second := map[string]string{"1": "d", "2": "c", "3": "a", "4": "b"}
	if !reflect.DeepEqual(got, first) && !reflect.DeepEqual(got, second) {
		t.Fatalf("after cycles: %v, want %v or %v", got, first, second)
	}
	if r.Stats.ImprovedByCycles != 2 || r.Stats.Cycles != 1 {
		t.Errorf("stats %+v, want 2 applicants improved by 1 cycle", r.Stats)
	}
	if err := Verify(in, r); err != nil {
		t.Error(err)
	}
}

// seedWithApplicantOrder finds a seed whose applicants' lottery is order.
func seedWithApplicantOrder(t *testing.T, order []int32) uint64 {
	t.Helper()
	for seed := uint64(0); seed < 10000; seed++ {
		if reflect.DeepEqual(LotteryOrder(len(order), seed, false), order) {
			return seed
		}
	}
	t.Fatalf("no seed below 10000 draws order %v", order)
	return 0
}

// A many-to-one case worked by hand, showing cutoffs and explanations.
func TestCutoffsExplainOutcomes(t *testing.T) {
	in := build(t, `
		A1: P1 P2
		A2: P1 P2
		A3: P1 P2
		A4: P2 P1
		A5: P3`, `
		P1/2: A3 A1 A2
		P2/2: A4 A2 A1
		P3/0: A5`)
	r := mustSolve(t, in, Options{})
	want := map[string]string{"A1": "P1", "A2": "P2", "A3": "P1", "A4": "P2", "A5": "-"}
	if got := placementOf(in, r); !reflect.DeepEqual(got, want) {
		t.Fatalf("placements %v, want %v", got, want)
	}
	if !reflect.DeepEqual(r.Cutoff, []int32{2, 2, 0}) || !reflect.DeepEqual(r.Filled, []int32{2, 2, 0}) {
		t.Fatalf("cutoffs %v filled %v", r.Cutoff, r.Filled)
	}
	x := NewExplainer(in, r)
	reasons, err := x.Explain(1) // A2 got its second choice
	if err != nil || len(reasons) != 1 {
		t.Fatalf("A2: %v, %v", reasons, err)
	}
	const text = "P1 (your choice 1) is full; its last admitted applicant was at rank 2 on its list, you were at rank 3"
	if got := reasons[0].Text(in); got != text {
		t.Errorf("A2: %q, want %q", got, text)
	}
	reasons, _ = x.Explain(4)
	if len(reasons) != 1 || reasons[0].Kind != NoSeats {
		t.Errorf("A5: %+v, want no seats at P3", reasons)
	}
}

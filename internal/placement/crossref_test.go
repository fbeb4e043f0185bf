package placement

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// bigInstance draws an instance large enough to use several blocks and the
// two-goroutine split, with strict lists.
func bigInstance(seed uint64) *Instance {
	rng := rand.New(rand.NewPCG(seed, 99))
	const n, m, k = 30000, 700, 8
	in := &Instance{Capacity: make([]int32, m)}
	for p := range in.Capacity {
		in.Capacity[p] = int32(rng.IntN(60))
	}
	in.Applicants = Lists{Start: []int32{0}}
	byPlacement := make([][]int32, m)
	for a := 0; a < n; a++ {
		for j, p := range rng.Perm(m)[:k] {
			in.Applicants.Item = append(in.Applicants.Item, int32(p))
			in.Applicants.Rank = append(in.Applicants.Rank, int32(j+1))
			if rng.IntN(10) > 0 {
				byPlacement[p] = append(byPlacement[p], int32(a))
			}
		}
		in.Applicants.Start = append(in.Applicants.Start, int32(len(in.Applicants.Item)))
	}
	in.Placements = Lists{Start: []int32{0}}
	for _, list := range byPlacement {
		rng.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		for j, a := range list {
			in.Placements.Item = append(in.Placements.Item, a)
			in.Placements.Rank = append(in.Placements.Rank, int32(j+1))
		}
		in.Placements.Start = append(in.Placements.Start, int32(len(in.Placements.Item)))
	}
	return in
}

// The cross reference is right on an instance large enough to use several
// blocks and both halves: each key is the applicant's position on the list.
func TestCrossReferenceAtScale(t *testing.T) {
	in := bigInstance(1)
	if in.Placements.Entries() < 2*parallelMin || in.NumApplicants() < 4<<blockShift {
		t.Fatalf("instance too small: %d entries", in.Placements.Entries())
	}
	s := &strict{in: in, n: in.NumApplicants(), m: in.NumPlacements(), aStart: in.Applicants.Start,
		pStart: in.Placements.Start, pItem: in.Placements.Item}
	blocked, err := crossReference(s, in.Applicants.Item)
	if err != nil {
		t.Fatal(err)
	}
	for a := 0; a < s.n; a++ {
		lo, hi := in.Applicants.Bounds(a)
		for e := lo; e < hi; e++ {
			x := blocked[e]
			plo, phi := in.Placements.Bounds(int(x.plc))
			want := int32(-1)
			for g := plo; g < phi; g++ {
				if in.Placements.Item[g] == int32(a) {
					want = g - plo
				}
			}
			if x.key != want {
				t.Fatalf("applicant %d entry %d: key %d, want %d", a, e, x.key, want)
			}
		}
	}
	r, err := Solve(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(in, r); err != nil {
		t.Fatal(err)
	}
}

// Repeated ids are caught on the large paths too, in either half.
func TestRepeatsCaughtAtScale(t *testing.T) {
	for _, where := range []float64{0.1, 0.9} {
		for _, side := range []string{"placement", "applicant"} {
			in := bigInstance(2)
			l := &in.Placements
			if side == "applicant" {
				l = &in.Applicants
			}
			i := int(float64(l.Len()) * where)
			for l.Start[i+1]-l.Start[i] < 2 {
				i++
			}
			l.Item[l.Start[i]+1] = l.Item[l.Start[i]]
			_, err := Solve(in, Options{})
			if err == nil || !strings.Contains(err.Error(), side+" ") || !strings.Contains(err.Error(), "twice") {
				t.Errorf("%s list at %.1f: Solve says %v", side, where, err)
			}
			empty := &Result{
				Placement: make([]int32, in.NumApplicants()), ApplicantRank: make([]int32, in.NumApplicants()),
				PlacementRank: make([]int32, in.NumApplicants()), Filled: make([]int32, in.NumPlacements()),
				Cutoff: make([]int32, in.NumPlacements()),
			}
			for a := range empty.Placement {
				empty.Placement[a] = Unassigned
			}
			for p := range empty.Cutoff {
				empty.Cutoff[p] = NotFull
				if in.Capacity[p] == 0 {
					empty.Cutoff[p] = 0
				}
			}
			if err := Verify(in, empty); err == nil || !strings.Contains(err.Error(), "twice") {
				t.Errorf("%s list at %.1f: Verify says %v", side, where, err)
			}
		}
	}
}

// sortTies orders every tie group by lottery rank and leaves the rest alone,
// for small groups (comparison sort) and large ones (radix sort).
func TestSortTies(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	const n = 100000
	rank := make([]int32, n)
	for i, x := range rng.Perm(n) {
		rank[i] = int32(x)
	}
	l := &Lists{Start: []int32{0}}
	for list := 0; list < 40; list++ {
		size := []int{1, 3, 40, 257, 3000}[list%5]
		r := int32(0)
		for j, x := range rng.Perm(n)[:size] {
			if j == 0 || rng.IntN(size) == 0 {
				r++
			}
			l.Item = append(l.Item, int32(x))
			l.Rank = append(l.Rank, r)
		}
		l.Start = append(l.Start, int32(len(l.Item)))
	}
	got := sortTies(l, rank)
	want := slices.Clone(l.Item)
	for i := 0; i < l.Len(); i++ {
		lo, hi := l.Bounds(i)
		for g := lo; g < hi; {
			end := g + 1
			for end < hi && l.Rank[end] == l.Rank[g] {
				end++
			}
			slices.SortFunc(want[g:end], func(x, y int32) int { return int(rank[x] - rank[y]) })
			g = end
		}
	}
	if !slices.Equal(got, want) {
		t.Fatal("sortTies differs from sorting each group")
	}
}

// Stable improvement cycles at scale: many disjoint copies of Demeulemeester's
// example in one instance (each copy gets its own slice of the one lottery),
// so that the solver's large-input paths run while every copy can still be
// checked by brute force: stable, no worse than deferred acceptance, and not
// dominated by any stable matching of the copy.
func TestCyclesAtScale(t *testing.T) {
	gadget := build(t, `
		1: c a b d
		2: b c a d
		3: a b c d
		4: a c b d`, `
		a/1: [2 3 4] 1
		b/1: 4 2 3 1
		c/1: 3 [1 2] 4
		d/1: 4 3 2 1`)
	const copies = 10000
	in := replicate(gadget, copies)
	plain := mustSolve(t, in, Options{Seed: 5, NoCycles: true})
	better := mustSolve(t, in, Options{Seed: 5})
	if err := Verify(in, better); err != nil {
		t.Fatal(err)
	}
	tb := tableOf(gadget)
	stable := tb.allStable()
	n, m := gadget.NumApplicants(), gadget.NumPlacements()
	moved := 0
	for c := 0; c < copies; c++ {
		local := func(r *Result) []int32 {
			out := make([]int32, n)
			for a := range out {
				out[a] = Unassigned
				if p := r.Placement[c*n+a]; p != Unassigned {
					out[a] = p - int32(c*m)
				}
			}
			return out
		}
		before, after := local(plain), local(better)
		if !tb.stable(after) {
			t.Fatalf("copy %d: %v is not stable", c, after)
		}
		for a := 0; a < n; a++ {
			if tb.utility(a, after[a]) > tb.utility(a, before[a]) {
				t.Fatalf("copy %d: applicant %d worse off", c, a)
			}
			if tb.utility(a, after[a]) < tb.utility(a, before[a]) {
				moved++
			}
		}
		for _, st := range stable {
			if dominates(tb, st, after) {
				t.Fatalf("copy %d: %v dominated by stable %v", c, after, st)
			}
		}
	}
	if moved != better.Stats.ImprovedByCycles || moved < copies/20 {
		t.Fatalf("%d applicants moved, stats say %d", moved, better.Stats.ImprovedByCycles)
	}
}

// replicate returns k disjoint copies of in, agents of copy c numbered after
// those of copies before it.
func replicate(in *Instance, k int) *Instance {
	n, m := int32(in.NumApplicants()), int32(in.NumPlacements())
	out := &Instance{Applicants: Lists{Start: []int32{0}}, Placements: Lists{Start: []int32{0}}}
	for c := int32(0); c < int32(k); c++ {
		out.Capacity = append(out.Capacity, in.Capacity...)
		appendShifted(&out.Applicants, &in.Applicants, c*m)
		appendShifted(&out.Placements, &in.Placements, c*n)
	}
	return out
}

func appendShifted(dst, src *Lists, shift int32) {
	for i := 0; i < src.Len(); i++ {
		lo, hi := src.Bounds(i)
		for e := lo; e < hi; e++ {
			dst.Item = append(dst.Item, src.Item[e]+shift)
			dst.Rank = append(dst.Rank, src.Rank[e])
		}
		dst.Start = append(dst.Start, int32(len(dst.Item)))
	}
}

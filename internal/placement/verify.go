package placement

import (
	"errors"
	"fmt"
)

// Verify proves that res is a stable matching of in, judged against the
// original (weak) lists, and that everything res reports about it is true:
//
//   - every applicant has at most one placement (by the form of Result) and
//     no placement has more applicants than seats;
//   - every matched pair is mutually acceptable: each lists the other;
//   - no pair blocks: no applicant strictly prefers a placement that lists it
//     and either has a free seat or ranks it strictly better than someone it
//     admitted (its cutoff);
//   - the reported ranks, fill counts and cutoffs are the true ones.
//
// It shares no code with the solver beyond the checks of the input's form,
// and runs in time linear in the total length of the lists. It returns nil or an error naming the first problem.
func Verify(in *Instance, res *Result) error {
	// Validate's checks but repeated ids, which checkBlocking catches.
	if _, _, err := in.checkSides(); err != nil {
		return fmt.Errorf("placement: verify: %w", err)
	}
	v := verifier{in: in, res: res, n: in.NumApplicants(), m: in.NumPlacements()}
	steps := []func() error{v.checkShape, v.checkApplicants, v.checkPlacements, v.checkBlocking}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("placement: verify: %w", err)
		}
	}
	return nil
}

type verifier struct {
	in     *Instance
	res    *Result
	n, m   int
	filled []int32 // recomputed fill counts
	cutoff []int32 // recomputed worst admitted rank, per placement
}

func (v *verifier) checkShape() error {
	r := v.res
	if r == nil {
		return errors.New("no result")
	}
	if len(r.Placement) != v.n || len(r.ApplicantRank) != v.n || len(r.PlacementRank) != v.n {
		return fmt.Errorf("result describes %d applicants, instance has %d", len(r.Placement), v.n)
	}
	if len(r.Filled) != v.m || len(r.Cutoff) != v.m {
		return fmt.Errorf("result describes %d placements, instance has %d", len(r.Filled), v.m)
	}
	for a, p := range r.Placement {
		if p != Unassigned && (p < 0 || int(p) >= v.m) {
			return fmt.Errorf("applicant %q has placement #%d, which does not exist", v.in.ApplicantID(int32(a)), p)
		}
	}
	return nil
}

// checkApplicants checks that each applicant listed its placement at the
// reported rank, and counts seats taken.
func (v *verifier) checkApplicants() error {
	in, r := v.in, v.res
	v.filled = make([]int32, v.m)
	for a := 0; a < v.n; a++ {
		p := r.Placement[a]
		if p == Unassigned {
			if r.ApplicantRank[a] != 0 || r.PlacementRank[a] != 0 {
				return fmt.Errorf("applicant %q is unassigned but has ranks %d/%d", in.ApplicantID(int32(a)), r.ApplicantRank[a], r.PlacementRank[a])
			}
			continue
		}
		rank := rankOf(&in.Applicants, a, p)
		if rank == 0 {
			return fmt.Errorf("applicant %q is matched to %q, which it did not list", in.ApplicantID(int32(a)), in.PlacementID(p))
		}
		if rank != r.ApplicantRank[a] {
			return fmt.Errorf("applicant %q ranked %q %d, result says %d", in.ApplicantID(int32(a)), in.PlacementID(p), rank, r.ApplicantRank[a])
		}
		v.filled[p]++
	}
	for p := 0; p < v.m; p++ {
		if v.filled[p] > in.Capacity[p] {
			return fmt.Errorf("placement %q has %d applicants for %d seats", in.PlacementID(int32(p)), v.filled[p], in.Capacity[p])
		}
		if v.filled[p] != r.Filled[p] {
			return fmt.Errorf("placement %q has %d applicants, result says %d", in.PlacementID(int32(p)), v.filled[p], r.Filled[p])
		}
	}
	return nil
}

// rankOf returns the rank of item on list i, 0 if absent.
func rankOf(l *Lists, i int, item int32) int32 {
	lo, hi := l.Bounds(i)
	for e := lo; e < hi; e++ {
		if l.Item[e] == item {
			return l.Rank[e]
		}
	}
	return 0
}

// checkPlacements checks that each placement listed the applicants it holds
// at the reported ranks, and recomputes the cutoffs.
func (v *verifier) checkPlacements() error {
	in, r := v.in, v.res
	seen := make([]int32, v.n) // placement's rank of each matched applicant
	v.cutoff = make([]int32, v.m)
	for p := 0; p < v.m; p++ {
		lo, hi := in.Placements.Bounds(p)
		for e := lo; e < hi; e++ {
			if a := in.Placements.Item[e]; r.Placement[a] == int32(p) {
				seen[a] = in.Placements.Rank[e]
				v.cutoff[p] = max(v.cutoff[p], seen[a])
			}
		}
	}
	for a := 0; a < v.n; a++ {
		p := r.Placement[a]
		if p == Unassigned {
			continue
		}
		if seen[a] == 0 {
			return fmt.Errorf("applicant %q is matched to %q, which did not list it", in.ApplicantID(int32(a)), in.PlacementID(p))
		}
		if seen[a] != r.PlacementRank[a] {
			return fmt.Errorf("placement %q ranked applicant %q %d, result says %d", in.PlacementID(p), in.ApplicantID(int32(a)), seen[a], r.PlacementRank[a])
		}
	}
	for p := 0; p < v.m; p++ {
		want := v.cutoff[p]
		if v.filled[p] < in.Capacity[p] {
			want = NotFull
		}
		v.cutoff[p] = want
		if r.Cutoff[p] != want {
			return fmt.Errorf("placement %q has cutoff %d, result says %d", in.PlacementID(int32(p)), want, r.Cutoff[p])
		}
	}
	return nil
}

// checkBlocking looks for a blocking pair. It buckets the placements' lists
// by applicant so that, for each applicant, the rank each placement gives it
// is found in constant time through a scratch row indexed by placement. The
// same rows catch repeated ids: a placement ranking an applicant twice, or an
// applicant listing a placement twice.
func (v *verifier) checkBlocking() error {
	in := v.in
	start, ranked := ranksByApplicant(in)
	mark := make([]int32, v.m)  // rank the current applicant has at each placement, 0 if none
	stamp := make([]int32, v.m) // 1 + last applicant that listed each placement
	var blocking error          // the first blocking pair; repeated ids are reported first
	for a := 0; a < v.n; a++ {
		for _, x := range ranked[start[a]:start[a+1]] {
			if mark[x.plc] != 0 {
				return repeatedApplicant(in, x.plc, int32(a))
			}
			mark[x.plc] = x.rank
		}
		lo, hi := in.Applicants.Bounds(a)
		for _, p := range in.Applicants.Item[lo:hi] {
			if stamp[p] == int32(a)+1 {
				return repeatedPlacement(in, int32(a), p)
			}
			stamp[p] = int32(a) + 1
		}
		if blocking == nil {
			blocking = v.blockingFor(a, mark)
		}
		for _, x := range ranked[start[a]:start[a+1]] {
			mark[x.plc] = 0
		}
	}
	return blocking
}

// blockingFor checks applicant a against every placement it prefers to its own.
func (v *verifier) blockingFor(a int, mark []int32) error {
	in := v.in
	mine := v.res.ApplicantRank[a]
	lo, hi := in.Applicants.Bounds(a)
	for e := lo; e < hi; e++ {
		if mine != 0 && in.Applicants.Rank[e] >= mine {
			break // not strictly preferred
		}
		q := in.Applicants.Item[e]
		their := mark[q]
		if their == 0 {
			continue // q does not list a
		}
		if v.cutoff[q] == NotFull {
			return fmt.Errorf("blocking pair: applicant %q prefers %q, which lists it and has a free seat", in.ApplicantID(int32(a)), in.PlacementID(q))
		}
		if their < v.cutoff[q] {
			return fmt.Errorf("blocking pair: applicant %q prefers %q, which ranks it %d, better than its cutoff %d", in.ApplicantID(int32(a)), in.PlacementID(q), their, v.cutoff[q])
		}
	}
	return nil
}

// rankedBy is a placement ranking an applicant, filed under the applicant.
type rankedBy struct {
	plc, rank int32
}

// ranksByApplicant buckets the placements' entries by applicant: bucket a
// lists each placement that ranks a, with that rank.
func ranksByApplicant(in *Instance) (start []int32, out []rankedBy) {
	n := in.NumApplicants()
	l := &in.Placements
	start = make([]int32, n+1)
	for _, a := range l.Item {
		start[a+1]++
	}
	for a := 0; a < n; a++ {
		start[a+1] += start[a]
	}
	fill := make([]int32, n)
	copy(fill, start[:n])
	out = make([]rankedBy, len(l.Item))
	for p := 0; p < l.Len(); p++ {
		lo, hi := l.Bounds(p)
		for e := lo; e < hi; e++ {
			a := l.Item[e]
			out[fill[a]] = rankedBy{int32(p), l.Rank[e]}
			fill[a]++
		}
	}
	return start, out
}

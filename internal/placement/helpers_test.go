package placement

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// build makes an instance from a readable description. Each applicant line is
// "A1: P1 [P2 P3] P4" (brackets group a tie); each placement line is
// "P1/2: A3 A1" (2 seats). Lines define agents in order.
func build(t testing.TB, applicants, placements string) *Instance {
	t.Helper()
	aLines, pLines := lines(applicants), lines(placements)
	in := &Instance{}
	aIndex, pIndex := map[string]int32{}, map[string]int32{}
	for i, l := range aLines {
		id, _, _ := strings.Cut(l, ":")
		aIndex[strings.TrimSpace(id)] = int32(i)
		in.ApplicantIDs = append(in.ApplicantIDs, strings.TrimSpace(id))
	}
	for i, l := range pLines {
		head, _, _ := strings.Cut(l, ":")
		id, capText, ok := strings.Cut(strings.TrimSpace(head), "/")
		if !ok {
			t.Fatalf("placement line %q lacks /capacity", l)
		}
		c, err := strconv.Atoi(capText)
		if err != nil {
			t.Fatalf("placement line %q: %v", l, err)
		}
		pIndex[id] = int32(i)
		in.PlacementIDs = append(in.PlacementIDs, id)
		in.Capacity = append(in.Capacity, int32(c))
	}
	in.Applicants = parseLists(t, aLines, pIndex)
	in.Placements = parseLists(t, pLines, aIndex)
	if err := in.Validate(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return in
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func parseLists(t testing.TB, ls []string, index map[string]int32) Lists {
	t.Helper()
	out := Lists{Start: []int32{0}}
	for _, l := range ls {
		_, body, _ := strings.Cut(l, ":")
		body = strings.NewReplacer("[", " [ ", "]", " ] ").Replace(body)
		rank, inGroup, groupOpen := int32(0), false, false
		for _, tok := range strings.Fields(body) {
			switch tok {
			case "[":
				inGroup, groupOpen = true, true
				continue
			case "]":
				inGroup = false
				continue
			}
			x, ok := index[tok]
			if !ok {
				t.Fatalf("line %q names unknown %q", l, tok)
			}
			if !inGroup || groupOpen {
				rank++
				groupOpen = false
			}
			out.Item = append(out.Item, x)
			out.Rank = append(out.Rank, rank)
		}
		out.Start = append(out.Start, int32(len(out.Item)))
	}
	return out
}

// placementOf returns the id of each applicant's placement ("-" if none).
func placementOf(in *Instance, r *Result) map[string]string {
	out := map[string]string{}
	for a, p := range r.Placement {
		out[in.ApplicantID(int32(a))] = "-"
		if p != Unassigned {
			out[in.ApplicantID(int32(a))] = in.PlacementID(p)
		}
	}
	return out
}

// table is a dense view of an instance used by the brute-force oracle:
// aRank[a][p] is a's rank of p, pRank[p][a] p's rank of a, 0 when unlisted.
type table struct {
	n, m         int
	capacity     []int
	aRank, pRank [][]int32
}

func tableOf(in *Instance) *table {
	t := &table{n: in.NumApplicants(), m: in.NumPlacements()}
	t.aRank = make([][]int32, t.n)
	for a := range t.aRank {
		t.aRank[a] = make([]int32, t.m)
		lo, hi := in.Applicants.Bounds(a)
		for e := lo; e < hi; e++ {
			t.aRank[a][in.Applicants.Item[e]] = in.Applicants.Rank[e]
		}
	}
	t.pRank = make([][]int32, t.m)
	for p := range t.pRank {
		t.pRank[p] = make([]int32, t.n)
		lo, hi := in.Placements.Bounds(p)
		for e := lo; e < hi; e++ {
			t.pRank[p][in.Placements.Item[e]] = in.Placements.Rank[e]
		}
		t.capacity = append(t.capacity, int(in.Capacity[p]))
	}
	return t
}

func (t *table) acceptable(a, p int) bool { return t.aRank[a][p] > 0 && t.pRank[p][a] > 0 }

// prefers reports whether applicant a strictly prefers p to its placement cur.
func (t *table) prefers(a, p int, cur int32) bool {
	return t.aRank[a][p] > 0 && (cur < 0 || t.aRank[a][p] < t.aRank[a][cur])
}

// stable reports whether match (placement per applicant, -1 if none) is a
// feasible, mutually acceptable matching with no blocking pair, judged
// against the weak lists, by the definitions and nothing else.
func (t *table) stable(match []int32) bool {
	count := make([]int, t.m)
	for a, p := range match {
		if p >= 0 {
			if !t.acceptable(a, int(p)) {
				return false
			}
			count[p]++
		}
	}
	for p := 0; p < t.m; p++ {
		if count[p] > t.capacity[p] {
			return false
		}
	}
	for a := 0; a < t.n; a++ {
		for p := 0; p < t.m; p++ {
			if !t.acceptable(a, p) || !t.prefers(a, p, match[a]) {
				continue
			}
			if count[p] < t.capacity[p] {
				return false
			}
			for b := 0; b < t.n; b++ {
				if match[b] == int32(p) && t.pRank[p][a] < t.pRank[p][b] {
					return false
				}
			}
		}
	}
	return true
}

// allStable enumerates every stable matching by brute force.
func (t *table) allStable() [][]int32 {
	var out [][]int32
	match := make([]int32, t.n)
	count := make([]int, t.m)
	var rec func(a int)
	rec = func(a int) {
		if a == t.n {
			if t.stable(match) {
				out = append(out, append([]int32(nil), match...))
			}
			return
		}
		match[a] = -1
		rec(a + 1)
		for p := 0; p < t.m; p++ {
			if t.acceptable(a, p) && count[p] < t.capacity[p] {
				match[a], count[p] = int32(p), count[p]+1
				rec(a + 1)
				count[p]--
			}
		}
		match[a] = -1
	}
	rec(0)
	return out
}

// utility returns applicant a's rank of placement p (lower is better), with
// "none" after every listed placement and an unlisted placement after "none".
func (t *table) utility(a int, p int32) int32 {
	switch {
	case p < 0:
		return 1 << 30
	case t.aRank[a][p] == 0:
		return 1<<30 + 1
	}
	return t.aRank[a][p]
}

// randomConfig describes random tiny instances.
type randomConfig struct {
	maxApplicants, maxPlacements, maxCapacity int
	applicantTies, placementTies              float64 // chance an entry ties with the previous one
	complete                                  bool    // every list names every agent of the other side
}

// randomInstance draws a small instance: each side lists a random subset of
// the other, in random order, with ties at the given rates.
func randomInstance(rng *rand.Rand, c randomConfig) *Instance {
	n := 1 + rng.IntN(c.maxApplicants)
	m := 1 + rng.IntN(c.maxPlacements)
	in := &Instance{}
	for a := 0; a < n; a++ {
		in.ApplicantIDs = append(in.ApplicantIDs, "A"+strconv.Itoa(a+1))
	}
	for p := 0; p < m; p++ {
		in.PlacementIDs = append(in.PlacementIDs, "P"+strconv.Itoa(p+1))
		in.Capacity = append(in.Capacity, int32(rng.IntN(c.maxCapacity+1)))
		if c.complete {
			in.Capacity[p] = 1 + int32(rng.IntN(c.maxCapacity))
		}
	}
	in.Applicants = randomLists(rng, n, m, c.applicantTies, c.complete)
	in.Placements = randomLists(rng, m, n, c.placementTies, c.complete)
	return in
}

func randomLists(rng *rand.Rand, lists, items int, ties float64, complete bool) Lists {
	out := Lists{Start: []int32{0}}
	for i := 0; i < lists; i++ {
		perm := rng.Perm(items)
		k := items
		if !complete {
			k = rng.IntN(items + 1)
		}
		var rank int32
		for j, x := range perm[:k] {
			if j == 0 || rng.Float64() >= ties {
				rank++
			}
			out.Item = append(out.Item, int32(x))
			out.Rank = append(out.Rank, rank)
		}
		out.Start = append(out.Start, int32(len(out.Item)))
	}
	return out
}

// claims computes, independently of the solver, what a Result must report
// for a given assignment: ranks, fill counts and cutoffs.
func claims(t *table, match []int32) *Result {
	r := &Result{
		Placement:     append([]int32(nil), match...),
		ApplicantRank: make([]int32, t.n),
		PlacementRank: make([]int32, t.n),
		Filled:        make([]int32, t.m),
		Cutoff:        make([]int32, t.m),
	}
	for a, p := range match {
		if p < 0 {
			continue
		}
		r.ApplicantRank[a] = t.aRank[a][p]
		r.PlacementRank[a] = t.pRank[p][a]
		r.Filled[p]++
		r.Cutoff[p] = max(r.Cutoff[p], t.pRank[p][a])
	}
	for p := range r.Cutoff {
		if int(r.Filled[p]) < t.capacity[p] {
			r.Cutoff[p] = NotFull
		}
	}
	return r
}

func mustSolve(t testing.TB, in *Instance, opt Options) *Result {
	t.Helper()
	r, err := Solve(in, opt)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	return r
}

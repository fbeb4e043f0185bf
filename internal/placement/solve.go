package placement

import "fmt"

// Side names the side whose proposals drive deferred acceptance, and so the
// side for which the result is optimal.
type Side uint8

const (
	// ApplicantOptimal runs applicant-proposing deferred acceptance: every
	// applicant gets the best placement it can have in any stable matching
	// (for strict lists), and no applicant gains by misreporting its list.
	ApplicantOptimal Side = iota
	// PlacementOptimal runs placement-proposing deferred acceptance: the
	// result is the stable matching placements prefer, applicants' least
	// preferred.
	PlacementOptimal
)

// String returns "applicant" or "placement".
func (s Side) String() string {
	if s == PlacementOptimal {
		return "placement"
	}
	return "applicant"
}

// ParseSide parses "applicant" or "placement".
func ParseSide(s string) (Side, error) {
	switch s {
	case "applicant":
		return ApplicantOptimal, nil
	case "placement":
		return PlacementOptimal, nil
	}
	return 0, fmt.Errorf("placement: unknown side %q (want applicant or placement)", s)
}

// Options tune Solve. The zero value is the default: applicant-optimal, seed
// 0, stable improvement cycles on.
type Options struct {
	Optimal Side
	// Seed draws the lottery that breaks ties; the same seed always gives
	// the same result.
	Seed uint64
	// NoCycles skips the stable improvement cycles. They only run for
	// applicant-optimal matching (they improve applicants' outcomes).
	NoCycles bool
}

// Unassigned is the placement of an applicant left without one.
const Unassigned int32 = -1

// NotFull is the cutoff of a placement with free seats.
const NotFull int32 = -1

// Result is a stable matching with what explains it.
type Result struct {
	// Per applicant: its placement (Unassigned if none), the rank of that
	// placement on the applicant's list, and the applicant's rank on the
	// placement's list (both 1-based tie-group ranks, 0 if unassigned).
	Placement     []int32
	ApplicantRank []int32
	PlacementRank []int32
	// Per placement: seats taken, and the cutoff: the rank on its own list of
	// the last applicant it admitted; NotFull if it has free seats, 0 if it
	// has no seats at all.
	Filled []int32
	Cutoff []int32
	Stats  Stats
}

// Stats counts the work done.
type Stats struct {
	Proposals        int64 // list entries examined by deferred acceptance
	ImprovedByCycles int   // applicants moved up by stable improvement cycles
	Cycles           int   // cycles applied
	CycleRounds      int   // rounds of the cycle search (0 if skipped)
}

// Solve computes a stable matching of in. Ties are broken by the seeded
// lottery (single tie-breaking: one order of applicants for all placements,
// one order of placements for all applicants), then, for applicant-optimal
// runs, improved by stable improvement cycles. It checks in first, as Validate does.
//
// Cost: linear in the total length of the lists for validation, tie-breaking
// and deferred acceptance; the improvement cycles add a linear pass per round
// and only run when placements' lists have ties.
func Solve(in *Instance, opt Options) (*Result, error) {
	if opt.Optimal != ApplicantOptimal && opt.Optimal != PlacementOptimal {
		return nil, fmt.Errorf("placement: unknown side %d", opt.Optimal)
	}
	s, err := newStrict(in, opt.Seed)
	if err != nil {
		return nil, err
	}
	var match []int32
	var st Stats
	if opt.Optimal == PlacementOptimal {
		match, st.Proposals = placementsPropose(s)
	} else {
		match, st.Proposals = applicantsPropose(s)
		if !opt.NoCycles && s.pTies {
			cs := improveByCycles(s, match)
			st.ImprovedByCycles, st.Cycles, st.CycleRounds = cs.improved, cs.cycles, cs.rounds
		}
	}
	res := describe(s, match)
	res.Stats = st
	return res, nil
}

// describe turns matched strict entries into a Result. Without ties, a rank
// is the position on the list plus one, which saves two memory loads per
// applicant.
func describe(s *strict, match []int32) *Result {
	r := &Result{
		Placement:     make([]int32, s.n),
		ApplicantRank: make([]int32, s.n),
		PlacementRank: make([]int32, s.n),
		Filled:        make([]int32, s.m),
		Cutoff:        make([]int32, s.m),
	}
	for a, e := range match {
		if e == unmatched {
			r.Placement[a] = Unassigned
			continue
		}
		x := s.aEnt[e]
		p := x.plc
		rank, mine := x.key+1, e-s.aStart[a]+1
		if s.pTies {
			rank = s.pRank[s.pStart[p]+x.key]
		}
		if s.aTies {
			mine = s.aRank[e]
		}
		r.Placement[a] = p
		r.ApplicantRank[a] = mine
		r.PlacementRank[a] = rank
		r.Filled[p]++
		r.Cutoff[p] = max(r.Cutoff[p], rank)
	}
	for p := range r.Cutoff {
		if r.Filled[p] < s.capacity[p] {
			r.Cutoff[p] = NotFull
		}
	}
	return r
}

package placement

import "fmt"

// ReasonKind says why an applicant did not get a placement it preferred.
type ReasonKind uint8

const (
	// NotRanked: the placement did not rank the applicant.
	NotRanked ReasonKind = iota + 1
	// RankedBelow: the placement is full and its last admitted applicant was
	// at a better rank on its list than the applicant.
	RankedBelow
	// TiedAtCutoff: the placement is full and the applicant was tied with its
	// last admitted applicant; the tie was settled by the lottery.
	TiedAtCutoff
	// NoSeats: the placement has no seats at all.
	NoSeats
)

// String returns the kind's name in the result file.
func (k ReasonKind) String() string {
	switch k {
	case NotRanked:
		return "not_ranked"
	case RankedBelow:
		return "ranked_below_cutoff"
	case TiedAtCutoff:
		return "tied_at_cutoff"
	case NoSeats:
		return "no_seats"
	}
	return "unknown"
}

// Reason explains why an applicant is not at one placement it ranked above
// the one it obtained.
type Reason struct {
	Placement     int32
	ApplicantRank int32 // the rank the applicant gave the placement
	Kind          ReasonKind
	YourRank      int32 // the applicant's rank on the placement's list, 0 if not ranked
	Cutoff        int32 // the placement's cutoff rank
}

// Text renders the reason in plain English.
func (r Reason) Text(in *Instance) string {
	id := in.PlacementID(r.Placement)
	switch r.Kind {
	case NotRanked:
		return fmt.Sprintf("%s (your choice %d) did not rank you", id, r.ApplicantRank)
	case NoSeats:
		return fmt.Sprintf("%s (your choice %d) has no seats", id, r.ApplicantRank)
	case TiedAtCutoff:
		return fmt.Sprintf("%s (your choice %d) is full; its last admitted applicant was at rank %d on its list, you were at rank %d too, and the lottery settled the tie", id, r.ApplicantRank, r.Cutoff, r.YourRank)
	}
	return fmt.Sprintf("%s (your choice %d) is full; its last admitted applicant was at rank %d on its list, you were at rank %d", id, r.ApplicantRank, r.Cutoff, r.YourRank)
}

// Explainer answers, for any applicant, why it did not obtain each placement
// it ranked above its own. It is built once per result in linear time; an
// Explainer is not safe for concurrent use.
type Explainer struct {
	in     *Instance
	res    *Result
	start  []int32 // placements' entries bucketed by applicant
	ranked []rankedBy
	mark   []int32
}

// NewExplainer prepares explanations of res, a result for in.
func NewExplainer(in *Instance, res *Result) *Explainer {
	start, ranked := ranksByApplicant(in)
	return &Explainer{in: in, res: res, start: start, ranked: ranked, mark: make([]int32, in.NumPlacements())}
}

// Explain returns one reason per placement applicant a ranked strictly above
// its placement (every placement it ranked, if it has none), best first. It
// fails if the result contradicts itself, which a verified result never does.
func (x *Explainer) Explain(a int32) ([]Reason, error) {
	in, res := x.in, x.res
	bucket := x.ranked[x.start[a]:x.start[a+1]]
	for _, r := range bucket {
		x.mark[r.plc] = r.rank
	}
	defer func() {
		for _, r := range bucket {
			x.mark[r.plc] = 0
		}
	}()
	var out []Reason
	mine := res.ApplicantRank[a]
	lo, hi := in.Applicants.Bounds(int(a))
	for e := lo; e < hi && (mine == 0 || in.Applicants.Rank[e] < mine); e++ {
		q := in.Applicants.Item[e]
		r := Reason{Placement: q, ApplicantRank: in.Applicants.Rank[e], YourRank: x.mark[q], Cutoff: res.Cutoff[q]}
		switch {
		case r.YourRank == 0:
			r.Kind = NotRanked
		case in.Capacity[q] == 0:
			r.Kind = NoSeats
		case r.Cutoff == NotFull || r.YourRank < r.Cutoff:
			return nil, fmt.Errorf("placement: explain: applicant %q and %q form a blocking pair", in.ApplicantID(a), in.PlacementID(q))
		case r.YourRank == r.Cutoff:
			r.Kind = TiedAtCutoff
		default:
			r.Kind = RankedBelow
		}
		out = append(out, r)
	}
	return out, nil
}

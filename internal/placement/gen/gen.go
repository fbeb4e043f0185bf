// Package gen draws realistic synthetic placement instances for benchmarks
// and demonstrations.
//
// The model (docs/placement.md, "Synthetic instances"):
//   - placements' popularity is skewed: placement weights follow a Zipf law
//     (weight of the k-th most popular proportional to 1/k^0.8), with the
//     popularity order shuffled so that ids say nothing;
//   - each applicant lists Ranks distinct placements drawn by weight without
//     replacement, most attractive first (a Plackett-Luce order);
//   - each applicant has a common quality score; a placement ranks the
//     applicants who listed it by that score plus its own noise, and finds
//     unacceptable the few whose evaluation falls below a floor;
//   - seats sum to 90% of the applicants (rounded), at least one per
//     placement when there are enough, spread in proportion to log-normal
//     weights;
//   - with Ties > 0, each entry after the first of a list joins the previous
//     entry's tie group with that probability, on both sides.
//
// The same Config always gives the same instance with a given build.
package gen

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/pathways-gov/pathways/internal/placement"
)

// Config sizes a synthetic instance.
type Config struct {
	Applicants int
	Placements int
	Ranks      int     // placements each applicant lists
	Ties       float64 // chance an entry ties with the previous one, in [0,1]
	Seed       uint64
}

// Model constants.
const (
	zipfExponent     = 0.8
	noiseScale       = 0.5  // a placement's noise relative to the common score
	acceptableFloor  = -2.0 // evaluations below are not ranked (about 3%)
	seatShare        = 0.9
	capacitySpread   = 0.5 // sigma of the log-normal capacity weights
	maxRejectionLoop = 32
)

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case c.Applicants < 0 || c.Placements < 0:
		return errors.New("gen: counts must not be negative")
	case c.Applicants > placement.MaxEntries || c.Placements > placement.MaxEntries:
		return errors.New("gen: too many agents")
	case c.Ranks < 0 || c.Ranks > c.Placements:
		return fmt.Errorf("gen: ranks %d must be between 0 and the number of placements (%d)", c.Ranks, c.Placements)
	case int64(c.Applicants)*int64(c.Ranks) > placement.MaxEntries:
		return errors.New("gen: applicants x ranks is too large")
	case math.IsNaN(c.Ties) || c.Ties < 0 || c.Ties > 1:
		return fmt.Errorf("gen: ties %v must be between 0 and 1", c.Ties)
	}
	return nil
}

// Generate draws an instance.
func Generate(c Config) (*placement.Instance, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(c.Seed, 0x5eed_0f_9a7e))
	in := &placement.Instance{
		ApplicantIDs: ids("A", c.Applicants),
		PlacementIDs: ids("P", c.Placements),
	}
	in.Capacity = capacities(rng, c)
	in.Applicants = applicantLists(rng, c)
	score := make([]float64, c.Applicants)
	for a := range score {
		score[a] = rng.NormFloat64()
	}
	in.Placements = placementLists(rng, c, &in.Applicants, score)
	return in, nil
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i+1)
	}
	return out
}

// capacities spreads round(0.9 n) seats over the placements.
func capacities(rng *rand.Rand, c Config) []int32 {
	caps := make([]int32, c.Placements)
	if c.Placements == 0 {
		return caps
	}
	seats := int64(math.Round(seatShare * float64(c.Applicants)))
	if seats >= int64(c.Placements) {
		for p := range caps {
			caps[p] = 1
		}
		seats -= int64(c.Placements)
	}
	weight := make([]float64, c.Placements)
	total := 0.0
	for p := range weight {
		weight[p] = math.Exp(capacitySpread * rng.NormFloat64())
		total += weight[p]
	}
	given := int64(0)
	for p := range caps {
		share := int64(float64(seats) * weight[p] / total)
		caps[p] += int32(share)
		given += share
	}
	for ; given < seats; given++ { // remainders, one seat each to random placements
		caps[rng.IntN(c.Placements)]++
	}
	return caps
}

// applicantLists draws each applicant's list from the skewed popularity.
func applicantLists(rng *rand.Rand, c Config) placement.Lists {
	alias := newAlias(popularity(rng, c.Placements))
	l := placement.Lists{
		Start: make([]int32, c.Applicants+1),
		Item:  make([]int32, 0, c.Applicants*c.Ranks),
		Rank:  make([]int32, 0, c.Applicants*c.Ranks),
	}
	stamp := make([]int32, c.Placements) // stamp[p] = a+1 once applicant a chose p
	for a := 0; a < c.Applicants; a++ {
		lo := len(l.Item)
		for tries := 0; len(l.Item)-lo < c.Ranks && tries < maxRejectionLoop*c.Ranks; tries++ {
			if p := alias.draw(rng); stamp[p] != int32(a+1) {
				stamp[p] = int32(a + 1)
				l.Item = append(l.Item, p)
			}
		}
		if len(l.Item)-lo < c.Ranks { // rare: rejection stalled, take the next unchosen
			for p := rng.IntN(c.Placements); len(l.Item)-lo < c.Ranks; p = (p + 1) % c.Placements {
				if stamp[p] != int32(a+1) {
					stamp[p] = int32(a + 1)
					l.Item = append(l.Item, int32(p))
				}
			}
		}
		l.Rank = appendRanks(rng, l.Rank, len(l.Item)-lo, c.Ties)
		l.Start[a+1] = int32(len(l.Item))
	}
	return l
}

// popularity returns Zipf weights in a shuffled order.
func popularity(rng *rand.Rand, m int) []float64 {
	w := make([]float64, m)
	for k, p := range rng.Perm(m) {
		w[p] = 1 / math.Pow(float64(k+1), zipfExponent)
	}
	return w
}

// appendRanks appends the ranks of a list of k entries with the tie rate.
func appendRanks(rng *rand.Rand, ranks []int32, k int, ties float64) []int32 {
	var r int32
	for i := 0; i < k; i++ {
		if i == 0 || ties == 0 || rng.Float64() >= ties {
			r++
		}
		ranks = append(ranks, r)
	}
	return ranks
}

// candidate is an applicant as one placement sees it.
type candidate struct {
	applicant int32
	eval      float64
}

// placementLists ranks, at each placement, the applicants who listed it by
// common score plus noise, dropping those below the floor.
func placementLists(rng *rand.Rand, c Config, apps *placement.Lists, score []float64) placement.Lists {
	start := make([]int32, c.Placements+1)
	for _, p := range apps.Item {
		start[p+1]++
	}
	for p := 0; p < c.Placements; p++ {
		start[p+1] += start[p]
	}
	pool := make([]candidate, len(apps.Item))
	fill := slices.Clone(start[:c.Placements])
	for a := 0; a < c.Applicants; a++ {
		lo, hi := apps.Bounds(a)
		for e := lo; e < hi; e++ {
			p := apps.Item[e]
			pool[fill[p]] = candidate{applicant: int32(a), eval: score[a] + noiseScale*rng.NormFloat64()}
			fill[p]++
		}
	}
	l := placement.Lists{
		Start: make([]int32, c.Placements+1),
		Item:  make([]int32, 0, len(pool)),
		Rank:  make([]int32, 0, len(pool)),
	}
	for p := 0; p < c.Placements; p++ {
		group := pool[start[p]:start[p+1]]
		slices.SortFunc(group, func(x, y candidate) int {
			if x.eval != y.eval {
				if x.eval > y.eval {
					return -1
				}
				return 1
			}
			return int(x.applicant - y.applicant)
		})
		lo := len(l.Item)
		for _, cd := range group {
			if cd.eval >= acceptableFloor {
				l.Item = append(l.Item, cd.applicant)
			}
		}
		l.Rank = appendRanks(rng, l.Rank, len(l.Item)-lo, c.Ties)
		l.Start[p+1] = int32(len(l.Item))
	}
	return l
}

// alias is Vose's alias table: draws an index with probability proportional
// to its weight in constant time.
type alias struct {
	prob  []float64
	other []int32
}

func newAlias(w []float64) *alias {
	n := len(w)
	t := &alias{prob: make([]float64, n), other: make([]int32, n)}
	total := 0.0
	for _, x := range w {
		total += x
	}
	scaled := make([]float64, n)
	var small, large []int32
	for i, x := range w {
		scaled[i] = x * float64(n) / total
		if scaled[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, g := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		t.prob[s], t.other[s] = scaled[s], g
		scaled[g] -= 1 - scaled[s]
		if scaled[g] < 1 {
			large = large[:len(large)-1]
			small = append(small, g)
		}
	}
	for _, i := range append(small, large...) {
		t.prob[i], t.other[i] = 1, i
	}
	return t
}

func (t *alias) draw(rng *rand.Rand) int32 {
	i := rng.IntN(len(t.prob))
	if rng.Float64() < t.prob[i] {
		return int32(i)
	}
	return t.other[i]
}

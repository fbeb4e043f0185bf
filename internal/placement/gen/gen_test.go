package gen

import (
	"reflect"
	"sort"
	"testing"

	"github.com/pathways-gov/pathways/internal/placement"
)

func TestGenerateShape(t *testing.T) {
	c := Config{Applicants: 5000, Placements: 500, Ranks: 10, Seed: 1}
	in, err := Generate(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Validate(); err != nil {
		t.Fatalf("generated instance is invalid: %v", err)
	}
	if in.NumApplicants() != 5000 || in.NumPlacements() != 500 {
		t.Fatalf("sizes %d/%d", in.NumApplicants(), in.NumPlacements())
	}
	seats := 0
	for _, k := range in.Capacity {
		if k < 1 {
			t.Fatalf("a placement has %d seats", k)
		}
		seats += int(k)
	}
	if seats != 4500 {
		t.Errorf("%d seats, want 90%% of 5000", seats)
	}
	for a := 0; a < in.NumApplicants(); a++ {
		lo, hi := in.Applicants.Bounds(a)
		if hi-lo != 10 {
			t.Fatalf("applicant %d lists %d placements", a, hi-lo)
		}
	}
	if got := in.Applicants.Rank[len(in.Applicants.Rank)-1]; got != 10 {
		t.Errorf("ties without Ties: last rank %d", got)
	}
	// Placements rank most of those who listed them: within a few percent.
	if ratio := float64(in.Placements.Entries()) / float64(in.Applicants.Entries()); ratio < 0.9 || ratio > 1 {
		t.Errorf("placements rank %.2f of their applicants", ratio)
	}
}

// Popularity is skewed: the most popular tenth of placements draws far more
// than a tenth of the listings.
func TestGenerateSkew(t *testing.T) {
	in, err := Generate(Config{Applicants: 20000, Placements: 1000, Ranks: 5, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	counts := make([]int, in.NumPlacements())
	for _, p := range in.Applicants.Item {
		counts[p]++
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	top := 0
	for _, k := range counts[:100] {
		top += k
	}
	if share := float64(top) / float64(in.Applicants.Entries()); share < 0.25 {
		t.Errorf("top 10%% of placements get %.2f of listings, want a skew", share)
	}
}

func TestGenerateTiesAndDeterminism(t *testing.T) {
	c := Config{Applicants: 2000, Placements: 200, Ranks: 8, Ties: 0.3, Seed: 3}
	a, _ := Generate(c)
	b, _ := Generate(c)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same config, different instances")
	}
	c.Seed = 4
	if d, _ := Generate(c); reflect.DeepEqual(a, d) {
		t.Fatal("different seeds, same instance")
	}
	tied := 0
	for e := 1; e < len(a.Placements.Rank); e++ {
		if a.Placements.Rank[e] == a.Placements.Rank[e-1] {
			tied++
		}
	}
	if share := float64(tied) / float64(a.Placements.Entries()); share < 0.25 || share > 0.35 {
		t.Errorf("%.2f of placement entries tie with the previous, want about 0.3", share)
	}
	if _, err := placement.Solve(a, placement.Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestGenerateRejectsBadConfig(t *testing.T) {
	for _, c := range []Config{
		{Applicants: -1, Placements: 1},
		{Applicants: 1, Placements: 2, Ranks: 3},
		{Applicants: 1, Placements: 2, Ranks: 1, Ties: 1.5},
	} {
		if _, err := Generate(c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	if in, err := Generate(Config{Applicants: 3, Placements: 3, Ranks: 3}); err != nil || in.Applicants.Entries() != 9 {
		t.Errorf("full lists: %v", err)
	}
}

package placement_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/pathways-gov/pathways/internal/placement"
	"github.com/pathways-gov/pathways/internal/placement/gen"
)

// Benchmark sizes: applicants / placements / ranks each, and tie rate.
var benchSizes = []gen.Config{
	{Applicants: 50_000, Placements: 5_000, Ranks: 10, Seed: 1},
	{Applicants: 200_000, Placements: 20_000, Ranks: 10, Seed: 1},
	{Applicants: 1_000_000, Placements: 100_000, Ranks: 10, Seed: 1},
	{Applicants: 50_000, Placements: 5_000, Ranks: 10, Ties: 0.2, Seed: 1},
	{Applicants: 1_000_000, Placements: 100_000, Ranks: 10, Ties: 0.2, Seed: 1},
}

var (
	benchMu        sync.Mutex
	benchInstances = map[gen.Config]*placement.Instance{}
)

// benchInstance generates (once per process) the instance for c.
func benchInstance(b *testing.B, c gen.Config) *placement.Instance {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if in, ok := benchInstances[c]; ok {
		return in
	}
	in, err := gen.Generate(c)
	if err != nil {
		b.Fatal(err)
	}
	benchInstances[c] = in
	return in
}

func benchName(c gen.Config) string {
	return fmt.Sprintf("%dk_%dk_%d_ties%.1f", c.Applicants/1000, c.Placements/1000, c.Ranks, c.Ties)
}

// BenchmarkSolve times Solve: validation, lottery, cross references,
// deferred acceptance, improvement cycles and the result's cutoffs.
func BenchmarkSolve(b *testing.B) {
	for _, c := range benchSizes {
		for _, side := range []placement.Side{placement.ApplicantOptimal, placement.PlacementOptimal} {
			b.Run(benchName(c)+"/"+side.String(), func(b *testing.B) {
				in := benchInstance(b, c)
				b.ReportAllocs()
				b.ResetTimer()
				var r *placement.Result
				for b.Loop() {
					var err error
					if r, err = placement.Solve(in, placement.Options{Optimal: side, Seed: 7}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(r.Stats.Proposals), "proposals")
				b.ReportMetric(float64(r.Stats.ImprovedByCycles), "improved")
			})
		}
	}
}

// BenchmarkVerify times the independent verifier on a solved instance.
func BenchmarkVerify(b *testing.B) {
	for _, c := range benchSizes {
		b.Run(benchName(c), func(b *testing.B) {
			in := benchInstance(b, c)
			r, err := placement.Solve(in, placement.Options{Seed: 7})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := placement.Verify(in, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

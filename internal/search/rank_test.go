package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestWindowMatchesSort checks the partial selection of a page, on the heap
// path (small page ends) and the quickselect path (deep ones), against a
// full sort.
func TestWindowMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		size := 1 + r.IntN(3000)
		set := roaring.New()
		for set.GetCardinality() < uint64(size) {
			set.Add(uint32(r.IntN(100_000)))
		}
		spread := int64(1 + r.IntN(50)) // few distinct values: many ties on a and b
		keys := map[uint32]sortKey{}
		set.Iterate(func(n uint32) bool {
			keys[n] = sortKey{a: r.Int64N(spread), b: r.Int64N(spread), c: int64(n), n: n}
			return true
		})
		key := func(n uint32) sortKey { return keys[n] }

		var sorted []sortKey
		for _, k := range keys {
			sorted = append(sorted, k)
		}
		slices.SortFunc(sorted, compareKeys)

		to := 1 + r.IntN(size)
		if r.IntN(2) == 0 {
			to = min(size, 1+r.IntN(heapLimit))
		}
		from := r.IntN(to)
		if got := window(set, from, to, key); !slices.Equal(got, sorted[from:to]) {
			t.Fatalf("window(%d members, %d, %d) = %v, want %v", size, from, to, got, sorted[from:to])
		}
	}
}

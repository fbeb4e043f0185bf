package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestCountingMethodsAgree checks that the two ways of counting facet
// values, reading each result's values and intersecting bitmaps, give the
// same counts, on random sets of a synthetic index.
func TestCountingMethodsAgree(t *testing.T) {
	ix := New()
	for _, d := range newCorpusGen(5).docs(3000) {
		ix.Upsert(d)
	}
	for i := range 20 { // replaced and deleted documents leave garbage behind
		ix.Delete(int64(3 * i))
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50 {
		set := roaring.New()
		share := 1 + r.IntN(100)
		ix.live.Iterate(func(n uint32) bool {
			if r.IntN(100) < share {
				set.Add(n)
			}
			return true
		})
		mask := facetMask(r.Uint32() & (1<<NumFacets - 1))
		scan := make([]uint32, len(ix.fv.values))
		inter := make([]uint32, len(ix.fv.values))
		ix.countByScan(scan, set, mask)
		ix.countByIntersection(inter, set, mask)
		if !slices.Equal(scan, inter) {
			t.Fatalf("set of %d, mask %b: scan %v, intersection %v", set.GetCardinality(), mask, scan, inter)
		}
	}
}

// TestArenaCompaction replaces documents until the facet arena is compacted,
// and checks searches against the reference.
func TestArenaCompaction(t *testing.T) {
	ix, m := New(), model{}
	r := rand.New(rand.NewPCG(8, 8))
	mutate(r, ix, m, 500, 4000)
	if ix.fv.garbage > len(ix.fv.arena)/2+1024 {
		t.Fatalf("arena: %d entries, %d garbage; want compaction", len(ix.fv.arena), ix.fv.garbage)
	}
	live := 0
	for _, d := range ix.docs {
		if d.live {
			live += int(d.values.n)
		}
	}
	if len(ix.fv.arena)-ix.fv.garbage != live {
		t.Errorf("arena: %d entries, %d garbage, %d in use by documents", len(ix.fv.arena), ix.fv.garbage, live)
	}
	docs := m.docs()
	for range 100 {
		q := randomQuery(r)
		if diff := sameResult(ix.Search(q), refSearch(docs, q)); diff != "" {
			t.Fatalf("query %+v: %s", q, diff)
		}
	}
}

package search

import (
	"fmt"
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

// TestFacetOverflow covers documents whose values do not fit their slots:
// too many values, or value numbers beyond 16 bits.
func TestFacetOverflow(t *testing.T) {
	ix, m := New(), model{}
	many := doc(1, "Analyst")
	for i := range 20 {
		many.Facets[FacetCity] = append(many.Facets[FacetCity], fmt.Sprintf("city-%02d", i))
	}
	many.Facets[FacetOrg] = []string{"ods"}
	ix.Upsert(many)
	m[1] = many
	// Enough distinct values that the last ones are numbered beyond 16 bits.
	for id := int64(2); id <= spilled+10; id++ {
		d := doc(id, "Clerk")
		d.Facets[FacetOrg] = []string{fmt.Sprintf("org-%d", id)}
		d.Facets[FacetCity] = []string{"city-00"}
		ix.Upsert(d)
		m[id] = d
	}
	_, manyOver := ix.fv.overflow[0]
	_, lastOver := ix.fv.overflow[uint32(spilled+9)]
	spilledDocs := len(ix.fv.overflow)
	if len(ix.fv.values) <= spilled || !manyOver || !lastOver {
		t.Fatalf("%d values; overflow holds the first document: %v, the last: %v", len(ix.fv.values), manyOver, lastOver)
	}
	for _, n := range []uint32{0, spilled + 5} {
		counts := func(count func([]uint32, *roaring.Bitmap, facetMask)) []uint32 {
			c := make([]uint32, len(ix.fv.values))
			count(c, roaring.BitmapOf(n, 7), maskOf(FacetCity).with(FacetOrg))
			return c
		}
		if scan, inter := counts(ix.countByScan), counts(ix.countByIntersection); !slices.Equal(scan, inter) {
			t.Errorf("document %d: counts by scan and by intersection differ", n)
		}
	}

	var q Query
	q.Filters[FacetOrg] = []string{fmt.Sprintf("org-%d", spilled+8), "ods"}
	q.Filters[FacetCity] = []string{"city-00"}
	docs := m.docs()
	if diff := sameResult(search(ix, q), refSearch(docs, withT0(q))); diff != "" {
		t.Error(diff)
	}
	ix.Delete(spilled + 8)
	ix.Delete(1)
	if len(ix.fv.overflow) != spilledDocs-2 {
		t.Errorf("after deletes, %d documents in overflow, want %d", len(ix.fv.overflow), spilledDocs-2)
	}
	delete(m, spilled+8)
	delete(m, 1)
	if diff := sameResult(search(ix, q), refSearch(m.docs(), withT0(q))); diff != "" {
		t.Error(diff)
	}
}

func withT0(q Query) Query {
	q.Now = t0
	return q
}

// TestDenseCountingAgrees checks that counting the filtered facets through
// dense bitsets gives the counts of counting their intersections, for
// random bases and two or three random filters.
func TestDenseCountingAgrees(t *testing.T) {
	ix := New()
	for _, d := range newCorpusGen(7).docs(3000) {
		ix.Upsert(d)
	}
	for i := range 20 { // replaced and deleted documents leave garbage behind
		ix.Delete(int64(5 * i))
	}
	many := doc(90_001, "Analyst") // a document whose cities spill to the side table
	for i := range 5 {
		many.Facets[FacetCity] = append(many.Facets[FacetCity], fmt.Sprintf("city-%02d", i))
	}
	ix.Upsert(many)
	r := rand.New(rand.NewPCG(7, 8))
	randomSet := func(share int) *roaring.Bitmap {
		set := roaring.New()
		ix.live.Iterate(func(n uint32) bool {
			if r.IntN(100) < share {
				set.Add(n)
			}
			return true
		})
		return set
	}
	for range 50 {
		base := randomSet(1 + r.IntN(100))
		var filters [NumFacets]*roaring.Bitmap
		var filtered []Facet
		for _, f := range r.Perm(int(NumFacets))[:2+r.IntN(2)] {
			filters[f] = randomSet(1 + r.IntN(100))
			filtered = append(filtered, Facet(f))
		}
		slices.Sort(filtered)
		viaSets := make([]uint32, len(ix.fv.values))
		dense := make([]uint32, len(ix.fv.values))
		ix.countFiltered(viaSets, base, filters, filtered)
		ix.countFilteredDense(dense, base, filters, filtered)
		if !slices.Equal(viaSets, dense) {
			t.Fatalf("base of %d, facets %v: intersections %v, dense %v", base.GetCardinality(), filtered, viaSets, dense)
		}
	}
}

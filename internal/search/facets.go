package search

import (
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// Facet values are numbered. Each value has a bitmap of its documents, used
// for filtering; each document lists its value numbers in a shared arena,
// used for counting small result sets and for removing the document.
//
// Counting a facet over a set of results takes whichever is cheaper: read
// the value numbers of each result (cost grows with the set), or intersect
// the set with each value's bitmap (cost grows with the index).

// facetValue is one value of one facet; docs is nil when the number is free.
type facetValue struct {
	facet Facet
	code  string
	docs  *roaring.Bitmap
}

// facetStore holds the facet values and each document's values.
type facetStore struct {
	numbers [NumFacets]map[string]uint32 // code → value number
	values  []facetValue                 // by value number
	facetOf []Facet                      // by value number, for counting
	free    []uint32                     // free value numbers

	arena   []uint32 // value numbers of every document, each document's contiguous
	garbage int      // arena entries no document uses any more
}

func newFacetStore() facetStore {
	var s facetStore
	for f := range s.numbers {
		s.numbers[f] = map[string]uint32{}
	}
	return s
}

// span locates a document's value numbers in the arena.
type span struct{ start, n uint32 }

func (s *facetStore) valuesOf(sp span) []uint32 { return s.arena[sp.start : sp.start+sp.n] }

// add records document n's facet codes and returns where its value numbers are.
func (s *facetStore) add(n uint32, codes *[NumFacets][]string) span {
	sp := span{start: uint32(len(s.arena))}
	for f := range codes {
		for _, c := range cleanCodes(codes[f]) {
			v := s.number(Facet(f), c)
			s.values[v].docs.Add(n)
			s.arena = append(s.arena, v)
		}
	}
	sp.n = uint32(len(s.arena)) - sp.start
	return sp
}

// remove removes document n, whose values are at sp, freeing values left without documents.
func (s *facetStore) remove(n uint32, sp span) {
	for _, v := range s.valuesOf(sp) {
		fv := &s.values[v]
		if fv.docs.CheckedRemove(n) && fv.docs.IsEmpty() {
			delete(s.numbers[fv.facet], fv.code)
			*fv = facetValue{}
			s.free = append(s.free, v)
		}
	}
	s.garbage += int(sp.n)
}

// number returns the number of facet f's value code, allocating one for a new value.
func (s *facetStore) number(f Facet, code string) uint32 {
	if v, ok := s.numbers[f][code]; ok {
		return v
	}
	var v uint32
	if k := len(s.free); k > 0 {
		v, s.free = s.free[k-1], s.free[:k-1]
	} else {
		s.values = append(s.values, facetValue{})
		s.facetOf = append(s.facetOf, 0)
		v = uint32(len(s.values) - 1)
	}
	code = strings.Clone(code)
	s.values[v] = facetValue{facet: f, code: code, docs: roaring.New()}
	s.facetOf[v] = f
	s.numbers[f][code] = v
	return v
}

// needsCompacting reports whether more than half the arena is garbage.
func (s *facetStore) needsCompacting() bool {
	return s.garbage > 1024 && s.garbage > len(s.arena)/2
}

// compact rewrites the arena without garbage, updating the live documents' spans.
func (s *facetStore) compact(docs []docMeta) {
	arena := make([]uint32, 0, len(s.arena)-s.garbage)
	for i := range docs {
		d := &docs[i]
		if !d.live {
			continue
		}
		start := uint32(len(arena))
		arena = append(arena, s.valuesOf(d.values)...)
		d.values.start = start
	}
	s.arena, s.garbage = arena, 0
}

// docs returns the documents having value code of facet f, or nil for an unknown code.
func (s *facetStore) docs(f Facet, code string) *roaring.Bitmap {
	if v, ok := s.numbers[f][code]; ok {
		return s.values[v].docs
	}
	return nil
}

// facetMask is a set of facets.
type facetMask uint32

func maskOf(f Facet) facetMask             { return 1 << f }
func (m facetMask) has(f Facet) bool       { return m&maskOf(f) != 0 }
func (m facetMask) with(f Facet) facetMask { return m | maskOf(f) }

var countPool = sync.Pool{New: func() any { return new([]uint32) }}

// facetCounts counts, for each facet, the documents of each value among
// the results of the query without that facet's own filter: the results
// themselves for an unfiltered facet.
func (ix *Index) facetCounts(base *roaring.Bitmap, filters [NumFacets]*roaring.Bitmap, hits *roaring.Bitmap) [NumFacets][]FacetCount {
	counts := countPool.Get().(*[]uint32)
	defer countPool.Put(counts)
	*counts = slices.Grow((*counts)[:0], len(ix.fv.values))[:len(ix.fv.values)]
	clear(*counts)

	var unfiltered facetMask
	for f, bm := range filters {
		if bm == nil {
			unfiltered = unfiltered.with(Facet(f))
			continue
		}
		ix.countInto(*counts, intersect(base, filters, Facet(f)), maskOf(Facet(f)))
	}
	ix.countInto(*counts, hits, unfiltered)

	var out [NumFacets][]FacetCount
	for v, c := range *counts {
		if c > 0 {
			fv := ix.fv.values[v]
			out[fv.facet] = append(out[fv.facet], FacetCount{Value: fv.code, Count: int(c)})
		}
	}
	for _, fc := range out {
		slices.SortFunc(fc, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
	}
	return out
}

// Counting cost model, in rough nanoseconds. Reading the values of one
// result costs scanCostPerDoc. Intersecting with one value's bitmap is
// estimated chunk by chunk (Roaring splits documents into chunks of 2^16),
// assuming members spread evenly: merging two sparse (array) chunks costs
// their sizes, probing a dense (bitmap) chunk costs the sparse side's size,
// and two dense chunks cost denseAndCost. Calibrated with BenchmarkSearch.
const (
	scanCostPerDoc = 20
	denseChunk     = 4096 // members of a chunk above which Roaring stores a bitmap
	denseAndCost   = 256  // intersecting two dense chunks: 1,024 words
)

// countInto adds to counts, for every value of the facets in mask, the number of members of set having it.
func (ix *Index) countInto(counts []uint32, set *roaring.Bitmap, mask facetMask) {
	if mask == 0 || set.IsEmpty() {
		return
	}
	size := set.GetCardinality()
	if size*scanCostPerDoc <= ix.intersectCost(size, mask) {
		ix.countByScan(counts, set, mask)
	} else {
		ix.countByIntersection(counts, set, mask)
	}
}

// countByScan counts by reading the value numbers of each member of set.
func (ix *Index) countByScan(counts []uint32, set *roaring.Bitmap, mask facetMask) {
	facetOf := ix.fv.facetOf
	eachMember(set, func(n uint32) {
		for _, v := range ix.fv.valuesOf(ix.docs[n].values) {
			if mask.has(facetOf[v]) {
				counts[v]++
			}
		}
	})
}

// countByIntersection counts by intersecting set with each value's bitmap.
func (ix *Index) countByIntersection(counts []uint32, set *roaring.Bitmap, mask facetMask) {
	for v, fv := range ix.fv.values {
		if fv.docs != nil && mask.has(fv.facet) {
			counts[v] += uint32(set.AndCardinality(fv.docs))
		}
	}
}

// intersectCost estimates the cost of intersecting a set of the given size
// with the bitmap of every value of the facets in mask.
func (ix *Index) intersectCost(size uint64, mask facetMask) uint64 {
	chunks := uint64(len(ix.docs)>>16 + 1)
	s := size / chunks
	cost := uint64(0)
	for _, fv := range ix.fv.values {
		if fv.docs != nil && mask.has(fv.facet) {
			cost += chunks * chunkAndCost(s, fv.docs.GetCardinality()/chunks)
		}
	}
	return cost
}

// chunkAndCost estimates the cost of intersecting two chunks of sizes a and b.
func chunkAndCost(a, b uint64) uint64 {
	switch {
	case a < denseChunk && b < denseChunk:
		return a + b
	case a < denseChunk:
		return a
	case b < denseChunk:
		return b
	}
	return denseAndCost
}

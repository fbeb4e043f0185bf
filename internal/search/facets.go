package search

import (
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// Facet values are numbered. Each value has a bitmap of its documents, used
// for filtering; each document lists its value numbers in a fixed row of
// slotsPerDoc 16-bit slots, used for counting small result sets (one memory
// access per document) and for removing the document. A document with more
// values, or with a value numbered beyond 16 bits, keeps its list in a
// side table instead.
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

const (
	slotsPerDoc = 12
	noValue     = 0xFFFF // an empty slot
	spilled     = 0xFFFE // in the first slot: the values are in the side table
)

// facetStore holds the facet values and each document's values.
type facetStore struct {
	numbers [NumFacets]map[string]uint32 // code → value number
	values  []facetValue                 // by value number
	facetOf []Facet                      // by value number, for counting
	free    []uint32                     // free value numbers

	slots    []uint16            // slotsPerDoc per document number
	overflow map[uint32][]uint32 // document → value numbers, when they do not fit its slots
}

func newFacetStore() facetStore {
	s := facetStore{overflow: map[uint32][]uint32{}}
	for f := range s.numbers {
		s.numbers[f] = map[string]uint32{}
	}
	return s
}

// row returns the slots of document n.
func (s *facetStore) row(n uint32) []uint16 {
	i := int(n) * slotsPerDoc
	return s.slots[i : i+slotsPerDoc]
}

// add records document n's facet codes.
func (s *facetStore) add(n uint32, codes *[NumFacets][]string) {
	var vs []uint32
	for f := range codes {
		for _, c := range cleanCodes(codes[f]) {
			v := s.number(Facet(f), c)
			s.values[v].docs.Add(n)
			vs = append(vs, v)
		}
	}
	if need := (int(n) + 1) * slotsPerDoc; len(s.slots) < need {
		s.slots = append(s.slots, make([]uint16, need-len(s.slots))...)
	}
	row := s.row(n)
	for i := range row {
		row[i] = noValue
	}
	if len(vs) > slotsPerDoc || slices.ContainsFunc(vs, func(v uint32) bool { return v >= spilled }) {
		row[0] = spilled
		s.overflow[n] = vs
		return
	}
	for i, v := range vs {
		row[i] = uint16(v)
	}
}

// eachValue calls fn with every value number of document n.
func (s *facetStore) eachValue(n uint32, fn func(v uint32)) {
	for _, v := range s.row(n) {
		if v >= spilled {
			if v == spilled {
				for _, w := range s.overflow[n] {
					fn(w)
				}
			}
			return
		}
		fn(uint32(v))
	}
}

// remove removes document n, freeing values left without documents.
func (s *facetStore) remove(n uint32) {
	s.eachValue(n, func(v uint32) {
		fv := &s.values[v]
		if fv.docs.CheckedRemove(n) && fv.docs.IsEmpty() {
			delete(s.numbers[fv.facet], fv.code)
			*fv = facetValue{}
			s.free = append(s.free, v)
		}
	})
	delete(s.overflow, n)
	row := s.row(n)
	for i := range row {
		row[i] = noValue
	}
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

	return ix.sortedCounts(*counts)
}

// Counting cost model, in rough nanoseconds. Reading the values of one
// result costs scanCostPerDoc. Intersecting with one value's bitmap is
// estimated chunk by chunk (Roaring splits documents into chunks of 2^16),
// assuming members spread evenly: merging two sparse (array) chunks costs
// mergeCost per member, probing a dense (bitmap) chunk costs one per member
// of the sparse side, and two dense chunks cost denseAndCost. Calibrated on
// the corpus of BenchmarkSearch; a wrong choice costs time, never results.
const (
	scanCostPerDoc = 12
	mergeCost      = 2
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
// It counts every value, then keeps the counts of the facets in mask.
func (ix *Index) countByScan(counts []uint32, set *roaring.Bitmap, mask facetMask) {
	fv := &ix.fv
	scratch := countPool.Get().(*[]uint32)
	defer countPool.Put(scratch)
	*scratch = slices.Grow((*scratch)[:0], len(counts))[:len(counts)]
	all := *scratch
	clear(all)
	var buf [256]uint32
	it := set.ManyIterator()
	for k := it.NextMany(buf[:]); k > 0; k = it.NextMany(buf[:]) {
		for _, n := range buf[:k] {
			for _, v := range fv.row(n) {
				if v >= spilled {
					if v == spilled {
						for _, w := range fv.overflow[n] {
							all[w]++
						}
					}
					break
				}
				all[v]++
			}
		}
	}
	for v, c := range all {
		if c > 0 && mask.has(fv.facetOf[v]) {
			counts[v] += c
		}
	}
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
		return mergeCost * (a + b)
	case a < denseChunk:
		return a
	case b < denseChunk:
		return b
	}
	return denseAndCost
}

// sortedCounts turns counts by value number into sorted facet counts.
func (ix *Index) sortedCounts(counts []uint32) [NumFacets][]FacetCount {
	var sizes [NumFacets]int
	total := 0
	for v, c := range counts {
		if c > 0 {
			sizes[ix.fv.values[v].facet]++
			total++
		}
	}
	all := make([]FacetCount, total) // one allocation for every facet
	var out [NumFacets][]FacetCount
	start := 0
	for f, k := range sizes {
		if k > 0 {
			out[f] = all[start : start : start+k]
			start += k
		}
	}
	for v, c := range counts {
		if c > 0 {
			fv := &ix.fv.values[v]
			out[fv.facet] = append(out[fv.facet], FacetCount{Value: fv.code, Count: int(c)})
		}
	}
	for _, fc := range out {
		slices.SortFunc(fc, compareCounts)
	}
	return out
}

func compareCounts(a, b FacetCount) int {
	if a.Count != b.Count {
		return b.Count - a.Count
	}
	return strings.Compare(a.Value, b.Value)
}

package search

import (
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// Facet values are numbered. Each value has a bitmap of its documents, used
// for filtering; each facet also keeps a column of its documents' value
// numbers, colWidth[f] 16-bit slots per document, used for counting small
// result sets and for removing a document. Counting one facet over a set
// reads only that facet's column (two bytes a document for most facets), so
// the columns a count walks stay in the processor's cache. A document with
// more values of a facet than its slots, or with a value numbered beyond 16
// bits, marks the facet's first slot spilled and keeps the list of all its
// values in a side table instead.
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
	noValue = 0xFFFF // an empty slot
	spilled = 0xFFFE // in a facet's first slot: the document's values are in the side table
)

// colWidth is the number of slots per document in each facet's column, 1 or
// 2 (the counting loops handle no other width):
// two for the facets postings often have two values of, one for the others.
var colWidth = [NumFacets]int{FacetProgram: 1, FacetStream: 2, FacetLevel: 1, FacetOrg: 1, FacetCity: 2, FacetMode: 1, FacetType: 1}

// facetStore holds the facet values and each document's values.
type facetStore struct {
	numbers [NumFacets]map[string]uint32 // code → value number
	values  []facetValue                 // by value number
	facetOf []Facet                      // by value number, for counting
	free    []uint32                     // free value numbers

	cols     [NumFacets][]uint16 // per facet, colWidth slots per document number
	overflow map[uint32][]uint32 // document → all its value numbers, when some do not fit its slots
}

func newFacetStore() facetStore {
	s := facetStore{overflow: map[uint32][]uint32{}}
	for f := range s.numbers {
		s.numbers[f] = map[string]uint32{}
	}
	return s
}

// slots returns the slots of document n in facet f's column.
func (s *facetStore) slots(f Facet, n uint32) []uint16 {
	w := colWidth[f]
	i := int(n) * w
	return s.cols[f][i : i+w]
}

// add records document n's facet codes.
func (s *facetStore) add(n uint32, codes *[NumFacets][]string) {
	var all []uint32
	spill := false
	for f := range codes {
		if need := (int(n) + 1) * colWidth[f]; len(s.cols[f]) < need {
			s.cols[f] = append(s.cols[f], make([]uint16, need-len(s.cols[f]))...)
		}
		start := len(all)
		for _, c := range cleanCodes(codes[f]) {
			v := s.number(Facet(f), c)
			s.values[v].docs.Add(n)
			all = append(all, v)
		}
		vs := all[start:]
		slots := s.slots(Facet(f), n)
		for i := range slots {
			slots[i] = noValue
		}
		if len(vs) > len(slots) || slices.ContainsFunc(vs, func(v uint32) bool { return v >= spilled }) {
			slots[0] = spilled
			spill = true
			continue
		}
		for i, v := range vs {
			slots[i] = uint16(v)
		}
	}
	if spill {
		s.overflow[n] = all
	}
}

// eachValue calls fn with every value number of document n.
func (s *facetStore) eachValue(n uint32, fn func(v uint32)) {
	if vs, ok := s.overflow[n]; ok {
		for _, v := range vs {
			fn(v)
		}
		return
	}
	for f := range s.cols {
		if int(n)*colWidth[f] >= len(s.cols[f]) {
			continue
		}
		for _, v := range s.slots(Facet(f), n) {
			if v != noValue {
				fn(uint32(v))
			}
		}
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
	for f := range s.cols {
		if int(n)*colWidth[f] >= len(s.cols[f]) {
			continue
		}
		slots := s.slots(Facet(f), n)
		for i := range slots {
			slots[i] = noValue
		}
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
	filtered := make([]Facet, 0, NumFacets)
	for f, bm := range filters {
		if bm == nil {
			unfiltered = unfiltered.with(Facet(f))
		} else {
			filtered = append(filtered, Facet(f))
		}
	}
	if len(filtered) >= 2 && base.GetCardinality()*denseShare >= uint64(len(ix.docs)) {
		ix.countFilteredDense(*counts, base, filters, filtered)
	} else {
		ix.countFiltered(*counts, base, filters, filtered)
	}
	ix.countInto(*counts, hits, unfiltered)

	return ix.sortedCounts(*counts)
}

// countFiltered counts each filtered facet over the documents of base that
// pass every other facet's filter.
func (ix *Index) countFiltered(counts []uint32, base *roaring.Bitmap, filters [NumFacets]*roaring.Bitmap, filtered []Facet) {
	for _, f := range filtered {
		ix.countInto(counts, intersect(base, filters, f), maskOf(f))
	}
}

// With two or more facets filtered, each filtered facet is counted over its
// own intersection (base and the other facets' filters). When base holds
// at least one document in denseShare, countFilteredDense does this without
// building those intersections: it copies base and each filter into a
// dense bitset (one bit per document number, pooled), then walks the words
// once, ANDing them for each facet and reading the columns of the
// documents whose bits remain.
const denseShare = 32

var densePool = sync.Pool{New: func() any { return new([]uint64) }}

// countFilteredDense counts as countFiltered does, through dense bitsets.
func (ix *Index) countFilteredDense(counts []uint32, base *roaring.Bitmap, filters [NumFacets]*roaring.Bitmap, filtered []Facet) {
	words := (len(ix.docs) + 63) / 64
	var bufs [NumFacets + 1]*[]uint64
	dense := func(i int, bm *roaring.Bitmap) []uint64 {
		b := densePool.Get().(*[]uint64)
		*b = slices.Grow((*b)[:0], words)[:words]
		clear(*b)
		bm.WriteDenseTo(*b) // every member is a document number, below len(ix.docs)
		bufs[i] = b
		return *b
	}
	defer func() {
		for _, b := range bufs {
			if b != nil {
				densePool.Put(b)
			}
		}
	}()
	b := dense(0, base)
	var sets [NumFacets][]uint64 // by position in filtered
	for j, f := range filtered {
		sets[j] = dense(j+1, filters[f])
	}
	k := len(filtered)
	for i, w := range b {
		if w == 0 {
			continue
		}
		for j := range k {
			x := w
			for l := range k {
				if l != j {
					x &= sets[l][i]
				}
			}
			if x != 0 {
				ix.fv.countWord(counts, filtered[j], x, uint32(i)*64)
			}
		}
	}
}

// countWord counts the values of facet f of the documents whose bits are
// set in x, the word of a dense bitset that starts at document number first.
func (s *facetStore) countWord(counts []uint32, f Facet, x uint64, first uint32) {
	col := s.cols[f]
	if colWidth[f] == 1 {
		for ; x != 0; x &= x - 1 {
			n := first + uint32(bits.TrailingZeros64(x))
			if v := col[n]; v < spilled {
				counts[v]++
			} else if v == spilled {
				s.countSpilled(counts, n, f)
			}
		}
		return
	}
	for ; x != 0; x &= x - 1 { // two slots a document
		n := first + uint32(bits.TrailingZeros64(x))
		slots := col[2*n : 2*n+2]
		if v := slots[0]; v < spilled {
			counts[v]++
			if w := slots[1]; w < spilled {
				counts[w]++
			}
		} else if v == spilled {
			s.countSpilled(counts, n, f)
		}
	}
}

// Counting cost model, in rough nanoseconds. Reading the values of a set
// costs scanCostPerDoc per member (walking the set) plus scanCostPerSlot
// per member and column slot read. Intersecting with one value's bitmap is
// estimated chunk by chunk (Roaring splits documents into chunks of 2^16),
// assuming members spread evenly: merging two sparse (array) chunks costs
// mergeCost per member, probing a dense (bitmap) chunk costs one per member
// of the sparse side, and two dense chunks cost denseAndCost. Calibrated on
// the corpus of BenchmarkSearch; a wrong choice costs time, never results.
const (
	scanCostPerDoc  = 2
	scanCostPerSlot = 1
	mergeCost       = 2
	denseChunk      = 4096 // members of a chunk above which Roaring stores a bitmap
	denseAndCost    = 256  // intersecting two dense chunks: 1,024 words
)

// countInto adds to counts, for every value of the facets in mask, the number of members of set having it.
func (ix *Index) countInto(counts []uint32, set *roaring.Bitmap, mask facetMask) {
	if mask == 0 || set.IsEmpty() {
		return
	}
	size := set.GetCardinality()
	if size*scanCost(mask) <= ix.intersectCost(size, mask) {
		ix.countByScan(counts, set, mask)
	} else {
		ix.countByIntersection(counts, set, mask)
	}
}

// scanCost is the estimated cost per member of reading the facets in mask.
func scanCost(mask facetMask) uint64 {
	c := uint64(scanCostPerDoc)
	for f := range NumFacets {
		if mask.has(f) {
			c += uint64(scanCostPerSlot * colWidth[f])
		}
	}
	return c
}

// countByScan counts by reading the value numbers of each member of set
// from the columns of the facets in mask.
func (ix *Index) countByScan(counts []uint32, set *roaring.Bitmap, mask facetMask) {
	fv := &ix.fv
	var buf [256]uint32
	it := set.ManyIterator()
	for k := it.NextMany(buf[:]); k > 0; k = it.NextMany(buf[:]) {
		members := buf[:k]
		for f := range NumFacets {
			if !mask.has(f) {
				continue
			}
			col := fv.cols[f]
			if colWidth[f] == 1 {
				for _, n := range members {
					if v := col[n]; v < spilled {
						counts[v]++
					} else if v == spilled {
						fv.countSpilled(counts, n, f)
					}
				}
				continue
			}
			for _, n := range members {
				slots := col[2*n : 2*n+2]
				if v := slots[0]; v < spilled {
					counts[v]++
					if w := slots[1]; w < spilled {
						counts[w]++
					}
				} else if v == spilled {
					fv.countSpilled(counts, n, f)
				}
			}
		}
	}
}

// countSpilled counts the values of facet f of document n, kept in the side table.
func (s *facetStore) countSpilled(counts []uint32, n uint32, f Facet) {
	for _, v := range s.overflow[n] {
		if s.facetOf[v] == f {
			counts[v]++
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

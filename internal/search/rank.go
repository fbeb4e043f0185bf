package search

import (
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// Ordering a page: the results are split into tiers that follow one another
// (open before closed, salaried before unsalaried), each with its own key.
// Tiers wholly before the page are skipped by their size alone. Within a
// tier nothing is sorted but the page: up to a page end of heapLimit, a
// bounded heap keeps the best documents; deeper, the tier's keys are
// collected and the page is found by quickselect, in linear time. The page
// end is at most MaxWindow.

// sortKey orders documents: the smaller key comes first. Keys compare field
// by field; the last field used is always the posting ID, so no two
// documents tie.
type sortKey struct {
	a, b, c int64
	n       uint32 // the document
}

func (x sortKey) less(y sortKey) bool {
	if x.a != y.a {
		return x.a < y.a
	}
	if x.b != y.b {
		return x.b < y.b
	}
	return x.c < y.c
}

func compareKeys(x, y sortKey) int {
	switch {
	case x.less(y):
		return -1
	case y.less(x):
		return 1
	}
	return 0
}

// tier is a set of results ordered by one key, placed after the tiers before it.
type tier struct {
	set    *roaring.Bitmap
	key    func(n uint32) sortKey
	newest bool // key is newestKey: the page can be walked from the newest list
	// first, when set, returns key(n).a at less cost than key: the bounded
	// heap then skips, without building their keys, the documents whose
	// first field already ranks them after every document it keeps.
	first func(n uint32) int64
}

// page returns the IDs of the results at positions [from, to) in the order s.
func (ix *Index) page(s Sort, now int64, hits *roaring.Bitmap, kw keywordSets, from, to int) []int64 {
	ids := make([]int64, 0, to-from)
	if from >= to {
		return ids
	}
	tiers, release := ix.tiers(s, now, hits, kw)
	defer release()
	for _, t := range tiers {
		size := int(t.set.GetCardinality())
		if from >= size {
			from, to = from-size, to-size
			continue
		}
		ids = ix.appendWindow(ids, t, from, min(to, size))
		if to <= size {
			break
		}
		from, to = 0, to-size
	}
	return ids
}

// appendWindow appends the IDs of the members of t at positions [from, to) in its order; to <= |t.set|.
func (ix *Index) appendWindow(ids []int64, t tier, from, to int) []int64 {
	if t.newest {
		if out, ok := ix.appendNewest(ids, t.set, from, to); ok {
			return out
		}
	}
	var keys []sortKey
	if t.first != nil && to <= heapLimit && to < int(t.set.GetCardinality()) {
		keys = topKFirst(t.set, to, t.key, t.first)[from:]
	} else {
		keys = window(t.set, from, to, t.key)
	}
	for _, k := range keys {
		ids = append(ids, ix.docs[k.n].id)
	}
	return ids
}

// tiers returns the tiers of order s over hits, and a function to call once they are used.
func (ix *Index) tiers(s Sort, now int64, hits *roaring.Bitmap, kw keywordSets) ([]tier, func()) {
	none := func() {}
	switch s {
	case SortRelevance:
		if len(kw.words) == 0 {
			break
		}
		scores := ix.scores(kw.words, hits)
		key := func(n uint32) sortKey {
			d := &ix.docs[n]
			return sortKey{a: -int64((*scores)[n]), b: -d.published, c: d.id, n: n}
		}
		first := func(n uint32) int64 { return -int64((*scores)[n]) }
		return []tier{{hits, key, false, first}}, func() { scorePool.Put(scores) }
	case SortClosing:
		open := ix.openAt(now)
		return []tier{
			{roaring.And(hits, open), ix.closingKey, false, nil},
			{roaring.AndNot(hits, open), ix.closedKey, false, nil},
		}, none
	case SortSalary:
		return []tier{
			{roaring.And(hits, ix.hasSalary), ix.salaryKey, false, nil},
			{roaring.AndNot(hits, ix.hasSalary), ix.newestKey, true, nil},
		}, none
	}
	return []tier{{hits, ix.newestKey, true, nil}}, none
}

func (ix *Index) newestKey(n uint32) sortKey {
	d := &ix.docs[n]
	return sortKey{a: -d.published, b: d.id, n: n}
}

func (ix *Index) closingKey(n uint32) sortKey {
	d := &ix.docs[n]
	return sortKey{a: d.closes, b: -d.published, c: d.id, n: n}
}

func (ix *Index) closedKey(n uint32) sortKey {
	d := &ix.docs[n]
	return sortKey{a: -d.closes, b: -d.published, c: d.id, n: n}
}

func (ix *Index) salaryKey(n uint32) sortKey {
	d := &ix.docs[n]
	return sortKey{a: -d.salaryMax, b: -d.published, c: d.id, n: n}
}

// Relevance: each required word found in a document's title scores 2, in
// its body 1. Scores are kept in a scratch array indexed by document number.
const (
	titleWeight = 2
	bodyWeight  = 1
)

var scorePool = sync.Pool{New: func() any { return new([]uint8) }}

// scores returns the relevance score of every document of hits. MaxQueryWords
// words of weight 3 fit in a uint8. Return the slice to scorePool after use.
func (ix *Index) scores(words []wordSets, hits *roaring.Bitmap) *[]uint8 {
	s := scorePool.Get().(*[]uint8)
	if cap(*s) < len(ix.docs) {
		*s = make([]uint8, len(ix.docs))
	} else {
		*s = (*s)[:len(ix.docs)]
		clear(*s)
	}
	add := func(set *roaring.Bitmap, weight uint8) {
		roaring.And(set, hits).Iterate(func(n uint32) bool {
			(*s)[n] += weight
			return true
		})
	}
	for _, w := range words {
		add(w.title, titleWeight)
		add(w.body, bodyWeight)
	}
	return s
}

// heapLimit is the page end up to which topK keeps a bounded heap; deeper
// pages collect the whole tier and select the window in linear time.
const heapLimit = 256

// window returns the members of set at positions [from, to) in key order;
// to <= |set|.
func window(set *roaring.Bitmap, from, to int, key func(uint32) sortKey) []sortKey {
	if to <= heapLimit && to < int(set.GetCardinality()) {
		return topK(set, to, key)[from:]
	}
	buf := keyPool.Get().(*[]sortKey)
	defer keyPool.Put(buf)
	all := (*buf)[:0]
	eachMember(set, func(n uint32) { all = append(all, key(n)) })
	*buf = all
	selectSmallest(all, to)
	selectSmallest(all[:to], from)
	sortKeys(all[from:to])
	return slices.Clone(all[from:to])
}

var keyPool = sync.Pool{New: func() any { return new([]sortKey) }}

// topK returns the k best members of set by key, in order; k < |set|.
func topK(set *roaring.Bitmap, k int, key func(uint32) sortKey) []sortKey {
	return topKFirst(set, k, key, nil)
}

// topKFirst is topK; first, if not nil, returns key(n).a (see tier.first).
func topKFirst(set *roaring.Bitmap, k int, key func(uint32) sortKey, first func(uint32) int64) []sortKey {
	h := make(keyHeap, 0, k)
	eachMember(set, func(n uint32) {
		if first != nil && len(h) == k && first(n) > h[0].a {
			return // not less than the worst key kept, which compares on a first
		}
		x := key(n)
		switch {
		case len(h) < k:
			h.push(x)
		case x.less(h[0]):
			h[0] = x
			h.down(0)
		}
	})
	sortKeys(h)
	return h
}

func sortKeys(keys []sortKey) {
	slices.SortFunc(keys, compareKeys)
}

// selectSmallest reorders keys so that its first k are the k smallest, in
// no particular order (quickselect, median-of-three pivots; it falls back to
// sorting when partitions keep going badly).
func selectSmallest(keys []sortKey, k int) {
	lo, hi := 0, len(keys) // the k-th smallest is within keys[lo:hi]
	for budget := 2 * bitsLen(len(keys)); hi-lo > 16; budget-- {
		if k <= lo || k >= hi {
			return
		}
		if budget == 0 {
			sortKeys(keys[lo:hi])
			return
		}
		p := partition(keys[lo:hi]) + lo
		switch {
		case p == k:
			return
		case p < k:
			lo = p + 1
		default:
			hi = p
		}
	}
	sortKeys(keys[lo:hi])
}

// partition partitions keys around a median-of-three pivot (Hoare's
// scheme) and returns the pivot's final index: keys before it are not
// larger, keys after it not smaller.
func partition(keys []sortKey) int {
	last := len(keys) - 1
	mid := last / 2
	if keys[mid].less(keys[0]) {
		keys[mid], keys[0] = keys[0], keys[mid]
	}
	if keys[last].less(keys[0]) {
		keys[last], keys[0] = keys[0], keys[last]
	}
	if keys[last].less(keys[mid]) {
		keys[last], keys[mid] = keys[mid], keys[last]
	}
	keys[0], keys[mid] = keys[mid], keys[0] // pivot first
	pivot := keys[0]
	i, j := 1, last
	for {
		for i <= j && keys[i].less(pivot) {
			i++
		}
		for i <= j && pivot.less(keys[j]) {
			j--
		}
		if i >= j {
			break
		}
		keys[i], keys[j] = keys[j], keys[i]
		i++
		j--
	}
	keys[0], keys[j] = keys[j], keys[0]
	return j
}

func bitsLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}

// eachMember calls fn with every member of set, in ascending order.
func eachMember(set *roaring.Bitmap, fn func(n uint32)) {
	var buf [256]uint32
	it := set.ManyIterator()
	for {
		k := it.NextMany(buf[:])
		if k == 0 {
			return
		}
		for _, n := range buf[:k] {
			fn(n)
		}
	}
}

// keyHeap is a max-heap of keys: the root is the worst key kept.
type keyHeap []sortKey

func (h *keyHeap) push(x sortKey) {
	*h = append(*h, x)
	h.up(len(*h) - 1)
}

func (h keyHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h[p].less(h[i]) {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func (h keyHeap) down(i int) {
	for {
		worst := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(h) && h[worst].less(h[c]) {
				worst = c
			}
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

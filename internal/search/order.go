package search

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
)

// newestOrder keeps every live document in newest-first order (PublishedAt
// latest first, then smallest ID: the order of newestKey). A page in that
// order is then found by walking the list from the start and keeping the
// members of the result set, instead of reading the key of every result:
// for the landing page, half the index matches and the walk stops after
// about twice the page end.
//
// The list is built by the first search that needs it, then kept up to date
// by every upsert and delete (a binary search and a move of the tail, tens
// of microseconds at 100,000 documents). Until then, bulk loading pays nothing.
type newestOrder struct {
	mu    sync.Mutex  // serializes building
	ready atomic.Bool // docs is built and maintained
	docs  []uint32    // live document numbers, newest first
}

// newestDocs returns the live documents newest first. The caller holds the
// index's read lock and must not modify the slice.
func (ix *Index) newestDocs() []uint32 {
	o := &ix.newest
	if o.ready.Load() {
		return o.docs
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.ready.Load() {
		docs := make([]uint32, 0, len(ix.byID))
		for n, d := range ix.docs {
			if d.live {
				docs = append(docs, uint32(n))
			}
		}
		slices.SortFunc(docs, ix.compareNewest)
		o.docs = docs
		o.ready.Store(true)
	}
	return o.docs
}

func (ix *Index) compareNewest(a, b uint32) int {
	return compareKeys(ix.newestKey(a), ix.newestKey(b))
}

// newestPosition returns where document n, with meta m, is or would be in the list.
func (ix *Index) newestPosition(m docMeta) int {
	key := sortKey{a: -m.published, b: m.id}
	i, _ := slices.BinarySearchFunc(ix.newest.docs, key, func(n uint32, k sortKey) int {
		return compareKeys(ix.newestKey(n), k)
	})
	return i
}

// added records that document n entered the index; the caller holds the
// write lock and has already stored n's meta.
func (o *newestOrder) added(ix *Index, n uint32) {
	if o.ready.Load() {
		o.docs = slices.Insert(o.docs, ix.newestPosition(ix.docs[n]), n)
	}
}

// removed records that document n is leaving the index; the caller holds
// the write lock and n's meta is still stored.
func (o *newestOrder) removed(ix *Index, n uint32) {
	if !o.ready.Load() {
		return
	}
	if i := ix.newestPosition(ix.docs[n]); i < len(o.docs) && o.docs[i] == n {
		o.docs = slices.Delete(o.docs, i, i+1)
	}
}

// walkCostFactor weighs a step of the walk (a membership test) against
// reading one result's key in topK.
const walkCostFactor = 1

// appendNewest appends to ids the IDs of the members of set at positions
// [from, to) in newest order, walking the newest list, when that is cheaper
// than reading the key of every member; ok is false otherwise, and ids is
// returned unchanged. to <= |set|.
func (ix *Index) appendNewest(ids []int64, set *roaring.Bitmap, from, to int) (_ []int64, ok bool) {
	size := int64(set.GetCardinality())
	// The walk tests about to·|index|/|set| documents; topK reads |set| keys.
	if size == 0 || int64(to)*int64(len(ix.byID))/size*walkCostFactor > size {
		return ids, false
	}
	seen := 0
	for _, n := range ix.newestDocs() {
		if !set.Contains(n) {
			continue
		}
		if seen >= from {
			ids = append(ids, ix.docs[n].id)
		}
		seen++
		if seen == to {
			break
		}
	}
	return ids, true
}

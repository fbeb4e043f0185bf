package search

import (
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// openCache keeps the set of documents open at some instant t0, with the
// interval [lo, hi) of instants at which that set stays the same: lo is the
// latest closing instant not after t0 and hi the earliest one after it. A
// search at any instant in the interval reuses the set; one outside it
// rebuilds the set with a pass over the documents. Upserts and deletes keep
// the set up to date and can only narrow the interval, so the index is
// scanned only when the time passes a closing instant.
type openCache struct {
	mu      sync.Mutex
	valid   bool
	t0      int64
	lo, hi  int64
	set     *roaring.Bitmap // never modified while searches may read it
	version uint64          // counts rebuilds of set; with Index.gen it identifies set's contents
}

// openAt returns the documents open at instant t. The caller holds the
// index's read lock and must not modify the bitmap.
func (ix *Index) openAt(t int64) *roaring.Bitmap {
	set, _ := ix.openAtVersion(t)
	return set
}

// openAtVersion is openAt that also returns the version of the set, read
// together with it.
func (ix *Index) openAtVersion(t int64) (*roaring.Bitmap, uint64) {
	c := &ix.open
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.valid && c.lo <= t && t < c.hi {
		return c.set, c.version
	}
	c.t0, c.lo, c.hi = t, math.MinInt64, math.MaxInt64
	open := make([]uint32, 0, len(ix.docs))
	for n, d := range ix.docs {
		if !d.live {
			continue
		}
		if d.closes <= t {
			c.lo = max(c.lo, d.closes)
			continue
		}
		c.hi = min(c.hi, d.closes)
		if !d.closedByStaff {
			open = append(open, uint32(n))
		}
	}
	c.set = roaring.New()
	c.set.AddMany(open) // ascending, which AddMany appends fast
	c.valid = true
	c.version++
	return c.set, c.version
}

// added records that document n, described by m, entered the index. The
// caller holds the index's write lock, so no search reads the set.
func (c *openCache) added(n uint32, m docMeta) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid {
		return
	}
	if m.closes <= c.t0 {
		c.lo = max(c.lo, m.closes)
		return
	}
	c.hi = min(c.hi, m.closes)
	if !m.closedByStaff {
		c.set.Add(n)
	}
}

// removed records that document n left the index; the caller holds the write lock.
func (c *openCache) removed(n uint32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.valid {
		c.set.Remove(n)
	}
}

// statusSet returns the documents of the given status at instant now, and
// the version of the open set it derives from (0 for StatusAll); the
// result may be shared and must not be modified. Until the next upsert or
// delete, equal versions give equal sets.
func (ix *Index) statusSet(s Status, now int64) (*roaring.Bitmap, uint64) {
	if s == StatusAll {
		return ix.live, 0
	}
	open, version := ix.openAtVersion(now)
	if s == StatusClosed {
		return roaring.AndNot(ix.live, open), version
	}
	return open, version
}

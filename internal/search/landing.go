package search

import (
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// The landing page, a search without keyword, filter or salary minimum, is
// the most common query. Its facet counts depend only on the status and
// the index's contents, so they are counted once and kept: per status, with
// the index generation (Index.gen, bumped by every upsert and delete) and
// the version of the open set they were counted from. Any change to either
// makes the next landing search count again.
type landingCache struct {
	mu      sync.Mutex
	entries [StatusAll + 1]landingEntry // by status
}

type landingEntry struct {
	valid     bool
	gen, open uint64
	facets    [NumFacets][]FacetCount
	numCounts int // total FacetCount values in facets
}

// hasFilter reports whether any facet is filtered.
func hasFilter(filters [NumFacets][]string) bool {
	for _, codes := range filters {
		if len(codes) > 0 {
			return true
		}
	}
	return false
}

// landingFacets returns the facet counts of the documents of status s,
// which are hits, counting them only when the cache does not hold them.
// openVersion is the version of the open set hits derive from. The caller
// holds the read lock.
func (ix *Index) landingFacets(s Status, openVersion uint64, hits *roaring.Bitmap) [NumFacets][]FacetCount {
	c := &ix.landing
	c.mu.Lock()
	e := c.entries[s]
	c.mu.Unlock()
	if !e.valid || e.gen != ix.gen || e.open != openVersion {
		var none [NumFacets]*roaring.Bitmap
		e = landingEntry{valid: true, gen: ix.gen, open: openVersion}
		e.facets = ix.facetCounts(hits, none, hits)
		for _, fc := range e.facets {
			e.numCounts += len(fc)
		}
		c.mu.Lock()
		c.entries[s] = e
		c.mu.Unlock()
	}
	return e.copyFacets()
}

// copyFacets returns a copy of the entry's counts, which callers may keep
// and modify, in one allocation.
func (e *landingEntry) copyFacets() [NumFacets][]FacetCount {
	var out [NumFacets][]FacetCount
	all := make([]FacetCount, 0, e.numCounts)
	for f, fc := range e.facets {
		if len(fc) == 0 {
			continue
		}
		start := len(all)
		all = append(all, fc...)
		out[f] = all[start:len(all):len(all)]
	}
	return out
}

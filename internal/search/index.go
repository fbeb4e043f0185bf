// Package search is the in-memory full-text and faceted search over public
// postings. The server loads every publicly visible posting into an Index at
// start and upserts or deletes one on each change; the database stays the
// source of truth. Search runs in Go, so SQLite and PostgreSQL deployments
// give identical results.
//
// The index keeps Roaring bitmaps over dense internal document numbers: one
// per term (title and body apart; rare terms keep their few documents
// inline instead), one per facet value, and a few for salaries. It stores
// no text; per document it keeps only what sorting, status and facet
// counting need. The files divide the work:
//
//   - analysis.go: tokens, accent folding, stop words, English and French stemming
//   - analyzed.go: Analyze, the lock-free half of an upsert, and the shared stem cache
//   - query.go: the keyword query syntax (ParseQuery)
//   - types.go: the API types (Doc, Query, Result, Facet, Status, Sort)
//   - index.go: the index and its updates (Upsert, UpsertAnalyzed, Delete)
//   - terms.go, posting.go: terms and their postings (small ones kept without bitmaps)
//   - search.go: keyword, status, salary and facet filters (Search)
//   - facets.go: facet values and disjunctive counts
//   - status.go: the cached set of open postings
//   - landing.go: the cached facet counts of the landing page
//   - order.go: the newest-first list that pages in that order are walked from
//   - salary.go: the salary filter
//   - rank.go: ordering and paging
package search

import (
	"math"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// Index is a search index of postings. It is safe for concurrent use: many
// searches run at once; an upsert or delete waits for them and blocks them
// while it runs.
type Index struct {
	mu sync.RWMutex

	byID     map[int64]uint32 // posting ID → internal document number
	docs     []docMeta        // by document number
	freeDocs []uint32         // document numbers free for reuse
	live     *roaring.Bitmap  // documents in the index

	terms       map[string]uint32 // term → term number
	postings    []posting         // by term number
	freeTerms   []uint32          // term numbers free for reuse
	commonTerms []uint32          // terms held by many documents; see terms.go
	numCommon   int               // postings marked common (commonTerms may also hold stale numbers)
	rareTerms   [][]uint32        // by document number: its terms that were rare when it was indexed

	fv facetStore // see facets.go

	hasSalary   *roaring.Bitmap
	salaryBands [numSalaryBands]*roaring.Bitmap // see salary.go

	gen     uint64       // counts upserts and deletes
	landing landingCache // see landing.go
	open    openCache    // see status.go
	newest  newestOrder  // see order.go
}

// docMeta is what sorting and status need of a document.
type docMeta struct {
	id            int64
	published     int64 // instant, see toInstant
	closes        int64 // instant
	salaryMax     int64
	closedByStaff bool
	live          bool
}

// New returns an empty index.
func New() *Index {
	ix := &Index{
		byID:      map[int64]uint32{},
		live:      roaring.New(),
		terms:     map[string]uint32{},
		hasSalary: roaring.New(),
	}
	ix.fv = newFacetStore()
	for b := range ix.salaryBands {
		ix.salaryBands[b] = roaring.New()
	}
	return ix
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// Upsert adds d to the index, replacing the document with the same ID.
// Replacing, like deleting, scans the common terms (see terms.go): a few
// hundred microseconds at 100,000 postings, during which searches wait.
// It is UpsertAnalyzed(Analyze(d)), reusing Analyze's buffers.
func (ix *Index) Upsert(d Doc) {
	buf := analyzedPool.Get().(*Analyzed)
	*buf = analyzeInto(d, buf.title[:0], buf.body[:0])
	ix.UpsertAnalyzed(*buf)
	clear(buf.title) // do not pin the text of digit tokens
	clear(buf.body)
	*buf = Analyzed{title: buf.title[:0], body: buf.body[:0]}
	analyzedPool.Put(buf)
}

// UpsertAnalyzed adds an analyzed document to the index, replacing the
// document with the same ID. Only this step holds the index's lock.
func (ix *Index) UpsertAnalyzed(a Analyzed) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.gen++
	n, ok := ix.byID[a.doc.ID]
	if ok {
		ix.unindex(n)
	} else {
		n = ix.allocDoc()
		ix.byID[a.doc.ID] = n
	}
	ix.index(n, &a)
}

// Delete removes the document with the given ID, if any.
func (ix *Index) Delete(id int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n, ok := ix.byID[id]
	if !ok {
		return
	}
	ix.gen++
	ix.unindex(n)
	delete(ix.byID, id)
	ix.docs[n] = docMeta{}
	ix.freeDocs = append(ix.freeDocs, n)
}

func (ix *Index) allocDoc() uint32 {
	if k := len(ix.freeDocs); k > 0 {
		n := ix.freeDocs[k-1]
		ix.freeDocs = ix.freeDocs[:k-1]
		return n
	}
	ix.docs = append(ix.docs, docMeta{})
	ix.rareTerms = append(ix.rareTerms, nil)
	return uint32(len(ix.docs) - 1)
}

// index adds document a as number n to every structure.
func (ix *Index) index(n uint32, a *Analyzed) {
	d := &a.doc
	m := docMeta{
		id:            d.ID,
		published:     toInstant(d.PublishedAt),
		closes:        toInstant(d.ClosesAt),
		salaryMax:     d.AnnualSalaryMax,
		closedByStaff: d.Closed,
		live:          true,
	}
	ix.fv.add(n, &d.Facets)
	ix.docs[n] = m
	ix.newest.added(ix, n)
	ix.live.Add(n)
	ix.addSalary(n, m.salaryMax)
	ix.indexTerms(n, a.title, a.body)
	ix.open.added(n, m)
}

// unindex removes document number n from every structure.
func (ix *Index) unindex(n uint32) {
	m := ix.docs[n]
	ix.newest.removed(ix, n)
	ix.live.Remove(n)
	ix.removeSalary(n, m.salaryMax)
	ix.fv.remove(n)
	ix.unindexTerms(n)
	ix.open.removed(n)
	ix.docs[n].live = false
}

// Instants are kept as nanoseconds since the Unix epoch. Times outside the
// years 1678 to 2262 are clamped to the ends of that range; the zero time is
// the earliest instant. Because Query.Now is clamped the same way, status is
// exact for every time in the range.
var (
	minInstant = time.Unix(0, math.MinInt64+1) // +1 so that negating an instant never overflows
	maxInstant = time.Unix(0, math.MaxInt64)
)

func toInstant(t time.Time) int64 {
	switch {
	case t.Before(minInstant):
		return math.MinInt64 + 1
	case t.After(maxInstant):
		return math.MaxInt64
	}
	return t.UnixNano()
}

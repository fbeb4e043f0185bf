// Package search is the in-memory full-text and faceted search over public
// postings. The server loads every publicly visible posting into an Index at
// start and upserts or deletes one on each change; the database stays the
// source of truth. Search runs in Go, so SQLite and PostgreSQL deployments
// give identical results.
//
// The index keeps Roaring bitmaps over dense internal document numbers: one
// per term (title and body apart), one per facet value, and a few for
// salaries. It stores no text; per document it keeps only what sorting needs.
package search

import (
	"math"
	"strings"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/pathways-gov/pathways/internal/lang"
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

	terms     map[string]uint32 // term → term number
	postings  []posting         // by term number
	freeTerms []uint32          // term numbers free for reuse
	stemCache [2]map[string][]string

	fv facetStore // see facets.go

	hasSalary   *roaring.Bitmap
	salaryBands [numSalaryBands]*roaring.Bitmap // see salary.go

	open openCache // see status.go
}

// docMeta is what sorting and status need of a document.
type docMeta struct {
	id            int64
	published     int64 // instant, see toInstant
	closes        int64 // instant
	salaryMax     int64
	values        span // facet value numbers, in the facet store's arena
	closedByStaff bool
	live          bool
}

// posting holds the documents whose title, and whose body, hold a term.
// A nil bitmap is empty.
type posting struct {
	term        string // "" when the term number is free
	title, body *roaring.Bitmap
}

// maxStemCache bounds each language's cache of token terms; it is emptied when full.
const maxStemCache = 50_000

// New returns an empty index.
func New() *Index {
	ix := &Index{
		byID:      map[int64]uint32{},
		live:      roaring.New(),
		terms:     map[string]uint32{},
		hasSalary: roaring.New(),
	}
	for i := range ix.stemCache {
		ix.stemCache[i] = map[string][]string{}
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
// Replacing costs a pass over the whole vocabulary (no per-document term
// list is kept, to save memory): about a millisecond at 100,000 postings.
func (ix *Index) Upsert(d Doc) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n, ok := ix.byID[d.ID]
	if ok {
		ix.unindex(n)
	} else {
		n = ix.allocDoc()
		ix.byID[d.ID] = n
	}
	ix.index(n, d)
}

// Delete removes the document with the given ID, if any. Like a replacing
// Upsert, it costs a pass over the vocabulary.
func (ix *Index) Delete(id int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n, ok := ix.byID[id]
	if !ok {
		return
	}
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
	return uint32(len(ix.docs) - 1)
}

// index adds document d as number n to every structure.
func (ix *Index) index(n uint32, d Doc) {
	m := docMeta{
		id:            d.ID,
		published:     toInstant(d.PublishedAt),
		closes:        toInstant(d.ClosesAt),
		salaryMax:     d.AnnualSalaryMax,
		closedByStaff: d.Closed,
		live:          true,
	}
	m.values = ix.fv.add(n, &d.Facets)
	ix.docs[n] = m
	ix.live.Add(n)
	ix.addSalary(n, m.salaryMax)
	ix.indexText(n, d.Title, true)
	ix.indexText(n, d.Body, false)
	ix.open.added(n, m)
}

// unindex removes document number n from every structure.
func (ix *Index) unindex(n uint32) {
	m := ix.docs[n]
	ix.live.Remove(n)
	ix.removeSalary(n, m.salaryMax)
	ix.fv.remove(n, m.values)
	for t := range ix.postings {
		ix.removeFromPosting(uint32(t), n)
	}
	ix.open.removed(n)
	ix.docs[n].live = false
	if ix.fv.needsCompacting() {
		ix.fv.compact(ix.docs)
	}
}

// indexText adds document n to the postings of the terms of t, in the title or the body.
func (ix *Index) indexText(n uint32, t lang.Text, title bool) {
	add := func(term string) {
		p := &ix.postings[ix.termNumber(term)]
		bm := &p.body
		if title {
			bm = &p.title
		}
		if *bm == nil {
			*bm = roaring.New()
		}
		(*bm).Add(n)
	}
	ix.eachTerm(t.EN, lang.EN, add)
	ix.eachTerm(t.FR, lang.FR, add)
}

// eachTerm calls fn with every term of text in language l, using the stem cache.
func (ix *Index) eachTerm(text string, l lang.Lang, fn func(term string)) {
	cache := ix.stemCache[langSlot(l)]
	eachToken(normalize(text), func(tok string) {
		terms, ok := cache[tok]
		if !ok {
			tok = strings.Clone(tok) // do not pin the whole text
			terms = tokenTerms(nil, tok, l)
			if len(cache) >= maxStemCache {
				clear(cache)
			}
			cache[tok] = terms
		}
		for _, t := range terms {
			fn(t)
		}
	})
}

func langSlot(l lang.Lang) int {
	if l == lang.FR {
		return 1
	}
	return 0
}

// termNumber returns the number of term, allocating one for a new term.
func (ix *Index) termNumber(term string) uint32 {
	if t, ok := ix.terms[term]; ok {
		return t
	}
	var t uint32
	if k := len(ix.freeTerms); k > 0 {
		t = ix.freeTerms[k-1]
		ix.freeTerms = ix.freeTerms[:k-1]
	} else {
		ix.postings = append(ix.postings, posting{})
		t = uint32(len(ix.postings) - 1)
	}
	ix.postings[t] = posting{term: term}
	ix.terms[term] = t
	return t
}

// removeFromPosting removes document n from term t's posting, freeing the term when it empties.
func (ix *Index) removeFromPosting(t, n uint32) {
	p := &ix.postings[t]
	if p.term == "" {
		return
	}
	p.title = removeOrNil(p.title, n)
	p.body = removeOrNil(p.body, n)
	if p.title == nil && p.body == nil {
		delete(ix.terms, p.term)
		*p = posting{}
		ix.freeTerms = append(ix.freeTerms, t)
	}
}

// removeOrNil removes n from bm and returns bm, or nil once bm is empty.
func removeOrNil(bm *roaring.Bitmap, n uint32) *roaring.Bitmap {
	if bm == nil || (bm.CheckedRemove(n) && bm.IsEmpty()) {
		return nil
	}
	return bm
}

// wordTerms returns the numbers of the terms a query word matches; terms
// absent from the index are left out. The caller holds the read lock.
func (ix *Index) wordTerms(word string) []uint32 {
	var out []uint32
	for _, l := range lang.All {
		terms, ok := ix.stemCache[langSlot(l)][word]
		if !ok {
			terms = tokenTerms(nil, word, l)
		}
		for _, term := range terms {
			if t, ok := ix.terms[term]; ok && !containsNumber(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func containsNumber(list []uint32, x uint32) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
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

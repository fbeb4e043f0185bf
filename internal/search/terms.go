package search

import (
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Terms and their postings.
//
// Removing a document must find every posting that holds it, and no
// per-document list of all its terms is kept (it would weigh more than the
// postings). Most of a vocabulary is rare, though: names, numbers, unusual
// words. So a term becomes common once commonDocs documents hold it.
// Removing a document scans the common terms, a few thousand at most, and
// the short list of terms that were still rare when the document was
// indexed, which each document keeps.
const commonDocs = 64

// indexTerms adds document n to the postings of its title and body terms.
func (ix *Index) indexTerms(n uint32, title, body []string) {
	var rare []uint32
	add := func(term string, title bool) {
		t := ix.termNumber(term)
		p := &ix.postings[t]
		first := p.add(n, title)
		switch {
		case p.common || !first:
		case p.size() >= commonDocs:
			p.common = true
			ix.commonTerms = append(ix.commonTerms, t)
			ix.numCommon++
		default:
			rare = append(rare, t)
		}
	}
	for _, term := range title {
		add(term, true)
	}
	for _, term := range body {
		add(term, false)
	}
	ix.rareTerms[n] = rare
}

// unindexTerms removes document n from every posting.
func (ix *Index) unindexTerms(n uint32) {
	for _, t := range ix.commonTerms {
		ix.removeFromPosting(t, n)
	}
	for _, t := range ix.rareTerms[n] {
		ix.removeFromPosting(t, n)
	}
	ix.rareTerms[n] = nil
	if len(ix.commonTerms) > 2*ix.numCommon+64 {
		ix.listCommonTerms()
	}
}

// listCommonTerms rebuilds the list of common terms without the stale
// numbers freed terms leave in it.
func (ix *Index) listCommonTerms() {
	ix.commonTerms = ix.commonTerms[:0]
	for t, p := range ix.postings {
		if p.common {
			ix.commonTerms = append(ix.commonTerms, uint32(t))
		}
	}
}

// termNumber returns the number of term, allocating one for a new term.
func (ix *Index) termNumber(term string) uint32 {
	if t, ok := ix.terms[term]; ok {
		return t
	}
	term = strings.Clone(term) // it may be a piece of a posting's text
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
	p.remove(n)
	if p.isEmpty() {
		if p.common {
			ix.numCommon--
		}
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
		terms, ok := stemCaches[langSlot(l)].lookup(word)
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

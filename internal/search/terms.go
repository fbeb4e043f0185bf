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

// posting holds the documents whose title, and whose body, hold a term.
// A nil bitmap is empty.
type posting struct {
	term        string // "" when the term number is free
	title, body *roaring.Bitmap
	common      bool // listed in Index.commonTerms
}

func (p *posting) size() uint64 {
	var n uint64
	if p.title != nil {
		n += p.title.GetCardinality()
	}
	if p.body != nil {
		n += p.body.GetCardinality()
	}
	return n
}

// maxStemCache bounds each language's cache of token terms; it is emptied when full.
const maxStemCache = 50_000

// indexTerms adds document n to the postings of the terms of d's title and body.
func (ix *Index) indexTerms(n uint32, d Doc) {
	var rare []uint32
	add := func(term string, title bool) {
		t := ix.termNumber(term)
		p := &ix.postings[t]
		mine, other := &p.body, p.title
		if title {
			mine, other = &p.title, p.body
		}
		if *mine == nil {
			*mine = roaring.New()
		}
		first := (*mine).CheckedAdd(n) && (other == nil || !other.Contains(n))
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
	inTitle := func(term string) { add(term, true) }
	inBody := func(term string) { add(term, false) }
	ix.eachTerm(d.Title.EN, lang.EN, inTitle)
	ix.eachTerm(d.Title.FR, lang.FR, inTitle)
	ix.eachTerm(d.Body.EN, lang.EN, inBody)
	ix.eachTerm(d.Body.FR, lang.FR, inBody)
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

// eachTerm calls fn with every term of text in language l, using the stem
// cache. Tokens with digits (numbers, codes) are not stemmed and skip the
// cache: they are many and rarely repeat.
func (ix *Index) eachTerm(text string, l lang.Lang, fn func(term string)) {
	cache := ix.stemCache[langSlot(l)]
	var buf [2]string
	eachToken(normalize(text), func(tok string) {
		if strings.ContainsFunc(tok, isDigit) {
			for _, t := range tokenTerms(buf[:0], tok, l) {
				fn(t)
			}
			return
		}
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

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

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
	p.title = removeOrNil(p.title, n)
	p.body = removeOrNil(p.body, n)
	if p.title == nil && p.body == nil {
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

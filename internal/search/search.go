package search

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// Search runs q and returns its total, the requested page of IDs and the
// facet counts. Bitmaps borrowed from the index are only read; every
// combination is a new bitmap.
func (ix *Index) Search(q Query) Result {
	q = q.withDefaults()
	parsed := ParseQuery(q.Text)
	now := toInstant(q.Now)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	kw := ix.keyword(parsed)
	status, openVersion := ix.statusSet(q.Status, now)
	base := ix.baseSet(q, status, kw.match)
	var res Result
	var hits *roaring.Bitmap
	switch {
	case !hasFilter(q.Filters) && kw.match == nil && q.SalaryMin <= 0:
		hits = base
		res.Facets = ix.landingFacets(q.Status, openVersion, hits)
	default:
		filters := ix.filterSets(q.Filters)
		hits = intersect(base, filters, -1)
		res.Facets = ix.facetCounts(base, filters, hits)
	}
	res.Total = int(hits.GetCardinality())
	from, to := q.window(res.Total)
	res.IDs = ix.page(q.Sort, now, hits, kw, from, to)
	return res
}

// keywordSets is a keyword query resolved against the index.
type keywordSets struct {
	match *roaring.Bitmap // documents matching; nil when there is no keyword
	words []wordSets      // per required word, for scoring
}

// wordSets holds the documents whose title, and whose body, match one query word.
type wordSets struct{ title, body *roaring.Bitmap }

func (w wordSets) any() *roaring.Bitmap { return roaring.Or(w.title, w.body) }

// keyword resolves a parsed query: the documents holding every required
// word and not holding all the words of any exclusion group.
func (ix *Index) keyword(p Parsed) keywordSets {
	if p.IsEmpty() {
		return keywordSets{}
	}
	var kw keywordSets
	required := make([]*roaring.Bitmap, 0, len(p.Words)+1)
	for _, w := range p.Words {
		ws := ix.wordSets(w)
		kw.words = append(kw.words, ws)
		required = append(required, ws.any())
	}
	if len(required) == 0 { // exclusions only
		required = append(required, ix.live)
	}
	kw.match = andAll(required)
	for _, group := range p.Exclude {
		if kw.match.IsEmpty() {
			break
		}
		kw.match = roaring.AndNot(kw.match, ix.groupSet(group))
	}
	return kw
}

// wordSets returns the documents whose title and body match word.
func (ix *Index) wordSets(word string) wordSets {
	var titles, bodies []*roaring.Bitmap
	for _, t := range ix.wordTerms(word) {
		p := &ix.postings[t]
		if bm := p.titleSet(); bm != nil {
			titles = append(titles, bm)
		}
		if bm := p.bodySet(); bm != nil {
			bodies = append(bodies, bm)
		}
	}
	return wordSets{title: orAll(titles), body: orAll(bodies)}
}

// groupSet returns the documents holding every word of an exclusion group.
func (ix *Index) groupSet(group []string) *roaring.Bitmap {
	sets := make([]*roaring.Bitmap, len(group))
	for i, w := range group {
		sets[i] = ix.wordSets(w).any()
	}
	return andAll(sets)
}

// baseSet returns the documents matching the keyword, status and salary
// filter, given the status set: what every facet count starts from. It may
// be a shared bitmap.
func (ix *Index) baseSet(q Query, status, match *roaring.Bitmap) *roaring.Bitmap {
	sets := []*roaring.Bitmap{status}
	if match != nil {
		sets = append(sets, match)
	}
	if q.SalaryMin > 0 {
		sets = append(sets, ix.salaryAtLeast(q.SalaryMin))
	}
	return andAll(sets)
}

// filterSets returns, per facet, the documents having one of the filter's
// values, or nil when the facet is not filtered.
func (ix *Index) filterSets(filters [NumFacets][]string) [NumFacets]*roaring.Bitmap {
	var out [NumFacets]*roaring.Bitmap
	for f, codes := range filters {
		if len(codes) == 0 {
			continue
		}
		var sets []*roaring.Bitmap
		for _, c := range codes {
			if bm := ix.fv.docs(Facet(f), c); bm != nil {
				sets = append(sets, bm)
			}
		}
		out[f] = orAll(sets) // empty for unknown codes: nothing matches
	}
	return out
}

// intersect returns base restricted by every facet filter except the one of
// facet except (-1 for none). It returns base itself when no filter applies.
func intersect(base *roaring.Bitmap, filters [NumFacets]*roaring.Bitmap, except Facet) *roaring.Bitmap {
	sets := []*roaring.Bitmap{base}
	for f, bm := range filters {
		if bm != nil && Facet(f) != except {
			sets = append(sets, bm)
		}
	}
	if len(sets) == 1 {
		return base
	}
	return andAll(sets)
}

// andAll returns the intersection of sets, smallest first. With a single set
// it returns that set itself, which the caller must then not modify.
func andAll(sets []*roaring.Bitmap) *roaring.Bitmap {
	if len(sets) == 0 {
		return roaring.New()
	}
	if len(sets) == 1 {
		return sets[0]
	}
	slices.SortFunc(sets, func(a, b *roaring.Bitmap) int {
		return compareUint64(a.GetCardinality(), b.GetCardinality())
	})
	return roaring.FastAnd(sets...)
}

// orAll returns the union of sets. With a single set it returns that set
// itself, which the caller must then not modify.
func orAll(sets []*roaring.Bitmap) *roaring.Bitmap {
	if len(sets) == 1 {
		return sets[0]
	}
	return roaring.FastOr(sets...)
}

func compareUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

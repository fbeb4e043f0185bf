package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// checkTermLists checks what removing a document relies on: every posting
// holding a live document is common or in the document's list of rare
// terms, and the common terms are all listed.
func checkTermLists(t *testing.T, ix *Index) {
	t.Helper()
	common := 0
	for id, p := range ix.postings {
		if p.term == "" {
			continue
		}
		if p.common {
			common++
			if !slices.Contains(ix.commonTerms, uint32(id)) {
				t.Fatalf("common term %q is not listed", p.term)
			}
			continue
		}
		for _, bm := range []*roaring.Bitmap{p.titleSet(), p.bodySet()} {
			if bm == nil {
				continue
			}
			for _, n := range bm.ToArray() {
				if !slices.Contains(ix.rareTerms[n], uint32(id)) {
					t.Fatalf("rare term %q holds document %d but is not in its list", p.term, n)
				}
			}
		}
	}
	if common != ix.numCommon {
		t.Fatalf("%d common postings, numCommon %d", common, ix.numCommon)
	}
}

// TestCommonTerms indexes enough documents sharing words for terms to turn
// common, then replaces and deletes many, checking the term lists and the
// searches against the reference.
func TestCommonTerms(t *testing.T) {
	ix, m := New(), model{}
	r := rand.New(rand.NewPCG(11, 12))
	mutate(r, ix, m, 400, 800)
	if ix.numCommon == 0 {
		t.Fatal("no term became common")
	}
	checkTermLists(t, ix)
	mutate(r, ix, m, 400, 1500)
	checkTermLists(t, ix)
	docs := m.docs()
	for range 100 {
		q := randomQuery(r)
		if diff := sameResult(ix.Search(q), refSearch(docs, q)); diff != "" {
			t.Fatalf("query %+v: %s", q, diff)
		}
	}
	for id := range m { // delete everything: every term must be freed
		ix.Delete(id)
	}
	if len(ix.terms) != 0 || ix.numCommon != 0 || len(ix.commonTerms) > 64 {
		t.Errorf("after deleting everything: %d terms, %d common, %d listed", len(ix.terms), ix.numCommon, len(ix.commonTerms))
	}
}

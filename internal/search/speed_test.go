package search

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"
)

// landingQuery is the landing page: no keyword, filter or salary minimum.
func landingQuery(s Status, now time.Time) Query {
	return Query{Status: s, Now: now, PerPage: 5}
}

// TestLandingCacheFollowsChanges checks that the cached landing counts
// change with every upsert and delete and with the instant of the search,
// and that a caller modifying a result does not change the next one.
func TestLandingCacheFollowsChanges(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	ix, m := New(), model{}
	check := func(step string) {
		t.Helper()
		docs := m.docs()
		for _, s := range []Status{StatusOpen, StatusClosed, StatusAll} {
			for _, h := range []int{-4, -1, 0, 0, 2, 4} { // repeated instants hit the cache
				q := landingQuery(s, base.Add(time.Duration(h)*time.Hour))
				got := ix.Search(q)
				if diff := sameResult(got, refSearch(docs, q)); diff != "" {
					t.Fatalf("%s: status %v, hour %d: %s", step, s, h, diff)
				}
				for f := range got.Facets { // a careless caller
					for i := range got.Facets[f] {
						got.Facets[f][i].Count = -1
					}
				}
			}
		}
	}
	check("empty")
	for i := range 60 {
		if i%5 == 4 {
			id := r.Int64N(30) + 1
			ix.Delete(id)
			delete(m, id)
		} else {
			d := randomDoc(r, 30)
			ix.Upsert(d)
			m[d.ID] = d
		}
		check("step " + string(rune('a'+i%26)))
	}
}

// TestNewestWalkMatchesKeys checks the page walked from the newest list
// against the page selected by keys, on an index changed by upserts and
// deletes after the list was built.
func TestNewestWalkMatchesKeys(t *testing.T) {
	g := newCorpusGen(5)
	ix := New()
	for _, d := range g.docs(3000) {
		ix.Upsert(d)
	}
	ix.newestDocs() // build the list, so that the changes below maintain it
	for range 500 {
		d := g.doc(int64(1 + g.r.IntN(3500)))
		d.PublishedAt = d.PublishedAt.Truncate(24 * time.Hour) // ties, broken by ID
		ix.Upsert(d)
		ix.Delete(int64(1 + g.r.IntN(3500)))
	}
	if got, want := len(ix.newestDocs()), ix.Len(); got != want {
		t.Fatalf("newest list holds %d documents, index %d", got, want)
	}
	walked := 0
	for range 300 {
		set := ix.live.Clone()
		keep := 1 + g.r.IntN(4)
		set.Iterate(func(n uint32) bool {
			if g.r.IntN(keep) != 0 {
				set.Remove(n)
			}
			return true
		})
		size := int(set.GetCardinality())
		if size == 0 {
			continue
		}
		from := g.r.IntN(size)
		to := min(size, from+1+g.r.IntN(30))
		want := []int64{}
		for _, k := range window(set, from, to, ix.newestKey) {
			want = append(want, ix.docs[k.n].id)
		}
		got, ok := ix.appendNewest(nil, set, from, to)
		if !ok {
			continue
		}
		walked++
		if !slices.Equal(got, want) {
			t.Fatalf("window [%d, %d) of %d: walked %v, want %v", from, to, size, got, want)
		}
	}
	if walked < 50 {
		t.Fatalf("only %d windows were walked; the test checks too little", walked)
	}
}

// TestUpsertAnalyzedInParallel analyzes documents on several goroutines and
// checks that the index answers as one built by Upsert, and as the reference.
func TestUpsertAnalyzedInParallel(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	docs := make([]Doc, 400)
	for i := range docs {
		docs[i] = randomDoc(r, 10_000)
		docs[i].ID = int64(i + 1)
	}
	analyzed := make([]Analyzed, len(docs))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(docs); i += 4 {
				analyzed[i] = Analyze(docs[i])
			}
		})
	}
	wg.Wait()

	byUpsert, byAnalyzed, m := New(), New(), model{}
	for i, d := range docs {
		byUpsert.Upsert(d)
		if analyzed[i].ID() != d.ID {
			t.Fatalf("Analyze(doc %d).ID() = %d", d.ID, analyzed[i].ID())
		}
		byAnalyzed.UpsertAnalyzed(analyzed[i])
		m[d.ID] = d
	}
	refDocs := m.docs()
	for range 300 {
		q := randomQuery(r)
		want := refSearch(refDocs, q)
		if diff := sameResult(byAnalyzed.Search(q), want); diff != "" {
			t.Fatalf("analyzed in parallel: query %+v: %s", q, diff)
		}
		if diff := sameResult(byUpsert.Search(q), want); diff != "" {
			t.Fatalf("upserted: query %+v: %s", q, diff)
		}
	}
}

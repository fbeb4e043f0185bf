package search

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

var (
	t0     = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	future = t0.Add(30 * 24 * time.Hour)
)

// doc returns an open posting with the given English title, published at t0.
func doc(id int64, title string) Doc {
	return Doc{ID: id, Title: lang.T(title, ""), PublishedAt: t0, ClosesAt: future}
}

func search(ix *Index, q Query) Result {
	if q.Now.IsZero() {
		q.Now = t0
	}
	return ix.Search(q)
}

func wantIDs(t *testing.T, res Result, want ...int64) {
	t.Helper()
	if !slices.Equal(res.IDs, want) && !(len(res.IDs) == 0 && len(want) == 0) {
		t.Errorf("IDs = %v, want %v", res.IDs, want)
	}
}

func TestFacetNames(t *testing.T) {
	for f := range NumFacets {
		got, ok := FacetByName(f.Name())
		if !ok || got != f {
			t.Errorf("FacetByName(%q) = %v, %v; want %v", f.Name(), got, ok, f)
		}
	}
	if FacetCity.Name() != "city" || FacetOrg.Name() != "org" {
		t.Errorf("names: city=%q org=%q", FacetCity.Name(), FacetOrg.Name())
	}
	if _, ok := FacetByName("salary"); ok {
		t.Error("FacetByName(salary) found a facet")
	}
	if NumFacets.Name() != "" || Facet(-1).Name() != "" {
		t.Error("invalid facets have names")
	}
}

func TestStatusAndSortNames(t *testing.T) {
	for _, s := range []Status{StatusOpen, StatusClosed, StatusAll} {
		if got, ok := StatusByName(s.String()); !ok || got != s {
			t.Errorf("StatusByName(%q) = %v, %v", s.String(), got, ok)
		}
	}
	for _, s := range []Sort{SortRelevance, SortClosing, SortNewest, SortSalary} {
		if got, ok := SortByName(s.String()); !ok || got != s {
			t.Errorf("SortByName(%q) = %v, %v", s.String(), got, ok)
		}
	}
	if _, ok := SortByName("price"); ok {
		t.Error("SortByName(price) found an order")
	}
}

func TestUpsertReplaces(t *testing.T) {
	ix := New()
	d := doc(1, "Data Analyst")
	d.Facets[FacetCity] = []string{"toronto"}
	ix.Upsert(d)
	d = doc(1, "Policy Advisor")
	d.Facets[FacetCity] = []string{"ottawa"}
	ix.Upsert(d)

	if ix.Len() != 1 {
		t.Errorf("Len() = %d, want 1", ix.Len())
	}
	wantIDs(t, search(ix, Query{Text: "data"}))
	res := search(ix, Query{Text: "policy"})
	wantIDs(t, res, 1)
	if want := []FacetCount{{"ottawa", 1}}; !slices.Equal(res.Facets[FacetCity], want) {
		t.Errorf("city counts = %v, want %v", res.Facets[FacetCity], want)
	}
}

func TestDelete(t *testing.T) {
	ix := New()
	a, b := doc(1, "Data Analyst"), doc(2, "Data Scientist")
	a.Facets[FacetOrg] = []string{"ods"}
	b.Facets[FacetOrg] = []string{"tbs"}
	ix.Upsert(a)
	ix.Upsert(b)
	ix.Delete(1)
	ix.Delete(99) // absent: no effect

	if ix.Len() != 1 {
		t.Errorf("Len() = %d, want 1", ix.Len())
	}
	res := search(ix, Query{Text: "data"})
	wantIDs(t, res, 2)
	if want := []FacetCount{{"tbs", 1}}; !slices.Equal(res.Facets[FacetOrg], want) {
		t.Errorf("org counts = %v, want %v", res.Facets[FacetOrg], want)
	}
	wantIDs(t, search(ix, Query{Text: "analyst"}))

	ix.Delete(2)
	if ix.Len() != 0 || len(ix.terms) != 0 || len(ix.fv.numbers[FacetOrg]) != 0 {
		t.Errorf("after deleting everything: Len %d, %d terms, %d orgs; want none", ix.Len(), len(ix.terms), len(ix.fv.numbers[FacetOrg]))
	}
	ix.Upsert(a) // document numbers and terms are reused
	wantIDs(t, search(ix, Query{Text: "analyst"}), 1)
}

func TestStatusAtDifferentNow(t *testing.T) {
	ix := New()
	closes := t0.Add(time.Hour)
	d := doc(1, "Data Analyst")
	d.ClosesAt = closes
	ix.Upsert(d)
	later := doc(2, "Policy Advisor")
	later.ClosesAt = closes.Add(time.Hour)
	ix.Upsert(later)

	tests := []struct {
		now          time.Time
		open, closed []int64
	}{
		{closes.Add(-time.Nanosecond), []int64{1, 2}, nil},
		{closes, []int64{2}, []int64{1}}, // closing instant: closed
		{closes.Add(30 * time.Minute), []int64{2}, []int64{1}},
		{closes.Add(2 * time.Hour), nil, []int64{1, 2}},
		{t0, []int64{1, 2}, nil}, // going back in time is fine
	}
	for _, tt := range tests {
		open := search(ix, Query{Now: tt.now, Status: StatusOpen, Sort: SortNewest})
		closed := search(ix, Query{Now: tt.now, Status: StatusClosed, Sort: SortNewest})
		all := search(ix, Query{Now: tt.now, Status: StatusAll})
		if !sameSet(open.IDs, tt.open) || !sameSet(closed.IDs, tt.closed) || all.Total != 2 {
			t.Errorf("at %v: open %v closed %v all %d; want %v %v 2", tt.now, open.IDs, closed.IDs, all.Total, tt.open, tt.closed)
		}
	}
}

func sameSet(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestUpsertUpdatesStatusCache(t *testing.T) {
	ix := New()
	ix.Upsert(doc(1, "Data Analyst"))
	wantIDs(t, search(ix, Query{}), 1) // fills the cache at t0

	soon := doc(2, "Data Scientist")
	soon.ClosesAt = t0.Add(time.Minute)
	ix.Upsert(soon)
	past := doc(3, "Policy Advisor")
	past.ClosesAt = t0.Add(-time.Minute)
	ix.Upsert(past)

	wantIDs(t, search(ix, Query{Sort: SortClosing}), 2, 1)
	wantIDs(t, search(ix, Query{Now: t0.Add(time.Minute), Sort: SortClosing}), 1)
	wantIDs(t, search(ix, Query{Now: t0.Add(-time.Minute - time.Nanosecond), Sort: SortClosing}), 3, 2, 1)
}

func TestClosedByStaff(t *testing.T) {
	ix := New()
	d := doc(1, "Data Analyst")
	d.Closed = true // ClosesAt is a month away
	ix.Upsert(d)
	ix.Upsert(doc(2, "Data Scientist"))

	wantIDs(t, search(ix, Query{Text: "data"}), 2)
	wantIDs(t, search(ix, Query{Text: "data", Status: StatusClosed}), 1)
	wantIDs(t, search(ix, Query{Text: "data", Status: StatusAll, Sort: SortClosing}), 2, 1)

	d.Closed = false // reopened
	ix.Upsert(d)
	wantIDs(t, search(ix, Query{Text: "data", Sort: SortNewest}), 1, 2)
}

func TestZeroNowIsTheCurrentTime(t *testing.T) {
	ix := New()
	open := doc(1, "Data Analyst")
	open.ClosesAt = time.Now().Add(time.Hour)
	closed := doc(2, "Data Analyst")
	closed.ClosesAt = time.Now().Add(-time.Hour)
	ix.Upsert(open)
	ix.Upsert(closed)
	wantIDs(t, ix.Search(Query{}), 1)
}

func TestSalaryFilter(t *testing.T) {
	ix := New()
	for id, s := range map[int64]int64{1: 0, 2: 45_000, 3: 50_000, 4: 50_001, 5: 400_000, 6: 315_000} {
		d := doc(id, "Analyst")
		d.AnnualSalaryMax = s
		ix.Upsert(d)
	}
	tests := []struct {
		min  int64
		want []int64
	}{
		{0, []int64{1, 2, 3, 4, 5, 6}},
		{-1, []int64{1, 2, 3, 4, 5, 6}},
		{1, []int64{2, 3, 4, 5, 6}},
		{50_000, []int64{3, 4, 5, 6}},
		{50_001, []int64{4, 5, 6}},
		{315_000, []int64{5, 6}},
		{315_001, []int64{5}},
		{400_001, nil},
	}
	for _, tt := range tests {
		res := search(ix, Query{SalaryMin: tt.min, Sort: SortNewest})
		if !sameSet(res.IDs, tt.want) || res.Total != len(tt.want) {
			t.Errorf("SalaryMin %d: %v (total %d), want %v", tt.min, res.IDs, res.Total, tt.want)
		}
	}
}

func TestSorts(t *testing.T) {
	ix := New()
	h := time.Hour
	add := func(id int64, title, body string, published, closes time.Duration, salary int64, closed bool) {
		ix.Upsert(Doc{
			ID: id, Title: lang.T(title, ""), Body: lang.T(body, ""),
			PublishedAt: t0.Add(published), ClosesAt: t0.Add(closes),
			AnnualSalaryMax: salary, Closed: closed,
		})
	}
	add(1, "Data Analyst", "", -1*h, 5*h, 60_000, false)      // data in title
	add(2, "Policy Advisor", "data", -2*h, 3*h, 0, false)     // data in body
	add(3, "Data Engineer", "data", -3*h, 3*h, 80_000, false) // title and body
	add(4, "Data Scientist", "", -1*h, -1*h, 80_000, false)   // closed at t0
	add(5, "Policy Analyst", "", -1*h, 9*h, 0, true)          // closed by staff
	add(6, "Data Clerk", "", -1*h, 5*h, 60_000, false)        // ties with 1 but for the ID

	tests := []struct {
		name string
		q    Query
		want []int64
	}{
		{"newest", Query{Sort: SortNewest, Status: StatusAll}, []int64{1, 4, 5, 6, 2, 3}},
		{"relevance without keyword is newest", Query{Status: StatusAll}, []int64{1, 4, 5, 6, 2, 3}},
		{"relevance", Query{Text: "data", Status: StatusAll}, []int64{3, 1, 4, 6, 2}},
		{"closing", Query{Sort: SortClosing, Status: StatusAll}, []int64{2, 3, 1, 6, 5, 4}},
		{"closing, open only", Query{Sort: SortClosing}, []int64{2, 3, 1, 6}},
		{"salary", Query{Sort: SortSalary, Status: StatusAll}, []int64{4, 3, 1, 6, 5, 2}},
	}
	for _, tt := range tests {
		if got := search(ix, tt.q).IDs; !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRelevanceWeighsTitleAboveBody(t *testing.T) {
	ix := New()
	body := Doc{ID: 1, Title: lang.T("Policy Advisor", ""), Body: lang.T("security", ""), PublishedAt: t0, ClosesAt: future}
	title := Doc{ID: 2, Title: lang.T("Security Analyst", ""), PublishedAt: t0.Add(-time.Hour), ClosesAt: future}
	french := Doc{ID: 3, Title: lang.T("", "Analyste en sécurité"), PublishedAt: t0.Add(-2 * time.Hour), ClosesAt: future}
	for _, d := range []Doc{body, title, french} {
		ix.Upsert(d)
	}
	wantIDs(t, search(ix, Query{Text: "security"}), 2, 3, 1)
}

func TestPagination(t *testing.T) {
	ix := New()
	for id := int64(1); id <= 45; id++ {
		d := doc(id, "Analyst")
		d.PublishedAt = t0.Add(-time.Duration(id) * time.Minute) // ID order is newest first
		ix.Upsert(d)
	}
	seq := func(from, to int64) []int64 {
		var out []int64
		for i := from; i <= to; i++ {
			out = append(out, i)
		}
		return out
	}
	tests := []struct {
		page, perPage int
		want          []int64
	}{
		{1, 20, seq(1, 20)},
		{3, 20, seq(41, 45)},
		{4, 20, nil},
		{0, 20, seq(1, 20)},
		{-3, 10, seq(1, 10)},
		{1, 0, seq(1, 20)},
		{1, -1, seq(1, 20)},
		{1, 500, seq(1, 45)}, // at most 100 per page
		{2, 44, seq(45, 45)},
		{math.MaxInt, 100, nil},
		{math.MaxInt / 2, 3, nil},
	}
	for _, tt := range tests {
		res := search(ix, Query{Page: tt.page, PerPage: tt.perPage})
		if res.Total != 45 || !slices.Equal(res.IDs, tt.want) && len(tt.want)+len(res.IDs) > 0 {
			t.Errorf("page %d per %d: total %d, %v; want 45, %v", tt.page, tt.perPage, res.Total, res.IDs, tt.want)
		}
	}
}

func TestPagingStopsAtMaxWindow(t *testing.T) {
	ix := New()
	n := MaxWindow + 50
	for id := 1; id <= n; id++ {
		d := doc(int64(id), "Analyst")
		d.PublishedAt = t0.Add(-time.Duration(id) * time.Second)
		ix.Upsert(d)
	}
	last := search(ix, Query{Page: MaxWindow / 100, PerPage: 100})
	if last.Total != n || len(last.IDs) != 100 || last.IDs[99] != MaxWindow {
		t.Errorf("last page: total %d, %d IDs ending %v; want %d, 100 ending %d", last.Total, len(last.IDs), last.IDs[len(last.IDs)-1:], n, MaxWindow)
	}
	beyond := search(ix, Query{Page: MaxWindow/100 + 1, PerPage: 100})
	if beyond.Total != n || len(beyond.IDs) != 0 {
		t.Errorf("beyond the window: total %d, %d IDs; want %d, none", beyond.Total, len(beyond.IDs), n)
	}
	straddle := search(ix, Query{Page: MaxWindow/30 + 1, PerPage: 30}) // positions 9990 to 10019
	if len(straddle.IDs) != MaxWindow%30 {
		t.Errorf("page straddling the window: %d IDs, want %d", len(straddle.IDs), MaxWindow%30)
	}
}

func TestEmptyAndStopWordQueries(t *testing.T) {
	ix := New()
	ix.Upsert(doc(1, "The Data Analyst"))
	ix.Upsert(doc(2, "Policy Advisor"))
	closed := doc(3, "Analyst")
	closed.Closed = true
	ix.Upsert(closed)

	all := search(ix, Query{})
	if all.Total != 2 || !sameSet(all.IDs, []int64{1, 2}) {
		t.Errorf("empty query: %v (total %d), want the two open postings", all.IDs, all.Total)
	}
	for _, text := range []string{"the", "The of and", "de la", "  ", "-the", `"le la"`} {
		if got := search(ix, Query{Text: text}); sameResult(got, all) != "" {
			t.Errorf("query %q: %s", text, sameResult(got, all))
		}
	}
	wantIDs(t, search(ix, Query{Text: "zzz"}))
}

func TestExclusions(t *testing.T) {
	ix := New()
	ix.Upsert(doc(1, "Senior Data Analyst"))
	ix.Upsert(doc(2, "Data Analyst"))
	ix.Upsert(doc(3, "Data Scientist"))
	q := func(text string) []int64 { return search(ix, Query{Text: text, Sort: SortNewest}).IDs }

	if got := q("data -senior"); !sameSet(got, []int64{2, 3}) {
		t.Errorf("data -senior: %v", got)
	}
	if got := q("-senior"); !sameSet(got, []int64{2, 3}) {
		t.Errorf("-senior: %v", got)
	}
	if got := q(`data -"senior scientist"`); !sameSet(got, []int64{1, 2, 3}) { // no posting has both
		t.Errorf(`data -"senior scientist": %v`, got)
	}
	if got := q(`-"data analyst"`); !sameSet(got, []int64{3}) {
		t.Errorf(`-"data analyst": %v`, got)
	}
}

func TestFacetsAreDisjunctive(t *testing.T) {
	ix := New()
	add := func(id int64, city, mode string) {
		d := doc(id, "Analyst")
		d.Facets[FacetCity] = []string{city}
		d.Facets[FacetMode] = []string{mode}
		ix.Upsert(d)
	}
	add(1, "toronto", "remote")
	add(2, "toronto", "onsite")
	add(3, "ottawa", "remote")
	add(4, "ottawa", "remote")
	add(5, "sudbury", "hybrid")

	var q Query
	q.Filters[FacetCity] = []string{"toronto"}
	res := search(ix, q)
	if res.Total != 2 {
		t.Errorf("Total = %d, want 2", res.Total)
	}
	// City counts ignore the city filter; mode counts apply it.
	wantCity := []FacetCount{{"ottawa", 2}, {"toronto", 2}, {"sudbury", 1}}
	wantMode := []FacetCount{{"onsite", 1}, {"remote", 1}}
	if !slices.Equal(res.Facets[FacetCity], wantCity) || !slices.Equal(res.Facets[FacetMode], wantMode) {
		t.Errorf("city %v mode %v; want %v %v", res.Facets[FacetCity], res.Facets[FacetMode], wantCity, wantMode)
	}

	q.Filters[FacetCity] = []string{"toronto", "ottawa"} // OR within a facet
	q.Filters[FacetMode] = []string{"remote"}            // AND across facets
	res = search(ix, q)
	if !sameSet(res.IDs, []int64{1, 3, 4}) {
		t.Errorf("toronto|ottawa & remote: %v, want [1 3 4]", res.IDs)
	}
	wantCity = []FacetCount{{"ottawa", 2}, {"toronto", 1}}
	wantMode = []FacetCount{{"remote", 3}, {"onsite", 1}}
	if !slices.Equal(res.Facets[FacetCity], wantCity) || !slices.Equal(res.Facets[FacetMode], wantMode) {
		t.Errorf("city %v mode %v; want %v %v", res.Facets[FacetCity], res.Facets[FacetMode], wantCity, wantMode)
	}
}

func TestUnknownFacetValue(t *testing.T) {
	ix := New()
	d := doc(1, "Analyst")
	d.Facets[FacetCity] = []string{"toronto", "", "toronto"} // empty and repeated codes are ignored
	d.Facets[FacetType] = []string{"internship"}
	ix.Upsert(d)

	var q Query
	q.Filters[FacetCity] = []string{"atlantis"}
	res := search(ix, q)
	if res.Total != 0 || len(res.IDs) != 0 {
		t.Errorf("unknown city: total %d, %v; want nothing", res.Total, res.IDs)
	}
	if want := []FacetCount{{"toronto", 1}}; !slices.Equal(res.Facets[FacetCity], want) {
		t.Errorf("city counts = %v, want %v", res.Facets[FacetCity], want)
	}
	if len(res.Facets[FacetType]) != 0 {
		t.Errorf("type counts = %v, want none", res.Facets[FacetType])
	}

	q.Filters[FacetCity] = []string{""} // only empty codes: no filter
	if res := search(ix, q); res.Total != 1 {
		t.Errorf("empty code filter: total %d, want 1", res.Total)
	}
}

// TestConcurrentSearchAndUpsert runs searches while documents are upserted
// and deleted; run it with -race. Each search must be internally
// consistent, and at the end the index must agree with the reference.
func TestConcurrentSearchAndUpsert(t *testing.T) {
	ix, m := New(), model{}
	var mu sync.Mutex // guards m
	const maxID = 200
	seed := rand.New(rand.NewPCG(1, 1))
	mutate(seed, ix, m, maxID, 300)

	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 2))
			for range 300 {
				mu.Lock()
				mutate(r, ix, m, maxID, 1)
				mu.Unlock()
			}
		})
	}
	for s := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(s), 3))
			for range 300 {
				q := randomQuery(r)
				checkConsistent(t, q, ix.Search(q))
			}
		})
	}
	wg.Wait()

	docs := m.docs()
	r := rand.New(rand.NewPCG(9, 9))
	for range 200 {
		q := randomQuery(r)
		if diff := sameResult(ix.Search(q), refSearch(docs, q)); diff != "" {
			t.Fatalf("after concurrent updates, query %+v: %s", q, diff)
		}
	}
}

// checkConsistent checks what a result must satisfy whatever the index held.
func checkConsistent(t *testing.T, q Query, res Result) {
	t.Helper()
	q = q.withDefaults()
	from, to := q.window(res.Total)
	if len(res.IDs) != to-from {
		t.Errorf("query %+v: %d IDs for window [%d, %d) of %d", q, len(res.IDs), from, to, res.Total)
	}
	seen := map[int64]bool{}
	for _, id := range res.IDs {
		if seen[id] {
			t.Errorf("query %+v: ID %d twice", q, id)
		}
		seen[id] = true
	}
	for f, counts := range res.Facets {
		for i, c := range counts {
			if c.Count <= 0 || (q.Filters[f] == nil && c.Count > res.Total) {
				t.Errorf("query %+v: facet %s count %v out of range (total %d)", q, Facet(f).Name(), c, res.Total)
			}
			if i > 0 && (counts[i-1].Count < c.Count || counts[i-1].Count == c.Count && counts[i-1].Value >= c.Value) {
				t.Errorf("query %+v: facet %s not sorted: %v", q, Facet(f).Name(), counts)
			}
		}
	}
}

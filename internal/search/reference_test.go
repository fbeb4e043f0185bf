package search

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// The reference is a brute-force search over a slice of documents, written
// to be obviously right: it reads each document, tests it against the query
// with plain comparisons, sorts everything with one comparison function and
// slices the page. It shares only text analysis with the index (ParseQuery,
// textTerms, queryWordTerms), which analysis_test.go and query_test.go test
// on their own.

type refDoc struct {
	Doc
	title, body map[string]bool // terms
}

func newRefDoc(d Doc) refDoc {
	r := refDoc{Doc: d, title: map[string]bool{}, body: map[string]bool{}}
	textTerms(d.Title.EN, lang.EN, func(t string) { r.title[t] = true })
	textTerms(d.Title.FR, lang.FR, func(t string) { r.title[t] = true })
	textTerms(d.Body.EN, lang.EN, func(t string) { r.body[t] = true })
	textTerms(d.Body.FR, lang.FR, func(t string) { r.body[t] = true })
	return r
}

// inTitle and inBody report whether a query word is in the title or body.
func (r refDoc) inTitle(word string) bool { return hasAny(r.title, refWordTerms(word)) }
func (r refDoc) inBody(word string) bool  { return hasAny(r.body, refWordTerms(word)) }
func (r refDoc) has(word string) bool     { return r.inTitle(word) || r.inBody(word) }

var wordTermsMemo sync.Map // word → []string, to keep the reference fast

func refWordTerms(word string) []string {
	if terms, ok := wordTermsMemo.Load(word); ok {
		return terms.([]string)
	}
	terms := queryWordTerms(word)
	wordTermsMemo.Store(word, terms)
	return terms
}

func hasAny(set map[string]bool, terms []string) bool {
	for _, t := range terms {
		if set[t] {
			return true
		}
	}
	return false
}

func (r refDoc) matchesKeyword(p Parsed) bool {
	for _, w := range p.Words {
		if !r.has(w) {
			return false
		}
	}
	for _, g := range p.Exclude {
		all := true
		for _, w := range g {
			all = all && r.has(w)
		}
		if all {
			return false
		}
	}
	return true
}

func (r refDoc) score(p Parsed) int {
	s := 0
	for _, w := range p.Words {
		if r.inTitle(w) {
			s += 2
		}
		if r.inBody(w) {
			s++
		}
	}
	return s
}

func (r refDoc) open(now time.Time) bool { return !r.Closed && now.Before(r.ClosesAt) }

func (r refDoc) matchesStatus(s Status, now time.Time) bool {
	switch s {
	case StatusOpen:
		return r.open(now)
	case StatusClosed:
		return !r.open(now)
	}
	return true
}

func (r refDoc) matchesFacet(f int, codes []string) bool {
	codes = slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return c == "" })
	if len(codes) == 0 {
		return true
	}
	for _, c := range codes {
		if slices.Contains(r.Facets[f], c) {
			return true
		}
	}
	return false
}

// refSearch runs q over docs by brute force.
func refSearch(docs []refDoc, q Query) Result {
	page := max(q.Page, 1)
	perPage := q.PerPage
	if perPage <= 0 {
		perPage = 20
	}
	perPage = min(perPage, 100)
	p := ParseQuery(q.Text)

	var hits []refDoc
	counts := [NumFacets]map[string]int{}
	for _, d := range docs {
		if !d.matchesKeyword(p) || !d.matchesStatus(q.Status, q.Now) {
			continue
		}
		if q.SalaryMin > 0 && d.AnnualSalaryMax < q.SalaryMin {
			continue
		}
		var failed []int
		for f := range NumFacets {
			if !d.matchesFacet(int(f), q.Filters[f]) {
				failed = append(failed, int(f))
			}
		}
		if len(failed) == 0 {
			hits = append(hits, d)
		}
		for f := range NumFacets {
			if len(failed) == 0 || (len(failed) == 1 && failed[0] == int(f)) {
				countCodes(&counts[f], d.Facets[f])
			}
		}
	}

	slices.SortFunc(hits, func(a, b refDoc) int { return refCompare(a, b, q, p) })
	res := Result{Total: len(hits)}
	from := (page - 1) * perPage
	to := min(from+perPage, 10_000, len(hits))
	for i := from; i < to; i++ {
		res.IDs = append(res.IDs, hits[i].ID)
	}
	for f := range counts {
		res.Facets[f] = sortedCounts(counts[f])
	}
	return res
}

func countCodes(m *map[string]int, codes []string) {
	if *m == nil {
		*m = map[string]int{}
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if c != "" && !seen[c] {
			(*m)[c]++
			seen[c] = true
		}
	}
}

func sortedCounts(m map[string]int) []FacetCount {
	var out []FacetCount
	for v, c := range m {
		out = append(out, FacetCount{v, c})
	}
	slices.SortFunc(out, func(a, b FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
	})
	return out
}

// refCompare orders two results as the query asks.
func refCompare(a, b refDoc, q Query, p Parsed) int {
	newest := cmp.Or(b.PublishedAt.Compare(a.PublishedAt), cmp.Compare(a.ID, b.ID))
	switch q.Sort {
	case SortRelevance:
		if len(p.Words) > 0 {
			return cmp.Or(cmp.Compare(b.score(p), a.score(p)), newest)
		}
	case SortClosing:
		aOpen, bOpen := a.open(q.Now), b.open(q.Now)
		switch {
		case aOpen && !bOpen:
			return -1
		case bOpen && !aOpen:
			return 1
		case aOpen:
			return cmp.Or(a.ClosesAt.Compare(b.ClosesAt), newest)
		default:
			return cmp.Or(b.ClosesAt.Compare(a.ClosesAt), newest)
		}
	case SortSalary:
		aPaid, bPaid := a.AnnualSalaryMax > 0, b.AnnualSalaryMax > 0
		switch {
		case aPaid && !bPaid:
			return -1
		case bPaid && !aPaid:
			return 1
		case aPaid:
			return cmp.Or(cmp.Compare(b.AnnualSalaryMax, a.AnnualSalaryMax), newest)
		}
	}
	return newest
}

// model keeps the documents the index should hold, by ID.
type model map[int64]Doc

func (m model) docs() []refDoc {
	var out []refDoc
	for _, d := range m {
		out = append(out, newRefDoc(d))
	}
	return out
}

// sameResult reports how got differs from want, or "" when they agree.
func sameResult(got, want Result) string {
	if got.Total != want.Total {
		return fmt.Sprintf("Total = %d, want %d", got.Total, want.Total)
	}
	if len(got.IDs) != len(want.IDs) || (len(got.IDs) > 0 && !slices.Equal(got.IDs, want.IDs)) {
		return fmt.Sprintf("IDs = %v, want %v", got.IDs, want.IDs)
	}
	for f := range NumFacets {
		g, w := got.Facets[f], want.Facets[f]
		if len(g) != len(w) || (len(g) > 0 && !reflect.DeepEqual(g, w)) {
			return fmt.Sprintf("Facets[%s] = %v, want %v", f.Name(), g, w)
		}
	}
	return ""
}

// Random corpora: small vocabularies and value sets, so that documents
// share words, facet values, instants and salaries, and ties are common.

var (
	base      = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	wordsEN   = []string{"data", "analyst", "analysts", "policy", "policies", "developer", "IT", "security", "senior", "the", "of", "program"}
	wordsFR   = []string{"données", "donnees", "analyste", "politique", "politiques", "développeur", "développeurs", "sécurité", "securite", "de", "la", "l'économie", "économie", "stagiaire"}
	queryBits = []string{"data", "analyst", "policy", "politique", "developpeur", "développeurs", "securite", "économie", "economie", "IT", "senior", "the", "de", "zzz", "stagiaires", "programs"}
	codes     = []string{"a", "b", "c", "d", ""}
	salaries  = []int64{0, 0, 4_999, 5_000, 45_000, 60_000, 60_000, 320_000, 400_000, -1}
	minimums  = []int64{0, 0, 0, 0, 0, 0, -5, 1, 5_000, 45_000, 50_000, 60_000, 60_001, 315_000, 330_000, 500_000}
)

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func randomText(r *rand.Rand, vocab []string, maxWords int) string {
	n := r.IntN(maxWords + 1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pick(r, vocab)
	}
	return strings.Join(ws, " ")
}

func randomInstant(r *rand.Rand) time.Time {
	if r.IntN(20) == 0 {
		return time.Time{}
	}
	return base.Add(time.Duration(r.IntN(7)-3) * time.Hour)
}

func randomDoc(r *rand.Rand, maxID int64) Doc {
	d := Doc{
		ID:              r.Int64N(maxID) + 1,
		Title:           lang.T(randomText(r, wordsEN, 3), randomText(r, wordsFR, 3)),
		Body:            lang.T(randomText(r, wordsEN, 6), randomText(r, wordsFR, 6)),
		PublishedAt:     base.Add(-time.Duration(r.IntN(5)) * time.Hour),
		ClosesAt:        randomInstant(r),
		Closed:          r.IntN(6) == 0,
		AnnualSalaryMax: pick(r, salaries),
	}
	for f := range d.Facets {
		for range r.IntN(3) {
			d.Facets[f] = append(d.Facets[f], pick(r, codes))
		}
	}
	return d
}

func randomQuery(r *rand.Rand) Query {
	q := Query{
		SalaryMin: pick(r, minimums),
		Status:    Status(r.IntN(3)),
		Sort:      Sort(r.IntN(4)),
		Page:      r.IntN(5) - 1,
		PerPage:   pick(r, []int{-1, 0, 1, 2, 3, 5, 200}),
		Now:       base.Add(time.Duration(r.IntN(9)-4)*time.Hour + pick(r, []time.Duration{0, 0, -1, 1})),
	}
	var parts []string
	for range r.IntN(3) {
		w := pick(r, queryBits)
		switch r.IntN(5) {
		case 0:
			w = "-" + w
		case 1:
			w = `"` + w + " " + pick(r, queryBits) + `"`
		case 2:
			w = `-"` + w + " " + pick(r, queryBits) + `"`
		}
		parts = append(parts, w)
	}
	q.Text = strings.Join(parts, " ")
	for f := range q.Filters {
		if r.IntN(7) == 0 {
			for range 1 + r.IntN(2) {
				q.Filters[f] = append(q.Filters[f], pick(r, []string{"a", "b", "c", "d", "zz", ""}))
			}
		}
	}
	return q
}

// TestIndexMatchesReference builds thousands of small random indexes
// through random upserts (many replacing) and deletes, and checks random
// searches against the reference: same total, same page, same facet counts.
func TestIndexMatchesReference(t *testing.T) {
	corpora := 2000
	if testing.Short() {
		corpora = 200
	}
	for seed := range corpora {
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		ix, m := New(), model{}
		maxID := int64(1 + r.IntN(40))
		for round := range 3 {
			mutate(r, ix, m, maxID, r.IntN(40))
			docs := m.docs()
			if ix.Len() != len(m) {
				t.Fatalf("seed %d round %d: Len() = %d, want %d", seed, round, ix.Len(), len(m))
			}
			for range 8 {
				q := randomQuery(r)
				if diff := sameResult(ix.Search(q), refSearch(docs, q)); diff != "" {
					t.Fatalf("seed %d round %d: query %+v:\n%s", seed, round, q, diff)
				}
			}
		}
	}
}

// mutate applies n random upserts and deletes to both the index and the model.
func mutate(r *rand.Rand, ix *Index, m model, maxID int64, n int) {
	for range n {
		if r.IntN(8) == 0 {
			id := r.Int64N(maxID) + 1
			ix.Delete(id)
			delete(m, id)
			continue
		}
		d := randomDoc(r, maxID)
		ix.Upsert(d)
		m[d.ID] = d
	}
}

package search

import (
	"slices"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Facet is a dimension postings are filtered and counted by.
type Facet int

// The facets, in the order results report them.
const (
	FacetProgram Facet = iota
	FacetStream
	FacetLevel
	FacetOrg
	FacetCity
	FacetMode
	FacetType
	NumFacets // the number of facets, not a facet
)

var facetNames = [NumFacets]string{"program", "stream", "level", "org", "city", "mode", "type"}

// Name returns the facet's query-parameter name, or "" for an invalid facet.
func (f Facet) Name() string {
	if f < 0 || f >= NumFacets {
		return ""
	}
	return facetNames[f]
}

// FacetByName returns the facet whose query-parameter name is name.
func FacetByName(name string) (Facet, bool) {
	for f, n := range facetNames {
		if n == name {
			return Facet(f), true
		}
	}
	return 0, false
}

// Doc is what the index keeps of a posting. The caller builds it from a
// publicly visible posting; the index stores no text, only its terms.
type Doc struct {
	ID          int64
	Title       lang.Text           // weighted above body for relevance
	Body        lang.Text           // summary, duties, qualifications... concatenated by the caller
	Facets      [NumFacets][]string // codes, e.g. Facets[FacetCity] = {"toronto"}; empty codes are ignored
	PublishedAt time.Time
	ClosesAt    time.Time
	Closed      bool // closed by staff before ClosesAt; then closed whatever the time

	// Whole CAD dollars, 0 when no salary is given. The index filters and
	// sorts on the maximum only.
	AnnualSalaryMin, AnnualSalaryMax int64
}

// Status selects postings by whether they are open at Query.Now.
type Status int

// The statuses. A posting is open when it is not closed by staff and Now is
// before its ClosesAt; a zero ClosesAt therefore means closed.
const (
	StatusOpen Status = iota
	StatusClosed
	StatusAll
)

var statusNames = []string{"open", "closed", "all"}

// String returns the status's query-parameter value.
func (s Status) String() string { return nameOf(statusNames, int(s)) }

// StatusByName returns the status whose query-parameter value is name.
func StatusByName(name string) (Status, bool) {
	i, ok := indexOf(statusNames, name)
	return Status(i), ok
}

// Sort is the order of results.
type Sort int

// The orders. Every order ends with the same tie-breakers, newest
// PublishedAt first and then smallest ID, so it is total and deterministic.
const (
	SortRelevance Sort = iota // keyword score, highest first; newest when there is no keyword
	SortClosing               // open ones by ClosesAt, soonest first; then closed ones, most recently closed first
	SortNewest                // PublishedAt, latest first
	SortSalary                // AnnualSalaryMax, highest first; postings without a salary last
)

var sortNames = []string{"relevance", "closing", "newest", "salary"}

// String returns the order's query-parameter value.
func (s Sort) String() string { return nameOf(sortNames, int(s)) }

// SortByName returns the order whose query-parameter value is name.
func SortByName(name string) (Sort, bool) {
	i, ok := indexOf(sortNames, name)
	return Sort(i), ok
}

func nameOf(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return ""
	}
	return names[i]
}

func indexOf(names []string, name string) (int, bool) {
	for i, n := range names {
		if n == name {
			return i, true
		}
	}
	return 0, false
}

// Paging limits.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
	// MaxWindow caps how deep paging goes: only the first MaxWindow results
	// of a search can be paged to. Total still counts every result.
	MaxWindow = 10_000
)

// Query is a search: keyword, filters, status, order and page.
type Query struct {
	Text      string              // keyword query, see ParseQuery
	Filters   [NumFacets][]string // OR within one facet, AND across facets; codes match exactly, empty ones are ignored
	SalaryMin int64               // keep docs whose AnnualSalaryMax >= SalaryMin (0 or less = no filter)
	Status    Status              // an unknown status means StatusOpen
	Sort      Sort                // an unknown order means SortRelevance
	Page      int                 // 1-based; less than 1 means 1
	PerPage   int                 // DefaultPerPage when 0 or less, at most MaxPerPage
	Now       time.Time           // the instant open and closed refer to; zero means time.Now()
}

// FacetCount is how many results a facet value would give.
type FacetCount struct {
	Value string
	Count int
}

// Result is one page of a search.
type Result struct {
	Total int     // results on all pages
	IDs   []int64 // the requested page, in order; empty, not nil, when there is none

	// Facets[f] counts, for each value of f, the results of the same query
	// with f's own filter left out (disjunctive faceting), so that the
	// alternatives to a chosen value stay visible. Sorted by count
	// descending, then value ascending; values with count 0 are omitted.
	Facets [NumFacets][]FacetCount
}

// withDefaults returns q with page, page size and Now set, and its filters cleaned.
func (q Query) withDefaults() Query {
	q.Page = max(q.Page, 1)
	if q.PerPage <= 0 {
		q.PerPage = DefaultPerPage
	}
	q.PerPage = min(q.PerPage, MaxPerPage)
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	if q.Status < StatusOpen || q.Status > StatusAll {
		q.Status = StatusOpen
	}
	if q.Sort < SortRelevance || q.Sort > SortSalary {
		q.Sort = SortRelevance
	}
	for f := range q.Filters {
		q.Filters[f] = cleanCodes(q.Filters[f])
	}
	return q
}

// window returns the positions [from, to) of the page among total ordered results.
func (q Query) window(total int) (from, to int) {
	if q.Page-1 > MaxWindow { // also keeps the product below from overflowing
		return 0, 0
	}
	from = (q.Page - 1) * q.PerPage
	to = min(from+q.PerPage, MaxWindow, total)
	if from >= to {
		return 0, 0
	}
	return from, to
}

// cleanCodes drops empty and repeated codes; it returns nil when none is left.
func cleanCodes(codes []string) []string {
	var out []string
	for _, c := range codes {
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

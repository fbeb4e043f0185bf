package app

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/search"
)

// ParamError is a search parameter that could not be used.
type ParamError struct {
	Param string
	Msg   lang.Text
}

// Search parameter limits.
const (
	MaxPage      = 500
	MaxPerPage   = 100
	MaxSalaryMin = 10_000_000
	maxValues    = 20 // values of one facet parameter
)

// ParseSearchParams reads the public search parameters (q, program, stream,
// level, org, city, mode, type, salary_min, status, sort, page, per_page).
// Unusable values are reported, and the rest of the query still stands with
// defaults in their place.
func ParseSearchParams(v url.Values) (search.Query, []ParamError) {
	q := search.Query{Text: strings.TrimSpace(v.Get("q")), Page: 1, PerPage: 20}
	var errs []ParamError
	bad := func(param, en, fr string) { errs = append(errs, ParamError{param, lang.T(en, fr)}) }
	for f := search.Facet(0); f < search.NumFacets; f++ {
		vals := nonEmpty(v[f.Name()])
		if len(vals) > maxValues {
			bad(f.Name(), "Choose at most 20 values.", "Choisissez au plus 20 valeurs.")
			vals = vals[:maxValues]
		}
		q.Filters[f] = vals
	}
	if s := v.Get("status"); s != "" {
		if st, ok := search.StatusByName(s); ok {
			q.Status = st
		} else {
			bad("status", "Status must be open, closed or all.", "Le statut doit être open, closed ou all.")
		}
	}
	if s := v.Get("sort"); s != "" {
		if so, ok := search.SortByName(s); ok {
			q.Sort = so
		} else {
			bad("sort", "Sort must be relevance, closing, newest or salary.", "Le tri doit être relevance, closing, newest ou salary.")
		}
	}
	if s := v.Get("salary_min"); s != "" {
		n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
		if err != nil || n < 0 || n > MaxSalaryMin {
			bad("salary_min", "Minimum salary must be a whole number of dollars a year, such as 50000.", "Le salaire minimal doit être un nombre entier de dollars par année, par exemple 50000.")
		} else {
			q.SalaryMin = n
		}
	}
	q.Page = intParam(v, "page", 1, MaxPage, &errs, lang.T("Page must be a number from 1 to 500.", "La page doit être un nombre de 1 à 500."))
	q.PerPage = intParam(v, "per_page", 20, MaxPerPage, &errs, lang.T("Results per page must be a number from 1 to 100.", "Le nombre de résultats par page doit être de 1 à 100."))
	return q, errs
}

func intParam(v url.Values, name string, def, max int, errs *[]ParamError, msg lang.Text) int {
	s := v.Get(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		*errs = append(*errs, ParamError{name, msg})
		return def
	}
	return n
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, s := range vs {
		if s = strings.TrimSpace(s); s != "" && len(s) <= 100 {
			out = append(out, s)
		}
	}
	return out
}

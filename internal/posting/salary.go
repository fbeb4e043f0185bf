package posting

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Period is the period a salary is quoted for.
type Period string

// The salary periods.
const (
	Hourly Period = "hourly"
	Weekly Period = "weekly"
	Annual Period = "annual"
)

// Periods lists the salary periods in display order.
var Periods = []Period{Hourly, Weekly, Annual}

// Valid reports whether p is a known period.
func (p Period) Valid() bool { return slices.Contains(Periods, p) }

// ceiling is a sanity bound (in cents) above any public-service salary for the period.
func (p Period) ceiling() int64 {
	switch p {
	case Hourly:
		return 100_000 // $1,000 an hour
	case Weekly:
		return 2_000_000
	}
	return 100_000_000 // $1,000,000 a year
}

// Salary is a pay range in Canadian cents for a period. Zero Min and Max mean not stated.
type Salary struct {
	Min, Max int64
	Period   Period
}

// Stated reports whether the posting states a salary.
func (s Salary) Stated() bool { return s.Min > 0 || s.Max > 0 }

// Annual returns the range as whole dollars a year, using hours a week for hourly pay
// (37.5 when unknown) and 52 weeks a year. It is the basis of salary search and sort.
func (s Salary) Annual(hours float64) (min, max int64) {
	if !s.Stated() {
		return 0, 0
	}
	if hours <= 0 {
		hours = 37.5
	}
	factor := 1.0
	switch s.Period {
	case Hourly:
		factor = hours * 52
	case Weekly:
		factor = 52
	}
	lo, hi := s.Min, s.Max
	if lo == 0 {
		lo = hi
	}
	if hi == 0 {
		hi = lo
	}
	return int64(float64(lo)*factor) / 100, int64(float64(hi)*factor) / 100
}

// Format renders the range for display, e.g. "$669.57 to $892.75 a week" or
// "de 669,57 $ à 892,75 $ par semaine".
func (s Salary) Format(l lang.Lang) string {
	if !s.Stated() {
		return ""
	}
	per := periodNames[s.Period].In(l)
	if s.Min == 0 || s.Max == 0 || s.Min == s.Max {
		v := s.Max
		if v == 0 {
			v = s.Min
		}
		return Money(v, l) + " " + per
	}
	if l == lang.FR {
		return "de " + Money(s.Min, l) + " à " + Money(s.Max, l) + " " + per
	}
	return Money(s.Min, l) + " to " + Money(s.Max, l) + " " + per
}

var periodNames = map[Period]lang.Text{
	Hourly: lang.T("an hour", "l'heure"),
	Weekly: lang.T("a week", "par semaine"),
	Annual: lang.T("a year", "par année"),
}

// PeriodName returns the period's name in l, for forms.
func PeriodName(p Period, l lang.Lang) string {
	return map[Period]lang.Text{
		Hourly: lang.T("Hourly", "Horaire"),
		Weekly: lang.T("Weekly", "Hebdomadaire"),
		Annual: lang.T("Annual", "Annuel"),
	}[p].In(l)
}

// Money formats cents as Canadian dollars in l: "$1,234.50" or "1 234,50 $".
// Whole-dollar amounts drop the cents.
func Money(cents int64, l lang.Lang) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	dollars, rest := cents/100, cents%100
	sep, dec := ",", "."
	if l == lang.FR {
		sep, dec = "\u00a0", ","
	}
	s := groupThousands(dollars, sep)
	if rest != 0 {
		s += fmt.Sprintf("%s%02d", dec, rest)
	}
	if neg {
		s = "-" + s
	}
	if l == lang.FR {
		return s + "\u00a0$"
	}
	return "$" + s
}

func groupThousands(n int64, sep string) string {
	digits := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ParseMoney reads an amount typed by a person ("892.75", "$1,234", "1 234,50 $")
// and returns it in cents.
func ParseMoney(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	clean := strings.NewReplacer("$", "", " ", "", "\u00a0", "", "\u202f", "").Replace(s)
	// A comma followed by exactly two digits at the end is a French decimal comma.
	if i := strings.LastIndexByte(clean, ','); i >= 0 && len(clean)-i == 3 && !strings.Contains(clean, ".") {
		clean = clean[:i] + "." + clean[i+1:]
	}
	clean = strings.ReplaceAll(clean, ",", "")
	whole, frac, hasFrac := strings.Cut(clean, ".")
	if whole == "" && !hasFrac {
		return 0, fmt.Errorf("posting: not an amount: %q", s)
	}
	var cents int64
	for _, r := range whole {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("posting: not an amount: %q", s)
		}
		cents = cents*10 + int64(r-'0')
		if cents > 1e12 {
			return 0, fmt.Errorf("posting: amount too large: %q", s)
		}
	}
	cents *= 100
	if hasFrac {
		if len(frac) == 0 || len(frac) > 2 {
			return 0, fmt.Errorf("posting: amount needs at most two decimals: %q", s)
		}
		if len(frac) == 1 {
			frac += "0"
		}
		for i, r := range frac {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("posting: not an amount: %q", s)
			}
			if i == 0 {
				cents += int64(r-'0') * 10
			} else {
				cents += int64(r - '0')
			}
		}
	}
	return cents, nil
}

func sortProblems(ps Problems) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Field < ps[j].Field })
}

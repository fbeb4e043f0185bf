// Package valid holds what every domain's validation returns: problems tied
// to form fields, each explained in both official languages. It does no I/O.
package valid

import (
	"strings"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Problem is one thing wrong with what a user submitted, tied to the form
// field it concerns so the page can show it next to that field.
type Problem struct {
	Field string    // form field name, e.g. "title_en", "closes_at"
	Msg   lang.Text // what is wrong and how to fix it, in both languages
}

// Problems is a list of validation problems; it is an error when not empty.
type Problems []Problem

func (ps Problems) Error() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Field + ": " + p.Msg.EN
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// For returns the problems about field.
func (ps Problems) For(field string) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Field == field {
			out = append(out, p)
		}
	}
	return out
}

// Add appends a problem about field, in English and French.
func (ps *Problems) Add(field, en, fr string) {
	*ps = append(*ps, Problem{Field: field, Msg: lang.T(en, fr)})
}

// Err returns ps as an error, or nil when there are none. (A nil Problems
// converted to error is not a nil error; always return through Err.)
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

package application

import (
	"crypto/rand"
	"strings"
)

// crockford is Crockford's base32 alphabet: digits and upper-case letters
// without I, L, O and U, so a number read aloud or copied by hand is not
// mistaken.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// confirmationGroups is the layout of a confirmation number: "PW-" then groups
// of 4, 4 and 2 symbols, e.g. "PW-7K4M-Q9XD-2F".
var confirmationGroups = [...]int{4, 4, 2}

const confirmationPrefix = "PW"

// NewConfirmation returns a new random confirmation number such as
// "PW-7K4M-Q9XD-2F": 10 symbols from crypto/rand (50 bits), so one cannot be
// guessed from another. The store makes sure each is unique.
func NewConfirmation() string {
	var raw [10]byte
	rand.Read(raw[:]) // never fails (Go 1.24+)
	var b strings.Builder
	b.WriteString(confirmationPrefix)
	i := 0
	for _, n := range confirmationGroups {
		b.WriteByte('-')
		for range n {
			b.WriteByte(crockford[raw[i]&31]) // 256 is a multiple of 32: uniform
			i++
		}
	}
	return b.String()
}

// ValidConfirmation reports whether s has the exact form NewConfirmation gives.
func ValidConfirmation(s string) bool {
	groups := strings.Split(s, "-")
	if len(groups) != len(confirmationGroups)+1 || groups[0] != confirmationPrefix {
		return false
	}
	for i, n := range confirmationGroups {
		g := groups[i+1]
		if len(g) != n {
			return false
		}
		for j := 0; j < len(g); j++ {
			if strings.IndexByte(crockford, g[j]) < 0 {
				return false
			}
		}
	}
	return true
}

// ParseConfirmation reads a confirmation number as a person may type it: in
// any case, with spaces, and with O for 0 and I or L for 1 (as Crockford's
// alphabet allows). It returns the canonical form and whether it is valid.
func ParseConfirmation(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '\t':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	c := b.String()
	if !strings.HasPrefix(c, confirmationPrefix+"-") {
		// Accept the symbols without dashes: PW7K4MQ9XD2F.
		raw := strings.ReplaceAll(strings.TrimPrefix(c, confirmationPrefix), "-", "")
		if len(raw) == 10 {
			c = confirmationPrefix + "-" + raw[:4] + "-" + raw[4:8] + "-" + raw[8:]
		}
	}
	return c, ValidConfirmation(c)
}

package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Password length bounds, in Unicode characters after NFKC normalization
// (NIST SP 800-63B: at least 8, we ask 12 as the only factor; allow at least 64).
const (
	MinPasswordRunes = 12
	MaxPasswordRunes = 256
)

// ValidatePassword checks a new password against the rules of NIST SP 800-63B:
// a length between MinPasswordRunes and MaxPasswordRunes, not a common or
// easily guessed password, and not containing the account's email local part.
// There are no composition rules (no "one digit, one symbol"). email may be "".
func ValidatePassword(pw, email string) error {
	pw = norm.NFKC.String(pw)
	switch n := utf8.RuneCountInString(pw); {
	case n < MinPasswordRunes:
		return ErrPasswordTooShort
	case n > MaxPasswordRunes:
		return ErrPasswordTooLong
	}
	if containsEmail(pw, email) {
		return ErrPasswordHasEmail
	}
	if IsCommonPassword(pw) {
		return ErrPasswordCommon
	}
	return nil
}

// containsEmail reports whether pw equals or contains the email's local part,
// or one of its dot-, dash-, underscore- or plus-separated parts of 4 or more
// characters (so neither "jean.tremblay" nor "tremblay2024" fits jean.tremblay@…).
// Parts shorter than 4 characters only count when they make up the whole password.
func containsEmail(pw, email string) bool {
	local := strings.ToLower(norm.NFKC.String(localPart(NormalizeEmail(email))))
	if local == "" {
		return false
	}
	p := strings.ToLower(pw)
	if p == local {
		return true
	}
	parts := strings.FieldsFunc(local, func(r rune) bool { return strings.ContainsRune(".-_+", r) })
	for _, part := range append(parts, local) {
		if utf8.RuneCountInString(part) >= 4 && strings.Contains(p, part) {
			return true
		}
	}
	return false
}

//go:embed common_passwords.txt
var commonList string

// common is the set of entries of common_passwords.txt, spaces removed.
var common = func() map[string]struct{} {
	set := make(map[string]struct{}, 2048)
	for _, line := range strings.Split(commonList, "\n") {
		line = strings.ToLower(strings.TrimSpace(line))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[strings.ReplaceAll(line, " ", "")] = struct{}{}
	}
	return set
}()

// IsCommonPassword reports whether pw is, case-insensitively, a common password
// or built the way guessable ones are:
//   - an entry of the embedded list, or a keyboard or alphabet sequence
//     ("qwertyuiop", "1qaz2wsx", "abcdefghijkl", "azertyuiop"), or one
//     short unit repeated ("abcabcabcabc"), or fewer than 4 distinct characters,
//     also with shifted digits read as digits ("!qaz@wsx" as "1qaz2wsx");
//   - one of those, or two listed words, with letter substitutions undone
//     (p@ssw0rd → password) and wrapped in a simple prefix or suffix
//     ("Password2024!", "!!monkeydragon1");
//   - at most four runs of letters, digits and symbols that are each
//     guessable on their own ("Summer2024!!", "jean1985paris").
func IsCommonPassword(pw string) bool {
	s := strings.ToLower(norm.NFKC.String(pw))
	s = strings.Join(strings.Fields(s), "")
	if isListed(s) || isPattern(s) || distinctRunes(s) < 4 {
		return true
	}
	if u := unshift(s); isListed(u) || isPattern(u) {
		return true
	}
	if core, affix := splitAffixes(s); core != "" {
		if core = unleet(core); (isListed(core) || isPattern(core) || isWordPair(core)) && simpleAffix(affix) {
			return true
		}
	}
	return isGuessableRuns(s)
}

func isListed(s string) bool {
	_, ok := common[s]
	return ok
}

// isPattern reports whether s is a sequence or a repetition.
func isPattern(s string) bool { return isSequence(s) || isRepetition(s) }

// sequences are strings whose substrings, forwards or backwards, are walks:
// the alphabet, digits and keyboard rows and columns (QWERTY and AZERTY).
var sequences = []string{
	"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
	"01234567890123456789",
	"`1234567890-=",
	"qwertyuiop[]\\",
	"asdfghjkl;'",
	"zxcvbnm,./",
	"qwertyuiopasdfghjklzxcvbnm",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-['=]",
	"qazwsxedcrfvtgbyhnujmikolp",
	"zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0",
	"1q2w3e4r5t6y7u8i9o0p",
	"q1w2e3r4t5y6u7i8o9p0",
	"1a2s3d4f5g6h7j8k9l",
	"!@#$%^&*()_+",
	"azertyuiop",
	"qsdfghjklm",
	"wxcvbn",
	"azertyuiopqsdfghjklmwxcvbn",
	"aqwzsxedcrfvtgbyhnujikolpm",
}

// isSequence reports whether s (3+ characters) is a walk along one of sequences.
func isSequence(s string) bool {
	if utf8.RuneCountInString(s) < 3 {
		return false
	}
	rev := reverse(s)
	for _, seq := range sequences {
		if strings.Contains(seq, s) || strings.Contains(seq, rev) {
			return true
		}
	}
	return false
}

// isRepetition reports whether s is a shorter unit written two or more times.
func isRepetition(s string) bool {
	r := []rune(s)
	for unit := 1; unit <= len(r)/2; unit++ {
		if len(r)%unit == 0 && strings.Repeat(string(r[:unit]), len(r)/unit) == s {
			return true
		}
	}
	return false
}

// isWordPair reports whether s is two listed words of 4+ characters each.
func isWordPair(s string) bool {
	for i := range s {
		if i >= 4 && len(s)-i >= 4 && isListed(s[:i]) && isListed(s[i:]) {
			return true
		}
	}
	return false
}

// splitAffixes splits s into its core, from the first to the last letter ('@'
// and '$' count as letters, being stand-ins for a and s), and the characters
// around it.
func splitAffixes(s string) (core, affix string) {
	isLetter := func(r rune) bool { return unicode.IsLetter(r) || r == '@' || r == '$' }
	start := strings.IndexFunc(s, isLetter)
	if start < 0 {
		return "", s
	}
	end := strings.LastIndexFunc(s, isLetter)
	_, size := utf8.DecodeRuneInString(s[end:])
	end += size
	return s[start:end], s[:start] + s[end:]
}

// simpleAffix reports whether a prefix and suffix add little to a guessable
// core: at most 6 characters, or themselves a sequence or repetition.
func simpleAffix(a string) bool {
	return utf8.RuneCountInString(a) <= 6 || isPattern(a)
}

var leet = strings.NewReplacer("0", "o", "1", "i", "!", "i", "3", "e", "4", "a", "@", "a", "5", "s", "$", "s", "7", "t", "+", "t", "8", "b", "9", "g")

var shifted = strings.NewReplacer("!", "1", "@", "2", "#", "3", "$", "4", "%", "5", "^", "6", "&", "7", "*", "8", "(", "9", ")", "0")

// unshift reads the symbols above the digits of a US keyboard as those digits.
func unshift(s string) string { return shifted.Replace(s) }

// unleet undoes common letter-for-symbol substitutions.
func unleet(s string) string { return leet.Replace(s) }

// isGuessableRuns reports whether s splits into at most four runs of letters,
// digits or other characters that are each guessable: short (1 or 2
// characters), listed, a sequence or repetition, a pair of listed words or a
// year from 1900 to 2099.
func isGuessableRuns(s string) bool {
	runs := splitRuns(s)
	if len(runs) > 4 {
		return false
	}
	for _, r := range runs {
		if !(utf8.RuneCountInString(r) <= 2 || isListed(r) || isPattern(r) || isWordPair(r) || isYear(r)) {
			return false
		}
	}
	return true
}

// splitRuns cuts s where it changes between letters, digits and other characters.
func splitRuns(s string) []string {
	class := func(r rune) int {
		switch {
		case unicode.IsLetter(r):
			return 0
		case unicode.IsDigit(r):
			return 1
		}
		return 2
	}
	var runs []string
	start, prev := 0, -1
	for i, r := range s {
		if c := class(r); c != prev {
			if i > start {
				runs = append(runs, s[start:i])
			}
			start, prev = i, c
		}
	}
	if start < len(s) {
		runs = append(runs, s[start:])
	}
	return runs
}

func isYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) &&
		strings.Trim(s, "0123456789") == ""
}

func distinctRunes(s string) int {
	seen := make(map[rune]struct{}, 16)
	for _, r := range s {
		seen[r] = struct{}{}
	}
	return len(seen)
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"golang.org/x/text/unicode/norm"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Text analysis turns bilingual text into index terms.
//
// A text is lower-cased and composed (NFC), then cut into tokens: runs of
// letters, digits and combining marks; everything else separates tokens.
// French elided articles (l', d', qu', …) are dropped, as are stop words.
//
// A token becomes one or two terms. Tokens holding a digit ("it-01" gives
// "it" and "01", "2025") are only folded. Other tokens are stemmed with the
// stemmer of their text's language, both as written and once folded:
//
//	fold(stem(token))  and  stem(fold(token))
//
// The second form makes matching accent-insensitive by construction: two
// tokens that differ only by accents fold to the same string and so share
// that term. The first keeps the stemmer's accent-aware rules ("employée"
// and "employé" both give "emploi"). English and French terms share one term
// space.
//
// A query's language is unknown, so a query word matches the union of the
// terms it gives as English and as French (queryWordTerms). The price is a
// little cross-language noise (the French stem of "data" is "dat", which is
// also the stem of "dates").

// maxTokenBytes bounds a token; longer tokens are cut at a rune boundary.
const maxTokenBytes = 64

// Fold lower-cases s and removes its diacritics: é→e, ç→c, œ→oe, æ→ae, ß→ss.
// It uses compatibility decomposition (NFKD), so ligatures such as "ﬁ" and
// full-width letters fold to their plain forms too.
func Fold(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep, ok := foldSpecial[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldSpecial holds the letters that do not decompose into a base letter and marks.
var foldSpecial = map[rune]string{
	'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ð': "d",
	'ł': "l", 'ı': "i", 'þ': "th", 'ŋ': "n", 'ħ': "h",
}

// isPlainASCII reports whether s is ASCII without upper-case letters, which Fold leaves as is.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// normalize lower-cases s and composes it (NFC); tokens are cut from its result.
func normalize(s string) string {
	return norm.NFC.String(strings.ToLower(s))
}

// isWordRune reports whether r belongs to a token: a letter, a number or a combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isApostrophe reports whether r is one of the apostrophes French elision uses.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ'
}

// elided holds the French words that elide before a vowel: l'économie, qu'il, jusqu'à.
var elided = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// eachToken calls fn with every token of s, which must be normalized. It
// drops elided articles (a token followed by an apostrophe and a letter) and
// cuts tokens longer than maxTokenBytes.
func eachToken(s string, fn func(tok string)) {
	start := -1
	for i := 0; i <= len(s); {
		r, size := rune(-1), 1
		if i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if r >= 0 && isWordRune(r) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if start >= 0 {
			tok := s[start:i]
			if !(isApostrophe(r) && elided[tok] && wordFollows(s[i+size:])) {
				fn(truncateToken(tok))
			}
			start = -1
		}
		i += size
	}
}

// wordFollows reports whether s starts with a word rune.
func wordFollows(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return len(s) > 0 && isWordRune(r)
}

// truncateToken cuts tok to at most maxTokenBytes, at a rune boundary.
func truncateToken(tok string) string {
	if len(tok) <= maxTokenBytes {
		return tok
	}
	n := maxTokenBytes
	for n > 0 && !utf8.RuneStart(tok[n]) {
		n--
	}
	return tok[:n]
}

// Tokens returns the tokens of s as the index sees them: lower-cased,
// composed, without elided articles; stop words are kept.
func Tokens(s string) []string {
	var out []string
	eachToken(normalize(s), func(tok string) { out = append(out, tok) })
	return out
}

// stopWords holds the English and French stop words, folded. They are not
// indexed and are dropped from queries. The lists are short on purpose:
// "it" (information technology) and "ete" (été, summer) stay searchable.
var stopWords = makeSet(
	// English
	"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have",
	"he", "her", "his", "i", "in", "into", "is", "its", "of", "on", "or", "our",
	"s", "she", "t", "that", "the", "their", "them", "there", "these", "they",
	"this", "those", "to", "was", "we", "were", "which", "who", "will", "with",
	"you", "your",
	// French (folded: à is "a", où is "ou")
	"au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "elles",
	"en", "est", "et", "il", "ils", "la", "le", "les", "leur", "leurs", "lui",
	"ma", "mais", "mes", "mon", "ne", "nos", "notre", "nous", "ou", "par", "pas",
	"pour", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une",
	"vos", "votre", "vous", "y",
)

func makeSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// IsStopWord reports whether a word is an English or French stop word, accents ignored.
func IsStopWord(word string) bool { return stopWords[Fold(word)] }

// searchable reports whether a token gives terms: it is not a stop word and
// does not fold to nothing (a token of combining marks only).
func searchable(folded string) bool {
	return folded != "" && !stopWords[folded]
}

// tokenTerms appends to dst the terms of tok, a token of text in language l.
// It appends nothing for a stop word.
func tokenTerms(dst []string, tok string, l lang.Lang) []string {
	folded := Fold(tok)
	if !searchable(folded) {
		return dst
	}
	if strings.ContainsFunc(folded, unicode.IsNumber) {
		return append(dst, folded)
	}
	stem := stemmer(l)
	plain := stem(folded)
	if plain == "" {
		plain = folded
	}
	dst = append(dst, plain)
	if accented := Fold(stem(tok)); accented != plain && accented != "" {
		dst = append(dst, accented)
	}
	return dst
}

// queryWordTerms returns the terms a query word matches: its terms as an
// English word and as a French word, without duplicates.
func queryWordTerms(word string) []string {
	terms := tokenTerms(nil, word, lang.EN)
	for _, t := range tokenTerms(nil, word, lang.FR) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return terms
}

// stemmer returns the Snowball stemmer of l.
func stemmer(l lang.Lang) func(string) string {
	if l == lang.FR {
		return stemFrench
	}
	return stemEnglish
}

func stemEnglish(w string) string { return safeStem(english.Stem, w) }
func stemFrench(w string) string  { return safeStem(french.Stem, w) }

// safeStem stems w, falling back to w itself should the stemmer panic on an
// unusual input: a search must never fail because of its text.
func safeStem(stem func(string, bool) string, w string) (out string) {
	defer func() {
		if recover() != nil {
			out = w
		}
	}()
	return stem(w, true)
}

// textTerms calls fn with every term of text in language l, duplicates included.
func textTerms(text string, l lang.Lang, fn func(term string)) {
	var buf [2]string
	eachToken(normalize(text), func(tok string) {
		for _, t := range tokenTerms(buf[:0], tok, l) {
			fn(t)
		}
	})
}

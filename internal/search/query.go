package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what of a query string is considered. Anything beyond is
// ignored, never an error.
const (
	MaxQueryBytes = 256 // bytes of the query string read, and bytes of its rendering (Parsed.String)
	MaxQueryWords = 32  // words kept, required and excluded together
)

// Parsed is a keyword query, ready for the index.
//
// Syntax: words separated by spaces are all required. A quoted phrase
// ("data analyst") requires each of its words; the index keeps no word
// positions, so a phrase does not require its words to be adjacent or in
// order. A minus sign before a word (-senior) or a phrase (-"co-op student")
// excludes the documents that contain that word, or all the phrase's words. A
// chunk that holds several tokens, such as e-mail, acts as a phrase.
//
// Words are normalized tokens (see Tokens): lower-case, composed, accents
// kept; stop words and duplicates are dropped.
type Parsed struct {
	Words   []string   // required words, in order of first appearance
	Exclude [][]string // each group excludes the documents holding all of its words
}

// IsEmpty reports whether the query has no word at all, required or
// excluded: it matches every document, as if no keyword were given. A query
// of stop words only is empty.
func (p Parsed) IsEmpty() bool { return len(p.Words) == 0 && len(p.Exclude) == 0 }

// String renders p in the query syntax; ParseQuery(p.String()) equals p.
func (p Parsed) String() string {
	parts := make([]string, 0, len(p.Words)+len(p.Exclude))
	parts = append(parts, p.Words...)
	for _, g := range p.Exclude {
		parts = append(parts, renderExclusion(g))
	}
	return strings.Join(parts, " ")
}

func renderExclusion(group []string) string {
	if len(group) == 1 {
		return "-" + group[0]
	}
	return `-"` + strings.Join(group, " ") + `"`
}

// ParseQuery parses a keyword query. It never fails: any string, including
// invalid UTF-8, gives a valid Parsed. Only the first MaxQueryBytes bytes
// are read, and only MaxQueryWords words are kept; an item (a word or an
// exclusion) is also dropped when it would make the rendering longer than
// MaxQueryBytes.
func ParseQuery(s string) Parsed {
	p := &parser{}
	s = truncateString(s, MaxQueryBytes)
	for len(s) > 0 {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		var chunk string
		exclude := false
		if s[0] == '-' && len(s) > 1 && !startsWithSpace(s[1:]) {
			exclude = true
			s = s[1:]
		}
		chunk, s = nextChunk(s)
		p.add(words(chunk), exclude)
	}
	return p.out
}

// nextChunk cuts the next chunk from s: a quoted phrase (its closing quote
// may be missing) or a run up to white space or a quote.
func nextChunk(s string) (chunk, rest string) {
	if s[0] == '"' {
		s = s[1:]
		if i := strings.IndexByte(s, '"'); i >= 0 {
			return s[:i], s[i+1:]
		}
		return s, ""
	}
	end := strings.IndexFunc(s, func(r rune) bool { return r == '"' || unicode.IsSpace(r) })
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// words returns the searchable, normalized tokens of a chunk, without duplicates.
func words(chunk string) []string {
	var out []string
	eachToken(normalize(chunk), func(tok string) {
		w := normalize(tok) // a cut token may need composing again
		if searchable(Fold(w)) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	})
	return out
}

// parser accumulates a Parsed within the limits.
type parser struct {
	out      Parsed
	nWords   int // words kept, required and excluded
	rendered int // length of out.String()
}

// add adds the words of one chunk, as required words or as one exclusion group.
func (p *parser) add(ws []string, exclude bool) {
	if len(ws) == 0 {
		return
	}
	if exclude {
		p.addExclusion(ws)
		return
	}
	for _, w := range ws {
		if !slices.Contains(p.out.Words, w) && p.fits(1, len(w)) {
			p.out.Words = append(p.out.Words, w)
			p.take(1, len(w))
		}
	}
}

func (p *parser) addExclusion(group []string) {
	for _, g := range p.out.Exclude {
		if slices.Equal(g, group) {
			return
		}
	}
	size := len(renderExclusion(group))
	if p.fits(len(group), size) {
		p.out.Exclude = append(p.out.Exclude, group)
		p.take(len(group), size)
	}
}

// fits reports whether an item of n words, rendered in size bytes, stays within the limits.
func (p *parser) fits(n, size int) bool {
	return p.nWords+n <= MaxQueryWords && p.rendered+separator(p.rendered)+size <= MaxQueryBytes
}

func (p *parser) take(n, size int) {
	p.nWords += n
	p.rendered += separator(p.rendered) + size
}

// separator is the length of the space before the next item of a rendering of length rendered.
func separator(rendered int) int {
	if rendered > 0 {
		return 1
	}
	return 0
}

// truncateString cuts s to at most n bytes, at a rune boundary.
func truncateString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

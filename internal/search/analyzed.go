package search

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Analyzed is a document whose text has been analyzed into terms, ready for
// UpsertAnalyzed. Analysis is most of the cost of an upsert and needs no
// lock, so a bulk load can analyze documents on several goroutines and
// upsert the results one at a time.
type Analyzed struct {
	doc         Doc      // without its text
	title, body []string // terms, repeats included (indexing skips them)
}

// ID returns the posting ID of the analyzed document.
func (a *Analyzed) ID() int64 { return a.doc.ID }

// Analyze analyzes d's title and body. It is safe for concurrent use.
func Analyze(d Doc) Analyzed {
	// About one term per five bytes of text, so that the lists rarely grow.
	title := make([]string, 0, (len(d.Title.EN)+len(d.Title.FR))/5+4)
	body := make([]string, 0, (len(d.Body.EN)+len(d.Body.FR))/5+4)
	return analyzeInto(d, title, body)
}

// analyzeInto is Analyze appending the terms to title and body.
func analyzeInto(d Doc, title, body []string) Analyzed {
	a := Analyzed{title: fieldTerms(title, d.Title), body: fieldTerms(body, d.Body)}
	d.Title, d.Body = lang.Text{}, lang.Text{}
	a.doc = d
	return a
}

// analyzedPool recycles the term lists of Upsert, which indexes them at once.
var analyzedPool = sync.Pool{New: func() any { return new(Analyzed) }}

// fieldTerms appends to dst the terms of a bilingual text, repeats
// included: removing them would cost more than indexing skips them.
func fieldTerms(dst []string, t lang.Text) []string {
	add := func(term string) { dst = append(dst, term) }
	cachedTextTerms(t.EN, lang.EN, add)
	cachedTextTerms(t.FR, lang.FR, add)
	return dst
}

// cachedTextTerms calls fn with every term of text in language l, as
// textTerms does, using the stem cache. Tokens with digits (numbers,
// codes) skip the cache: they are many and rarely repeat.
func cachedTextTerms(text string, l lang.Lang, fn func(term string)) {
	var buf [2]string
	eachToken(normalize(text), func(tok string) {
		if strings.ContainsFunc(tok, isDigit) {
			for _, t := range tokenTerms(buf[:0], tok, l) {
				fn(t)
			}
			return
		}
		for _, t := range stemCaches[langSlot(l)].terms(tok, l) {
			fn(t)
		}
	})
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// maxStemCache bounds each language's cache of token terms; once full, it
// stops growing and new tokens are analyzed each time.
const maxStemCache = 50_000

// stemCache maps tokens of one language to their terms. It is shared by
// every index and safe for concurrent use; reads take no lock, so that
// analysis scales across goroutines.
type stemCache struct {
	m    sync.Map // token → []string
	size atomic.Int64
}

var stemCaches [2]stemCache

func langSlot(l lang.Lang) int {
	if l == lang.FR {
		return 1
	}
	return 0
}

// lookup returns the cached terms of tok, if any. The slice must not be modified.
func (c *stemCache) lookup(tok string) ([]string, bool) {
	v, ok := c.m.Load(tok)
	if !ok {
		return nil, false
	}
	return v.([]string), true
}

// terms returns the terms of tok in language l, from the cache or computed
// and cached. The slice must not be modified.
func (c *stemCache) terms(tok string, l lang.Lang) []string {
	if terms, ok := c.lookup(tok); ok {
		return terms
	}
	tok = strings.Clone(tok) // do not pin the whole text
	terms := tokenTerms(nil, tok, l)
	if c.size.Load() < maxStemCache {
		if _, loaded := c.m.LoadOrStore(tok, terms); !loaded {
			c.size.Add(1)
		}
	}
	return terms
}

package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want Parsed
	}{
		{"", Parsed{}},
		{"   ", Parsed{}},
		{"data", Parsed{Words: []string{"data"}}},
		{"Data  ANALYST", Parsed{Words: []string{"data", "analyst"}}},
		{"Économie", Parsed{Words: []string{"économie"}}},
		{"e\u0301conomie", Parsed{Words: []string{"économie"}}},
		{"data -senior", Parsed{Words: []string{"data"}, Exclude: [][]string{{"senior"}}}},
		{`"data analyst" junior`, Parsed{Words: []string{"data", "analyst", "junior"}}},
		{`-"co-op student" data`, Parsed{Words: []string{"data"}, Exclude: [][]string{{"co", "op", "student"}}}},
		{`-"the senior"`, Parsed{Exclude: [][]string{{"senior"}}}},
		{"-e-mail", Parsed{Exclude: [][]string{{"e", "mail"}}}},
		{"e-mail", Parsed{Words: []string{"e", "mail"}}},
		{"- data", Parsed{Words: []string{"data"}}},
		{"--data", Parsed{Exclude: [][]string{{"data"}}}},
		{"data -", Parsed{Words: []string{"data"}}},
		{`"unclosed phrase`, Parsed{Words: []string{"unclosed", "phrase"}}},
		{`ab"cd ef"gh`, Parsed{Words: []string{"ab", "cd", "ef", "gh"}}},
		{"data data DATA", Parsed{Words: []string{"data"}}},
		{"-senior -senior", Parsed{Exclude: [][]string{{"senior"}}}},
		{"the of and de la", Parsed{}},
		{"-the", Parsed{}},
		{"l'économie", Parsed{Words: []string{"économie"}}},
		{"IT-01", Parsed{Words: []string{"it", "01"}}},
		{"C++", Parsed{Words: []string{"c"}}},
		{"\xff\xfe data", Parsed{Words: []string{"data"}}},
		{"\u0301", Parsed{}}, // folds to nothing
	}
	for _, tt := range tests {
		got := ParseQuery(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestParseQueryIsEmpty(t *testing.T) {
	for _, s := range []string{"", "the", "de la", "-the", `""`, "!!!"} {
		if p := ParseQuery(s); !p.IsEmpty() {
			t.Errorf("ParseQuery(%q).IsEmpty() = false (%#v)", s, p)
		}
	}
	for _, s := range []string{"data", "-data"} {
		if p := ParseQuery(s); p.IsEmpty() {
			t.Errorf("ParseQuery(%q).IsEmpty() = true", s)
		}
	}
}

func TestParseQueryLimits(t *testing.T) {
	var words []string
	for i := range 40 {
		words = append(words, "w"+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	p := ParseQuery(strings.Join(words, " "))
	if len(p.Words) != MaxQueryWords {
		t.Fatalf("40 words gave %d, want %d", len(p.Words), MaxQueryWords)
	}
	if !reflect.DeepEqual(p.Words, words[:MaxQueryWords]) {
		t.Errorf("kept %q, want the first %d words", p.Words, MaxQueryWords)
	}

	// Only the first MaxQueryBytes bytes are read, and tokens are cut to maxTokenBytes.
	long := strings.Repeat("x", MaxQueryBytes-2) + " zed"
	want := []string{strings.Repeat("x", maxTokenBytes), "z"}
	if p := ParseQuery(long); !reflect.DeepEqual(p.Words, want) {
		t.Errorf("ParseQuery(long).Words = %q, want %q", p.Words, want)
	}

	// An item is dropped when it would make the rendering too long:
	// "-aaaaaaaaa1-bbbbbbbbb1" renders as -"aaaaaaaaa1 bbbbbbbbb1", 2 bytes more.
	var groups []string
	for i := range 11 {
		d := string(rune('0' + i))
		groups = append(groups, "-aaaaaaaaa"+d+"-bbbbbbbbb"+d)
	}
	in := strings.Join(groups, " ")
	p = ParseQuery(in)
	if len(in) > MaxQueryBytes || len(p.Exclude) != 10 || len(p.String()) > MaxQueryBytes {
		t.Errorf("ParseQuery(%d bytes) kept %d of 11 groups, rendering %d bytes; want 10 groups within %d bytes",
			len(in), len(p.Exclude), len(p.String()), MaxQueryBytes)
	}

	// Exclusion groups count their words.
	q := strings.Repeat("-\"aa bb cc\" ", 1) + strings.Join(words, " ")
	if p := ParseQuery(q); len(p.Words)+3 != MaxQueryWords {
		t.Errorf("group of 3 and 40 words kept %d words, want %d", len(p.Words), MaxQueryWords-3)
	}
}

func TestParsedString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Data  ANALYST", "data analyst"},
		{`"data analyst" -senior -"co-op student"`, `data analyst -senior -"co op student"`},
		{"-e-mail stage d'été", `stage été -"e mail"`},
		{"the", ""},
	}
	for _, tt := range tests {
		p := ParseQuery(tt.in)
		if got := p.String(); got != tt.want {
			t.Errorf("ParseQuery(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if again := ParseQuery(p.String()); !reflect.DeepEqual(again, p) {
			t.Errorf("reparsing %q gave %#v, want %#v", p.String(), again, p)
		}
	}
}

// FuzzParseQuery checks that any string parses, within the limits, into
// normalized words, and that parsing the rendering gives the same query.
func FuzzParseQuery(f *testing.F) {
	seeds := []string{
		"", "data", "Data Analyst -senior", `"data analyst" -"co-op"`, "l'économie", "-", "--", `"`,
		`-"`, `"-a"`, "IT-01 C++ C#", "the of de la", "\xff\xfe", "e\u0301", "İSTANBUL ǅ ß ﬁ",
		strings.Repeat("ab ", 100), strings.Repeat("-a-b ", 60), strings.Repeat("é", 200),
		"qu'il jusqu'à", "a\u00a0b\u2003c", "-\"x y\" -\"y x\" -\"x y\"",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := ParseQuery(s)
		checkParsed(t, s, p)
		if again := ParseQuery(p.String()); !reflect.DeepEqual(again, p) {
			t.Errorf("ParseQuery(%q) = %#v; its rendering %q parses to %#v", s, p, p.String(), again)
		}
	})
}

// checkParsed checks the invariants of a parsed query.
func checkParsed(t *testing.T, in string, p Parsed) {
	t.Helper()
	n := len(p.Words)
	for _, g := range p.Exclude {
		n += len(g)
		if len(g) == 0 {
			t.Errorf("ParseQuery(%q): empty exclusion group", in)
		}
		checkWords(t, in, g)
	}
	checkWords(t, in, p.Words)
	if n > MaxQueryWords {
		t.Errorf("ParseQuery(%q): %d words, more than %d", in, n, MaxQueryWords)
	}
	if r := p.String(); len(r) > MaxQueryBytes {
		t.Errorf("ParseQuery(%q): rendering of %d bytes, more than %d", in, len(r), MaxQueryBytes)
	}
}

// checkWords checks that words are distinct, normalized, searchable tokens.
func checkWords(t *testing.T, in string, words []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, w := range words {
		switch {
		case seen[w]:
			t.Errorf("ParseQuery(%q): repeated word %q", in, w)
		case !utf8.ValidString(w) || w != strings.ToLower(w) || !norm.NFC.IsNormalString(w):
			t.Errorf("ParseQuery(%q): word %q is not normalized", in, w)
		case len(w) > maxTokenBytes:
			t.Errorf("ParseQuery(%q): word %q is longer than %d bytes", in, w, maxTokenBytes)
		case !reflect.DeepEqual(Tokens(w), []string{w}):
			t.Errorf("ParseQuery(%q): word %q is not one token (%q)", in, w, Tokens(w))
		case IsStopWord(w) || Fold(w) == "":
			t.Errorf("ParseQuery(%q): word %q is not searchable", in, w)
		case len(queryWordTerms(w)) == 0:
			t.Errorf("ParseQuery(%q): word %q has no terms", in, w)
		}
		seen[w] = true
	}
}

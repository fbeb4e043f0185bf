package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/lang"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"économie", "economie"},
		{"ÉCONOMIE", "economie"},
		{"Ça", "ca"},
		{"garçon", "garcon"},
		{"Œuvre", "oeuvre"},
		{"cœur", "coeur"},
		{"Æsir", "aesir"},
		{"straße", "strasse"},
		{"naïve", "naive"},
		{"Montréal", "montreal"},
		{"Trois-Rivières", "trois-rivieres"},
		{"ﬁnance", "finance"},          // ligature fi
		{"ＩＴ", "it"},                   // full-width
		{"e\u0301conomie", "economie"}, // decomposed input
		{"data", "data"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Junior Data Analyst", []string{"junior", "data", "analyst"}},
		{"l'économie", []string{"économie"}},
		{"L’Économie d’Ontario", []string{"économie", "ontario"}},
		{"qu'il jusqu'à lorsqu'elle", []string{"il", "à", "elle"}},
		{"Ontario’s Digital Service", []string{"ontario", "s", "digital", "service"}},
		{"l' espace", []string{"l", "espace"}}, // no letter after the apostrophe: not an elision
		{"IT-01, IT-02", []string{"it", "01", "it", "02"}},
		{"C++ / C#", []string{"c", "c"}},
		{"co-op", []string{"co", "op"}},
		{"e-mail: x@y.ca", []string{"e", "mail", "x", "y", "ca"}},
		{"  ...  ", nil},
		{"e\u0301conomie", []string{"économie"}}, // composed
		{"bad\xffutf8", []string{"bad", "utf8"}},
		{"2025-04-01", []string{"2025", "04", "01"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokensCutsLongTokens(t *testing.T) {
	long := strings.Repeat("é", 100) // 200 bytes
	toks := Tokens(long)
	if len(toks) != 1 {
		t.Fatalf("Tokens(long) = %d tokens, want 1", len(toks))
	}
	if len(toks[0]) > maxTokenBytes || !utf8.ValidString(toks[0]) || !strings.HasPrefix(long, toks[0]) {
		t.Errorf("long token cut to %q (%d bytes), want a valid prefix of at most %d bytes", toks[0], len(toks[0]), maxTokenBytes)
	}
}

func TestIsStopWord(t *testing.T) {
	for _, w := range []string{"the", "The", "and", "of", "de", "la", "à", "À", "où", "pour", "vous"} {
		if !IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = false, want true", w)
		}
	}
	// Words that look like stop words but are searched for.
	for _, w := range []string{"it", "IT", "été", "data", "c", "r", "us", "analyst"} {
		if IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = true, want false", w)
		}
	}
}

// matches reports whether the keyword query q matches text written in l,
// following the index's rules: every required word must share a term with
// the text.
func matches(q, text string, l lang.Lang) bool {
	terms := map[string]bool{}
	textTerms(text, l, func(t string) { terms[t] = true })
	p := ParseQuery(q)
	if len(p.Words) == 0 {
		return false
	}
	for _, w := range p.Words {
		if !slices.ContainsFunc(queryWordTerms(w), func(t string) bool { return terms[t] }) {
			return false
		}
	}
	return true
}

// TestStemmingPairs checks that a query word finds a related word in a
// posting, through stemming and accent folding. Every row was checked
// against the Snowball stemmers; the rows marked false are pairs Snowball
// does not conflate, kept to document the limits honestly.
func TestStemmingPairs(t *testing.T) {
	tests := []struct {
		query, text string
		l           lang.Lang
		want        bool
	}{
		// Required by the design.
		{"economie", "l'économie numérique", lang.FR, true},
		{"économie", "economie", lang.FR, true},
		{"analyst", "Junior analysts", lang.EN, true},
		{"développeur", "développeurs web", lang.FR, true},
		{"developpeurs", "développeur", lang.FR, true},
		{"développeur", "developpeurs", lang.FR, true},
		// English.
		{"analysts", "analyst", lang.EN, true},
		{"policy", "policies", lang.EN, true},
		{"internship", "internships", lang.EN, true},
		{"student", "students", lang.EN, true},
		{"security", "Cyber Security", lang.EN, true},
		{"developer", "software development", lang.EN, true},
		{"coordinator", "coordinating events", lang.EN, true},
		{"engineer", "engineering", lang.EN, true},
		{"sciences", "data science", lang.EN, true},
		{"analysis", "analyses", lang.EN, true},
		{"research", "researcher", lang.EN, true},
		{"communications", "communication", lang.EN, true},
		{"manager", "management", lang.EN, true},
		{"employee", "employees", lang.EN, true},
		{"ministry", "ministries", lang.EN, true},
		{"technology", "technologies", lang.EN, true},
		{"administrator", "administrators", lang.EN, true},
		{"evaluating", "evaluation", lang.EN, true},
		{"organize", "organizing", lang.EN, true},
		{"apprentices", "apprentice", lang.EN, true},
		{"bilingual", "bilingualism", lang.EN, true},
		{"IT", "IT-01 role", lang.EN, true},
		{"quebec", "Québec City", lang.EN, true},
		// French.
		{"politique", "politiques publiques", lang.FR, true},
		{"données", "donnees", lang.FR, true},
		{"donnees", "analyste de données", lang.FR, true},
		{"stagiaire", "stagiaires", lang.FR, true},
		{"étudiant", "étudiants", lang.FR, true},
		{"etudiante", "étudiants", lang.FR, true},
		{"securite", "sécurité", lang.FR, true},
		{"coordonnateur", "coordonnatrice", lang.FR, true},
		{"ingénieur", "ingenieurs", lang.FR, true},
		{"scientifique", "scientifiques", lang.FR, true},
		{"financier", "financière", lang.FR, true},
		{"recherche", "recherches", lang.FR, true},
		{"numérique", "numeriques", lang.FR, true},
		{"gestionnaire", "gestionnaires", lang.FR, true},
		{"employé", "employée", lang.FR, true},
		{"ministère", "ministères", lang.FR, true},
		{"technologie", "technologies", lang.FR, true},
		{"administrateur", "administratrice", lang.FR, true},
		{"évaluation", "evaluations", lang.FR, true},
		{"apprenti", "apprentie", lang.FR, true},
		{"ete", "stage d'été", lang.FR, true},
		{"oeuvre", "main-d'œuvre", lang.FR, true},
		{"montreal", "Montréal", lang.FR, true},
		// Several words: all are required.
		{"data analyst", "Junior Data Analysts", lang.EN, true},
		{"analyste données", "Analyste de données", lang.FR, true},
		{"data developer", "Junior Data Analyst", lang.EN, false},
		// Snowball does not conflate these.
		{"programming", "programmer", lang.EN, false},
		{"finance", "financial", lang.EN, false},
		{"writer", "writing", lang.EN, false},
		{"conseiller", "conseillère", lang.FR, false},
		{"program", "programme", lang.FR, false},
		// Unrelated words.
		{"analyst", "developer", lang.EN, false},
		{"sécurité", "société", lang.FR, false},
	}
	for _, tt := range tests {
		if got := matches(tt.query, tt.text, tt.l); got != tt.want {
			t.Errorf("query %q on %s text %q: match = %v, want %v", tt.query, tt.l, tt.text, got, tt.want)
		}
	}
}

// TestAccentInsensitive checks, word by word, that a word written with its
// accents and without them find each other, in both languages' texts.
func TestAccentInsensitive(t *testing.T) {
	words := []string{
		"économie", "développeurs", "sécurité", "numérique", "ministère",
		"stagiaire", "Québec", "Montréal", "été", "conseillère", "financière",
		"élève", "rédactrice", "données", "façade", "cœur", "naïveté", "forêt",
		"résumé", "café", "employée", "Trois-Rivières",
	}
	for _, w := range words {
		bare := Fold(w)
		for _, l := range lang.All {
			if !matches(bare, w, l) {
				t.Errorf("%q does not find %s text %q", bare, l, w)
			}
			if !matches(w, bare, l) {
				t.Errorf("%q does not find %s text %q", w, l, bare)
			}
		}
	}
}

func TestStopWordsAreNotIndexed(t *testing.T) {
	var got []string
	textTerms("The analyst and the developer", lang.EN, func(term string) { got = append(got, term) })
	if want := []string{"analyst", "develop"}; !slices.Equal(got, want) {
		t.Errorf("terms = %q, want %q", got, want)
	}
	got = nil
	textTerms("Le développeur de la ville", lang.FR, func(term string) { got = append(got, term) })
	if want := []string{"developpeur", "vill"}; !slices.Equal(got, want) {
		t.Errorf("terms = %q, want %q", got, want)
	}
}

// FuzzTokenTerms checks that analysis never panics and gives well-formed terms.
func FuzzTokenTerms(f *testing.F) {
	for _, s := range []string{"Économie", "l'analyste", "IT-01", "ǅ", "İstanbul", "\u0301", "ﬁ", "\xff", "ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Fold(Fold(s)) != Fold(s) {
			t.Errorf("Fold is not idempotent on %q", s)
		}
		for _, l := range lang.All {
			textTerms(s, l, func(term string) {
				if term == "" || strings.ContainsFunc(term, unicode.IsUpper) {
					t.Errorf("text %q gave term %q", s, term)
				}
			})
		}
	})
}

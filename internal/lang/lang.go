// Package lang holds the two official languages and bilingual text.
// It imports nothing of ours, so every domain package may use it.
package lang

import "strings"

// Lang is an official language: English or French.
type Lang string

// The two official languages.
const (
	EN Lang = "en"
	FR Lang = "fr"
)

// All lists the languages in display order.
var All = []Lang{EN, FR}

// Parse returns the language for a code such as "en" or "FR", and whether it is one of ours.
func Parse(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en":
		return EN, true
	case "fr":
		return FR, true
	}
	return "", false
}

// Other returns the other official language.
func (l Lang) Other() Lang {
	if l == FR {
		return EN
	}
	return FR
}

// String returns the language code.
func (l Lang) String() string { return string(l) }

// Text is a piece of text in both official languages.
type Text struct {
	EN string `json:"en"`
	FR string `json:"fr"`
}

// T builds a Text from its English and French versions.
func T(en, fr string) Text { return Text{EN: en, FR: fr} }

// In returns the text in l, falling back to the other language when l's version is empty.
func (t Text) In(l Lang) string {
	if l == FR {
		if t.FR != "" {
			return t.FR
		}
		return t.EN
	}
	if t.EN != "" {
		return t.EN
	}
	return t.FR
}

// IsZero reports whether both versions are empty.
func (t Text) IsZero() bool { return t.EN == "" && t.FR == "" }

// Complete reports whether both versions are present (after trimming spaces).
func (t Text) Complete() bool {
	return strings.TrimSpace(t.EN) != "" && strings.TrimSpace(t.FR) != ""
}

// Trim returns t with surrounding white space removed from both versions.
func (t Text) Trim() Text { return Text{EN: strings.TrimSpace(t.EN), FR: strings.TrimSpace(t.FR)} }

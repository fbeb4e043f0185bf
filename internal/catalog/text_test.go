package catalog

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/lang"
)

// visitTexts walks v by reflection and calls fn for every lang.Text found,
// with a path naming where it is. It is independent of the validator, so a
// field the validator forgets is still checked here.
func visitTexts(path string, v reflect.Value, fn func(path string, t lang.Text)) {
	if v.Type() == reflect.TypeFor[lang.Text]() {
		fn(path, v.Interface().(lang.Text))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			visitTexts(path+"."+v.Type().Field(i).Name, v.Field(i), fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			visitTexts(fmt.Sprintf("%s[%d]", path, i), v.Index(i), fn)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			visitTexts(path, v.Elem(), fn)
		}
	}
}

func builtinTexts(t *testing.T) map[string]lang.Text {
	t.Helper()
	out := map[string]lang.Text{}
	visitTexts("catalog", reflect.ValueOf(mustBuiltin(t).Entries()), func(p string, x lang.Text) {
		out[p] = x
	})
	if len(out) < 500 {
		t.Fatalf("walked only %d texts: the walker is broken", len(out))
	}
	return out
}

func TestEveryTextIsBilingual(t *testing.T) {
	for path, x := range builtinTexts(t) {
		if x.IsZero() {
			continue // optional and absent
		}
		if !x.Complete() {
			t.Errorf("%s is not bilingual: %+v", path, x)
		}
		if x != x.Trim() {
			t.Errorf("%s has surrounding white space: %+v", path, x)
		}
	}
}

// sameInBothLanguages lists the texts that are rightly identical in English
// and French: codes, acronyms and words spelled alike in both languages.
var sameInBothLanguages = map[string]bool{
	"EX-01": true, "EX-02": true, "EX-03": true, "EX-04": true, "EX-05": true, // classification codes
	"Communications": true, // focus area name, same word in French
	"Collaboration":  true, // competency name, same word in French
	"Communication":  true, // competency name, same word in French
	"IRCC":           true, // official acronym in both languages
	"ECCC":           true,
	"StatCan":        true,
	"TC":             true,
}

func TestFrenchDiffersFromEnglish(t *testing.T) {
	for path, x := range builtinTexts(t) {
		if !x.IsZero() && x.EN == x.FR && !sameInBothLanguages[x.EN] {
			t.Errorf("%s: French equals English (%q)", path, x.EN)
		}
	}
}

var (
	englishWords = regexp.MustCompile(`(?i)\b(the|and|with|of|to|for|your|in)\b`)
	frenchWords  = regexp.MustCompile(`(?i)\b(les|des|du|une|pour|avec|est|vous|la|le)\b`)
	// French puts a space before a colon; English does not.
	frenchColon  = regexp.MustCompile(`\S:`)
	englishColon = regexp.MustCompile(`\s:`)
)

func TestTextsAreInTheirLanguage(t *testing.T) {
	for path, x := range builtinTexts(t) {
		if m := englishWords.FindString(x.FR); m != "" {
			t.Errorf("%s: French text contains the English word %q: %q", path, m, x.FR)
		}
		if m := frenchWords.FindString(x.EN); m != "" {
			t.Errorf("%s: English text contains the French word %q: %q", path, m, x.EN)
		}
		if strings.Contains(x.FR, `"`) {
			t.Errorf("%s: French text uses straight double quotes instead of « »: %q", path, x.FR)
		}
		if frenchColon.MatchString(x.FR) {
			t.Errorf("%s: French colon without a preceding space: %q", path, x.FR)
		}
		if englishColon.MatchString(x.EN) {
			t.Errorf("%s: English colon preceded by a space: %q", path, x.EN)
		}
	}
}

// TestFrenchLevelLabels checks the official French classification labels.
func TestFrenchLevelLabels(t *testing.T) {
	c := mustBuiltin(t)
	for _, l := range c.Levels("gc-it") {
		if !strings.HasPrefix(l.Label.FR, "TI-") || !strings.HasPrefix(l.Label.EN, "IT-") {
			t.Errorf("%s label = %+v, want IT-0n / TI-0n", l.Code, l.Label)
		}
	}
}

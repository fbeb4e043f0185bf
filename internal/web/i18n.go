package web

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/pathways-gov/pathways/internal/lang"
)

//go:embed locales/*.toml
var localeFS embed.FS

// Messages holds the interface strings in both languages.
type Messages struct {
	bundle     *i18n.Bundle
	localizers map[lang.Lang]*i18n.Localizer
	ids        map[lang.Lang][]string
	plain      map[lang.Lang]map[string]string // messages without placeholders, resolved once
}

// LoadMessages reads the embedded message files and checks that both languages
// define exactly the same messages.
func LoadMessages() (*Messages, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	m := &Messages{bundle: b, localizers: map[lang.Lang]*i18n.Localizer{}, ids: map[lang.Lang][]string{}, plain: map[lang.Lang]map[string]string{}}
	// Messages live in locales/en.toml and fr.toml, and in one pair of files
	// per area, e.g. locales/account.en.toml and account.fr.toml.
	files, err := fs.Glob(localeFS, "locales/*.toml")
	if err != nil {
		return nil, fmt.Errorf("web: messages: %w", err)
	}
	for _, l := range lang.All {
		m.plain[l] = map[string]string{}
		m.localizers[l] = i18n.NewLocalizer(b, string(l))
	}
	for _, name := range files {
		base := strings.TrimSuffix(path.Base(name), ".toml")
		l, ok := lang.Parse(base[strings.LastIndexByte(base, '.')+1:])
		if !ok {
			return nil, fmt.Errorf("web: messages %s: the name must end in .en.toml or .fr.toml", name)
		}
		f, err := b.LoadMessageFileFS(localeFS, name)
		if err != nil {
			return nil, fmt.Errorf("web: messages %s: %w", name, err)
		}
		for _, msg := range f.Messages {
			if _, dup := m.plain[l][msg.ID]; dup || slices.Contains(m.ids[l], msg.ID) {
				return nil, fmt.Errorf("web: messages %s: %q is defined twice", name, msg.ID)
			}
			m.ids[l] = append(m.ids[l], msg.ID)
			if !strings.Contains(msg.Other, "{{") {
				m.plain[l][msg.ID] = msg.Other
			}
		}
	}
	for _, l := range lang.All {
		sort.Strings(m.ids[l])
	}
	if err := sameKeys(m.ids[lang.EN], m.ids[lang.FR]); err != nil {
		return nil, err
	}
	return m, nil
}

func sameKeys(en, fr []string) error {
	set := map[string]int{}
	for _, k := range en {
		set[k]++
	}
	for _, k := range fr {
		set[k]--
	}
	var missing []string
	for k, v := range set {
		if v != 0 {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("web: messages not in both languages: %v", missing)
	}
	return nil
}

// T returns message id in l, with data filling its {{.Placeholders}}.
// An unknown id is a programming error caught by tests; it renders as the id.
func (m *Messages) T(l lang.Lang, id string, data map[string]any) string {
	if s, ok := m.plain[l][id]; ok {
		return s
	}
	s, err := m.localizers[l].Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}

// Has reports whether id is defined.
func (m *Messages) Has(id string) bool {
	i := sort.SearchStrings(m.ids[lang.EN], id)
	return i < len(m.ids[lang.EN]) && m.ids[lang.EN][i] == id
}

// Match picks the language a browser prefers from its Accept-Language header.
func Match(acceptLanguage string) lang.Lang {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil {
		return lang.EN
	}
	matcher := language.NewMatcher([]language.Tag{language.English, language.French})
	for _, t := range tags {
		if _, idx, conf := matcher.Match(t); conf >= language.High {
			return []lang.Lang{lang.EN, lang.FR}[idx]
		}
	}
	return lang.EN
}

package mail_test

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
)

// samples holds, for each kind of email, data its templates compose with.
// Templates fail on a missing key (missingkey=error), so every kind needs an
// entry here: ADD ONE WHEN YOU ADD A TEMPLATE (templates/KIND.en.txt and
// KIND.fr.txt), with every field the templates use.
var samples = map[string]any{
	"test":    map[string]any{"To": "eloise.tremblay@example.ca"},
	"verify":  map[string]any{"Link": "https://pathways.example.ca/fr/account/verify?token=abc", "Hours": 24},
	"reset":   map[string]any{"Link": "https://pathways.example.ca/fr/account/reset/new?token=abc", "Minutes": 60},
	"exists":  map[string]any{"SignInLink": "https://pathways.example.ca/en/signin", "ResetLink": "https://pathways.example.ca/en/account/reset"},
	"deleted": map[string]any{"PrivacyLink": "https://pathways.example.ca/en/privacy"},
	"confirmation": map[string]any{"Name": "Éloïse", "Title": "Data co-op", "Confirmation": "PW-7K3M-Q9TX",
		"SubmittedAt": "November 23, 2026, 4:59 p.m. EST", "Link": "https://pathways.example.ca/en/applications/1"},
	"status": map[string]any{"Name": "Éloïse", "Title": "Data co-op", "Confirmation": "PW-7K3M-Q9TX", "Status": "Screened in",
		"Meaning": "You meet the requirements.", "Note": "We will call you.", "Link": "https://pathways.example.ca/en/applications/1"},
	"reminder": map[string]any{"Name": "", "Title": "Data co-op", "Closes": "November 26, 2026, 5:00 p.m. EST",
		"Link": "https://pathways.example.ca/en/applications/1"},
}

func TestEveryKindComposesInBothLanguages(t *testing.T) {
	kinds := mail.Kinds()
	if len(kinds) == 0 {
		t.Fatal("no mail templates")
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, kind := range names {
		langs := kinds[kind]
		for _, l := range lang.All {
			if !slices.Contains(langs, l) {
				t.Errorf("mail kind %q has no %s template: add templates/%s.%s.txt", kind, l, kind, l)
			}
		}
		data, ok := samples[kind]
		if !ok {
			t.Errorf("mail kind %q has no sample data: add an entry for it to samples in internal/mail/kinds_test.go", kind)
			continue
		}
		subjects := map[lang.Lang]string{}
		for _, l := range langs {
			m, err := mail.Compose(kind, l, "eloise.tremblay@example.ca", data)
			if err != nil {
				t.Errorf("compose %s.%s with its sample: %v", kind, l, err)
				continue
			}
			if m.Kind != kind || m.Lang != l || m.To != "eloise.tremblay@example.ca" {
				t.Errorf("%s.%s: message %+v", kind, l, m)
			}
			if m.Subject == "" || len(m.Subject) > 200 || strings.ContainsAny(m.Subject, "\r\n") {
				t.Errorf("%s.%s: subject %q", kind, l, m.Subject)
			}
			if strings.TrimSpace(m.Body) == "" {
				t.Errorf("%s.%s: empty body", kind, l)
			}
			if strings.Contains(m.Body, "<no value>") || strings.Contains(m.Subject, "<no value>") {
				t.Errorf("%s.%s: a field rendered as <no value>", kind, l)
			}
			subjects[l] = m.Subject
		}
		if len(subjects) == 2 && subjects[lang.EN] == subjects[lang.FR] {
			t.Errorf("%s: the French subject is the English one (%q): not translated?", kind, subjects[lang.EN])
		}
	}
	for kind := range samples {
		if _, ok := kinds[kind]; !ok {
			t.Errorf("samples has data for %q, which has no template", kind)
		}
	}
}

func TestComposeFailsOnMissingData(t *testing.T) {
	if _, err := mail.Compose("test", lang.EN, "a@example.ca", map[string]any{}); err == nil {
		t.Fatal("composed with a missing field")
	}
	if _, err := mail.Compose("no-such-kind", lang.EN, "a@example.ca", nil); err == nil {
		t.Fatal("composed an unknown kind")
	}
}

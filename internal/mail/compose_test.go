package mail

import (
	"testing"

	"github.com/pathways-gov/pathways/internal/lang"
)

// A subject is always one line, whatever the data put into it.
func TestComposeKeepsTheSubjectOnOneLine(t *testing.T) {
	m, err := Compose("confirmation", lang.FR, "a@example.ca", map[string]any{
		"Name": "Jeanne", "Title": "Analyste\r\nde données\tjunior", "Confirmation": "PW-1", "SubmittedAt": "hier", "Link": "https://x.example/fr/applications/1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Candidature reçue : Analyste de données junior (PW-1)"; m.Subject != want {
		t.Fatalf("subject %q, want %q", m.Subject, want)
	}
}

// Package mail composes the emails Pathways sends and delivers them. Every
// email is first written to a durable outbox in the transaction that causes
// it; a worker then delivers it over SMTP, with retries.
package mail

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"
	"unicode"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Message is one email, composed and ready to queue.
type Message struct {
	Kind    string // the template it came from, e.g. "verify"
	UserID  int64  // the account it is about, 0 for none
	To      string
	Lang    lang.Lang
	Subject string
	Body    string // plain text
}

//go:embed templates/*.txt
var templateFS embed.FS

// templates are parsed once: templates/KIND.LANG.txt, whose first line is
// "Subject: …", then a blank line, then the body.
var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(templateFS, "templates/*.txt"))

// Compose renders the email kind in language l, addressed to to, with data
// filling its template. Every kind exists in both languages (tested).
func Compose(kind string, l lang.Lang, to string, data any) (Message, error) {
	name := kind + "." + string(l) + ".txt"
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return Message{}, fmt.Errorf("mail: compose %s: %w", name, err)
	}
	head, body, ok := strings.Cut(b.String(), "\n\n")
	subject, found := strings.CutPrefix(head, "Subject: ")
	if !ok || !found {
		return Message{}, fmt.Errorf("mail: template %s must start with one \"Subject: \" line and a blank line", name)
	}
	// A subject is one line: data with a line break in it (a title saved
	// before titles were checked) must not make an email impossible to send.
	subject = strings.Join(strings.FieldsFunc(subject, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	return Message{Kind: kind, To: to, Lang: l, Subject: subject, Body: strings.TrimLeft(body, "\n")}, nil
}

// Kinds lists every kind of email there is a template for, with the languages it exists in.
func Kinds() map[string][]lang.Lang {
	out := map[string][]lang.Lang{}
	for _, t := range templates.Templates() {
		name, ok := strings.CutSuffix(t.Name(), ".txt")
		if !ok {
			continue
		}
		i := strings.LastIndexByte(name, '.')
		if i < 0 {
			continue
		}
		if l, ok := lang.Parse(name[i+1:]); ok {
			out[name[:i]] = append(out[name[:i]], l)
		}
	}
	return out
}

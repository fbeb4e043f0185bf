package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Renderer holds every page template, parsed once per language at start-up.
type Renderer struct {
	pages  map[lang.Lang]map[string]*template.Template
	msgs   *Messages
	assets map[string]string // asset name -> hashed URL
}

// NewRenderer parses every page under templates/ (with the layout and partials)
// for each language; a broken template fails start-up, not a request.
func NewRenderer(msgs *Messages) (*Renderer, error) {
	r := &Renderer{pages: map[lang.Lang]map[string]*template.Template{}, msgs: msgs, assets: map[string]string{}}
	if err := r.hashAssets(); err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, l := range lang.All {
		base, err := template.New("layout").Funcs(r.funcs(l)).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
		if err != nil {
			return nil, fmt.Errorf("web: templates: %w", err)
		}
		r.pages[l] = map[string]*template.Template{}
		for _, p := range pages {
			t, err := template.Must(base.Clone()).ParseFS(templateFS, p)
			if err != nil {
				return nil, fmt.Errorf("web: template %s: %w", p, err)
			}
			r.pages[l][strings.TrimSuffix(path.Base(p), ".html")] = t
		}
	}
	return r, nil
}

func (r *Renderer) hashAssets() error {
	return fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(p, "static/")
		r.assets[name] = "/static/" + hex.EncodeToString(sum[:6]) + "/" + name
		return nil
	})
}

// Asset returns the content-hashed URL of a static file.
func (r *Renderer) Asset(name string) string { return r.assets[name] }

// Page is what every page template receives.
type Page struct {
	Lang      lang.Lang
	Title     string // the page's h1 and <title>, already translated
	Path      string // the request path without the language prefix, e.g. /jobs
	AltURL    string // the same page in the other language
	User      any    // the signed-in user, if any
	Flash     string
	Noindex   bool
	Canonical string // the page's canonical path, when it has several addresses
	Data      any
	Now       time.Time
	BodyHTML  template.HTML
}

// Render writes page name with status code. Rendering happens into a buffer so a
// template error gives a clean 500 rather than half a page.
func (r *Renderer) Render(w http.ResponseWriter, status int, name string, p *Page) error {
	t, ok := r.pages[p.Lang][name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

func (r *Renderer) funcs(l lang.Lang) template.FuncMap {
	return template.FuncMap{
		"t":         func(id string, kv ...any) string { return r.msgs.T(l, id, pairs(kv)) },
		"tx":        func(t lang.Text) string { return t.In(l) },
		"href":      func(p string) string { return "/" + string(l) + p },
		"asset":     r.Asset,
		"prose":     func(t lang.Text) template.HTML { return Prose(t.In(l)) },
		"money":     func(cents int64) string { return posting.Money(cents, l) },
		"salary":    func(s posting.Salary) string { return s.Format(l) },
		"datetime":  func(t time.Time) string { return posting.FormatDateTime(t, l) },
		"date":      func(t time.Time) string { return posting.FormatDate(t, l) },
		"civildate": func(s string) string { return posting.FormatCivilDate(s, l) },
		"place":     func(loc posting.Location) string { return loc.Place(l) },
		"iso":       func(t time.Time) string { return t.Format(time.RFC3339) },
		"query":     func(base string, v url.Values, kv ...any) string { return withQuery(base, v, kv...) },
		"add":       func(a, b int) int { return a + b },
		"dict":      func(kv ...any) map[string]any { return pairs(kv) },
		"list":      func(v ...string) []string { return v },
		"cents": func(dollars *int) int64 {
			if dollars == nil {
				return 0
			}
			return int64(*dollars) * 100
		},
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i
			}
			return s
		},
		"langname": func(x lang.Lang) string {
			if x == lang.FR {
				return "Français"
			}
			return "English"
		},
	}
}

func pairs(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// withQuery returns base with v's parameters, where each key/value pair in kv
// replaces (or, with an empty value, removes) a parameter.
func withQuery(base string, v url.Values, kv ...any) string {
	q := url.Values{}
	for k, vs := range v {
		q[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k, val := fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1])
		if val == "" {
			q.Del(k)
		} else {
			q.Set(k, val)
		}
	}
	if s := q.Encode(); s != "" {
		return base + "?" + s
	}
	return base
}

// Prose renders plain text as HTML: blank lines separate paragraphs and lines
// that start with "- " form bulleted lists. Everything is escaped.
func Prose(s string) template.HTML {
	var b strings.Builder
	inList := false
	para := []string{}
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + template.HTMLEscapeString(strings.Join(para, " ")) + "</p>\n")
			para = para[:0]
		}
	}
	closeList := func() {
		if inList {
			b.WriteString("</ul>\n")
			inList = false
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "- "):
			flush()
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>" + template.HTMLEscapeString(strings.TrimSpace(line[2:])) + "</li>\n")
		case line == "":
			flush()
			closeList()
		default:
			closeList()
			para = append(para, line)
		}
	}
	flush()
	closeList()
	return template.HTML(b.String())
}

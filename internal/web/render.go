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
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
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
	partials, err := fs.Glob(templateFS, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	for _, l := range lang.All {
		base := template.New("layout").Funcs(r.funcs(l))
		if err := r.parseFiles(base, l, append([]string{"templates/layout.html"}, partials...)...); err != nil {
			return nil, fmt.Errorf("web: templates: %w", err)
		}
		r.pages[l] = map[string]*template.Template{}
		for _, p := range pages {
			t := template.Must(base.Clone())
			if err := r.parseFiles(t, l, p); err != nil {
				return nil, fmt.Errorf("web: template %s: %w", p, err)
			}
			r.pages[l][strings.TrimSuffix(path.Base(p), ".html")] = t
		}
	}
	return r, nil
}

// parseFiles adds each file to t (named by its base name, as ParseFS does) after
// resolving its constant actions for l.
func (r *Renderer) parseFiles(t *template.Template, l lang.Lang, files ...string) error {
	for _, f := range files {
		b, err := templateFS.ReadFile(f)
		if err != nil {
			return err
		}
		src := r.resolveConstants(l, string(b))
		if f == "templates/layout.html" { // the layout's dot is the *Page, whose Lang is l
			src = strings.NewReplacer("{{.Lang}}", string(l), "{{.Lang.Other}}", string(l.Other()),
				"{{langname .Lang.Other}}", langName(l.Other())).Replace(src)
		}
		if _, err := t.New(path.Base(f)).Parse(src); err != nil {
			return err
		}
	}
	return nil
}

// Actions whose result depends only on the language, resolved when the templates
// are parsed so that rendering does not call a function for each of them.
var (
	constMessage = regexp.MustCompile(`\{\{t "([a-z_]+(?:\.[A-Za-z0-9_/.-]+)+)"\}\}`)
	constHref    = regexp.MustCompile(`\{\{href "(/[A-Za-z0-9_/?=&.-]*)"\}\}`)
	constAsset   = regexp.MustCompile(`\{\{asset "([A-Za-z0-9_.-]+)"\}\}`)
)

// resolveConstants replaces, in template source src for language l, each action
// that prints a placeholder-free message, a fixed link or an asset URL with its
// HTML-escaped text. Messages with placeholders and unknown ids stay actions, so
// they behave exactly as before.
func (r *Renderer) resolveConstants(l lang.Lang, src string) string {
	src = constMessage.ReplaceAllStringFunc(src, func(m string) string {
		if s, ok := r.msgs.plain[l][constMessage.FindStringSubmatch(m)[1]]; ok {
			return template.HTMLEscapeString(s)
		}
		return m
	})
	src = constHref.ReplaceAllStringFunc(src, func(m string) string {
		return template.HTMLEscapeString("/" + string(l) + constHref.FindStringSubmatch(m)[1])
	})
	return constAsset.ReplaceAllStringFunc(src, func(m string) string {
		if u, ok := r.assets[constAsset.FindStringSubmatch(m)[1]]; ok {
			return template.HTMLEscapeString(u)
		}
		return m
	})
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
	Current   navCurrent // which navigation link is this page, set by Render
}

// navCurrent marks the navigation link of the page being shown.
type navCurrent struct{ Jobs, Careers, Signin bool }

// Render writes page name with status code. Rendering happens into a buffer so a
// template error gives a clean 500 rather than half a page.
func (r *Renderer) Render(w http.ResponseWriter, status int, name string, p *Page) error {
	t, ok := r.pages[p.Lang][name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	p.Current = navCurrent{Jobs: p.Path == "/jobs", Careers: p.Path == "/careers", Signin: p.Path == "/signin"}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// renderBuffers reuses page buffers, so a page does not grow a new one from
// nothing each time (pages are tens of kilobytes).
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putRenderBuffer returns buf to the pool unless an unusually large page made
// it too big to keep.
func putRenderBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		renderBuffers.Put(buf)
	}
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
		"results":   func(items []*app.Summary, now time.Time) template.HTML { return r.resultsHTML(l, items, now) },
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
		"langname": langName,
	}
}

// langName is a language's name in itself.
func langName(x lang.Lang) string {
	if x == lang.FR {
		return "Français"
	}
	return "English"
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
// It writes in one pass into a buffer sized from the input, as every posting
// page renders about ten such sections.
func Prose(s string) template.HTML {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8 + 32)
	inList, inPara := false, false
	endPara := func() {
		if inPara {
			b.WriteString("</p>\n")
			inPara = false
		}
	}
	endList := func() {
		if inList {
			b.WriteString("</ul>\n")
			inList = false
		}
	}
	for rest := s; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "- "):
			endPara()
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>")
			writeEscaped(&b, strings.TrimSpace(line[2:]))
			b.WriteString("</li>\n")
		case line == "":
			endPara()
			endList()
		default:
			endList()
			if inPara {
				b.WriteByte(' ')
			} else {
				b.WriteString("<p>")
				inPara = true
			}
			writeEscaped(&b, line)
		}
	}
	endPara()
	endList()
	return template.HTML(b.String())
}

// writeEscaped writes s to b escaped as template.HTMLEscapeString does.
func writeEscaped(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case 0:
			esc = "\uFFFD"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

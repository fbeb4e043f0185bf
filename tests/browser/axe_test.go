package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets every page must pass: WCAG 2.1 A and AA, and
// axe's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}

// axeReport is what the page returns from axe.run.
type axeReport struct {
	Engine     string    `json:"engine"`
	Passes     int       `json:"passes"`
	Incomplete []string  `json:"incomplete"`
	Violations []axeRule `json:"violations"`
}

type axeRule struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	URL    string    `json:"helpUrl"`
	Nodes  []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  json.RawMessage `json:"target"`
	HTML    string          `json:"html"`
	Summary string          `json:"failureSummary"`
}

// axeScript runs axe on the document and resolves to a JSON report. No rule
// is turned off: none of the best practices proved inapplicable to our pages.
func axeScript() string {
	tags, _ := json.Marshal(axeTags)
	return `axe.run(document, {
		runOnly: {type: "tag", values: ` + string(tags) + `},
		resultTypes: ["violations"]
	}).then(r => JSON.stringify({
		engine: r.testEngine.version,
		passes: r.passes.length,
		incomplete: r.incomplete.map(v => v.id + " (" + v.nodes.length + ")"),
		violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))}))
	}))`
}

// checkAxe runs axe on the page in tab and fails the test with every
// violation, and a screenshot.
func (e *env) checkAxe(t *testing.T, tab context.Context, name string) {
	t.Helper()
	rep := e.runAxe(t, tab)
	t.Logf("axe-core %s: %d rules passed, %d violated, to review by hand: %v, on %s", rep.Engine, rep.Passes, len(rep.Violations), rep.Incomplete, location(t, tab))
	if len(rep.Violations) == 0 {
		return
	}
	t.Errorf("axe-core %s found %d violation(s) on %s:\n%s", rep.Engine, len(rep.Violations), location(t, tab), describeViolations(rep.Violations))
	screenshot(t, tab, name)
}

// runAxe runs axe-core on the page in tab. Tabs load it into every page they
// open (through DevTools, which the page's Content-Security-Policy does not
// govern); it is injected here into a page that lacks it.
func (e *env) runAxe(t *testing.T, tab context.Context) axeReport {
	t.Helper()
	if !eval[bool](t, tab, `typeof window.axe === "object" && typeof window.axe.run === "function"`) {
		if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](e.axe)); err != nil {
			t.Fatalf("inject axe-core: %v", err)
		}
	}
	out, err := chromedp.Run(tab, chromedp.Evaluate[string](axeScript(), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	var rep axeReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("axe-core report: %v", err)
	}
	if rep.Passes == 0 {
		t.Fatalf("axe-core %s checked nothing on %s", rep.Engine, location(t, tab))
	}
	return rep
}

// describeViolations lists each rule with its first few offending elements.
func describeViolations(vs []axeRule) string {
	const shown = 3
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  [%s] %s: %s (%d element(s), %s)\n", v.Impact, v.ID, v.Help, len(v.Nodes), v.URL)
		for i, n := range v.Nodes {
			if i == shown {
				fmt.Fprintf(&b, "      … and %d more\n", len(v.Nodes)-shown)
				break
			}
			fmt.Fprintf(&b, "      %s\n        %s\n", n.Target, truncate(n.HTML, 240))
			if n.Summary != "" {
				fmt.Fprintf(&b, "        %s\n", strings.ReplaceAll(truncate(n.Summary, 400), "\n", "\n        "))
			}
		}
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// TestAxeFindsViolations keeps the page tests honest: on a page built to break
// rules, the same runner must report them.
func TestAxeFindsViolations(t *testing.T) {
	e := need(t)
	tab := e.tab(t, e.browser)
	broken := `<!doctype html><html><head><title>Broken</title></head><body><main>` +
		`<img src="missing.png"><a href="/x"></a><p style="color:#bbb;background:#fff">faint</p></main></body></html>`
	if err := chromedp.Do(tab, chromedp.Navigate("data:text/html;charset=utf-8,"+url.PathEscape(broken))); err != nil {
		t.Fatal(err)
	}
	rep := e.runAxe(t, tab)
	found := map[string]bool{}
	for _, v := range rep.Violations {
		found[v.ID] = true
	}
	for _, want := range []string{"html-has-lang", "image-alt", "link-name", "color-contrast"} {
		if !found[want] {
			t.Errorf("axe-core did not report %s; it reported:\n%s", want, describeViolations(rep.Violations))
		}
	}
}

package browser

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pathways-gov/pathways/internal/app"
)

// focusJS defines, in the page, what the keyboard should reach and how the
// focused element looks. window.__focusables lists the elements Tab should
// stop on, in document order: enabled controls and links that are rendered,
// and of each group of radio buttons only the checked one (or the first).
const focusJS = `(() => {
	const sel = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
	window.__focusables = () => Array.from(document.querySelectorAll(sel)).filter(el => {
		if (el.getClientRects().length === 0) return false;
		if (el.type === "radio" && el.name) {
			const group = Array.from(document.getElementsByName(el.name));
			const chosen = group.find(r => r.checked) || group[0];
			return chosen === el;
		}
		return true;
	});
	window.__describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		(el.name ? "[name=" + el.name + "]" : "") + (el.value && el.type === "checkbox" ? "[value=" + el.value + "]" : "") +
		(el.getAttribute("href") ? "[href=" + el.getAttribute("href") + "]" : "") +
		' "' + (el.innerText || el.value || "").trim().slice(0, 40) + '"';
	window.__focused = () => {
		const el = document.activeElement;
		if (!el || el === document.body || el === document.documentElement) return {index: -1, desc: "body"};
		const cs = getComputedStyle(el);
		const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
		const shadow = cs.boxShadow !== "none" && cs.boxShadow !== "";
		const r = el.getBoundingClientRect();
		const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
			r.left < document.documentElement.scrollWidth;
		return {index: window.__focusables().indexOf(el), desc: window.__describe(el),
			indicator: outline || shadow, onScreen: onScreen, outline: cs.outline, shadow: cs.boxShadow};
	};
	return true;
})()`

// focused is what the page says about document.activeElement.
type focused struct {
	Index     int    `json:"index"` // among window.__focusables(), -1 for none
	Desc      string `json:"desc"`
	Indicator bool   `json:"indicator"` // a visible outline or box-shadow
	OnScreen  bool   `json:"onScreen"`
	Outline   string `json:"outline"`
	Shadow    string `json:"shadow"`
}

// loadFocusJS defines the focus helpers in the current page.
func loadFocusJS(t *testing.T, tab context.Context) {
	t.Helper()
	eval[bool](t, tab, focusJS)
}

func activeElement(t *testing.T, tab context.Context) focused {
	t.Helper()
	return eval[focused](t, tab, `window.__focused()`)
}

// press sends keys to the focused element, as a keyboard would.
func press(t *testing.T, tab context.Context, keys string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.KeyEvent(keys)); err != nil {
		t.Fatalf("press %q: %v", keys, err)
	}
}

// pressAndLoad presses keys that should load a new page, and waits for it.
func pressAndLoad(t *testing.T, tab context.Context, keys string) int64 {
	t.Helper()
	res, err := chromedp.RunResponse(tab, chromedp.KeyEvent(keys))
	if err != nil {
		t.Fatalf("press %q and wait for a page: %v", keys, err)
	}
	loadFocusJS(t, tab)
	return res.Status
}

// activeIs reports whether document.activeElement matches the CSS selector.
func activeIs(t *testing.T, tab context.Context, selector string) bool {
	t.Helper()
	return eval[bool](t, tab, fmt.Sprintf(`document.activeElement !== null && document.activeElement.matches(%q)`, selector))
}

// tabTo presses Tab until the focused element matches the JavaScript
// predicate on el, at most max times, and returns how many presses it took.
func tabTo(t *testing.T, tab context.Context, what, predicate string, max int) int {
	t.Helper()
	check := fmt.Sprintf(`(el => el !== null && el !== document.body && (%s))(document.activeElement)`, predicate)
	for n := 1; n <= max; n++ {
		press(t, tab, kb.Tab)
		if eval[bool](t, tab, check) {
			return n
		}
	}
	screenshot(t, tab, t.Name())
	t.Fatalf("%d presses of Tab did not reach %s; focus is on %s", max, what, activeElement(t, tab).Desc)
	return 0
}

// TestKeyboardSearchFlow searches, filters and opens a posting with the
// keyboard alone, from the top of the home page.
func TestKeyboardSearchFlow(t *testing.T) {
	e := need(t)
	tab := e.tab(t, e.incognito(t))
	e.visit(t, tab, "/en/")
	loadFocusJS(t, tab)

	press(t, tab, kb.Tab)
	if !activeIs(t, tab, "a.skip-link[href='#main']") {
		t.Fatalf("the first Tab focuses %s, want the skip link", activeElement(t, tab).Desc)
	}
	press(t, tab, kb.Enter)
	if !activeIs(t, tab, "main#main") {
		t.Fatalf("Enter on the skip link leaves focus on %s, want main", activeElement(t, tab).Desc)
	}
	if n := tabTo(t, tab, "the search box", `el.matches("main input[type=search]")`, 3); n != 1 {
		t.Errorf("the search box is %d Tabs after the skip link's target, want the first stop in main", n)
	}
	keyword := e.commonTitleWord()
	press(t, tab, keyword)
	if status := pressAndLoad(t, tab, kb.Enter); status != 200 {
		t.Fatalf("search for %q: status %d", keyword, status)
	}
	if got := queryOf(t, tab).Get("q"); got != keyword {
		t.Fatalf("after Enter in the search box the page is %s, want a search for %q", location(t, tab), keyword)
	}
	total := resultCount(t, tab)
	t.Logf("typed %q and pressed Enter: %d results", keyword, total)

	// A facet option that narrows the results, reached with Tab and checked with Space.
	narrowing := fmt.Sprintf(`el.matches(".facet input[type=checkbox]") && !el.checked &&
		parseInt(el.labels[0].querySelector(".count").textContent.replace(/\D/g, "")) < %d`, total)
	tabTo(t, tab, "a facet option that narrows the results", narrowing, 400)
	name := eval[string](t, tab, `document.activeElement.name`)
	value := eval[string](t, tab, `document.activeElement.value`)
	want := eval[int](t, tab, `parseInt(document.activeElement.labels[0].querySelector(".count").textContent.replace(/\D/g, ""))`)
	t.Logf("Tab reached the facet option %s=%s, with %d results", name, value, want)
	press(t, tab, " ")
	if !eval[bool](t, tab, `document.activeElement.checked`) {
		t.Fatalf("Space did not check %s", activeElement(t, tab).Desc)
	}
	tabTo(t, tab, "the Apply filters button after the facets", `el.matches(".search-facets button[type=submit]")`, 400)
	if status := pressAndLoad(t, tab, kb.Enter); status != 200 {
		t.Fatalf("apply filters: status %d", status)
	}
	q := queryOf(t, tab)
	if !contains(q[name], value) || q.Get("q") != keyword {
		t.Fatalf("after Apply filters the page is %s, want %s=%s and q=%s", location(t, tab), name, value, keyword)
	}
	if got := resultCount(t, tab); got != want || got >= total {
		t.Errorf("%s=%s shows %d results, want %d (its count), fewer than %d", name, value, got, want, total)
	}
	if !eval[bool](t, tab, fmt.Sprintf(`document.querySelector('.facet input[name=%q][value=%q]').checked`, name, value)) {
		t.Errorf("the chosen facet option is not checked on the filtered page")
	}

	tabTo(t, tab, "a result link", `el.matches(".results a")`, 400)
	if !eval[bool](t, tab, `document.activeElement === document.querySelector(".results a")`) {
		t.Errorf("Tab reaches %s before the first result", activeElement(t, tab).Desc)
	}
	href := eval[string](t, tab, `document.activeElement.href`)
	title := eval[string](t, tab, `document.activeElement.textContent.trim()`)
	if status := pressAndLoad(t, tab, kb.Enter); status != 200 {
		t.Fatalf("open %s: status %d", href, status)
	}
	if loc := location(t, tab); loc != href || !regexp.MustCompile(`/en/jobs/[0-9]+-`).MatchString(loc) {
		t.Errorf("Enter on the first result opened %s, want %s", loc, href)
	}
	if h1 := eval[string](t, tab, `document.querySelector("h1").textContent.trim()`); h1 != title {
		t.Errorf("the posting page's heading is %q, want the result's title %q", h1, title)
	}
}

// TestFocusIsAlwaysVisible tabs through whole pages: every link and control
// must be reached, in document order, and show a focus indicator when it has
// the focus.
func TestFocusIsAlwaysVisible(t *testing.T) {
	e := need(t)
	pages := []string{"/en/", "/en/jobs", "/fr/jobs?page=2", fmt.Sprintf("/en/jobs/%d", e.open.ID), "/fr/signin"}
	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			e.checkFocusWalk(t, e.tab(t, e.incognito(t)), path)
		})
	}
	t.Run("/en/staff/postings/new", func(t *testing.T) {
		e.checkFocusWalk(t, e.tab(t, e.signedIn(t, "hr-ods@example.ca")), "/en/staff/postings/new")
	})
}

// checkFocusWalk loads path and presses Tab until focus leaves the page.
func (e *env) checkFocusWalk(t *testing.T, tab context.Context, path string) {
	e.visit(t, tab, path)
	loadFocusJS(t, tab)
	n := eval[int](t, tab, `window.__focusables().length`)
	if n < 5 {
		t.Fatalf("%s has only %d focusable elements", path, n)
	}
	const maxReported = 10 // elements without an indicator, listed before the summary
	var order []int
	reported := 0
	for range n + 2 {
		press(t, tab, kb.Tab)
		f := activeElement(t, tab)
		if f.Index == -1 && f.Desc == "body" || len(order) > 0 && f.Index == order[0] {
			break // past the last element
		}
		if f.Index == -1 {
			t.Errorf("Tab stops on %s, which is not a link or a control", f.Desc)
			continue
		}
		if (!f.Indicator || !f.OnScreen) && reported < maxReported {
			reported++
			t.Errorf("%s shows no focus indicator when focused (outline %q, box-shadow %q, on screen %v)", f.Desc, f.Outline, f.Shadow, f.OnScreen)
		}
		order = append(order, f.Index)
	}
	if !sort.IntsAreSorted(order) || len(order) != n {
		t.Errorf("Tab visits %d of the %d links and controls, in the order %v; want each once, in document order", len(order), n, order)
	}
	if t.Failed() {
		screenshot(t, tab, t.Name())
	}
}

// commonTitleWord is the word found in the most open postings' English
// titles, so that a search for it has several results to filter.
func (e *env) commonTitleWord() string {
	counts := map[string]int{}
	q, _ := app.ParseSearchParams(url.Values{"per_page": {"100"}})
	for _, s := range e.app.Search(q).Items {
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(s.Title.EN, func(r rune) bool { return !unicode.IsLetter(r) }) {
			w = strings.ToLower(w)
			if len(w) >= 4 && !seen[w] {
				seen[w] = true
				counts[w]++
			}
		}
	}
	best := ""
	for w, c := range counts {
		if c > counts[best] || c == counts[best] && w < best {
			best = w
		}
	}
	return best
}

// resultCount reads the number of results from the results heading.
func resultCount(t *testing.T, tab context.Context) int {
	t.Helper()
	text := eval[string](t, tab, `document.querySelector("#results-heading").textContent`)
	digits := regexp.MustCompile(`[0-9][0-9  ,]*`).FindString(text)
	n, err := strconv.Atoi(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, digits))
	if err != nil {
		t.Fatalf("no result count in %q", text)
	}
	return n
}

// queryOf is the query of the page's address.
func queryOf(t *testing.T, tab context.Context) url.Values {
	t.Helper()
	u, err := url.Parse(location(t, tab))
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

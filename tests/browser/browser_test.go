package browser

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
)

// pageCase is a page reached with GET, visited in both languages.
type pageCase struct {
	name   string
	path   string // after the language segment: "/jobs?page=2"
	status int64
	// must is a CSS selector the page has to match, so that the test knows it
	// checked the page it meant to (results, an error summary, a form…).
	must string
}

// publicPages lists every kind of public page, in the states a visitor meets.
func (e *env) publicPages() []pageCase {
	keyword := strings.Fields(e.open.Title.EN)[0]
	pages := []pageCase{
		{"home", "/", 200, "#q-home"},
		{"jobs", "/jobs", 200, ".results .result"},
		{"jobs keyword and facets", fmt.Sprintf("/jobs?q=%s&program=%s&type=%s", url.QueryEscape(keyword), e.open.Program, e.open.Type), 200,
			fmt.Sprintf("input[name=program][value=%q]:checked", e.open.Program)},
		{"jobs no results", "/jobs?q=xylophonist", 200, "#f-q[value=xylophonist]"},
		{"jobs bad parameters", "/jobs?salary_min=-5&sort=random&page=abc", 400, ".error-summary li"},
		{"jobs page 2", "/jobs?page=2", 200, ".pagination a[rel=prev]"},
		{"open posting", strings.TrimPrefix(posting.PublicPath(lang.EN, e.open.ID, e.open.Title), "/en"), 200, "article.posting"},
		{"closed posting", fmt.Sprintf("/jobs/%d", e.sample), 200, ".closed-banner"},
		{"careers", "/careers", 200, "main section h2 a"},
		{"focus area", "/careers/oip/information-technology", 200, ".breadcrumb"},
		{"focus area to come", "/careers/oip/labour-relations", 200, "main .notice"},
		{"stream", "/careers/gc-it/it-security", 200, ".breadcrumb"},
		{"level", "/careers/gc-it/levels/it-03", 200, ".breadcrumb"},
		{"executive level", "/careers/gc-ex/levels/ex-02", 200, ".breadcrumb"},
		{"not found", "/nothing-here", 404, "main h1"},
		{"sign-in", "/signin", 200, "#email"},
	}
	for _, p := range e.app.Catalog().Programs() {
		pages = append(pages, pageCase{"program " + p.Code, "/careers/" + p.Code, 200, ".breadcrumb"})
	}
	return pages
}

// staffPages lists the staff pages reached with GET.
func (e *env) staffPages() []pageCase {
	return []pageCase{
		{"postings", "/staff/postings", 200, "table.table tbody tr"},
		{"new posting", "/staff/postings/new", 200, "form.posting-form"},
		{"edit posting", fmt.Sprintf("/staff/postings/%d/edit", e.published.ID), 200, "form.posting-form #title_en"},
		// A draft lists what publishing needs, and does not claim to be closed.
		{"draft preview", fmt.Sprintf("/staff/postings/%d", e.draft.ID), 200, "main:not(:has(.closed-banner)) .staff-panel .error-summary li"},
		{"published preview", fmt.Sprintf("/staff/postings/%d", e.published.ID), 200, ".staff-panel form[action$='/close']"},
	}
}

// TestPublicPagesPassAxe checks every public page, in English and through its
// language toggle in French.
func TestPublicPagesPassAxe(t *testing.T) {
	e := need(t)
	for _, p := range e.publicPages() {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			e.checkBothLanguages(t, e.browser, p)
		})
	}
}

// TestStaffPagesPassAxe checks the staff pages as an HR advisor of one
// organization and as a platform administrator, each signed in through the form.
func TestStaffPagesPassAxe(t *testing.T) {
	e := need(t)
	for _, account := range []string{"hr-ods@example.ca", "platform-admin@example.ca"} {
		t.Run(account, func(t *testing.T) {
			session := e.signedIn(t, account)
			for _, p := range e.staffPages() {
				t.Run(p.name, func(t *testing.T) {
					t.Parallel()
					e.checkBothLanguages(t, session, p)
				})
			}
		})
	}
}

// TestCatalogEditorPassesAxe checks the catalog editor as a platform administrator.
func TestCatalogEditorPassesAxe(t *testing.T) {
	e := need(t)
	session := e.signedIn(t, "platform-admin@example.ca")
	for _, p := range []pageCase{
		{"catalog", "/staff/catalog", 200, "a[href$='/staff/catalog/organization/ods']"},
		{"catalog entry", "/staff/catalog/stream/communications", 200, "form textarea#data"},
	} {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			e.checkBothLanguages(t, session, p)
		})
	}
}

// TestSigninErrorPassesAxe checks the sign-in form as it comes back refused.
func TestSigninErrorPassesAxe(t *testing.T) {
	e := need(t)
	tab := e.tab(t, e.incognito(t))
	for _, l := range []string{"en", "fr"} {
		status, err := e.submitSignin(tab, l, "nobody@example.ca", "not the password")
		if err != nil {
			t.Fatalf("sign in: %v", err)
		}
		e.checkPage(t, tab, l, pageCase{"sign-in error", "/signin", 401, "#email[aria-invalid=true][aria-describedby=signin-error]"}, status)
		checkToggle(t, location(t, tab), toggleHref(t, tab), otherLang(l))
	}
}

// TestPostingFormErrorsPassAxe checks the posting form as it comes back with
// validation errors, keeping what was typed.
func TestPostingFormErrorsPassAxe(t *testing.T) {
	e := need(t)
	for _, account := range []string{"hr-ods@example.ca", "platform-admin@example.ca"} {
		t.Run(account, func(t *testing.T) {
			tab := e.tab(t, e.signedIn(t, account))
			for _, l := range []string{"en", "fr"} {
				status := e.submitBadPosting(t, tab, l)
				e.checkPage(t, tab, l, pageCase{"posting form errors", "/staff/postings", 422, ".error-summary li a[href='#hours']"}, status)
				if v := eval[string](t, tab, `document.querySelector("#hours").value`); v != "lots" {
					t.Errorf("the refused form shows hours %q, want what was typed", v)
				}
				if !eval[bool](t, tab, `document.querySelector("#hours").getAttribute("aria-invalid") === "true"`) {
					t.Errorf("the refused hours field is not marked invalid")
				}
				checkToggle(t, location(t, tab), toggleHref(t, tab), otherLang(l))
			}
		})
	}
}

// submitBadPosting types a new posting with wrong values into the form in
// lang, submits it and returns the status of the page that answers.
func (e *env) submitBadPosting(t *testing.T, tab context.Context, l string) int64 {
	t.Helper()
	e.visit(t, tab, "/"+l+"/staff/postings/new")
	if err := chromedp.Do(tab,
		chromedp.SendKeys(chromedp.ID("title_en"), "Junior data analyst"),
		chromedp.SendKeys(chromedp.ID("hours"), "lots"),
		chromedp.SendKeys(chromedp.ID("salary_min"), "900"),
		chromedp.SendKeys(chromedp.ID("salary_max"), "800"),
	); err != nil {
		t.Fatalf("fill in the posting form: %v", err)
	}
	res, err := chromedp.RunResponse(tab, chromedp.Click(chromedp.CSS(`.form-actions button[type=submit]:not([name])`)))
	if err != nil {
		t.Fatalf("submit the posting form: %v", err)
	}
	return res.Status
}

func otherLang(l string) string {
	if l == "en" {
		return "fr"
	}
	return "en"
}

// checkBothLanguages checks the page in English, follows its language toggle,
// checks that it leads to the same page in French and checks that page too.
func (e *env) checkBothLanguages(t *testing.T, browser context.Context, p pageCase) {
	tab := e.pooledTab(t, browser)
	status := e.visit(t, tab, "/en"+p.path)
	e.checkPage(t, tab, "en", p, status)
	toggle := toggleHref(t, tab)
	checkToggle(t, location(t, tab), toggle, "fr")
	res, err := chromedp.Run(tab, chromedp.NavigateResponse(toggle))
	if err != nil {
		t.Fatalf("follow the language toggle %s: %v", toggle, err)
	}
	e.checkPage(t, tab, "fr", p, res.Status)
	checkToggle(t, location(t, tab), toggleHref(t, tab), "en")
}

// checkPage checks that the page in tab is the one meant, in lang, and that
// axe finds nothing wrong with it.
func (e *env) checkPage(t *testing.T, tab context.Context, l string, p pageCase, status int64) {
	t.Helper()
	name := t.Name() + "-" + l
	if status != p.status {
		t.Errorf("%s: status %d, want %d", location(t, tab), status, p.status)
	}
	if got := eval[string](t, tab, `document.documentElement.lang`); got != l {
		t.Errorf("%s: html lang %q, want %q", location(t, tab), got, l)
	}
	if !eval[bool](t, tab, fmt.Sprintf(`document.querySelector(%q) !== null`, p.must)) {
		t.Errorf("%s: nothing matches %s", location(t, tab), p.must)
		screenshot(t, tab, name)
	}
	for _, a := range eval[[]string](t, tab, brokenFragmentLinks) {
		t.Errorf("%s: in-page link to nothing: %s", location(t, tab), a)
	}
	e.checkAxe(t, tab, name)
}

// brokenFragmentLinks lists the page's links to an id the page lacks (the
// skip link, links of error summaries).
const brokenFragmentLinks = `Array.from(document.querySelectorAll('a[href^="#"]'))
	.filter(a => !document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))))
	.map(a => a.outerHTML)`

// toggleHref is the absolute address the page's language toggle leads to.
func toggleHref(t *testing.T, tab context.Context) string {
	t.Helper()
	href := eval[string](t, tab, `(document.querySelector("header a[hreflang]") || {href: ""}).href`)
	if href == "" {
		t.Fatalf("%s has no language toggle", location(t, tab))
	}
	return href
}

// checkToggle checks that toggle leads to the page at from, in the language to.
func checkToggle(t *testing.T, from, toggle, to string) {
	t.Helper()
	_, fromRest := splitLang(t, from)
	toLang, toRest := splitLang(t, toggle)
	if toLang != to || toRest != fromRest {
		t.Errorf("the language toggle of %s leads to %s, want the same page in %q", from, toggle, to)
	}
}

// postingSlug matches the slug of a posting's address, which differs between
// languages.
var postingSlug = regexp.MustCompile(`^(/jobs/[0-9]+)-[^/?]*`)

// splitLang splits an address into its language and the rest of its path and
// query, without a posting's slug.
func splitLang(t *testing.T, address string) (string, string) {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatalf("address %q: %v", address, err)
	}
	segs := strings.SplitN(strings.TrimPrefix(u.Path, "/"), "/", 2)
	if len(segs) < 2 {
		t.Fatalf("address %q has no language segment", address)
	}
	rest := postingSlug.ReplaceAllString("/"+segs[1], "$1")
	if u.RawQuery != "" {
		rest += "?" + u.RawQuery
	}
	return segs[0], rest
}

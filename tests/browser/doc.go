// Package browser holds Pathways' browser tests: every public and staff page,
// in English and in French, is loaded in Debian's headless Chromium (driven by
// chromedp) and checked with axe-core against WCAG 2.1 AA, and the search flow
// is walked with the keyboard alone.
//
// The tests need /usr/bin/chromium (apt-get install chromium) and axe-core
// (npm ci --prefix tests/browser, which make test runs). Without either, they
// fail and say how to install it.
package browser

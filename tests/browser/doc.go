// Package browser holds Pathways' browser tests: every public, staff and
// applicant page (account, profile, applying, dashboard, the staff outbox and
// application pages), in English and in French and in the states people meet
// them (empty, refused with errors, filled in), is loaded in Debian's headless
// Chromium (driven by chromedp) and checked with axe-core against WCAG 2.1 AA.
// The search flow is walked with the keyboard alone, and so is the path of a
// new applicant; the whole path (sign up, confirm the address from the email
// the server's mail worker delivered to an SMTP server the tests run, build a
// profile, apply with an uploaded PDF, see the status, withdraw) is walked in
// both languages.
//
// The tests need /usr/bin/chromium (apt-get install chromium) and axe-core
// (npm ci --prefix tests/browser, which make test runs). Without either, they
// fail and say how to install it.
package browser

package browser

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/server"
	"github.com/pathways-gov/pathways/internal/store"
)

const (
	// chromiumPath is Debian's chromium, the browser CI installs.
	chromiumPath = "/usr/bin/chromium"
	// axePath is axe-core as npm installs it from package-lock.json.
	axePath = "node_modules/axe-core/axe.min.js"
	// testPassword is every test account's password.
	testPassword = "correct horse battery staple"
	// syntheticPostings is how many generated postings the server holds, so
	// that result lists, facets and pagination appear.
	syntheticPostings = 60
	// tabTimeout bounds everything one test does in one tab.
	tabTimeout = 60 * time.Second
)

// testNow is the server's clock: fixed, so that which postings are open never
// depends on the day the tests run.
var testNow = time.Date(2026, time.November, 23, 12, 0, 0, 0, time.UTC)

// env is the server and the browser that every test of the binary shares.
type env struct {
	app     *app.App
	base    string          // the server's address: http://127.0.0.1:port
	mail    *mailbox        // where the server's email arrives
	browser context.Context // a chromedp context with a running browser
	axe     string          // the source of axe.min.js

	// Postings the page tests visit.
	sample    int64            // the closed Data co-op sample posting
	open      *posting.Posting // an open synthetic posting
	draft     *posting.Posting // an incomplete draft of org ods
	published *posting.Posting // a complete, published posting of org ods
	people    applicants       // what the seeded applicant accounts own (account_test.go)

	mu       sync.Mutex
	sessions map[string]context.Context            // a signed-in browser context per account
	tabs     map[context.Context][]context.Context // open tabs free to lend, by browser context (see pooledTab)
	closers  []func()
}

var (
	shared   *env
	setupErr error
)

func TestMain(m *testing.M) {
	flag.Parse()
	// Tests spend much of their time waiting: for the browser, and for email
	// from the mail worker, which polls the outbox every few seconds. Unless
	// told otherwise (-parallel), run more of them at once than there are CPUs.
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(4, runtime.GOMAXPROCS(0))))
	}
	os.Exit(runTests(m))
}

// runTests starts the shared server and browser, runs the tests and stops
// both. A failed start does not stop the run: every test then fails with the
// reason (see need), so that a missing browser can never pass for a success.
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "pathways-browser-")
	if err != nil {
		setupErr = err
		return m.Run()
	}
	defer os.RemoveAll(dir)
	e, err := start(dir)
	if e != nil {
		defer e.stop()
	}
	if err != nil {
		setupErr = err
	} else {
		shared = e
	}
	return m.Run()
}

// need returns the shared environment, or fails the test with the reason it
// could not start.
func need(t *testing.T) *env {
	t.Helper()
	if setupErr != nil {
		t.Fatalf("browser tests cannot run: %v", setupErr)
	}
	return shared
}

// start checks the prerequisites, then starts the server and the browser. The
// returned env, when not nil, must be stopped even if err is not nil.
func start(dir string) (*env, error) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		return nil, fmt.Errorf("axe-core is missing (%v): install it with `npm ci --prefix tests/browser` from the repository root (make test does this)", err)
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		return nil, fmt.Errorf("chromium is missing (%v): install Debian's package with `apt-get install chromium`", err)
	}
	e := &env{axe: string(axe), sessions: map[string]context.Context{}, tabs: map[context.Context][]context.Context{}}
	if err := e.startServer(dir); err != nil {
		return e, err
	}
	if err := e.startBrowser(dir); err != nil {
		return e, err
	}
	return e, nil
}

// stop closes the browser, the server and the database, in that order.
func (e *env) stop() {
	for i := len(e.closers) - 1; i >= 0; i-- {
		e.closers[i]()
	}
}

func (e *env) startServer(dir string) error {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	db, err := store.Open(ctx, "sqlite:"+filepath.Join(dir, "pathways.db"))
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	e.closers = append(e.closers, func() { db.Close() })
	e.app = app.New(db, log)
	e.app.Now = func() time.Time { return testNow }
	if err := e.app.Bootstrap(ctx); err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	if err := e.seed(ctx); err != nil {
		return err
	}
	// Email goes through the server's own mail worker, over SMTP, to a
	// mailbox the tests read.
	box, err := startMailbox()
	if err != nil {
		return err
	}
	e.mail = box
	e.closers = append(e.closers, box.Close)
	host, port, _ := net.SplitHostPort(box.addr)
	portN, _ := strconv.Atoi(port)
	sender, err := mail.NewSMTP(mail.SMTPConfig{Host: host, Port: portN}, "Pathways <no-reply@example.ca>", mail.WithTimeout(10*time.Second))
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	s, err := server.New(e.app, server.Config{Addr: "127.0.0.1:0", Mailer: sender}, log)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	// Run, as in production, so that the mail worker runs too. Links in
	// emails point to the address the server listens on.
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- s.Run(ctx, func(addr string) {
			e.app.BaseURL = "http://" + addr
			ready <- addr
		})
	}()
	select {
	case addr := <-ready:
		e.base = "http://" + addr
	case err := <-done:
		cancel()
		return fmt.Errorf("server: %w", err)
	}
	e.closers = append(e.closers, func() { cancel(); <-done })
	return nil
}

// seed adds the staff accounts, the synthetic postings and the staff fixtures.
func (e *env) seed(ctx context.Context) error {
	db := e.app.DB
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		return err
	}
	var admin *auth.User
	for _, u := range []*auth.User{
		{Email: "hr-ods@example.ca", Name: "HR advisor", Role: auth.HRAdvisor, Org: "ods"},
		{Email: "platform-admin@example.ca", Name: "Platform admin", Role: auth.PlatformAdmin},
	} {
		if err := db.CreateUser(ctx, u, hash); err != nil {
			return fmt.Errorf("create user %s: %w", u.Email, err)
		}
		admin = u
	}
	synth := posting.Synth(7, syntheticPostings, e.app.SynthRefs())
	if err := db.InsertPostings(ctx, synth, testNow); err != nil {
		return fmt.Errorf("insert synthetic postings: %w", err)
	}
	for _, p := range synth {
		if p.IsOpen(testNow) && p.Program != "" && e.open == nil {
			e.open = p
		}
	}
	if e.open == nil {
		return errors.New("no open synthetic posting with a program")
	}
	e.sample = 1 // the sample Bootstrap loads into an empty database
	if err := e.saveFixtures(ctx, admin); err != nil {
		return err
	}
	if err := e.seedApplicants(ctx, hash); err != nil { // account_test.go
		return err
	}
	return e.app.Reindex(ctx)
}

// saveFixtures saves a draft that cannot be published yet and a published
// posting, both of org ods.
func (e *env) saveFixtures(ctx context.Context, actor *auth.User) error {
	e.draft = copyOfSample("ods", time.Time{})
	e.draft.Content.HowToApply.FR = "" // incomplete: its preview lists what publishing needs
	if err := e.app.SavePosting(ctx, actor, e.draft); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	pub := copyOfSample("ods", testNow.Add(30*24*time.Hour))
	if err := e.app.SavePosting(ctx, actor, pub); err != nil {
		return fmt.Errorf("save posting to publish: %w", err)
	}
	p, err := e.app.Transition(ctx, actor.ID, pub.ID, pub.Version, posting.Publish)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	e.published = p
	return nil
}

// copyOfSample returns the sample posting as a new draft of org, closing at closes.
func copyOfSample(org string, closes time.Time) *posting.Posting {
	p := posting.DataCoop()
	p.ID, p.Version, p.Status = 0, 0, posting.Draft
	p.PublishedAt, p.ClosedAt = time.Time{}, time.Time{}
	p.OrgCode = org
	p.ClosesAt = closes
	return p
}

func (e *env) startBrowser(dir string) error {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "chromium")),
		chromedp.WindowSize(1280, 1000),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	e.closers = append(e.closers, cancelAlloc)
	browser, cancel := chromedp.NewContext(alloc)
	e.closers = append(e.closers, cancel)
	if err := chromedp.Do(browser); err != nil {
		return fmt.Errorf("start %s: %w", chromiumPath, err)
	}
	e.browser = browser
	return nil
}

// url is the absolute address of a path on the test server.
func (e *env) url(path string) string { return e.base + path }

// tab opens a new tab in the browser context of parent (e.browser for an
// anonymous visitor, or a context from signedIn). The tab closes when the test
// ends, and everything done in it must end within tabTimeout.
func (e *env) tab(t *testing.T, parent context.Context) context.Context {
	t.Helper()
	return e.tabFor(t, parent, tabTimeout)
}

// tabFor is tab for tests that do more in one tab than tabTimeout allows
// (the journeys), bounded by timeout instead.
func (e *env) tabFor(t *testing.T, parent context.Context, timeout time.Duration) context.Context {
	t.Helper()
	ctx, cancel, err := e.newTab(parent)
	t.Cleanup(cancel)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelTimeout)
	return ctx
}

// newTab opens a tab in the browser context of parent; cancel closes it.
func (e *env) newTab(parent context.Context) (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(parent)
	if err := chromedp.Do(ctx); err != nil {
		return ctx, cancel, fmt.Errorf("open a tab: %w", err)
	}
	// Keyboard focus and :focus-visible behave as in a focused window, even
	// when another test's tab has the browser's focus.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return ctx, cancel, fmt.Errorf("focus emulation: %w", err)
	}
	// axe-core is loaded into every page the tab opens: the browser then
	// compiles it once, not once per page (see runAxe).
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: e.axe}); err != nil {
		return ctx, cancel, fmt.Errorf("load axe-core into the tab: %w", err)
	}
	return ctx, cancel, nil
}

// pooledTab is tab for tests that load pages and check them, leaving nothing
// behind: it lends a tab already open in the browser context of parent, and
// takes it back when the test ends (a failed test's tab is closed instead).
// Opening a tab costs more than checking a page on a busy machine.
func (e *env) pooledTab(t *testing.T, parent context.Context) context.Context {
	t.Helper()
	e.mu.Lock()
	var tab context.Context
	if free := e.tabs[parent]; len(free) > 0 {
		tab, e.tabs[parent] = free[len(free)-1], free[:len(free)-1]
	}
	e.mu.Unlock()
	if tab == nil {
		ctx, cancel, err := e.newTab(parent)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		tab = ctx
		e.mu.Lock()
		e.closers = append(e.closers, cancel)
		e.mu.Unlock()
	}
	t.Cleanup(func() {
		if t.Failed() {
			chromedp.Cancel(tab)
			return
		}
		e.mu.Lock()
		e.tabs[parent] = append(e.tabs[parent], tab)
		e.mu.Unlock()
	})
	ctx, cancel := context.WithTimeout(tab, tabTimeout)
	t.Cleanup(cancel)
	return ctx
}

// incognito returns a new browser context with its own cookies, closed when
// the test ends. Tabs opened from it (see tab) share its cookies.
func (e *env) incognito(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel, err := newBrowserContext(e.browser)
	if err != nil {
		t.Fatalf("new browser context: %v", err)
	}
	t.Cleanup(cancel)
	return ctx
}

// newBrowserContext makes a browser context with its own cookies. It opens
// its first tab at once: a chromedp context has its browser context ID (which
// the tabs opened from it inherit) only once it has a tab.
func newBrowserContext(parent context.Context) (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}

// signedIn returns a browser context signed in as the account with email,
// through the real sign-in form. Accounts sign in once per test binary (the
// server rightly throttles repeated sign-ins), and keep their own cookies.
func (e *env) signedIn(t *testing.T, email string) context.Context {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	if ctx, ok := e.sessions[email]; ok {
		return ctx
	}
	bctx, cancel, err := newBrowserContext(e.browser)
	if err != nil {
		t.Fatalf("new browser context: %v", err)
	}
	tab := e.tab(t, bctx)
	// Staff land on their postings; applicants are brought back to their
	// profile, as when sign-in interrupts them.
	next, landing := "", "/en/staff/postings"
	if u, err := e.app.DB.UserByEmail(context.Background(), email); err == nil && u.Role == auth.Applicant {
		next, landing = "/en/profile", "/en/profile"
	}
	status, err := e.submitSigninNext(tab, "en", email, testPassword, next)
	if err != nil || status != 200 {
		cancel()
		t.Fatalf("sign in as %s: status %d, %v", email, status, err)
	}
	if loc := location(t, tab); loc != e.url(landing) {
		cancel()
		t.Fatalf("sign in as %s landed on %s, want %s", email, loc, landing)
	}
	e.sessions[email] = bctx
	e.closers = append(e.closers, cancel)
	return bctx
}

// submitSignin fills in the sign-in form in lang and submits it, as a person
// would, and returns the status of the page it leads to.
func (e *env) submitSignin(tab context.Context, lang, email, password string) (int64, error) {
	return e.submitSigninNext(tab, lang, email, password, "")
}

// submitSigninNext is submitSignin from the sign-in page that brings the
// user back to next (a path such as "/en/profile") when not empty.
func (e *env) submitSigninNext(tab context.Context, lang, email, password, next string) (int64, error) {
	path := "/" + lang + "/signin"
	if next != "" {
		path += "?next=" + url.QueryEscape(next)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(e.url(path))); err != nil {
		return 0, err
	}
	if err := chromedp.Do(tab,
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password),
	); err != nil {
		return 0, err
	}
	res, err := chromedp.RunResponse(tab, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if err != nil {
		return 0, err
	}
	return res.Status, nil
}

// visit loads path in tab and returns the HTTP status of the page.
func (e *env) visit(t *testing.T, tab context.Context, path string) int64 {
	t.Helper()
	res, err := chromedp.Run(tab, chromedp.NavigateResponse(e.url(path)))
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	return res.Status
}

// location is the address of the page in tab.
func location(t *testing.T, tab context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(tab, chromedp.Location())
	if err != nil {
		t.Fatalf("location: %v", err)
	}
	return loc
}

// eval evaluates a JavaScript expression in tab and decodes its value.
func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %.80q: %v", expr, err)
	}
	return v
}

var (
	shotsOnce sync.Once
	shotsDir  string
	shotsErr  error
)

// screenshot saves a picture of the page in tab into a directory outside the
// repository that outlives the test, and logs its path.
func screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	shotsOnce.Do(func() { shotsDir, shotsErr = os.MkdirTemp("", "pathways-browser-failures-") })
	if shotsErr != nil {
		t.Logf("no screenshot: %v", shotsErr)
		return
	}
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	path := filepath.Join(shotsDir, fileName(name)+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	t.Logf("screenshot: %s", path)
}

// fileName turns a test name into a safe file name.
func fileName(s string) string {
	out := []rune(s)
	for i, r := range out {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			out[i] = '_'
		}
	}
	return string(out)
}

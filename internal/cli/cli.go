// Package cli implements the pathways command and its subcommands.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/mail"
	"github.com/pathways-gov/pathways/internal/matchcmd"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/server"
	"github.com/pathways-gov/pathways/internal/staffcmd"
	"github.com/pathways-gov/pathways/internal/store"
)

// Version is set at build time with -ldflags "-X github.com/pathways-gov/pathways/internal/cli.Version=…".
var Version = "dev"

// Env reads an environment variable; tests substitute their own.
type Env func(string) string

const usage = `Pathways: recruitment and placement for the public service.

Usage:
  pathways serve   [--addr 127.0.0.1:8080] [--db sqlite:./pathways.db]   run the web server
  pathways migrate [--db …]                                             apply database migrations
  pathways seed    --postings N [--seed S] [--db …]                     add N synthetic postings
  pathways staff   add --email E --role ROLE [--org ORG] [--db …]       create a staff account
  pathways staff   list [--db …]                                        list accounts
  pathways match   --in instance.json --out result.json [...]           stable matching of applicants to placements
  pathways version                                                      print the version

Every command that touches data takes --db (env PATHWAYS_DB).
Run "pathways COMMAND -h" for a command's flags.
`

// Main runs the command line args (without the program name) and returns the exit status.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, stdout, stderr, env)
	case "migrate":
		return withDB(ctx, "migrate", rest, stderr, env, func(ctx context.Context, db *store.DB, _ []string, log *slog.Logger) int {
			if err := db.Migrate(ctx); err != nil {
				log.Error("migrate failed", "err", err)
				return 1
			}
			fmt.Fprintln(stdout, "migrations applied")
			return 0
		})
	case "seed":
		return seed(ctx, rest, stdout, stderr, env)
	case "staff":
		if wantsHelp(rest) { // usage needs no database: do not create one
			return staffcmd.Config{}.Run(ctx, nil, rest, stdin, stdout, stderr)
		}
		return withDB(ctx, "staff", rest, stderr, env, func(ctx context.Context, db *store.DB, args []string, log *slog.Logger) int {
			a := app.New(db, log)
			if err := a.Prepare(ctx); err != nil {
				log.Error("start-up failed", "err", err)
				return 1
			}
			orgExists := func(code string) bool { _, ok := a.Catalog().Organization(code); return ok }
			return staffcmd.Config{OrgExists: orgExists}.Run(ctx, db, args, stdin, stdout, stderr)
		})
	case "match":
		return matchcmd.Run(ctx, rest, stdin, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "pathways", version())
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "pathways: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func version() string {
	if Version != "dev" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return Version
}

// common flags shared by every data command.
type common struct {
	db        string
	logLevel  string
	logFormat string
}

func (c *common) register(fs *flag.FlagSet, env Env) {
	fs.StringVar(&c.db, "db", envOr(env, "PATHWAYS_DB", "sqlite:./pathways.db"), "database: sqlite:PATH or postgres://… (env PATHWAYS_DB)")
	fs.StringVar(&c.logLevel, "log-level", envOr(env, "PATHWAYS_LOG_LEVEL", "info"), "debug, info, warn or error (env PATHWAYS_LOG_LEVEL)")
	fs.StringVar(&c.logFormat, "log-format", envOr(env, "PATHWAYS_LOG_FORMAT", "text"), "text or json (env PATHWAYS_LOG_FORMAT)")
}

func (c *common) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %q is not debug, info, warn or error", c.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.logFormat {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format: %q is not text or json", c.logFormat)
}

// openApp opens the database named by the flags and prepares the application
// (migrations, built-in catalog and sample on an empty database), building the
// search index too when withIndex is set. A non-zero
// code is the exit status to return; the caller closes a.DB.
func (c *common) openApp(ctx context.Context, stderr io.Writer, withIndex bool) (*app.App, *slog.Logger, int) {
	log, err := c.logger(stderr)
	if err != nil {
		fmt.Fprintln(stderr, "pathways:", err)
		return nil, nil, 2
	}
	db, err := store.Open(ctx, c.db)
	if err != nil {
		log.Error("cannot open database", "err", err)
		return nil, nil, 1
	}
	a := app.New(db, log)
	start := a.Prepare
	if withIndex {
		start = a.Bootstrap
	}
	if err := start(ctx); err != nil {
		db.Close()
		log.Error("start-up failed", "err", err)
		return nil, nil, 1
	}
	return a, log, 0
}

// envDuration reads a duration such as "5s" from the environment, or def when unset or malformed.
func envDuration(env Env, key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(env(key)); err == nil {
		return d
	}
	return def
}

func envOr(env Env, key, def string) string {
	if v := env(key); v != "" {
		return v
	}
	return def
}

func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// withDB parses the common flags, opens the database and runs fn with the remaining arguments.
func withDB(ctx context.Context, name string, args []string, stderr io.Writer, env Env, fn func(context.Context, *store.DB, []string, *slog.Logger) int) int {
	fs := flag.NewFlagSet("pathways "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs, env)
	// Flags may come before or after a sub-subcommand ("staff add --db x" or "staff --db x add"):
	// pull the common flags out wherever they are.
	own, rest := splitCommonFlags(args)
	if code, ok := parseFlags(fs, own); !ok {
		return code
	}
	log, err := c.logger(stderr)
	if err != nil {
		fmt.Fprintln(stderr, "pathways:", err)
		return 2
	}
	db, err := store.Open(ctx, c.db)
	if err != nil {
		log.Error("cannot open database", "err", err)
		return 1
	}
	defer db.Close()
	return fn(ctx, db, append(fs.Args(), rest...), log)
}

// splitCommonFlags separates --db/--log-level/--log-format (with their values) from other arguments.
func splitCommonFlags(args []string) (own, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		if !strings.HasPrefix(a, "-") {
			rest = append(rest, a)
			continue
		}
		base, _, hasValue := strings.Cut(name, "=")
		switch base {
		case "db", "log-level", "log-format":
			own = append(own, a)
			if !hasValue && i+1 < len(args) {
				own = append(own, args[i+1])
				i++
			}
		default:
			rest = append(rest, a)
		}
	}
	return own, rest
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	fs := flag.NewFlagSet("pathways serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs, env)
	addr := fs.String("addr", envOr(env, "PATHWAYS_ADDR", "127.0.0.1:8080"), "address to listen on (env PATHWAYS_ADDR)")
	debugAddr := fs.String("debug-addr", envOr(env, "PATHWAYS_DEBUG_ADDR", ""), "if set, serve Go profiling (net/http/pprof) on this separate address, e.g. 127.0.0.1:6060 (env PATHWAYS_DEBUG_ADDR)")
	refresh := fs.Duration("index-refresh", envDuration(env, "PATHWAYS_INDEX_REFRESH", 5*time.Second), "how often to pick up postings saved by other server processes sharing the database; 0 turns it off (env PATHWAYS_INDEX_REFRESH)")
	proxies := fs.String("trusted-proxies", envOr(env, "PATHWAYS_TRUSTED_PROXIES", ""), "comma-separated IP addresses or CIDR prefixes of reverse proxies whose X-Forwarded-For header gives the client's address, e.g. 10.0.0.0/8 (env PATHWAYS_TRUSTED_PROXIES)")
	secure := fs.Bool("secure-cookies", envOr(env, "PATHWAYS_SECURE_COOKIES", "true") == "true", "mark session cookies Secure; browsers accept them on https and on localhost (env PATHWAYS_SECURE_COOKIES)")
	smtpURL := fs.String("smtp-url", envOr(env, "PATHWAYS_SMTP_URL", ""), "SMTP server for email: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465; unset, email stays in the outbox for staff to read (env PATHWAYS_SMTP_URL)")
	mailFrom := fs.String("mail-from", envOr(env, "PATHWAYS_MAIL_FROM", mail.DefaultFrom), "From address of the email Pathways sends (env PATHWAYS_MAIL_FROM)")
	baseURL := fs.String("base-url", envOr(env, "PATHWAYS_BASE_URL", ""), "public address of the site, for links in email, e.g. https://pathways.example.ca; default http:// and --addr (env PATHWAYS_BASE_URL)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	mailer, err := mailer(*smtpURL, *mailFrom)
	if err != nil {
		fmt.Fprintln(stderr, "pathways serve:", err)
		return 2
	}
	site, err := siteURL(*baseURL, *addr)
	if err != nil {
		fmt.Fprintln(stderr, "pathways serve:", err)
		return 2
	}
	trusted, err := server.ParseTrustedProxies(*proxies)
	if err != nil {
		fmt.Fprintln(stderr, "pathways serve: --trusted-proxies:", err)
		return 2
	}
	indexedFrom := time.Now()
	a, log, code := c.openApp(ctx, stderr, true)
	if code != 0 {
		return code
	}
	defer a.DB.Close()
	a.BaseURL = site
	cfg := server.Config{Addr: *addr, SecureCookies: *secure, RefreshEvery: *refresh, IndexedFrom: indexedFrom,
		TrustedProxies: trusted}
	if mailer != nil { // a nil *mail.SMTP in the interface would not be nil
		cfg.Mailer = mailer
	}
	srv, err := server.New(a, cfg, log)
	if err != nil {
		log.Error("start-up failed", "err", err)
		return 1
	}
	if *debugAddr != "" {
		go serveDebug(*debugAddr, log)
	}
	log.Info("pathways started", "version", version(), "db", a.DB.String())
	if err := srv.Run(ctx, nil); err != nil {
		log.Error("server failed", "err", err)
		return 1
	}
	log.Info("stopped")
	return 0
}

// mailer returns the SMTP transport for rawURL, or nil when it is empty
// (email then stays in the outbox). Errors never show the password.
func mailer(rawURL, from string) (*mail.SMTP, error) {
	if _, err := mail.ParseFrom(from); err != nil {
		return nil, fmt.Errorf("--mail-from: %w", err)
	}
	if rawURL == "" {
		return nil, nil
	}
	cfg, err := mail.ParseSMTPURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("--smtp-url: %w", err)
	}
	return mail.NewSMTP(cfg, from)
}

// siteURL is the public address for links in email: raw without its trailing
// slash, or by default http:// and the listening address (localhost for an
// address that listens on every interface).
func siteURL(raw, addr string) (string, error) {
	if raw == "" {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return "", fmt.Errorf("--addr: %q is not host:port", addr)
		}
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		return "http://" + net.JoinHostPort(host, port), nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("--base-url: %q is not an address such as https://pathways.example.ca", raw)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

func seed(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	fs := flag.NewFlagSet("pathways seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs, env)
	n := fs.Int("postings", 0, "how many synthetic postings to add")
	s := fs.Int64("seed", 1, "random seed: the same seed gives the same postings")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *n <= 0 || *n > 10_000_000 {
		fmt.Fprintln(stderr, "pathways seed: --postings must be between 1 and 10000000")
		return 2
	}
	a, log, code := c.openApp(ctx, stderr, false)
	if code != 0 {
		return code
	}
	defer a.DB.Close()
	start := time.Now()
	ps := posting.Synth(*s, *n, a.SynthRefs())
	if err := a.DB.InsertPostings(ctx, ps, a.Now()); err != nil {
		log.Error("seed failed", "err", err)
		return 1
	}
	fmt.Fprintf(stdout, "added %d postings in %s\n", len(ps), time.Since(start).Round(time.Millisecond))
	return 0
}

// serveDebug serves the Go profiler on its own listener, never on the public one.
func serveDebug(addr string, log *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	log.Info("profiling enabled", "addr", "http://"+addr+"/debug/pprof/")
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		log.Error("debug server failed", "err", err)
	}
}

// OSEnv reads the process environment.
func OSEnv(k string) string { return os.Getenv(k) }

// wantsHelp reports whether args ask for usage (-h, -help, --help, or help).
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help", "help":
			return true
		}
	}
	return false
}

// Package staffcmd implements "pathways staff": creating and listing accounts
// from the command line, the way the first platform administrator is made.
package staffcmd

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode"

	"golang.org/x/term"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/store"
)

const usage = `Usage:
  pathways staff add --email E --role ROLE [--org ORG] [--name NAME] [--lang en|fr] [--password-file F]
  pathways staff list

Roles: hiring-manager and hr-advisor (both need --org, an organization code of
the catalog such as "ods"), program-admin, platform-admin, applicant.

The password is read from the first line of --password-file, else typed at the
terminal (not echoed, asked twice), else from the first line of standard input.
It needs at least 12 characters and must not be a common password.
`

// Exit statuses.
const (
	exitOK       = 0
	exitInternal = 1 // the database or the system failed
	exitUsage    = 2 // the input was wrong; nothing was changed
)

// Config holds what Run may be given beyond its arguments.
type Config struct {
	// OrgExists reports whether an organization code exists in the catalog.
	// When nil, any non-empty code is accepted.
	OrgExists func(code string) bool
}

// Run runs "pathways staff ARGS" with no catalog check (see Config.Run).
func Run(ctx context.Context, db *store.DB, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return Config{}.Run(ctx, db, args, stdin, stdout, stderr)
}

// Run runs "pathways staff ARGS" on db, which must be migrated, and returns the
// exit status: 0 on success, 2 on bad input (nothing is changed), 1 on failure.
func (c Config) Run(ctx context.Context, db *store.DB, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "add":
		return c.add(ctx, db, args[1:], stdin, stdout, stderr)
	case "list":
		return list(ctx, db, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "pathways staff: unknown subcommand %q\n\n%s", args[0], usage)
	return exitUsage
}

// addFlags are the arguments of "staff add".
type addFlags struct {
	email, role, org, name, lang, passwordFile string
}

func parseAdd(args []string, stderr io.Writer) (addFlags, int, bool) {
	var f addFlags
	fs := flag.NewFlagSet("pathways staff add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.email, "email", "", "the account's email address (required)")
	fs.StringVar(&f.role, "role", "", "hiring-manager, hr-advisor, program-admin, platform-admin or applicant (required)")
	fs.StringVar(&f.org, "org", "", "organization code, required for hiring-manager and hr-advisor")
	fs.StringVar(&f.name, "name", "", "the person's name")
	fs.StringVar(&f.lang, "lang", "en", "preferred language: en or fr")
	fs.StringVar(&f.passwordFile, "password-file", "", "read the password from the first line of this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, exitOK, false
		}
		return f, exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pathways staff add: unexpected argument %q\n", fs.Arg(0))
		return f, exitUsage, false
	}
	return f, exitOK, true
}

func (c Config) add(ctx context.Context, db *store.DB, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, code, ok := parseAdd(args, stderr)
	if !ok {
		return code
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "pathways staff add: "+format+"\n", a...)
		return exitUsage
	}
	u, err := c.newUser(f)
	if err != nil {
		return bad("%s", message(err))
	}
	switch _, err := db.UserByEmail(ctx, u.Email); {
	case err == nil:
		return bad("an account with email %s already exists", u.Email)
	case !errors.Is(err, store.ErrNotFound):
		fmt.Fprintln(stderr, "pathways staff add:", err)
		return exitInternal
	}
	pw, err := readPassword(f.passwordFile, stdin, stderr)
	if err != nil {
		return bad("%s", message(err))
	}
	if err := auth.ValidatePassword(pw, u.Email); err != nil {
		return bad("%s", message(err))
	}
	return create(ctx, db, u, pw, stdout, stderr)
}

// newUser builds and checks the account the flags describe.
func (c Config) newUser(f addFlags) (*auth.User, error) {
	if strings.TrimSpace(f.email) == "" {
		return nil, errors.New("--email is required")
	}
	if strings.TrimSpace(f.role) == "" {
		return nil, errors.New("--role is required")
	}
	role, ok := auth.ParseRole(f.role)
	if !ok {
		return nil, auth.ErrInvalidRole
	}
	l, ok := lang.Parse(f.lang)
	if !ok {
		return nil, auth.ErrInvalidLang
	}
	u := &auth.User{
		Email: auth.NormalizeEmail(f.email),
		Name:  strings.TrimSpace(f.name),
		Role:  role,
		Org:   strings.ToLower(strings.TrimSpace(f.org)),
		Lang:  l,
	}
	if strings.IndexFunc(u.Name, unicode.IsControl) >= 0 {
		return nil, errors.New("--name must not contain control characters")
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	if u.Org != "" && c.OrgExists != nil && !c.OrgExists(u.Org) {
		return nil, fmt.Errorf("organization %q is not in the catalog", u.Org)
	}
	return u, nil
}

func create(ctx context.Context, db *store.DB, u *auth.User, pw string, stdout, stderr io.Writer) int {
	hash, err := auth.HashPassword(pw)
	if err != nil {
		fmt.Fprintln(stderr, "pathways staff add:", err)
		return exitInternal
	}
	if err := db.CreateUser(ctx, u, hash); err != nil {
		if errors.Is(err, store.ErrConflict) {
			fmt.Fprintf(stderr, "pathways staff add: an account with email %s already exists\n", u.Email)
			return exitUsage
		}
		fmt.Fprintln(stderr, "pathways staff add:", err)
		return exitInternal
	}
	detail := fmt.Sprintf("role=%s org=%s via=cli", u.Role, u.Org)
	if err := db.Audit(ctx, 0, "user.create", fmt.Sprintf("user:%d", u.ID), detail); err != nil {
		fmt.Fprintln(stderr, "pathways staff add: warning: account created but not audited:", err)
	}
	fmt.Fprintf(stderr, "created account %d for %s (%s)\n", u.ID, u.Email, u.Role.Name(lang.EN))
	fmt.Fprintln(stdout, u.ID)
	return exitOK
}

// message returns err's text for the command line: the English message of an
// auth.Error, else the error itself.
func message(err error) string {
	var e *auth.Error
	if errors.As(err, &e) {
		return e.Msg.EN
	}
	return err.Error()
}

// maxPasswordLine bounds what is read for a password (256 characters of up to 4 bytes, and room).
const maxPasswordLine = 4096

// readPassword reads the password from file, else the terminal, else stdin.
func readPassword(file string, stdin io.Reader, prompt io.Writer) (string, error) {
	if file != "" {
		fh, err := os.Open(file)
		if err != nil {
			return "", fmt.Errorf("--password-file: %w", err)
		}
		defer fh.Close()
		return firstLine(fh, "--password-file")
	}
	if fd, ok := terminal(stdin); ok {
		return readFromTerminal(fd, prompt)
	}
	return firstLine(stdin, "standard input")
}

// terminal returns stdin's file descriptor when it is a terminal.
func terminal(r io.Reader) (int, bool) {
	f, ok := r.(interface{ Fd() uintptr })
	if !ok {
		return 0, false
	}
	fd := int(f.Fd())
	return fd, term.IsTerminal(fd)
}

func readFromTerminal(fd int, prompt io.Writer) (string, error) {
	ask := func(p string) (string, error) {
		fmt.Fprint(prompt, p)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(prompt)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		return string(b), nil
	}
	pw, err := ask("Password: ")
	if err != nil {
		return "", err
	}
	again, err := ask("Password again: ")
	if err != nil {
		return "", err
	}
	if pw != again {
		return "", errors.New("the two passwords differ")
	}
	return pw, nil
}

// firstLine returns r's first line without its line ending.
func firstLine(r io.Reader, from string) (string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 512), maxPasswordLine)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return "", fmt.Errorf("reading the password from %s: %w", from, err)
		}
		return "", fmt.Errorf("no password on %s", from)
	}
	return strings.TrimSuffix(sc.Text(), "\r"), nil
}

func list(ctx context.Context, db *store.DB, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pathways staff list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pathways staff list: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	users, err := db.ListUsers(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "pathways staff list:", err)
		return exitInternal
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tROLE\tORG\tLANG\tNAME\tCREATED\tSTATUS")
	for _, u := range users {
		status := "active"
		if !u.DisabledAt.IsZero() {
			status = "disabled " + u.DisabledAt.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Role, dash(u.Org), u.Lang,
			dash(u.Name), u.CreatedAt.Format("2006-01-02"), status)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintln(stderr, "pathways staff list:", err)
		return exitInternal
	}
	return exitOK
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

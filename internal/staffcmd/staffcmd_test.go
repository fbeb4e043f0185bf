package staffcmd_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pathways-gov/pathways/internal/auth"
	"github.com/pathways-gov/pathways/internal/staffcmd"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

const goodPassword = "Mon chat s'appelle Biscotte!"

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, c staffcmd.Config, db *store.DB, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := c.Run(context.Background(), db, args, strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func countUsers(t *testing.T, db *store.DB) int {
	t.Helper()
	users, err := db.ListUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(users)
}

func TestAddFromStdin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := run(t, staffcmd.Config{}, db, goodPassword+"\nignored second line\n",
			"add", "--email", " Julie.Gagnon@Ontario.ca ", "--role", "hr-advisor", "--org", "ODS", "--name", "Julie Gagnon", "--lang", "fr")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
		if err != nil || id <= 0 {
			t.Fatalf("stdout %q: want the new id", r.stdout)
		}
		u, err := db.UserByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "julie.gagnon@ontario.ca" || u.Role != auth.HRAdvisor || u.Org != "ods" || u.Name != "Julie Gagnon" || u.Lang != "fr" {
			t.Fatalf("stored user %+v", u)
		}
		hash, err := db.PasswordHash(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := auth.CheckPassword(hash, goodPassword); !ok || err != nil {
			t.Fatalf("password does not check: %v %v", ok, err)
		}
		if ok, _ := auth.CheckPassword(hash, "ignored second line"); ok {
			t.Fatal("the second line was taken as the password")
		}
		log, err := db.AuditLog(ctx, "user:"+strconv.FormatInt(id, 10), 10)
		if err != nil || len(log) != 1 || log[0].Action != "user.create" || log[0].ActorID != 0 {
			t.Fatalf("audit: %+v %v", log, err)
		}
	})
}

func TestAddFromPasswordFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		file := filepath.Join(t.TempDir(), "pw")
		if err := os.WriteFile(file, []byte(goodPassword+"\r\nsecond\r\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r := run(t, staffcmd.Config{}, db, "stdin is not read\n",
			"add", "--email=admin@ontario.ca", "--role=platform-admin", "--password-file", file)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		id, _ := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
		hash, err := db.PasswordHash(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := auth.CheckPassword(hash, goodPassword); !ok {
			t.Fatal("password from the file (CRLF line) does not check")
		}
	})
}

func TestAddBadInputChangesNothing(t *testing.T) {
	missingFile := filepath.Join(os.TempDir(), "pathways-no-such-password-file")
	known := staffcmd.Config{OrgExists: func(code string) bool { return code == "ods" }}
	cases := []struct {
		name   string
		cfg    staffcmd.Config
		stdin  string
		args   []string
		stderr string // a fragment the message must contain
	}{
		{"no subcommand", known, "", nil, "Usage"},
		{"unknown subcommand", known, "", []string{"remove"}, "unknown subcommand"},
		{"unknown flag", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "program-admin", "--admin"}, "flag provided but not defined"},
		{"stray argument", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "program-admin", "extra"}, "unexpected argument"},
		{"missing email", known, goodPassword, []string{"add", "--role", "program-admin"}, "--email is required"},
		{"bad email", known, goodPassword, []string{"add", "--email", "not-an-email", "--role", "program-admin"}, "email address"},
		{"missing role", known, goodPassword, []string{"add", "--email", "a@x.ca"}, "--role is required"},
		{"bad role", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "admin"}, "Choose a role"},
		{"scoped without org", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "hiring-manager"}, "organization"},
		{"admin with org", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "platform-admin", "--org", "ods"}, "Only hiring managers"},
		{"unknown org", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "hr-advisor", "--org", "zzz"}, `"zzz" is not in the catalog`},
		{"bad lang", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "program-admin", "--lang", "de"}, "en or fr"},
		{"control chars in name", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "program-admin", "--name", "a\x1b[2Jb"}, "control characters"},
		{"short password", known, "too short\n", []string{"add", "--email", "a@x.ca", "--role", "program-admin"}, "at least 12"},
		{"common password", known, "Password1234!\n", []string{"add", "--email", "a@x.ca", "--role", "program-admin"}, "too common"},
		{"password has email", known, "xx-jtremblay-2024\n", []string{"add", "--email", "jtremblay@x.ca", "--role", "program-admin"}, "email"},
		{"empty stdin", known, "", []string{"add", "--email", "a@x.ca", "--role", "program-admin"}, "no password"},
		{"empty first line", known, "\n" + goodPassword + "\n", []string{"add", "--email", "a@x.ca", "--role", "program-admin"}, "at least 12"},
		{"huge line", known, strings.Repeat("x", 10000), []string{"add", "--email", "a@x.ca", "--role", "program-admin"}, "too long"},
		{"missing password file", known, goodPassword, []string{"add", "--email", "a@x.ca", "--role", "program-admin", "--password-file", missingFile}, "--password-file"},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := run(t, c.cfg, db, c.stdin, c.args...)
				if r.code != 2 {
					t.Fatalf("exit %d, want 2; stderr %q", r.code, r.stderr)
				}
				if !strings.Contains(r.stderr, c.stderr) {
					t.Fatalf("stderr %q does not say %q", r.stderr, c.stderr)
				}
				if r.stdout != "" {
					t.Fatalf("stdout %q, want nothing", r.stdout)
				}
				if n := countUsers(t, db); n != 0 {
					t.Fatalf("%d accounts created", n)
				}
			})
		}
	})
}

func TestAddDuplicateEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		args := []string{"add", "--email", "ann@ontario.ca", "--role", "hiring-manager", "--org", "ods"}
		if r := run(t, staffcmd.Config{}, db, goodPassword, args...); r.code != 0 {
			t.Fatalf("first add: exit %d: %s", r.code, r.stderr)
		}
		args[2] = "ANN@ontario.ca"
		r := run(t, staffcmd.Config{}, db, goodPassword, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "already exists") {
			t.Fatalf("duplicate: exit %d, stderr %q", r.code, r.stderr)
		}
		if n := countUsers(t, db); n != 1 {
			t.Fatalf("%d accounts, want 1", n)
		}
	})
}

func TestList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, args := range [][]string{
			{"add", "--email", "zoe@ontario.ca", "--role", "program-admin", "--name", "Zoé Roy"},
			{"add", "--email", "ann@ontario.ca", "--role", "hr-advisor", "--org", "ods"},
		} {
			if r := run(t, staffcmd.Config{}, db, goodPassword, args...); r.code != 0 {
				t.Fatalf("add: exit %d: %s", r.code, r.stderr)
			}
		}
		r := run(t, staffcmd.Config{}, db, "", "list")
		if r.code != 0 {
			t.Fatalf("list: exit %d: %s", r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") {
			t.Fatalf("list output:\n%s", r.stdout)
		}
		want := [][]string{{"ann@ontario.ca", "hr-advisor", "ods", "en", "-", "active"}, {"zoe@ontario.ca", "program-admin", "-", "en", "Zoé Roy", "active"}}
		for i, w := range want {
			for _, field := range w {
				if !strings.Contains(lines[i+1], field) {
					t.Errorf("line %q lacks %q", lines[i+1], field)
				}
			}
		}
		if r := run(t, staffcmd.Config{}, db, "", "list", "extra"); r.code != 2 {
			t.Fatalf("list extra: exit %d", r.code)
		}
	})
}

func TestHelp(t *testing.T) {
	r := run(t, staffcmd.Config{}, nil, "", "help")
	if r.code != 0 || !strings.Contains(r.stdout, "pathways staff add") {
		t.Fatalf("help: %d %q", r.code, r.stdout)
	}
}

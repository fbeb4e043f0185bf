package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

var listening = regexp.MustCompile(`addr=http://(127\.0\.0\.1:\d+)`)

// boot runs "pathways serve" on a free port against dsn until the returned stop is called.
func boot(t *testing.T, dsn string) (base string, stop func() int, logs *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	done := make(chan int, 1)
	env := func(string) string { return "" }
	go func() {
		done <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", dsn}, strings.NewReader(""), io.Discard, logs, env)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			base = "http://" + m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited early with %d:\n%s", code, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("serve did not start:\n%s", logs.String())
	}
	return base, func() int { cancel(); return <-done }, logs
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServeBootsServesAndShutsDownGracefully(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			base, stop, logs := boot(t, dsn)
			if code, body := get(t, base+"/healthz"); code != 200 || body != "ok\n" {
				t.Errorf("healthz: %d %q", code, body)
			}
			if code, _ := get(t, base+"/readyz"); code != 200 {
				t.Errorf("readyz: %d", code)
			}
			if code, body := get(t, base+"/en/jobs?status=closed&q=data"); code != 200 || !strings.Contains(body, "Data co-op") {
				t.Errorf("sample posting not served: %d", code)
			}
			if code := stop(); code != 0 {
				t.Errorf("exit status %d after shutdown:\n%s", code, logs.String())
			}
			if !strings.Contains(logs.String(), "shutting down") || !strings.Contains(logs.String(), "msg=request") {
				t.Errorf("logs lack shutdown or request lines:\n%s", logs.String())
			}
			// A second start on the same database changes nothing: one sample posting, same catalog.
			_, stop2, logs2 := boot(t, dsn)
			stop2()
			if strings.Contains(logs2.String(), "loaded sample posting") || strings.Contains(logs2.String(), "loaded built-in catalog") {
				t.Errorf("restart loaded data again:\n%s", logs2.String())
			}
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n, _ := db.CountPostings(context.Background()); n != 1 {
				t.Errorf("%d postings after two starts, want 1", n)
			}
		})
	}
}

func TestCommandErrors(t *testing.T) {
	env := func(string) string { return "" }
	var out, errb bytes.Buffer
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "Usage"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"serve", "--log-level", "loud"}, 2, "--log-level"},
		{[]string{"serve", "--trusted-proxies", "10.0.0.0/8,proxy.local"}, 2, "--trusted-proxies"},
		{[]string{"seed", "--postings", "0", "--db", "sqlite:" + filepath.Join(t.TempDir(), "x.db")}, 2, "--postings"},
		{[]string{"migrate", "--db", "mysql://nope"}, 1, "unsupported database"},
	}
	for _, c := range cases {
		out.Reset()
		errb.Reset()
		if got := Main(context.Background(), c.args, strings.NewReader(""), &out, &errb, env); got != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, got, errb.String(), c.code, c.msg)
		}
	}
	out.Reset()
	if Main(context.Background(), []string{"version"}, nil, &out, &errb, env) != 0 || !strings.HasPrefix(out.String(), "pathways ") {
		t.Errorf("version: %q", out.String())
	}
}

func TestSeedAddsDeterministicPostings(t *testing.T) {
	env := func(string) string { return "" }
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "seed.db")
	var out, errb bytes.Buffer
	if code := Main(context.Background(), []string{"seed", "--postings", "300", "--seed", "7", "--db", dsn}, nil, &out, &errb, env); code != 0 {
		t.Fatalf("seed: %d %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "added 300 postings") {
		t.Errorf("seed output %q", out.String())
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, _ := db.CountPostings(context.Background()); n != 301 {
		t.Errorf("%d postings, want 300 + the sample", n)
	}
}

func TestSplitCommonFlags(t *testing.T) {
	own, rest := splitCommonFlags([]string{"add", "--email", "a@b.ca", "--db", "sqlite:x.db", "--log-level=debug", "--role", "hr-advisor"})
	if strings.Join(own, " ") != "--db sqlite:x.db --log-level=debug" || strings.Join(rest, " ") != "add --email a@b.ca --role hr-advisor" {
		t.Errorf("own %v rest %v", own, rest)
	}
}

// Asking for usage creates no database.
func TestStaffHelpTouchesNoDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nothing.db")
	for _, args := range [][]string{{"staff", "--help"}, {"staff", "add", "--help"}, {"staff", "add", "-h"}} {
		var out, errb bytes.Buffer
		code := Main(context.Background(), append(args, "--db", "sqlite:"+path), strings.NewReader(""), &out, &errb, func(string) string { return "" })
		if code != 0 || !strings.Contains(out.String()+errb.String(), "Usage") {
			t.Errorf("%v: exit %d, output %q", args, code, out.String()+errb.String())
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%v created the database", args)
		}
	}
}

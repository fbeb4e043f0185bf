// Package fault holds the fault tests: the server process is killed
// (SIGKILL) in the middle of work, or its PostgreSQL server restarts under
// load, and what users were told was saved must still be there.
//
// The server runs as a real child process: the test binary re-executes itself
// with PATHWAYS_FAULT_CHILD set, and the child runs "pathways serve" through
// cli.Main, exactly as the binary does.
package fault

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/cli"
)

const childEnv = "PATHWAYS_FAULT_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "serve" {
		// The child: serve until killed or told to stop.
		ctx, stop := signalContext()
		defer stop()
		os.Exit(cli.Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--log-level", "info"},
			os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	}
	os.Exit(m.Run())
}

// child is a running "pathways serve" process.
type child struct {
	t    testing.TB
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	done chan struct{}

	mu   sync.Mutex
	logs strings.Builder
}

var listening = regexp.MustCompile(`msg=listening addr=http://(127\.0\.0\.1:\d+)`)

// startServer starts a server process on dsn and waits until it listens.
func startServer(t testing.TB, dsn string, extraEnv ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=serve", "PATHWAYS_DB="+dsn, "PATHWAYS_INDEX_REFRESH=1s")
	cmd.Env = append(cmd.Env, extraEnv...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{t: t, cmd: cmd, done: make(chan struct{})}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			c.mu.Lock()
			c.logs.WriteString(line + "\n")
			c.mu.Unlock()
			if m := listening.FindStringSubmatch(line); m != nil {
				select {
				case found <- "http://" + m[1]:
				default:
				}
			}
		}
	}()
	go func() { cmd.Wait(); close(c.done) }()
	t.Cleanup(func() { c.kill() })
	select {
	case c.base = <-found:
	case <-c.done:
		t.Fatalf("server exited before listening:\n%s", c.Logs())
	case <-time.After(90 * time.Second):
		t.Fatalf("server did not listen within 90 s:\n%s", c.Logs())
	}
	return c
}

// Logs returns what the server logged so far.
func (c *child) Logs() string { c.mu.Lock(); defer c.mu.Unlock(); return c.logs.String() }

// kill sends SIGKILL: no shutdown, no flushing, as when the machine loses power
// for the process.
func (c *child) kill() {
	if c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGKILL)
	}
	<-c.done
}

// running reports whether the process is still alive.
func (c *child) running() bool {
	select {
	case <-c.done:
		return false
	default:
		return true
	}
}

// freePort returns a TCP port nothing listens on now.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// pgCluster is a private PostgreSQL server for one test, so it can be
// restarted without disturbing the shared one other tests use.
type pgCluster struct {
	version, name string
	port          int
}

// newPGCluster creates and starts a private cluster with Debian's
// pg_createcluster (the machine's PostgreSQL packages), removed at the end.
func newPGCluster(t *testing.T) *pgCluster {
	t.Helper()
	out, err := exec.Command("pg_lsclusters", "--no-header").Output()
	if err != nil {
		t.Fatalf("pg_lsclusters (PostgreSQL's Debian tools are required): %v", err)
	}
	fields := strings.Fields(string(out))
	if len(fields) == 0 {
		t.Fatal("no PostgreSQL cluster installed")
	}
	c := &pgCluster{version: fields[0], name: fmt.Sprintf("fault%d", os.Getpid()), port: freePort(t)}
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("pg_createcluster", c.version, c.name, "--port", fmt.Sprint(c.port), "--start",
		"--", "--auth-local=trust", "--auth-host=trust")
	t.Cleanup(func() {
		exec.Command("pg_dropcluster", c.version, c.name, "--stop").Run()
	})
	return c
}

// DSN is the cluster's postgres database.
func (c *pgCluster) DSN() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// ctl runs pg_ctlcluster ACTION on the cluster (stop, start, restart).
func (c *pgCluster) ctl(t *testing.T, action string, args ...string) {
	t.Helper()
	all := append([]string{c.version, c.name, action}, args...)
	if out, err := exec.Command("pg_ctlcluster", all...).CombinedOutput(); err != nil {
		t.Fatalf("pg_ctlcluster %s: %v\n%s", strings.Join(all, " "), err, out)
	}
}

// get fetches url with a short timeout and returns the status (0 when the
// request failed).
func get(client *http.Client, url string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	res, err := client.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

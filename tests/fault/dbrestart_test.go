package fault

import (
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// load runs clients that fetch paths in a loop until stop is closed, counting
// successes (200) and failures (anything else, or no answer).
type load struct {
	ok, failed atomic.Int64
	wg         sync.WaitGroup
	stop       chan struct{}
}

func startLoad(base string, clients int, paths ...string) *load {
	l := &load{stop: make(chan struct{})}
	for i := 0; i < clients; i++ {
		l.wg.Add(1)
		go func(i int) {
			defer l.wg.Done()
			client := &http.Client{Timeout: 5 * time.Second}
			for n := i; ; n++ {
				select {
				case <-l.stop:
					return
				default:
				}
				if get(client, base+paths[n%len(paths)]) == http.StatusOK {
					l.ok.Add(1)
				} else {
					l.failed.Add(1)
					time.Sleep(20 * time.Millisecond)
				}
			}
		}(i)
	}
	return l
}

func (l *load) end() { close(l.stop); l.wg.Wait() }

// waitHealthy waits until every path answers 200 n times in a row, or fails
// the test after limit.
func waitHealthy(t *testing.T, base string, limit time.Duration, paths ...string) time.Duration {
	t.Helper()
	client := &http.Client{Timeout: 5 * time.Second}
	start := time.Now()
	streak := 0
	for time.Since(start) < limit {
		all := true
		for _, p := range paths {
			if get(client, base+p) != http.StatusOK {
				all = false
			}
		}
		if all {
			streak++
			if streak == 5 {
				return time.Since(start)
			}
		} else {
			streak = 0
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Fatalf("the service did not recover within %s", limit)
	return 0
}

// PostgreSQL restarts (fast shutdown: every connection is cut) and then stops
// for a few seconds, while clients keep the server busy. The server process
// keeps running and serves again once the database is back, with no restart
// of its own.
func TestServiceRecoversFromDatabaseRestart(t *testing.T) {
	pg := newPGCluster(t)
	_, drafts := prepareDrafts(t, pg.DSN(), 120)
	srv := startServer(t, pg.DSN())
	paths := []string{"/readyz", "/en/jobs/1", "/fr/jobs/1", "/en/jobs?q=data&status=all"}
	waitHealthy(t, srv.base, 30*time.Second, paths...)

	l := startLoad(srv.base, 8, paths...)
	subs := startSubmissions(srv.base, drafts)
	time.Sleep(500 * time.Millisecond)
	before := l.ok.Load()
	if before == 0 {
		t.Fatalf("no request succeeded before the restart:\n%s", srv.Logs())
	}

	pg.ctl(t, "restart", "-m", "fast")
	recovered := waitHealthy(t, srv.base, 30*time.Second, paths...)
	t.Logf("after a restart: serving again in %s", recovered)

	pg.ctl(t, "stop", "-m", "fast")
	time.Sleep(3 * time.Second)
	client := &http.Client{Timeout: 5 * time.Second}
	if code := get(client, srv.base+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database down: %d, want 503", code)
	}
	if code := get(client, srv.base+"/healthz"); code != http.StatusOK {
		t.Errorf("healthz (the process itself) with the database down: %d, want 200", code)
	}
	pg.ctl(t, "start")
	recovered = waitHealthy(t, srv.base, 30*time.Second, paths...)
	t.Logf("after a 3 s outage: serving again in %s", recovered)
	l.end()
	confirmed := subs.end()
	// Every draft is submitted once the database is back: those refused
	// during the outage are sent again, as an applicant would.
	client = &http.Client{Timeout: 10 * time.Second}
	for _, d := range drafts {
		if _, ok := confirmed[d.appID]; ok {
			continue
		}
		number, err := submit(client, srv.base, d)
		if err != nil {
			t.Fatalf("application %d after recovery: %v", d.appID, err)
		}
		confirmed[d.appID] = number
	}
	checkSubmitted(t, pg.DSN(), drafts, confirmed)

	if !srv.running() {
		t.Fatalf("the server process exited:\n%s", srv.Logs())
	}
	t.Logf("requests under load: %d succeeded, %d failed while the database was away", l.ok.Load(), l.failed.Load())
	t.Logf("submissions during the restarts: %d confirmed, %d refused and sent again", subs.done, subs.refused)
}

// submissions submits drafts one after another from 4 clients while the
// database restarts, recording the confirmation numbers the pages showed.
type submissions struct {
	mu        sync.Mutex
	confirmed map[int64]string
	done      int
	refused   int
	stop      chan struct{}
	wg        sync.WaitGroup
}

func startSubmissions(base string, drafts []*applicantDraft) *submissions {
	s := &submissions{confirmed: map[int64]string{}, stop: make(chan struct{})}
	queue := make(chan *applicantDraft, len(drafts))
	for _, d := range drafts {
		queue <- d
	}
	close(queue)
	for range 4 {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			client := &http.Client{Timeout: 10 * time.Second}
			for d := range queue {
				select {
				case <-s.stop:
					return
				case <-time.After(40 * time.Millisecond): // spread over the restarts
				}
				number, err := submit(client, base, d)
				s.mu.Lock()
				if err == nil {
					s.confirmed[d.appID] = number
					s.done++
				} else {
					s.refused++
				}
				s.mu.Unlock()
			}
		}()
	}
	return s
}

func (s *submissions) end() map[int64]string {
	close(s.stop)
	s.wg.Wait()
	return s.confirmed
}

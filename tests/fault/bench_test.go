package fault

import (
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/store/storetest"
)

// BenchmarkSubmitHTTP measures durable submissions per second through the
// real server process and its pages: 32 clients each submit complete drafts
// (POST …/submit, then the confirmation page), every submission to the same
// posting. Each iteration is one submission; run it with a fixed count:
//
//	go test -run '^$' -bench SubmitHTTP -benchtime 3000x -timeout 30m ./tests/fault/
func BenchmarkSubmitHTTP(b *testing.B) {
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			dsn := storetest.DSN(b, engine)
			_, drafts := prepareDrafts(b, dsn, b.N)
			srv := startServer(b, dsn)
			queue := make(chan *applicantDraft, len(drafts))
			for _, d := range drafts {
				queue <- d
			}
			close(queue)
			var failed atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range 32 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					client := &http.Client{Timeout: 30 * time.Second}
					for d := range queue {
						if _, err := submit(client, srv.base, d); err != nil {
							failed.Add(1)
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if n := failed.Load(); n > 0 {
				b.Fatalf("%d of %d submissions failed", n, b.N)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "submissions/s")
		})
	}
}

package search

import (
	"runtime"
	"sync"
	"testing"
)

// BenchmarkBuildParallel indexes 100,000 synthetic postings as a bulk load
// can: batches analyzed by GOMAXPROCS goroutines with Analyze while the
// previous batch is indexed with UpsertAnalyzed, in order. Run with
// -benchtime 1x, like BenchmarkBuild.
func BenchmarkBuildParallel(b *testing.B) {
	if b.N > 1 {
		b.Skip("one build takes seconds: run with -benchtime 1x")
	}
	docs := newCorpusGen(1).docs(benchDocs)
	b.ResetTimer()
	ix := New()
	const batch = 512
	analyze := func(part []Doc) []Analyzed {
		out := make([]Analyzed, len(part))
		workers := runtime.GOMAXPROCS(0)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(part); i += workers {
					out[i] = Analyze(part[i])
				}
			})
		}
		wg.Wait()
		return out
	}
	ready := make(chan []Analyzed, 1)
	go func() {
		for start := 0; start < len(docs); start += batch {
			ready <- analyze(docs[start:min(start+batch, len(docs))])
		}
		close(ready)
	}()
	for part := range ready {
		for _, a := range part {
			ix.UpsertAnalyzed(a)
		}
	}
	b.StopTimer()
	if ix.Len() != benchDocs {
		b.Fatalf("Len() = %d, want %d", ix.Len(), benchDocs)
	}
}

package placement

import (
	"runtime"
	"sort"
	"sync"
)

// parallelMin is the number of entries below which work is not split.
const parallelMin = 1 << 16

// both runs f(0) and f(1), concurrently when the work is large enough and
// more than one processor is available. Each f must write only its own data.
func both(entries int, f func(half int)) {
	if entries < parallelMin || runtime.GOMAXPROCS(0) < 2 {
		f(0)
		f(1)
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f(1)
	}()
	f(0)
	wg.Wait()
}

// splitLists returns the list index that splits l's entries about in half:
// lists [0, mid) and [mid, l.Len()).
func splitLists(l *Lists) int {
	half := int32(len(l.Item) / 2)
	return sort.Search(l.Len(), func(i int) bool { return l.Start[i] >= half })
}

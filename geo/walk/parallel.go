package walk

import (
	"runtime"
	"sync"
)

// inParallel splits [0, n) into one contiguous chunk per GOMAXPROCS goroutine (at least
// minChunk items each) and calls fn on every chunk; it returns when all are done.
func inParallel(n, minChunk int, fn func(lo, hi int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/max(minChunk, 1)))
	if workers == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

package walk

import "sync"

// held keeps released search buffers out of the garbage collector's reach while a caller
// runs many searches in a row (Graph.HoldBuffers): a sync.Pool is emptied by every other
// collection, and a 1M-node search would then allocate and fill its labels again.
type held struct {
	mu      sync.Mutex
	holds   int
	search  []*searchBuf
	buckets []*bucketQueue
}

// HoldBuffers keeps the buffers of g's searches for reuse until the returned function is
// called (once); holds may nest and overlap. Call it around a batch of searches on g (one
// per facility set, say); it costs the memory of one search per concurrent search while held.
func (g *Graph) HoldBuffers() (release func()) {
	h := &g.held
	h.mu.Lock()
	h.holds++
	h.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.holds--; h.holds > 0 {
				return
			}
			for _, b := range h.search {
				g.fieldPool.Put(b)
			}
			for _, q := range h.buckets {
				g.bucketPool.Put(q)
			}
			h.search, h.buckets = nil, nil
		})
	}
}

// takeSearch returns a held search buffer, or nil.
func (h *held) takeSearch() *searchBuf {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := len(h.search)
	if n == 0 {
		return nil
	}
	b := h.search[n-1]
	h.search = h.search[:n-1]
	return b
}

// keepSearch holds b when a hold is on, reporting whether it did.
func (h *held) keepSearch(b *searchBuf) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.holds == 0 {
		return false
	}
	h.search = append(h.search, b)
	return true
}

// takeBuckets returns a held bucket queue, or nil.
func (h *held) takeBuckets() *bucketQueue {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := len(h.buckets)
	if n == 0 {
		return nil
	}
	q := h.buckets[n-1]
	h.buckets = h.buckets[:n-1]
	return q
}

// keepBuckets holds q when a hold is on, reporting whether it did.
func (h *held) keepBuckets(q *bucketQueue) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.holds == 0 {
		return false
	}
	h.buckets = append(h.buckets, q)
	return true
}

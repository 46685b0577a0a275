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
	core    []*coreBuf
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
			for _, b := range h.core {
				g.corePool.Put(b)
			}
			h.search, h.buckets, h.core = nil, nil, nil
		})
	}
}

// takeSearch returns a held search buffer, or nil.
func (h *held) takeSearch() *searchBuf { return take(h, &h.search) }

// keepSearch holds b when a hold is on, reporting whether it did.
func (h *held) keepSearch(b *searchBuf) bool { return keep(h, &h.search, b) }

// takeBuckets returns a held bucket queue, or nil.
func (h *held) takeBuckets() *bucketQueue { return take(h, &h.buckets) }

// keepBuckets holds q when a hold is on, reporting whether it did.
func (h *held) keepBuckets(q *bucketQueue) bool { return keep(h, &h.buckets, q) }

// takeCore returns a held Cover buffer, or nil.
func (h *held) takeCore() *coreBuf { return take(h, &h.core) }

// keepCore holds b when a hold is on, reporting whether it did.
func (h *held) keepCore(b *coreBuf) bool { return keep(h, &h.core, b) }

// take pops the last of h's list s, or returns nil.
func take[T any](h *held, s *[]*T) *T {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := len(*s)
	if n == 0 {
		return nil
	}
	x := (*s)[n-1]
	*s = (*s)[:n-1]
	return x
}

// keep appends x to h's list s when a hold is on, reporting whether it did.
func keep[T any](h *held, s *[]*T, x *T) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.holds == 0 {
		return false
	}
	*s = append(*s, x)
	return true
}

package walk

import "math"

// label is one node's state in a search, kept together so that one cache line serves
// all three.
type label struct {
	dist float64 // seconds from the nearest source, +Inf when not reached
	src  int32   // index of that source
	pred int32   // CSR slot the node was reached by, or a seed code (seedSrc, seedDst)
}

// searchBuf holds one search's per-node labels. Only nodes listed in touched have finite
// dist; src and pred are meaningful only where dist is finite.
type searchBuf struct {
	labels  []label
	touched []int32
	ahead   int32 // settleBuckets' early reads (kept so they are not dropped)
}

// Seed codes stored in pred: the node was reached directly from its source's snapped point
// along the source's edge, towards the edge's source (seedSrc) or target (seedDst) node.
const (
	seedSrc int32 = -1
	seedDst int32 = -2
)

// getSearch returns a clean searchBuf for g, reusing a pooled one when possible.
func (g *Graph) getSearch() *searchBuf {
	if b := g.held.takeSearch(); b != nil {
		b.reset()
		return b
	}
	if b, ok := g.fieldPool.Get().(*searchBuf); ok {
		b.reset()
		return b
	}
	b := &searchBuf{labels: make([]label, len(g.nodeID))}
	inf := math.Inf(1)
	for i := range b.labels {
		b.labels[i].dist = inf
	}
	return b
}

// putSearch hands b back to g's pool.
func (g *Graph) putSearch(b *searchBuf) {
	if !g.held.keepSearch(b) {
		g.fieldPool.Put(b)
	}
}

// reset marks every node unreached again.
func (b *searchBuf) reset() {
	inf := math.Inf(1)
	if len(b.touched) > len(b.labels)/8 {
		for i := range b.labels {
			b.labels[i].dist = inf
		}
	} else {
		for _, v := range b.touched {
			b.labels[v].dist = inf
		}
	}
	b.touched = b.touched[:0]
}

// getHeap returns an empty heap for g, reusing a pooled one when possible.
func (g *Graph) getHeap() *heapBuf {
	if h, ok := g.heapPool.Get().(*heapBuf); ok {
		h.reset()
		return h
	}
	return newHeapBuf()
}

// putHeap hands h back to g's pool.
func (g *Graph) putHeap(h *heapBuf) { g.heapPool.Put(h) }

// setLabel gives v the label (val, src, pred) when val improves on its current one, and
// reports whether it did.
func (b *searchBuf) setLabel(v int32, val float64, src, pred int32) bool {
	l := &b.labels[v]
	if !(val < l.dist) {
		return false
	}
	if math.IsInf(l.dist, 1) {
		b.touched = append(b.touched, v)
	}
	l.dist, l.src, l.pred = val, src, pred
	return true
}

// set is setLabel that also queues an improved v with key val + extra (extra: A*'s
// estimate, or 0).
func (b *searchBuf) set(h *heapBuf, v int32, val, extra float64, src, pred int32) {
	if b.setLabel(v, val, src, pred) {
		h.push(v, val+extra)
	}
}

// sanitizeLimit turns a caller's maxSeconds into a usable bound: NaN and negatives become
// 0, +Inf stays unbounded.
func sanitizeLimit(maxSeconds float64) float64 {
	if !(maxSeconds >= 0) {
		return 0
	}
	return maxSeconds
}

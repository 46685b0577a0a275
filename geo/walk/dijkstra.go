package walk

import "math"

// run settles queued nodes in time order until the queue is empty (every label within
// limit seconds is then final).
func (g *Graph) run(b *searchBuf, h *heapBuf, limit float64) {
	for h.len() > 0 {
		u, du := h.pop()
		if du > b.labels[u].dist {
			continue // stale entry
		}
		g.relax(b, h, u, du, limit)
	}
}

// relax labels the neighbours of the just-settled node u (reached in du seconds) whose
// new time stays within limit seconds. It is the inner loop of every plain search.
func (g *Graph) relax(b *searchBuf, h *heapBuf, u int32, du, limit float64) {
	labels := b.labels
	su := labels[u].src
	lo, hi := g.off[u], g.off[u+1]
	for i, a := range g.arcs[lo:hi] {
		nd := du + float64(a.cost)
		l := &labels[a.to]
		if nd > limit || !(nd < l.dist) {
			continue
		}
		if math.IsInf(l.dist, 1) {
			b.touched = append(b.touched, a.to)
		}
		l.dist, l.src, l.pred = nd, su, lo+int32(i)
		h.push(a.to, nd)
	}
}

// seedFrom labels the two end nodes of source s's edge with the time from s's origin
// (access leg plus the walk along the edge), as source number j. The caller queues the
// touched nodes.
func (g *Graph) seedFrom(b *searchBuf, en ends, j int32, limit float64) {
	if v := en.access + en.secSrc; v <= limit {
		b.setLabel(en.src, v, j, seedSrc)
	}
	if v := en.access + en.secDst; v <= limit {
		b.setLabel(en.dst, v, j, seedDst)
	}
}

// queueTouched queues every labelled node with its time.
func (b *searchBuf) queueTouched(push func(v int32, k float64)) {
	for _, v := range b.touched {
		push(v, b.labels[v].dist)
	}
}

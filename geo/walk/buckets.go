package walk

import "math"

// bucketDelta is the width in seconds of one bucket of the multi-source search queue.
// A node may be expanded twice only when an edge shorter than this (about 0.3 m) leads
// to it within one bucket, so re-expansions are rare.
const bucketDelta = 0.25

// maxBuckets bounds the bucket array; longer searches use the heap.
const maxBuckets = 1 << 20

// bucketQueue orders a bounded search by time in buckets of bucketDelta seconds (a
// label-correcting variant of Dial's algorithm): within a bucket the order is arbitrary,
// and a node whose label improves is queued again, so the final labels are exact. It
// has no heap to maintain, which makes the large multi-source searches cheaper. An entry
// is only the node (4 bytes): its key is the node's current label, and an entry left in
// a later bucket by an improvement is recognised as stale because the label now falls in
// an earlier one. Two entries of one node in one bucket both relax it with its current
// label; the second finds nothing to improve.
type bucketQueue struct {
	buckets [][]int32
}

// useBuckets reports whether a search bounded by limit seconds fits a bucket queue.
func useBuckets(limit float64) bool {
	return !math.IsInf(limit, 1) && limit/bucketDelta < maxBuckets-2
}

// getBuckets returns an empty bucket queue for keys up to limit seconds.
func (g *Graph) getBuckets(limit float64) *bucketQueue {
	q := g.held.takeBuckets()
	if q == nil {
		var ok bool
		if q, ok = g.bucketPool.Get().(*bucketQueue); !ok {
			q = &bucketQueue{}
		}
	}
	n := int(limit/bucketDelta) + 2
	for len(q.buckets) < n {
		q.buckets = append(q.buckets, nil)
	}
	for i := range q.buckets {
		q.buckets[i] = q.buckets[i][:0]
	}
	return q
}

// putBuckets hands q back to g's pool.
func (g *Graph) putBuckets(q *bucketQueue) {
	if !g.held.keepBuckets(q) {
		g.bucketPool.Put(q)
	}
}

// push queues node v with key k seconds (0 ≤ k ≤ the queue's limit).
func (q *bucketQueue) push(v int32, k float64) {
	i := bucketOf(k)
	q.buckets[i] = append(q.buckets[i], v)
}

// bucketOf returns the bucket of key k seconds.
func bucketOf(k float64) int { return int(k * (1 / bucketDelta)) }

// runBuckets settles every label within limit seconds, taking buckets in time order (the
// dead ends last, labelDeadEnds, unless SetPlainSearch).
func (g *Graph) runBuckets(b *searchBuf, q *bucketQueue, limit float64) {
	var dead *deadEnds
	if !g.plainBuckets {
		dead = g.deadEndsOf()
	}
	g.settleBuckets(b, q, dead, limit)
	if dead != nil {
		g.labelDeadEnds(b, dead, limit)
	}
}

// settleBuckets takes the buckets in time order; relaxations skip the slots to dead (nil:
// none).
func (g *Graph) settleBuckets(b *searchBuf, q *bucketQueue, dead *deadEnds, limit float64) {
	// The next two entries' labels and slots are read before v is relaxed, results unused
	// (summed into ahead so the reads stay): they are cache misses, and loaded now they
	// overlap v's instead of following them.
	var ahead int32
	for i := range q.buckets {
		for len(q.buckets[i]) > 0 {
			bk := q.buckets[i]
			v := bk[len(bk)-1]
			q.buckets[i] = bk[:len(bk)-1]
			if dead != nil && len(bk) > 1 {
				w := bk[len(bk)-2]
				ahead += b.labels[w].src + g.arcs[min(g.off[w], int32(len(g.arcs)-1))].to
				if len(bk) > 2 {
					x := bk[len(bk)-3]
					ahead += b.labels[x].src + g.off[x]
				}
			}
			d := b.labels[v].dist
			if bucketOf(d) != i {
				continue // stale entry: v improved into an earlier bucket since
			}
			if dead == nil {
				g.relaxBucketsPlain(b, q, v, d, limit)
			} else {
				g.relaxBuckets(b, q, dead, v, d, limit)
			}
		}
	}
	b.ahead = ahead
}

// relaxBuckets is relax for the bucket queue, walking on through the nodes whose own
// relaxation is trivial instead of queueing them: a dead end (one slot, which leads back)
// is labelled and left, and a node of two slots passes its new label straight on along
// the other one, so a chain of such nodes is walked while it improves, in cache order,
// up to the next junction, which is queued. The labels are those of the plain relaxation
// (each is the least of its neighbours' labels plus the way's cost, summed in the same
// order), only reached with fewer queue operations. Slots to the dead ends of dead are
// skipped: they are labelled after the search.
func (g *Graph) relaxBuckets(b *searchBuf, q *bucketQueue, dead *deadEnds, u int32, du, limit float64) {
	su := b.labels[u].src
	lo, hi := g.off[u], g.off[u+1]
	for s := lo; s < hi; s++ {
		if !dead.leadsToDeadEnd(s) {
			g.walkFrom(b, q, dead, u, s, du+float64(g.arcs[s].cost), su, limit)
		}
	}
}

// walkFrom labels the node that slot s of prev leads to with nd seconds (source su) when
// that improves it, and walks on through dead ends and two-slot nodes (relaxBuckets).
func (g *Graph) walkFrom(b *searchBuf, q *bucketQueue, dead *deadEnds, prev, s int32, nd float64, su int32, limit float64) {
	labels, arcs, off := b.labels, g.arcs, g.off
	for {
		v := arcs[s].to
		l := &labels[v]
		if nd > limit || !(nd < l.dist) {
			return
		}
		if math.IsInf(l.dist, 1) {
			b.touched = append(b.touched, v)
		}
		l.dist, l.src, l.pred = nd, su, s
		vlo := off[v]
		switch off[v+1] - vlo {
		case 1: // a dead end: its one slot leads back to prev
			return
		case 2: // on along the slot that does not lead back
			next := vlo
			if arcs[next].to == prev {
				next++
			}
			if dead.leadsToDeadEnd(next) {
				return
			}
			prev, s = v, next
			nd += float64(arcs[next].cost)
		default:
			q.push(v, nd)
			return
		}
	}
}

// relaxBucketsPlain queues every improved neighbour of u: main's relaxation before the
// chain walks (the benchmark's baseline, Graph.SetPlainSearch).
func (g *Graph) relaxBucketsPlain(b *searchBuf, q *bucketQueue, u int32, du, limit float64) {
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
		q.push(a.to, nd)
	}
}

// SetPlainSearch makes g's bounded multi-source searches queue every labelled node, as
// main's code did before the chain walks (true), or walk chains (false, the default).
// The labels are the same either way; the benchmark times both. Not for use while g is
// being searched.
func (g *Graph) SetPlainSearch(plain bool) { g.plainBuckets = plain }

package walk

import (
	"container/heap"
	"github.com/paulmach/orb"
	"math"
	"sort"
)

// Hit is one target found by Nearest.
type Hit struct {
	Index   int            // index into the targets slice
	Seconds float64        // walking time, both access legs included
	Metres  float64        // metres walked along that walk, both access legs included
	Path    orb.LineString // the walk (lon, lat), from the origin of from to the target's origin; only from NearestPaths
}

// targetLink ties a target to one end node of its edge: reaching the node, the target is
// cost seconds further on (along its edge and its access leg).
type targetLink struct {
	target int32
	arrive int8
	cost   float64
}

// targetState is a target's best walk so far.
type targetState struct {
	best   float64
	via    int32
	arrive int8
	done   bool
}

// Targets is a set of snapped destinations prepared once for many nearest queries: each
// usable target filed under its edge's end nodes. It is immutable, so any number of
// queries may share it.
type Targets struct {
	snaps  []Snap
	links  map[int32][]targetLink // by node
	byEdge map[int32][]int32      // targets snapped to each edge, for same-edge trips
	comps  map[int32]int          // usable targets per connected component
	usable []bool
}

// PrepareTargets files targets (snaps of (lon, lat) WGS84 points) for NearestIn;
// off-network ones are kept but never found.
func (g *Graph) PrepareTargets(targets []Snap) *Targets {
	ts := &Targets{snaps: targets, links: map[int32][]targetLink{}, byEdge: map[int32][]int32{},
		comps: map[int32]int{}, usable: make([]bool, len(targets))}
	for j, t := range targets {
		if !g.usable(t) {
			continue
		}
		ts.usable[j] = true
		et := g.endsOf(t)
		ts.links[et.src] = append(ts.links[et.src], targetLink{target: int32(j), arrive: arriveSrc, cost: et.secSrc + et.access})
		ts.links[et.dst] = append(ts.links[et.dst], targetLink{target: int32(j), arrive: arriveDst, cost: et.secDst + et.access})
		ts.byEdge[t.Edge] = append(ts.byEdge[t.Edge], int32(j))
		ts.comps[g.edgeComponent(t.Edge)]++
	}
	return ts
}

// Len returns the number of targets.
func (ts *Targets) Len() int { return len(ts.snaps) }

// nearestSearch holds one nearest query's state and target queue.
type nearestSearch struct {
	links  map[int32][]targetLink
	state  []targetState
	queue  targetQueue
	limit  float64
	result []int32
}

// Nearest returns up to k targets nearest to from by walking time, in ascending time (ties
// by index), within maxSeconds seconds (both access legs included; +Inf: unbounded).
// Points are snaps of (lon, lat) WGS84 points; off-network targets are skipped and an
// off-network from finds nothing. The search stops as soon as k targets are settled.
func (g *Graph) Nearest(from Snap, targets []Snap, k int, maxSeconds float64) []Hit {
	return g.nearest(from, targets, k, maxSeconds, false)
}

// NearestPaths is Nearest with each hit's walking path, taken from the same search.
func (g *Graph) NearestPaths(from Snap, targets []Snap, k int, maxSeconds float64) []Hit {
	return g.nearest(from, targets, k, maxSeconds, true)
}

func (g *Graph) nearest(from Snap, targets []Snap, k int, maxSeconds float64, paths bool) []Hit {
	if k <= 0 || !g.usable(from) {
		return nil
	}
	return g.NearestIn(from, g.PrepareTargets(targets), k, maxSeconds, paths)
}

// NearestIn is Nearest (with paths when paths is set) over prepared targets: for answering
// many queries against the same destinations.
func (g *Graph) NearestIn(from Snap, ts *Targets, k int, maxSeconds float64, paths bool) []Hit {
	if k <= 0 || !g.usable(from) || ts.comps[g.edgeComponent(from.Edge)] == 0 {
		return nil // nothing to find, or no target in from's part of the network
	}
	targets := ts.snaps
	ef := g.endsOf(from)
	ns := g.newNearest(ef, ts, sanitizeLimit(maxSeconds))
	b, h := g.getSearch(), g.getHeap()
	defer g.putSearch(b)
	defer g.putHeap(h)
	g.seedFrom(b, ef, 0, ns.limit)
	b.queueTouched(h.push)
	g.nearestLoop(b, h, ns, k)
	hits := make([]Hit, 0, len(ns.result))
	for _, j := range ns.result {
		st := ns.state[j]
		p := g.plan(b, from, targets[j], st.arrive, st.via)
		sec, m := g.measure(p)
		h := Hit{Index: int(j), Seconds: sec, Metres: m}
		if paths {
			h.Path = g.line(p)
		}
		hits = append(hits, h)
	}
	sort.SliceStable(hits, func(x, y int) bool { return hits[x].Seconds < hits[y].Seconds })
	return hits
}

// newNearest starts one query over prepared targets, queueing those on from's own edge
// with their direct walk.
func (g *Graph) newNearest(ef ends, ts *Targets, limit float64) *nearestSearch {
	ns := &nearestSearch{links: ts.links, state: make([]targetState, len(ts.snaps)), limit: limit}
	for j := range ns.state {
		ns.state[j] = targetState{best: math.Inf(1), via: -1, done: !ts.usable[j]}
	}
	for _, j := range ts.byEdge[ef.edge] {
		et := g.endsOf(ts.snaps[j])
		sec, _ := g.direct(ef, et)
		ns.offer(j, ef.access+sec+et.access, -1, arriveDirect)
	}
	return ns
}

// offer records a walk of sec seconds to target j when it is the best so far.
func (ns *nearestSearch) offer(j int32, sec float64, via int32, arrive int8) {
	st := &ns.state[j]
	if st.done || !(sec < st.best) || sec > ns.limit {
		return
	}
	st.best, st.via, st.arrive = sec, via, arrive
	heap.Push(&ns.queue, queued{sec: sec, target: j})
}

// nearestLoop alternates between settling nodes and targets, whichever is nearer, until
// k targets are settled or nothing within the limit is left.
func (g *Graph) nearestLoop(b *searchBuf, h *heapBuf, ns *nearestSearch, k int) {
	for len(ns.result) < k {
		nodeKey, tKey := math.Inf(1), math.Inf(1)
		if h.len() > 0 {
			nodeKey = h.minKey()
		}
		if ns.queue.Len() > 0 {
			tKey = ns.queue[0].sec
		}
		switch {
		case math.IsInf(nodeKey, 1) && math.IsInf(tKey, 1):
			return
		case tKey <= nodeKey:
			q := heap.Pop(&ns.queue).(queued)
			if st := &ns.state[q.target]; !st.done && q.sec == st.best {
				st.done = true
				ns.result = append(ns.result, q.target)
			}
		default:
			u, du := h.pop()
			if du > b.labels[u].dist {
				continue // stale entry
			}
			for _, l := range ns.links[u] {
				ns.offer(l.target, du+l.cost, u, l.arrive)
			}
			g.relax(b, h, u, du, ns.limit)
		}
	}
}

// queued is a target waiting in the target queue.
type queued struct {
	sec    float64
	target int32
}

// targetQueue is a min-heap of queued targets by (seconds, index).
type targetQueue []queued

func (q targetQueue) Len() int { return len(q) }
func (q targetQueue) Less(i, j int) bool {
	return q[i].sec < q[j].sec || (q[i].sec == q[j].sec && q[i].target < q[j].target)
}
func (q targetQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *targetQueue) Push(x any)   { *q = append(*q, x.(queued)) }
func (q *targetQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

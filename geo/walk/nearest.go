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

// nearestSearch holds one Nearest call's targets and their queue.
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
	ef := g.endsOf(from)
	ns := g.newNearest(ef, targets, sanitizeLimit(maxSeconds))
	if len(ns.links) == 0 && ns.queue.Len() == 0 {
		return nil // no target in from's part of the network
	}
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

// newNearest files the usable targets in from's connected part of the network under
// their edges' end nodes, and queues those on from's own edge with their direct walk.
func (g *Graph) newNearest(ef ends, targets []Snap, limit float64) *nearestSearch {
	ns := &nearestSearch{links: make(map[int32][]targetLink), state: make([]targetState, len(targets)), limit: limit}
	for j, t := range targets {
		ns.state[j] = targetState{best: math.Inf(1), via: -1}
		if !g.usable(t) || g.edgeComponent(t.Edge) != g.edgeComponent(ef.edge) {
			ns.state[j].done = true
			continue
		}
		et := g.endsOf(t)
		ns.links[et.src] = append(ns.links[et.src], targetLink{target: int32(j), arrive: arriveSrc, cost: et.secSrc + et.access})
		ns.links[et.dst] = append(ns.links[et.dst], targetLink{target: int32(j), arrive: arriveDst, cost: et.secDst + et.access})
		if t.Edge == ef.edge {
			sec, _ := g.direct(ef, et)
			ns.offer(int32(j), ef.access+sec+et.access, -1, arriveDirect)
		}
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

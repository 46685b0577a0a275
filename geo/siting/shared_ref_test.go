package siting_test

import (
	"container/heap"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/paulmach/orb"
)

// bruteWalk is a plain model of the walking rules of docs/model.md written apart from
// geo/walk: an adjacency map over the nodes, a binary-heap Dijkstra in float64 seconds,
// and snapping by trying every segment of every edge (boxes first) with the access leg
// walked at the plain speed.
type bruteWalk struct {
	m     geo.WalkModel
	at    map[int64]int
	edges []geo.WalkEdge
	lines []orb.LineString
	boxes []orb.Bound
	out   [][]bruteArc
}

type bruteArc struct {
	to  int
	sec float64
}

// bruteSnap is a point joined to an edge: metres along its line and of the access leg.
type bruteSnap struct {
	edge          int // -1 off the network
	along, access float64
}

func newBruteWalk(nodes []geo.WalkNode, edges []geo.WalkEdge, m geo.WalkModel) *bruteWalk {
	w := &bruteWalk{m: m, at: map[int64]int{}, edges: edges, out: make([][]bruteArc, len(nodes))}
	for i, n := range nodes {
		w.at[n.ID] = i
	}
	for _, e := range edges {
		a, b := w.at[e.Source], w.at[e.Target]
		line := e.Geometry
		if len(line) < 2 {
			line = orb.LineString{nodes[a].Point, nodes[b].Point}
		}
		w.lines = append(w.lines, line)
		w.boxes = append(w.boxes, line.Bound())
		s := m.EdgeSeconds(e.LengthM, e.Highway)
		w.out[a] = append(w.out[a], bruteArc{b, s})
		w.out[b] = append(w.out[b], bruteArc{a, s})
	}
	return w
}

// snap joins p (lon, lat) to the nearest point of the nearest segment.
func (w *bruteWalk) snap(p orb.Point) bruteSnap {
	best := bruteSnap{edge: -1, access: math.Inf(1)}
	kx, ky := local.MetresPerDegreeLon(p[1]), local.MetresPerDegreeLat
	pad := w.m.MaxSnapM / ky * 2
	for e, line := range w.lines {
		b := w.boxes[e]
		if p[1] < b.Min[1]-pad || p[1] > b.Max[1]+pad || p[0] < b.Min[0]-pad*2 || p[0] > b.Max[0]+pad*2 {
			continue
		}
		run := 0.0
		for i := 1; i < len(line); i++ {
			a, c := line[i-1], line[i]
			ux, uy := (c[0]-a[0])*kx, (c[1]-a[1])*ky
			vx, vy := (p[0]-a[0])*kx, (p[1]-a[1])*ky
			t := 0.0
			if l := ux*ux + uy*uy; l > 0 {
				t = math.Min(1, math.Max(0, (ux*vx+uy*vy)/l))
			}
			foot := orb.Point{a[0] + t*(c[0]-a[0]), a[1] + t*(c[1]-a[1])}
			if d := geo.HaversineM(p, foot); d < best.access {
				best = bruteSnap{edge: e, along: run + geo.HaversineM(a, foot), access: d}
			}
			run += geo.HaversineM(a, c)
		}
	}
	if best.access > w.m.MaxSnapM {
		best.edge = -1
	}
	return best
}

// legs returns the seconds from a snapped point to its edge's source and target nodes
// (access leg included) and the fraction of the edge before it.
func (w *bruteWalk) legs(s bruteSnap) (toA, toB, frac float64) {
	e := w.edges[s.edge]
	if l := geo.LineLengthM(w.lines[s.edge]); l > 0 {
		frac = math.Min(1, s.along/l)
	}
	sec := w.m.EdgeSeconds(e.LengthM, e.Highway)
	acc := s.access / w.m.MetresPerSecond()
	return acc + frac*sec, acc + (1-frac)*sec, frac
}

// seconds returns the walk time from `from` to each of to (+Inf unreachable or off).
func (w *bruteWalk) seconds(from bruteSnap, to []bruteSnap) []float64 {
	res := make([]float64, len(to))
	for i := range res {
		res[i] = math.Inf(1)
	}
	if from.edge < 0 {
		return res
	}
	dist := make([]float64, len(w.out))
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	toA, toB, fFrac := w.legs(from)
	fe := w.edges[from.edge]
	q := &bruteHeap{}
	relax := func(v int, d float64) {
		if d < dist[v] {
			dist[v] = d
			heap.Push(q, bruteItem{v, d})
		}
	}
	relax(w.at[fe.Source], toA)
	relax(w.at[fe.Target], toB)
	for q.Len() > 0 {
		it := heap.Pop(q).(bruteItem)
		if it.d > dist[it.v] {
			continue
		}
		for _, a := range w.out[it.v] {
			relax(a.to, it.d+a.sec)
		}
	}
	for i, t := range to {
		if t.edge < 0 {
			continue
		}
		ta, tb, tFrac := w.legs(t)
		te := w.edges[t.edge]
		best := math.Min(dist[w.at[te.Source]]+ta, dist[w.at[te.Target]]+tb)
		if t.edge == from.edge {
			direct := from.access/w.m.MetresPerSecond() + t.access/w.m.MetresPerSecond() +
				math.Abs(fFrac-tFrac)*w.m.EdgeSeconds(te.LengthM, te.Highway)
			best = math.Min(best, direct)
		}
		res[i] = best
	}
	return res
}

type bruteItem struct {
	v int
	d float64
}

type bruteHeap []bruteItem

func (h bruteHeap) Len() int           { return len(h) }
func (h bruteHeap) Less(i, j int) bool { return h[i].d < h[j].d }
func (h bruteHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *bruteHeap) Push(x any)        { *h = append(*h, x.(bruteItem)) }
func (h *bruteHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

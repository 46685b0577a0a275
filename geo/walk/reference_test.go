package walk_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// refGraph is an independent, deliberately simple model of the walking rules: adjacency
// lists, O(V²) Dijkstra and brute-force snapping over every segment.
type refGraph struct {
	m     geo.WalkModel
	nodes []geo.WalkNode
	edges []geo.WalkEdge
	index map[int64]int
	geoms []orb.LineString
	adj   [][]refArc
}

type refArc struct {
	to      int
	sec, mt float64
}

// refSnap is the reference's own snapping of a point.
type refSnap struct {
	p       orb.Point
	edge    int // -1: none
	foot    orb.Point
	along   float64 // metres along the edge's geometry
	access  float64 // metres
	network bool
}

func newRef(tb testing.TB, nodes []geo.WalkNode, edges []geo.WalkEdge, m geo.WalkModel) *refGraph {
	tb.Helper()
	r := &refGraph{m: m, nodes: nodes, edges: edges, index: map[int64]int{}, adj: make([][]refArc, len(nodes))}
	for i, n := range nodes {
		r.index[n.ID] = i
	}
	for _, e := range edges {
		s, ok1 := r.index[e.Source]
		t, ok2 := r.index[e.Target]
		if !ok1 || !ok2 {
			tb.Fatalf("reference: edge %d has unknown ends", e.ID)
		}
		g := e.Geometry
		if len(g) == 0 {
			g = orb.LineString{nodes[s].Point, nodes[t].Point}
		}
		r.geoms = append(r.geoms, g)
		sec := m.EdgeSeconds(e.LengthM, e.Highway)
		r.adj[s] = append(r.adj[s], refArc{to: t, sec: sec, mt: e.LengthM})
		r.adj[t] = append(r.adj[t], refArc{to: s, sec: sec, mt: e.LengthM})
	}
	return r
}

// dijkstra is the textbook O(V²) algorithm from the given starting labels; it returns
// seconds and the metres of the chosen (fastest) walks.
func (r *refGraph) dijkstra(start map[int][2]float64) (sec, mt []float64) {
	n := len(r.nodes)
	sec, mt = make([]float64, n), make([]float64, n)
	done := make([]bool, n)
	for i := range sec {
		sec[i] = math.Inf(1)
	}
	for v, l := range start {
		sec[v], mt[v] = l[0], l[1]
	}
	for {
		u := -1
		for v := 0; v < n; v++ {
			if !done[v] && !math.IsInf(sec[v], 1) && (u < 0 || sec[v] < sec[u]) {
				u = v
			}
		}
		if u < 0 {
			return sec, mt
		}
		done[u] = true
		for _, a := range r.adj[u] {
			if sec[u]+a.sec < sec[a.to] {
				sec[a.to], mt[a.to] = sec[u]+a.sec, mt[u]+a.mt
			}
		}
	}
}

// snap checks every segment of every edge: foot of the perpendicular in a local
// equirectangular frame around p (metres), great-circle distance, first minimum wins.
func (r *refGraph) snap(p orb.Point) refSnap {
	best := refSnap{p: p, edge: -1, access: math.Inf(1)}
	degree := geo.EarthRadiusM * math.Pi / 180
	kx := math.Cos(p[1]*math.Pi/180) * degree
	ky := degree
	for e, g := range r.geoms {
		before := 0.0
		for i := 0; i+1 < len(g); i++ {
			a, b := g[i], g[i+1]
			ax, ay := (a[0]-p[0])*kx, (a[1]-p[1])*ky
			bx, by := (b[0]-p[0])*kx, (b[1]-p[1])*ky
			t := 0.0
			if l2 := (bx-ax)*(bx-ax) + (by-ay)*(by-ay); l2 > 0 {
				t = math.Max(0, math.Min(1, -(ax*(bx-ax)+ay*(by-ay))/l2))
			}
			foot := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
			if d := geo.HaversineM(p, foot); d < best.access {
				best = refSnap{p: p, edge: e, foot: foot, along: before + geo.HaversineM(a, foot), access: d}
			}
			before += geo.HaversineM(a, b)
		}
	}
	best.network = best.access <= r.m.MaxSnapM
	return best
}

// partials returns seconds and metres from the snapped point to the edge's source and
// target nodes.
func (r *refGraph) partials(s refSnap) (toSrc, toDst [2]float64) {
	e := r.edges[s.edge]
	f := 0.0
	if gl := geo.LineLengthM(r.geoms[s.edge]); gl > 0 {
		f = s.along / gl
	}
	sec := r.m.EdgeSeconds(e.LengthM, e.Highway)
	return [2]float64{f * sec, f * e.LengthM}, [2]float64{(1 - f) * sec, (1 - f) * e.LengthM}
}

func (r *refGraph) access(s refSnap) [2]float64 {
	return [2]float64{s.access / r.m.MetresPerSecond(), s.access}
}

// fromSnap runs Dijkstra from a snapped point: node labels include its access leg.
func (r *refGraph) fromSnap(a refSnap) (sec, mt []float64) {
	ps, pd := r.partials(a)
	acc := r.access(a)
	start := map[int][2]float64{}
	put := func(v int, l [2]float64) {
		l = [2]float64{l[0] + acc[0], l[1] + acc[1]}
		if old, ok := start[v]; !ok || l[0] < old[0] {
			start[v] = l
		}
	}
	put(r.index[r.edges[a.edge].Source], ps)
	put(r.index[r.edges[a.edge].Target], pd)
	return r.dijkstra(start)
}

// trip returns the seconds and metres from a to b (both on-network), +Inf when
// unreachable: both access legs, the direct walk along a shared edge, or any end of a's
// edge to any end of b's edge.
func (r *refGraph) trip(a, b refSnap) (float64, float64) {
	if !a.network || !b.network {
		return math.Inf(1), math.Inf(1)
	}
	sec, mt := r.fromSnap(a)
	best := [2]float64{math.Inf(1), math.Inf(1)}
	bs, bd := r.partials(b)
	for _, c := range []struct {
		node int
		part [2]float64
	}{{r.index[r.edges[b.edge].Source], bs}, {r.index[r.edges[b.edge].Target], bd}} {
		if t := sec[c.node] + c.part[0]; t < best[0] {
			best = [2]float64{t, mt[c.node] + c.part[1]}
		}
	}
	if a.edge == b.edge {
		e := r.edges[a.edge]
		gl := geo.LineLengthM(r.geoms[a.edge])
		d := math.Abs(a.along-b.along) / gl
		if t := r.access(a)[0] + d*r.m.EdgeSeconds(e.LengthM, e.Highway); t < best[0] {
			best = [2]float64{t, a.access + d*e.LengthM}
		}
	}
	acc := r.access(b)
	return best[0] + acc[0], best[1] + acc[1]
}

// nodeTimes returns, for every node, the seconds from the nearest of the sources.
func (r *refGraph) nodeTimes(sources []refSnap) []float64 {
	out := make([]float64, len(r.nodes))
	for i := range out {
		out[i] = math.Inf(1)
	}
	for _, s := range sources {
		if !s.network {
			continue
		}
		sec, _ := r.fromSnap(s)
		for i := range out {
			out[i] = math.Min(out[i], sec[i])
		}
	}
	return out
}

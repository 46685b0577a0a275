package walkref

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// Net is an independent, deliberately plain model of the walking rules of
// docs/model.md: adjacency lists over the same nodes and edges, a textbook binary-heap
// Dijkstra in float64 seconds (geo/walk uses integer buckets), and brute-force snapping
// to the nearest point of the nearest segment — every segment of every edge whose box
// could hold a nearer point — with the access leg walked at the same speed.
type Net struct {
	m     geo.WalkModel
	index map[int64]int
	edges []geo.WalkEdge
	geoms []orb.LineString
	boxes []orb.Bound
	adj   [][]arc
}

type arc struct {
	to  int
	sec float64
}

// Snap is where the reference joins a point to the network.
type Snap struct {
	edge    int     // index into edges; -1 none
	along   float64 // metres along the edge's geometry from its source
	access  float64 // metres of the straight access leg
	network bool    // access ≤ MaxSnapM
}

// New builds the reference network over nodes and edges (as geo/walk.Build takes them)
// under the walking model m.
func New(nodes []geo.WalkNode, edges []geo.WalkEdge, m geo.WalkModel) *Net {
	r := &Net{m: m, index: map[int64]int{}, edges: edges, adj: make([][]arc, len(nodes))}
	for i, n := range nodes {
		r.index[n.ID] = i
	}
	for _, e := range edges {
		s, t := r.index[e.Source], r.index[e.Target]
		g := e.Geometry
		if len(g) == 0 {
			g = orb.LineString{nodes[s].Point, nodes[t].Point}
		}
		r.geoms = append(r.geoms, g)
		r.boxes = append(r.boxes, g.Bound())
		sec := m.EdgeSeconds(e.LengthM, e.Highway)
		r.adj[s] = append(r.adj[s], arc{to: t, sec: sec})
		r.adj[t] = append(r.adj[t], arc{to: s, sec: sec})
	}
	return r
}

// dijkstra is the textbook binary-heap algorithm from the given starting times (seconds).
func (r *Net) dijkstra(start map[int]float64) []float64 {
	dist := make([]float64, len(r.adj))
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	q := &queue{}
	relax := func(v int, d float64) {
		if d < dist[v] {
			dist[v] = d
			heap.Push(q, item{v, d})
		}
	}
	for v, d := range start {
		relax(v, d)
	}
	for q.Len() > 0 {
		it := heap.Pop(q).(item)
		if it.d > dist[it.v] {
			continue
		}
		for _, a := range r.adj[it.v] {
			relax(a.to, it.d+a.sec)
		}
	}
	return dist
}

type item struct {
	v int
	d float64
}

// queue is a min-heap of items by time (container/heap).
type queue []item

func (h queue) Len() int           { return len(h) }
func (h queue) Less(i, j int) bool { return h[i].d < h[j].d }
func (h queue) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *queue) Push(x any)        { *h = append(*h, x.(item)) }
func (h *queue) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// Snap tries every segment of every edge: the foot of the perpendicular in a local
// equirectangular frame around p, its great-circle distance, the first minimum winning.
func (r *Net) Snap(p orb.Point) Snap {
	best := Snap{edge: -1, access: math.Inf(1)}
	deg := geo.EarthRadiusM * math.Pi / 180
	kx, ky := math.Cos(p[1]*math.Pi/180)*deg, deg
	for e, g := range r.geoms {
		if boxMetres(r.boxes[e], p, kx, ky) > best.access*1.01+1 {
			continue // no point of this edge can be nearer (1 % + 1 m for the frame's error)
		}
		before := 0.0
		for i := 0; i+1 < len(g); i++ {
			a, b := g[i], g[i+1]
			ax, ay := (a[0]-p[0])*kx, (a[1]-p[1])*ky
			dx, dy := (b[0]-a[0])*kx, (b[1]-a[1])*ky
			t := 0.0
			if l2 := dx*dx + dy*dy; l2 > 0 {
				t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
			}
			foot := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
			if d := geo.HaversineM(p, foot); d < best.access {
				best = Snap{edge: e, along: before + geo.HaversineM(a, foot), access: d}
			}
			before += geo.HaversineM(a, b)
		}
	}
	best.network = best.edge >= 0 && best.access <= r.m.MaxSnapM
	return best
}

// boxMetres is the distance in the local frame (kx, ky metres per degree) from p to the
// nearest point of box b; 0 inside it.
func boxMetres(b orb.Bound, p orb.Point, kx, ky float64) float64 {
	dx := math.Max(0, math.Max(b.Min[0]-p[0], p[0]-b.Max[0])) * kx
	dy := math.Max(0, math.Max(b.Min[1]-p[1], p[1]-b.Max[1])) * ky
	return math.Hypot(dx, dy)
}

// ends returns the seconds from a snapped point along its edge to the edge's source and
// target nodes, and the fraction of the edge before the point.
func (r *Net) ends(s Snap) (toSrc, toDst, frac float64) {
	e := r.edges[s.edge]
	if gl := geo.LineLengthM(r.geoms[s.edge]); gl > 0 {
		frac = math.Min(1, s.along/gl)
	}
	sec := r.m.EdgeSeconds(e.LengthM, e.Highway)
	return frac * sec, (1 - frac) * sec, frac
}

// accessSec is the time of a snap's access leg.
func (r *Net) accessSec(s Snap) float64 { return s.access / r.m.MetresPerSecond() }

// TimesFrom returns the seconds from a snapped source to every snapped target: access
// leg, along the source's edge to either end (or directly along a shared edge), the
// network, along the target's edge, the target's access leg. +Inf when either is off the
// network or unreachable.
func (r *Net) TimesFrom(src Snap, targets []Snap) []float64 {
	out := make([]float64, len(targets))
	for i := range out {
		out[i] = math.Inf(1)
	}
	if !src.network {
		return out
	}
	ss, sd, sf := r.ends(src)
	acc := r.accessSec(src)
	e := r.edges[src.edge]
	start := map[int]float64{r.index[e.Source]: acc + ss}
	if v, ok := start[r.index[e.Target]]; !ok || acc+sd < v {
		start[r.index[e.Target]] = acc + sd
	}
	dist := r.dijkstra(start)
	for i, t := range targets {
		if !t.network {
			continue
		}
		ts, td, tf := r.ends(t)
		te := r.edges[t.edge]
		best := math.Min(dist[r.index[te.Source]]+ts, dist[r.index[te.Target]]+td)
		if t.edge == src.edge {
			best = math.Min(best, acc+math.Abs(sf-tf)*r.m.EdgeSeconds(te.LengthM, te.Highway))
		}
		out[i] = best + r.accessSec(t)
	}
	return out
}

// TwoStep computes 2SFCA / E2SFCA by hand from the pairwise times (times[j][i] from
// station j to cell i), with weight w: the ratios R_j (NaN when undefined) and A_i.
func TwoStep(times [][]float64, pops, supplies []float64, T float64, w func(float64) float64) (R, A []float64) {
	R, A = make([]float64, len(supplies)), make([]float64, len(pops))
	for j := range supplies {
		d := 0.0
		for i, t := range times[j] {
			if t <= T {
				d += pops[i] * w(t)
			}
		}
		R[j] = math.NaN()
		if d > 0 {
			R[j] = supplies[j] / d
		}
	}
	for j := range supplies {
		if math.IsNaN(R[j]) {
			continue
		}
		for i, t := range times[j] {
			if t <= T {
				A[i] += R[j] * w(t)
			}
		}
	}
	return R, A
}

// OnNetwork reports whether the point joined the network (its access leg is at most the
// model's MaxSnapM).
func (s Snap) OnNetwork() bool { return s.network }

package synth

import (
	"math"
	"math/rand/v2"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// wayMeta is what a way says about itself beyond its nodes.
type wayMeta struct {
	highway geo.Highway
	name    string
	bridge  bool
}

// builder accumulates the walk network: nodes in local metres and WGS84, edges and the
// ways they belong to. A way is built as a chain of legs between nodes, so its edges are
// contiguous in edges and each starts where the previous one ends.
type builder struct {
	f     frame
	xy    []orb.Point // local metres, by node index (node ID = index + 1)
	nodes []geo.WalkNode
	edges []geo.WalkEdge
	ways  []Way
	slab  []orb.Point // backing store for edge geometries

	cur int32 // current way's last node
}

// newBuilder returns a builder for about n nodes.
func newBuilder(f frame, n int) *builder {
	return &builder{
		f:     f,
		xy:    make([]orb.Point, 0, n),
		nodes: make([]geo.WalkNode, 0, n),
		edges: make([]geo.WalkEdge, 0, n+n/8),
		ways:  make([]Way, 0, n/6),
	}
}

// node adds a node at local point p and returns its index.
func (b *builder) node(p orb.Point) int32 {
	b.xy = append(b.xy, p)
	b.nodes = append(b.nodes, geo.WalkNode{ID: int64(len(b.xy)), Point: b.f.lonLat(p)})
	return int32(len(b.xy) - 1)
}

// beginWay starts a way at node from.
func (b *builder) beginWay(m wayMeta, from int32) {
	b.ways = append(b.ways, Way{ID: int64(len(b.ways) + 1), Highway: string(m.highway), Name: m.name, Bridge: m.bridge, First: len(b.edges)})
	b.cur = from
}

// endWay closes the current way; a way without edges is dropped.
func (b *builder) endWay() {
	w := &b.ways[len(b.ways)-1]
	w.Count = len(b.edges) - w.First
	if w.Count == 0 {
		b.ways = b.ways[:len(b.ways)-1]
	}
}

// leg describes how the current way reaches its next node: in n edges (n-1 new nodes in
// between), bowed sideways by bend metres at its middle (positive to the left, drawn with
// intermediate vertices), with new nodes shifted sideways by up to jitter metres.
type leg struct {
	n      int
	bend   float64
	jitter float64
}

// legTo extends the current way to node to and returns the nodes it passed, from the
// way's previous node to to, both included.
func (b *builder) legTo(rng *rand.Rand, to int32, l leg) []int32 {
	a, z := b.xy[b.cur], b.xy[to]
	dx, dy := z[0]-a[0], z[1]-a[1]
	d := math.Hypot(dx, dy)
	if d == 0 || l.n < 1 {
		l.n = 1
	}
	nx, ny := 0.0, 0.0
	if d > 0 {
		nx, ny = -dy/d, dx/d
	}
	at := func(t, side float64) orb.Point {
		off := l.bend*math.Sin(math.Pi*t) + side
		return orb.Point{a[0] + dx*t + nx*off, a[1] + dy*t + ny*off}
	}
	ids := make([]int32, 0, l.n+1)
	ids = append(ids, b.cur)
	prev, prevT := b.cur, 0.0
	for k := 1; k <= l.n; k++ {
		t := float64(k) / float64(l.n)
		next := to
		if k < l.n {
			next = b.node(at(t, l.jitter*(2*rng.Float64()-1)))
		}
		b.edge(prev, next, prevT, t, at, l.bend != 0)
		ids = append(ids, next)
		prev, prevT = next, t
	}
	b.cur = to
	return ids
}

// legToNew is legTo towards a new node at local point p.
func (b *builder) legToNew(rng *rand.Rand, p orb.Point, l leg) []int32 {
	return b.legTo(rng, b.node(p), l)
}

// edge adds the edge from node u to node v of the current way; when the leg is curved its
// geometry follows the arc at(t, 0) between parameters t0 and t1 with two intermediate
// vertices.
func (b *builder) edge(u, v int32, t0, t1 float64, at func(t, side float64) orb.Point, curved bool) {
	mid := 0
	if curved {
		mid = 2
	}
	g := b.take(2 + mid)
	g[0] = b.nodes[u].Point
	for k := 1; k <= mid; k++ {
		g[k] = b.f.lonLat(at(t0+(t1-t0)*float64(k)/float64(mid+1), 0))
	}
	g[len(g)-1] = b.nodes[v].Point
	b.edges = append(b.edges, geo.WalkEdge{
		ID: int64(len(b.edges) + 1), Source: int64(u) + 1, Target: int64(v) + 1,
		LengthM: geo.LineLengthM(g), Highway: b.ways[len(b.ways)-1].Highway,
		OSMWayID: b.ways[len(b.ways)-1].ID, Geometry: g,
	})
}

// take returns a fresh line of n points cut from the slab.
func (b *builder) take(n int) orb.LineString {
	if cap(b.slab)-len(b.slab) < n {
		b.slab = make([]orb.Point, 0, max(n, 1<<16))
	}
	s := len(b.slab)
	b.slab = b.slab[:s+n]
	return orb.LineString(b.slab[s : s+n : s+n])
}

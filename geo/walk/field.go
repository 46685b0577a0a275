package walk

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Field is the result of a bounded multi-source search: for every node the seconds from
// the nearest source (including that source's access leg) and which source it is. It is
// safe for concurrent reads until Release.
type Field struct {
	g       *Graph
	buf     *searchBuf
	limit   float64
	sources []Snap
	onEdge  []edgeSource // usable sources by edge, for trips along a shared edge
	hasEdge edgeFilter   // which edges may hold a source
}

// edgeSource is a usable source snapped onto an edge.
type edgeSource struct {
	edge, source int32
	frac         float64 // where on the edge, 0 at its source node and 1 at its target
	access       float64 // seconds of the source's access leg
}

// edgeFilter is a 65 536-bit set of edge indexes modulo its size: a quick "no source on
// this edge" for most points.
type edgeFilter [1024]uint64

func (f *edgeFilter) add(e int32)      { f[uint32(e)>>6&1023] |= 1 << (uint32(e) & 63) }
func (f *edgeFilter) has(e int32) bool { return f[uint32(e)>>6&1023]&(1<<(uint32(e)&63)) != 0 }

// MultiSource runs one shortest-path search from every on-network source at once (a
// bucket queue for bounded searches, a heap otherwise), bounded by maxSeconds seconds
// (+Inf: unbounded; NaN or negative: 0). Sources are snaps of (lon, lat) WGS84 points;
// each starts with its access leg (walked at the plain speed) and reaches both ends of
// its edge along the edge. Off-network sources (and forged snaps) are ignored. Call
// Release when done to let the next search reuse the buffers.
func (g *Graph) MultiSource(sources []Snap, maxSeconds float64) *Field {
	limit := sanitizeLimit(maxSeconds)
	b := g.getSearch()
	f := &Field{g: g, buf: b, limit: limit, sources: append([]Snap(nil), sources...)}
	for j, s := range sources {
		if !g.usable(s) {
			continue
		}
		en := g.endsOf(s)
		g.seedFrom(b, en, int32(j), limit)
		f.onEdge = append(f.onEdge, edgeSource{edge: s.Edge, source: int32(j), frac: en.frac, access: en.access})
		f.hasEdge.add(s.Edge)
	}
	slices.SortFunc(f.onEdge, func(x, y edgeSource) int {
		if x.edge != y.edge {
			return cmp.Compare(x.edge, y.edge)
		}
		return cmp.Compare(x.source, y.source)
	})
	if useBuckets(limit) {
		q := g.getBuckets(limit)
		b.queueTouched(q.push)
		g.runBuckets(b, q, limit)
		g.putBuckets(q)
		return f
	}
	h := g.getHeap()
	b.queueTouched(h.push)
	g.run(b, h, limit)
	g.putHeap(h)
	return f
}

// NodeSeconds returns the seconds from the nearest source to internal node i, with ok
// false when i was not reached within the bound (or is out of range, or f was released).
func (f *Field) NodeSeconds(i int32) (float64, bool) {
	if f.buf == nil || i < 0 || int(i) >= len(f.buf.labels) {
		return math.Inf(1), false
	}
	d := f.buf.labels[i].dist
	return d, d <= f.limit && !math.IsInf(d, 1)
}

// At returns the walking time in seconds from the nearest source to the point that
// snapped as s: access(source) + network time (directly along the edge when the source
// snapped to the same edge) + access(s), and the source's index into the sources slice.
// ok is false (seconds +Inf, source -1) when s is off-network, when nothing is reached
// within maxSeconds (the whole time counts) or when f was released.
func (f *Field) At(s Snap) (seconds float64, source int32, ok bool) {
	c := f.best(s)
	if !c.ok {
		return math.Inf(1), -1, false
	}
	return c.sec, c.source, true
}

// Release returns f's buffers to the graph's pool; f answers nothing afterwards.
func (f *Field) Release() {
	if f.buf == nil {
		return
	}
	f.g.putSearch(f.buf)
	f.buf = nil
}

// choice is how the nearest source reaches a snapped point.
type choice struct {
	ok     bool
	sec    float64 // total seconds, both access legs included
	source int32
	via    int32 // the end node of the point's edge the path arrives by
	side   int8  // which end that is (arriveSrc, arriveDst) or arriveDirect along the edge
	en     ends  // where the point lies
}

// best finds the nearest source of the point that snapped as s.
func (f *Field) best(s Snap) choice {
	g := f.g
	if f.buf == nil || !g.usable(s) {
		return choice{}
	}
	return f.bestAt(g.endsOf(s))
}

// bestAt is best for a point lying at en (of a usable snap).
func (f *Field) bestAt(en ends) choice {
	ls, ld := f.buf.labels[en.src], f.buf.labels[en.dst]
	return f.choose(en, coreLabel{dist: ls.dist, src: ls.src}, coreLabel{dist: ld.dist, src: ld.src})
}

// sameEdge improves c with the sources snapped onto the same edge, walked to directly.
func (f *Field) sameEdge(c *choice) {
	e := c.en.edge
	sec := f.g.edges[e].sec
	i := sort.Search(len(f.onEdge), func(i int) bool { return f.onEdge[i].edge >= e })
	for ; i < len(f.onEdge) && f.onEdge[i].edge == e; i++ {
		o := f.onEdge[i]
		if d := o.access + math.Abs(o.frac-c.en.frac)*sec; d < c.sec {
			c.sec, c.source, c.via, c.side = d, o.source, -1, arriveDirect
		}
	}
}

package walk

import (
	"math"
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
}

// edgeSource is a usable source snapped onto an edge.
type edgeSource struct {
	edge   int32
	source int32
	en     ends
}

// MultiSource runs one shortest-path search from every on-network source at once (a
// bucket queue for bounded searches, a heap otherwise), bounded by maxSeconds seconds
// (+Inf: unbounded; NaN or negative: 0). Each source starts with its
// access leg (metres walked at the plain speed) and reaches both ends of its edge along
// the edge. Off-network sources (and snaps of another graph) are ignored. Call Release
// when done to let the next search reuse the buffers.
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
		f.onEdge = append(f.onEdge, edgeSource{edge: s.Edge, source: int32(j), en: en})
	}
	sort.SliceStable(f.onEdge, func(x, y int) bool { return f.onEdge[x].edge < f.onEdge[y].edge })
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
	en := g.endsOf(s)
	c := choice{sec: math.Inf(1), source: -1, via: -1, side: arriveDirect, en: en}
	ls, ld := f.buf.labels[en.src], f.buf.labels[en.dst]
	if d := ls.dist + en.secSrc; d < c.sec {
		c.sec, c.source, c.via, c.side = d, ls.src, en.src, arriveSrc
	}
	if d := ld.dist + en.secDst; d < c.sec {
		c.sec, c.source, c.via, c.side = d, ld.src, en.dst, arriveDst
	}
	i := sort.Search(len(f.onEdge), func(i int) bool { return f.onEdge[i].edge >= s.Edge })
	for ; i < len(f.onEdge) && f.onEdge[i].edge == s.Edge; i++ {
		o := f.onEdge[i]
		sec, _ := g.direct(o.en, en)
		if d := o.en.access + sec; d < c.sec {
			c.sec, c.source, c.via, c.side = d, o.source, -1, arriveDirect
		}
	}
	c.sec += en.access
	c.ok = c.sec <= f.limit && !math.IsInf(c.sec, 1)
	return c
}

package walk

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// MultiSourceNear is MultiSource for answers wanted only at points within radiusM
// metres (great circle) of centre, a WGS84 (lon, lat) point: a node is not labelled when
// even A*'s lower bound on the walk from it to that disc (the route search's estimate)
// takes the time past maxSeconds. At answers every point of the disc exactly as
// MultiSource would, to the bit (every node on its fastest path stays in the search);
// elsewhere times may be larger or missing. An unbounded maxSeconds (+Inf) searches as
// MultiSource. Call Release when done.
func (g *Graph) MultiSourceNear(sources []Snap, maxSeconds float64, centre orb.Point, radiusM float64) *Field {
	limit := sanitizeLimit(maxSeconds)
	if !useBuckets(limit) {
		return g.MultiSource(sources, maxSeconds)
	}
	f := &Field{g: g, buf: g.getSearch(), limit: limit, sources: append([]Snap(nil), sources...)}
	for j, s := range sources {
		if !g.usable(s) {
			continue
		}
		en := g.endsOf(s)
		g.seedFrom(f.buf, en, int32(j), limit)
		f.onEdge = append(f.onEdge, edgeSource{edge: s.Edge, source: int32(j), frac: en.frac, access: en.access})
		f.hasEdge.add(s.Edge)
	}
	sortOnEdge(f.onEdge)
	q := g.getBuckets(limit)
	f.buf.queueTouched(q.push)
	g.runNear(f.buf, q, limit, disc{centre: centre, radiusM: max(0, radiusM)})
	g.putBuckets(q)
	return f
}

// disc is where MultiSourceNear's answers are wanted.
type disc struct {
	centre  orb.Point
	radiusM float64
}

// sortOnEdge orders sources on edges by edge, then source, as Field.sameEdge expects.
func sortOnEdge(s []edgeSource) {
	for i := 1; i < len(s); i++ { // few sources: insertion sort
		for j := i; j > 0 && (s[j].edge < s[j-1].edge || s[j].edge == s[j-1].edge && s[j].source < s[j-1].source); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// runNear is runBuckets that labels a node only when it may still reach the disc within
// limit seconds.
func (g *Graph) runNear(b *searchBuf, q *bucketQueue, limit float64, d disc) {
	for i := range q.buckets {
		for len(q.buckets[i]) > 0 {
			bk := q.buckets[i]
			u := bk[len(bk)-1]
			q.buckets[i] = bk[:len(bk)-1]
			du := b.labels[u].dist
			if bucketOf(du) != i {
				continue // stale entry: u improved into an earlier bucket since
			}
			su := b.labels[u].src
			lo, hi := g.off[u], g.off[u+1]
			for k, a := range g.arcs[lo:hi] {
				nd := du + float64(a.cost)
				l := &b.labels[a.to]
				if nd > limit || !(nd < l.dist) {
					continue
				}
				if math.IsInf(l.dist, 1) {
					if nd+g.hCoef*max(0, geo.HaversineM(g.nodePt[a.to], d.centre)-d.radiusM) > limit {
						continue // too far from the disc to matter
					}
					b.touched = append(b.touched, a.to)
				}
				l.dist, l.src, l.pred = nd, su, lo+int32(k)
				q.push(a.to, nd)
			}
		}
	}
}

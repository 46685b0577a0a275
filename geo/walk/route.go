package walk

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// Route is a walk between two points.
type Route struct {
	Seconds float64        // walking time, both access legs included
	Metres  float64        // metres walked, both access legs included
	Path    orb.LineString // (lon, lat) WGS84, from a's origin through its access leg, along the edges, to b's origin
}

// routeGoal is what an A* search is heading for: the end nodes of b's edge, plus the
// best walk found so far (network seconds, access legs left out).
type routeGoal struct {
	en     ends
	target orb.Point
	best   float64
	arrive int8
	via    int32
}

// Route returns the fastest walk from the point that snapped as a to the one that snapped
// as b (A* with a great-circle estimate; points in different connected parts of the
// network are answered at once), both (lon, lat) WGS84; Seconds and Metres
// include both access legs. ok is false when either point is off-network or b cannot be
// reached from a.
func (g *Graph) Route(a, b Snap) (Route, bool) {
	if !g.usable(a) || !g.usable(b) || g.edgeComponent(a.Edge) != g.edgeComponent(b.Edge) {
		return Route{}, false
	}
	ea := g.endsOf(a)
	goal := routeGoal{en: g.endsOf(b), target: b.Point, best: math.Inf(1), arrive: arriveDirect, via: -1}
	if a.Edge == b.Edge {
		goal.best, _ = g.direct(ea, goal.en)
	}
	buf, h := g.getSearch(), g.getHeap()
	defer g.putSearch(buf)
	defer g.putHeap(h)
	buf.set(h, ea.src, ea.secSrc, g.estimate(ea.src, goal.target), 0, seedSrc)
	buf.set(h, ea.dst, ea.secDst, g.estimate(ea.dst, goal.target), 0, seedDst)
	g.astar(buf, h, &goal)
	if math.IsInf(goal.best, 1) {
		return Route{}, false
	}
	p := g.plan(buf, a, b, goal.arrive, goal.via)
	sec, m := g.measure(p)
	return Route{Seconds: sec, Metres: m, Path: g.line(p)}, true
}

// estimate returns A*'s lower bound in seconds on the walk from node v to point t.
func (g *Graph) estimate(v int32, t orb.Point) float64 {
	return g.hCoef * geo.HaversineM(g.nodePt[v], t)
}

// astar expands nodes in order of time plus estimate until no queued node can lead to a
// faster walk than goal.best. An entry is stale when its key no longer equals the node's
// time plus estimate (the estimate is recomputed bit for bit); a node whose time improves
// after expansion (rounding only) is simply expanded again.
func (g *Graph) astar(b *searchBuf, h *heapBuf, goal *routeGoal) {
	for h.len() > 0 {
		if h.minKey() >= goal.best {
			return
		}
		u, key := h.pop()
		du := b.labels[u].dist
		hu := g.estimate(u, goal.target)
		if key != du+hu {
			continue
		}
		if u == goal.en.src && du+goal.en.secSrc < goal.best {
			goal.best, goal.arrive, goal.via = du+goal.en.secSrc, arriveSrc, u
		}
		if u == goal.en.dst && du+goal.en.secDst < goal.best {
			goal.best, goal.arrive, goal.via = du+goal.en.secDst, arriveDst, u
		}
		for k := g.off[u]; k < g.off[u+1]; k++ {
			a := g.arcs[k]
			if nd := du + float64(a.cost); nd < b.labels[a.to].dist {
				b.set(h, a.to, nd, g.estimate(a.to, goal.target), 0, k)
			}
		}
	}
}

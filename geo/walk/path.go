package walk

import (
	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// How a walk reaches the edge of its destination.
const (
	arriveDirect int8 = iota // along the edge both points snapped onto
	arriveSrc                // through the edge's source node
	arriveDst                // through the edge's target node
)

// walkPlan is a found walk between two snapped points: either directly along their shared
// edge, or from the start's edge (left towards seed) over slots to an end of the
// destination's edge.
type walkPlan struct {
	from, to     Snap
	fromEn, toEn ends
	arrive       int8
	seed         int32   // seedSrc or seedDst
	slots        []int32 // CSR slots in walking order
}

// plan reads the walk to node via (the arrive end of to's edge) from the search labels.
func (g *Graph) plan(b *searchBuf, from, to Snap, arrive int8, via int32) walkPlan {
	p := walkPlan{from: from, to: to, fromEn: g.endsOf(from), toEn: g.endsOf(to), arrive: arrive}
	if arrive == arriveDirect {
		return p
	}
	p.slots, p.seed = g.trace(b, via)
	return p
}

// trace returns the slots from the search's seed to node x in walking order, and the seed
// code that started the walk.
func (g *Graph) trace(b *searchBuf, x int32) ([]int32, int32) {
	var slots []int32
	v := x
	for guard := 0; guard <= len(g.nodeID); guard++ {
		k := b.labels[v].pred
		if k < 0 {
			for i, j := 0, len(slots)-1; i < j; i, j = i+1, j-1 {
				slots[i], slots[j] = slots[j], slots[i]
			}
			return slots, k
		}
		slots = append(slots, k)
		v = g.slotFrom(k, v)
	}
	return nil, seedSrc // unreachable for labels of a finished search
}

// slotFrom returns the node that slot k leaves from, given the node v it leads to.
func (g *Graph) slotFrom(k, v int32) int32 {
	e := g.adjEdge[k]
	if g.edges[e].dst == v {
		return g.edges[e].src
	}
	return g.edges[e].dst
}

// measure returns the seconds and metres walked along p, both access legs included.
func (g *Graph) measure(p walkPlan) (sec, metres float64) {
	sec, metres = p.fromEn.access+p.toEn.access, p.fromEn.accessMetres+p.toEn.accessMetres
	if p.arrive == arriveDirect {
		s, m := g.direct(p.fromEn, p.toEn)
		return sec + s, metres + m
	}
	if p.seed == seedSrc {
		sec, metres = sec+p.fromEn.secSrc, metres+p.fromEn.mSrc
	} else {
		sec, metres = sec+p.fromEn.secDst, metres+p.fromEn.mDst
	}
	for _, k := range p.slots {
		e := g.adjEdge[k]
		sec, metres = sec+g.edgeSeconds(e), metres+g.edges[e].lenM
	}
	if p.arrive == arriveSrc {
		return sec + p.toEn.secSrc, metres + p.toEn.mSrc
	}
	return sec + p.toEn.secDst, metres + p.toEn.mDst
}

// line returns p's (lon, lat) geometry from the start's origin to the destination's.
func (g *Graph) line(p walkPlan) orb.LineString {
	var b lineBuilder
	b.add(origin(p.from))
	b.add(p.from.Point)
	fe, te := p.from.Edge, p.to.Edge
	if p.arrive == arriveDirect {
		g.interior(&b, fe, p.from.Along, p.to.Along)
	} else {
		if p.seed == seedSrc {
			g.interior(&b, fe, p.from.Along, 0)
			b.add(g.nodePt[g.edges[fe].src])
		} else {
			g.interior(&b, fe, p.from.Along, g.edges[fe].geomLen)
			b.add(g.nodePt[g.edges[fe].dst])
		}
		g.slotsLine(&b, p.slots)
		if p.arrive == arriveSrc {
			g.interior(&b, te, 0, p.to.Along)
		} else {
			g.interior(&b, te, g.edges[te].geomLen, p.to.Along)
		}
	}
	b.add(p.to.Point)
	b.add(origin(p.to))
	return b.ls
}

// slotsLine appends the geometry of whole edges walked over slots (each ends at a node).
func (g *Graph) slotsLine(b *lineBuilder, slots []int32) {
	for _, k := range slots {
		e, v := g.adjEdge[k], g.arcs[k].to
		if g.edges[e].dst == v {
			g.interior(b, e, 0, g.edges[e].geomLen)
		} else {
			g.interior(b, e, g.edges[e].geomLen, 0)
		}
		b.add(g.nodePt[v])
	}
}

// interior appends the vertices of edge e that lie strictly between the positions from
// and to (metres along its geometry), in walking order from → to.
func (g *Graph) interior(b *lineBuilder, e int32, from, to float64) {
	ps := g.pts[g.geomOff[e]:g.geomOff[e+1]]
	cum := make([]float64, len(ps))
	for i := 1; i < len(ps); i++ {
		cum[i] = cum[i-1] + geo.HaversineM(ps[i-1], ps[i])
	}
	if from <= to {
		for i := range ps {
			if cum[i] > from && cum[i] < to {
				b.add(ps[i])
			}
		}
		return
	}
	for i := len(ps) - 1; i >= 0; i-- {
		if cum[i] < from && cum[i] > to {
			b.add(ps[i])
		}
	}
}

// origin returns the point s was snapped from (its joining point when unknown).
func origin(s Snap) orb.Point {
	if s.Origin == (orb.Point{}) {
		return s.Point
	}
	return s.Origin
}

// lineBuilder collects a line's points, dropping immediate repeats.
type lineBuilder struct{ ls orb.LineString }

// add appends p unless it repeats the last point.
func (b *lineBuilder) add(p orb.Point) {
	if n := len(b.ls); n > 0 && b.ls[n-1] == p {
		return
	}
	b.ls = append(b.ls, p)
}

// PathTo returns the (lon, lat) WGS84 walk from the nearest source's origin, through its access
// leg and along the network, to the point that snapped as s and on to s's origin; nil when
// At(s) is not ok.
func (g *Graph) PathTo(f *Field, s Snap) orb.LineString {
	if f == nil || f.g != g {
		return nil
	}
	c := f.best(s)
	if !c.ok {
		return nil
	}
	return g.line(g.plan(f.buf, f.sources[c.source], s, c.side, c.via))
}

package walk

import "math"

// deadEnds are the graph's dead ends (nodes of one slot) whose one neighbour is not a dead
// end itself. A bounded multi-source search leaves them out (deadEnds.slot) and labels them
// once it is done (labelDeadEnds), in node order: a dead end's label is its neighbour's
// final label plus the way's cost, and nothing is reached through it.
type deadEnds struct {
	slot []uint64  // bit per CSR slot: the slot leads to one of ends
	ends []deadEnd // by node
}

// deadEnd is a dead end, its neighbour and the neighbour's slot that leads to it.
type deadEnd struct {
	node, from, slot int32
}

// leadsToDeadEnd reports whether CSR slot s leads to one of d's dead ends.
func (d *deadEnds) leadsToDeadEnd(s int32) bool { return d.slot[uint32(s)>>6]&(1<<(uint32(s)&63)) != 0 }

// deadEndsOf returns g's dead ends, found on the first call.
func (g *Graph) deadEndsOf() *deadEnds {
	g.deadOnce.Do(func() {
		n := len(g.nodeID)
		d := &deadEnds{slot: make([]uint64, (len(g.arcs)+63)/64)}
		for v := range int32(n) {
			if g.off[v+1]-g.off[v] != 1 {
				continue
			}
			p := g.arcs[g.off[v]].to
			if p == v || g.off[p+1]-g.off[p] < 2 {
				continue
			}
			for s := g.off[p]; s < g.off[p+1]; s++ {
				if g.arcs[s].to == v {
					d.slot[uint32(s)>>6] |= 1 << (uint32(s) & 63)
					d.ends = append(d.ends, deadEnd{node: v, from: p, slot: s})
					break
				}
			}
		}
		g.dead = d
	})
	return g.dead
}

// labelDeadEnds gives every dead end of d the label its neighbour's relaxation would have
// given it: the neighbour's final seconds plus the way's cost, when within limit and
// better than the dead end's own (a source snapped next to it).
func (g *Graph) labelDeadEnds(b *searchBuf, d *deadEnds, limit float64) {
	labels := b.labels
	for _, e := range d.ends {
		lp := labels[e.from]
		if math.IsInf(lp.dist, 1) {
			continue
		}
		nd := lp.dist + float64(g.arcs[e.slot].cost)
		l := &labels[e.node]
		if nd > limit || !(nd < l.dist) {
			continue
		}
		if math.IsInf(l.dist, 1) {
			b.touched = append(b.touched, e.node)
		}
		l.dist, l.src, l.pred = nd, lp.src, e.slot
	}
}

package walk

import (
	"cmp"
	"math"
	"slices"
)

// Cover runs the bounded multi-source search of MultiSource from sources (snaps of WGS84
// (lon, lat) points; off-network ones are ignored) and calls fn, in ascending index, for
// every point of p reached within maxSeconds seconds (+Inf: unbounded; NaN or negative:
// 0), with the seconds (both access legs included) and the index into sources of the
// nearest source, as MultiSource's Field.EachPoint gives them up to float64 rounding (the
// sums are associated differently). It searches only the junctions of g's core
// decomposition (coreGraph), so it costs a small part of a search of every node; it
// keeps nothing for routes (PathTo) or node times. p must be prepared on g (else nothing
// is called). Under SetPlainSearch it runs MultiSource and EachPoint.
func (g *Graph) Cover(sources []Snap, maxSeconds float64, p *Points, fn func(i int, seconds float64, source int32)) {
	if p == nil || p.g != g {
		return
	}
	if g.plainBuckets {
		f := g.MultiSource(sources, maxSeconds)
		f.EachPoint(p, fn)
		f.Release()
		return
	}
	c := g.coreOf()
	refs := p.coreRefs(c)
	b := c.getBuf(g)
	defer c.putBuf(g, b)
	limit := sanitizeLimit(maxSeconds)
	f := &Field{g: g, limit: limit}
	for j, s := range sources {
		if !g.usable(s) {
			continue
		}
		en := g.endsOf(s)
		c.seed(b, en.src, en.access+en.secSrc, int32(j), limit)
		c.seed(b, en.dst, en.access+en.secDst, int32(j), limit)
		f.onEdge = append(f.onEdge, edgeSource{edge: s.Edge, source: int32(j), frac: en.frac, access: en.access})
		f.hasEdge.add(s.Edge)
	}
	slices.SortFunc(f.onEdge, func(x, y edgeSource) int {
		if x.edge != y.edge {
			return cmp.Compare(x.edge, y.edge)
		}
		return cmp.Compare(x.source, y.source)
	})
	c.search(g, b, limit)
	for i, en := range p.ends {
		if !p.ok[i] {
			continue
		}
		ls, ld := c.labelOf(b, &refs[2*i]), c.labelOf(b, &refs[2*i+1])
		if ch := f.choose(en, ls, ld); ch.ok {
			fn(i, ch.sec, ch.source)
		}
	}
}

// PrepareCover works out g's core decomposition for Cover now (it is otherwise done by
// the first Cover), so that a caller can overlap it with other work; safe to call
// concurrently with anything, once or many times.
func (g *Graph) PrepareCover() { g.coreOf() }

// choose picks how the nearest source reaches a point lying at en, from the labels of
// its edge's two end nodes and the sources on the edge itself.
func (f *Field) choose(en ends, ls, ld coreLabel) choice {
	c := choice{sec: math.Inf(1), source: -1, via: -1, side: arriveDirect, en: en}
	if d := ls.dist + en.secSrc; d < c.sec {
		c.sec, c.source, c.via, c.side = d, ls.src, en.src, arriveSrc
	}
	if d := ld.dist + en.secDst; d < c.sec {
		c.sec, c.source, c.via, c.side = d, ld.src, en.dst, arriveDst
	}
	if f.hasEdge.has(en.edge) {
		f.sameEdge(&c)
	}
	c.sec += en.access
	c.ok = c.sec <= f.limit && !math.IsInf(c.sec, 1)
	return c
}

// coreBuf is one Cover search's state: junction labels, the sparse labels of tree nodes
// that lead up from sources, the seeds on chain interiors and which roots have sources
// in their trees.
type coreBuf struct {
	jl       []coreLabel // by junction
	jtouched []int32
	nl       []coreLabel // by node: tree nodes on the way up from a source
	ntouched []int32
	seeds    []chainSeed // sorted by chain once seeded
	head     []int32     // by chain: 1 + index of its first seed, 0 when none
	dirty    []uint64    // bit per node: a root with a source in its trees
	dtouched []int32
	heap     *heapBuf
}

// chainSeed is a source's time at a chain interior node.
type chainSeed struct {
	chain int32
	src   int32
	off   float64 // the node's offset along the chain
	dist  float64
}

// getBuf returns a clean buffer for c (held ones first, as HoldBuffers says).
func (c *coreGraph) getBuf(g *Graph) *coreBuf {
	if b := g.held.takeCore(); b != nil {
		return b
	}
	if b, ok := g.corePool.Get().(*coreBuf); ok {
		return b
	}
	b := &coreBuf{jl: make([]coreLabel, len(c.jnode)), nl: make([]coreLabel, len(c.kind)),
		head: make([]int32, len(c.chains)), dirty: make([]uint64, (len(c.kind)+63)/64), heap: newHeapBuf()}
	for i := range b.jl {
		b.jl[i] = unreached
	}
	for i := range b.nl {
		b.nl[i] = unreached
	}
	return b
}

// putBuf cleans b and hands it back.
func (c *coreGraph) putBuf(g *Graph, b *coreBuf) {
	for _, j := range b.jtouched {
		b.jl[j] = unreached
	}
	for _, v := range b.ntouched {
		b.nl[v] = unreached
	}
	for _, s := range b.seeds {
		b.head[s.chain] = 0
	}
	for _, v := range b.dtouched {
		b.dirty[v>>6] = 0
	}
	b.jtouched, b.ntouched, b.seeds, b.dtouched = b.jtouched[:0], b.ntouched[:0], b.seeds[:0], b.dtouched[:0]
	b.heap.reset()
	if !g.held.keepCore(b) {
		g.corePool.Put(b)
	}
}

// seed gives node x the time d (≤ limit) from source j: a junction its label, a chain
// interior a seed of its chain; from a tree node the time is carried up towards its root
// while it improves, the root marked as having a source in its trees.
func (c *coreGraph) seed(b *coreBuf, x int32, d float64, j int32, limit float64) {
	for d <= limit {
		switch c.kind[x] {
		case nodeJunction:
			c.setJunction(b, c.ref[x], d, j)
			return
		case nodeChain:
			b.seeds = append(b.seeds, chainSeed{chain: c.ref[x], src: j, off: c.off[x], dist: d})
			return
		}
		l := &b.nl[x]
		if !(d < l.dist) {
			return
		}
		if math.IsInf(l.dist, 1) {
			b.ntouched = append(b.ntouched, x)
		}
		*l = coreLabel{dist: d, src: j}
		if r := c.root[x]; b.dirty[r>>6]&(1<<(r&63)) == 0 {
			b.dirty[r>>6] |= 1 << (r & 63)
			b.dtouched = append(b.dtouched, r)
		}
		p := c.ref[x]
		d += c.upTo(x, p)
		x = p
	}
}

// setJunction improves junction j's label to d from source src, reporting whether it did.
func (c *coreGraph) setJunction(b *coreBuf, j int32, d float64, src int32) bool {
	l := &b.jl[j]
	if !(d < l.dist) {
		return false
	}
	if math.IsInf(l.dist, 1) {
		b.jtouched = append(b.jtouched, j)
	}
	*l = coreLabel{dist: d, src: src}
	return true
}

// search carries the chain seeds to their chains' junctions and runs Dijkstra over the
// junctions' contracted arcs, every label within limit seconds final at the end.
func (c *coreGraph) search(g *Graph, b *coreBuf, limit float64) {
	slices.SortFunc(b.seeds, func(x, y chainSeed) int { return cmp.Compare(x.chain, y.chain) })
	for k := len(b.seeds) - 1; k >= 0; k-- {
		s := b.seeds[k]
		b.head[s.chain] = int32(k) + 1
		ch := c.chains[s.chain]
		if d := s.dist + s.off; d <= limit {
			c.setJunction(b, ch.a, d, s.src)
		}
		if d := s.dist + (ch.length - s.off); d <= limit {
			c.setJunction(b, ch.b, d, s.src)
		}
	}
	h := b.heap
	for _, j := range b.jtouched {
		h.push(j, b.jl[j].dist)
	}
	for h.len() > 0 {
		u, du := h.pop()
		if du > b.jl[u].dist {
			continue // stale entry
		}
		su := b.jl[u].src
		for _, a := range c.jarc[c.joff[u]:c.joff[u+1]] {
			if nd := du + a.cost; nd <= limit && c.setJunction(b, a.to, nd, su) {
				h.push(a.to, nd)
			}
		}
	}
}

// labelOf returns the time of the node r refers to: from its base (a junction, or a chain
// interior between two junctions and the chain's seeds) plus the seconds up from it,
// improved by the sources in its tree below.
func (c *coreGraph) labelOf(b *coreBuf, r *coreRef) coreLabel {
	var l coreLabel
	if r.chain < 0 {
		l = b.jl[r.base]
	} else {
		l = c.chainLabel(b, r.chain, r.off)
	}
	l.dist += r.up
	if r.tree >= 0 && b.dirty[r.rootNode>>6]&(1<<(r.rootNode&63)) != 0 {
		for x := r.tree; c.kind[x] == nodeTree; x = c.ref[x] {
			if d := b.nl[x].dist + (r.up - c.off[x]); d < l.dist {
				l = coreLabel{dist: d, src: b.nl[x].src}
			}
		}
	}
	return l
}

// chainLabel returns the time of the interior node at off seconds along chain k.
func (c *coreGraph) chainLabel(b *coreBuf, k int32, off float64) coreLabel {
	ch := c.chains[k]
	l := b.jl[ch.a]
	l.dist += off
	if lb := b.jl[ch.b]; lb.dist+(ch.length-off) < l.dist {
		l = coreLabel{dist: lb.dist + (ch.length - off), src: lb.src}
	}
	if h := b.head[k]; h > 0 {
		for _, s := range b.seeds[h-1:] {
			if s.chain != k {
				break
			}
			if d := s.dist + math.Abs(off-s.off); d < l.dist {
				l = coreLabel{dist: d, src: s.src}
			}
		}
	}
	return l
}

// coreRef is where a node lies in the core decomposition, worked out once per point.
type coreRef struct {
	tree     int32   // the node when it is a tree node, else -1
	up       float64 // seconds from it up to its root (0 when not a tree node)
	rootNode int32   // its root (the node itself when not a tree node)
	chain    int32   // the root's chain when the root is a chain interior, else -1
	base     int32   // the root's junction index when the root is a junction
	off      float64 // the root's offset along its chain
}

// refOf returns where node v lies in c.
func (c *coreGraph) refOf(v int32) coreRef {
	r := coreRef{tree: -1, rootNode: v, chain: -1}
	if c.kind[v] == nodeTree {
		r.tree, r.up, r.rootNode = v, c.off[v], c.root[v]
	}
	switch root := r.rootNode; c.kind[root] {
	case nodeJunction:
		r.base = c.ref[root]
	case nodeChain:
		r.chain, r.off = c.ref[root], c.off[root]
	}
	return r
}

// coreRefs returns the refs of every prepared point's two end nodes (source end, target
// end), worked out on the first call.
func (p *Points) coreRefs(c *coreGraph) []coreRef {
	p.refOnce.Do(func() {
		p.refs = make([]coreRef, 2*len(p.ends))
		for i, en := range p.ends {
			if p.ok[i] {
				p.refs[2*i], p.refs[2*i+1] = c.refOf(en.src), c.refOf(en.dst)
			}
		}
	})
	return p.refs
}

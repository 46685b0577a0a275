package walk

import "math"

// Kinds of node in a graph's core decomposition (coreGraph.kind).
const (
	nodeJunction uint8 = iota // searched: a core node of core degree ≠ 2, or a tree's root
	nodeChain                 // interior node of a core chain between two junctions
	nodeTree                  // in a tree hanging off the core: peeled away
)

// coreGraph is the part of a graph a coverage search has to search, worked out once per
// graph. Peeling the dead ends again and again leaves the 2-core; what was peeled are
// trees, each hanging from one core node (its root) or, for a component without a cycle,
// from one of its own nodes made a junction. In the 2-core, the nodes of two core slots
// are the interiors of chains between junctions (the other core nodes; one node of a
// cycle of such nodes is made a junction). A search runs on the junctions and the chains
// between them, contracted into one arc each; every other node's time follows from its
// chain's two junctions or its tree's root plus the seconds up to it (Graph.Cover).
type coreGraph struct {
	kind []uint8 // by node
	// ref: a junction's index, a chain interior's chain, a tree node's parent node.
	ref []int32
	// off: a chain interior's seconds from its chain's start junction along the chain; a
	// tree node's seconds up to its root; 0 for a junction.
	off  []float64
	root []int32 // a tree node's root (a junction or a chain interior); else the node itself

	jnode  []int32 // junction index → node
	joff   []int32 // contracted adjacency: the arcs of junction j are jarc[joff[j]:joff[j+1]]
	jarc   []coreArc
	chains []coreChain
}

// coreArc is one way along a chain between two different junctions.
type coreArc struct {
	to   int32   // junction index
	cost float64 // seconds along the whole chain
}

// coreChain is a chain of the 2-core: from junction a to junction b (a == b for a loop)
// in length seconds, the sum of its slots' costs from a.
type coreChain struct {
	a, b   int32
	length float64
}

// coreOf returns g's core decomposition, worked out on the first call.
func (g *Graph) coreOf() *coreGraph {
	g.coreOnce.Do(func() { g.core = buildCore(g) })
	return g.core
}

// buildCore peels g's trees, then contracts the chains of what is left.
func buildCore(g *Graph) *coreGraph {
	n := len(g.nodeID)
	c := &coreGraph{kind: make([]uint8, n), ref: make([]int32, n), off: make([]float64, n), root: make([]int32, n)}
	deg, order, isRoot := g.peel(c)
	c.hangTrees(order, isRoot)
	visited := make([]uint64, (len(g.edgeID)+63)/64)
	for v := range int32(n) {
		if c.kind[v] == nodeJunction && (isRoot[v] || deg[v] != 2) {
			c.addJunction(v)
		}
	}
	for j := 0; j < len(c.jnode); j++ {
		c.walkChains(g, deg, visited, c.jnode[j])
	}
	for v := range int32(n) { // cycles of two-slot nodes only: one node becomes a junction
		if c.kind[v] == nodeJunction && !isRoot[v] && deg[v] == 2 && c.ref[v] < 0 {
			c.addJunction(v)
			c.walkChains(g, deg, visited, v)
		}
	}
	c.contract()
	return c
}

// peel removes dead ends until none is left, marking every removed node a tree node (its
// parent in ref, the seconds to it in off) or, when it had no neighbour left, a root. It
// returns the core degree of every node (slots to nodes not removed), the removed nodes
// in removal order and which of them are roots. Core nodes get ref -1 (no junction yet).
func (g *Graph) peel(c *coreGraph) (deg []int32, order []int32, isRoot []bool) {
	n := len(g.nodeID)
	deg = make([]int32, n)
	removed := make([]bool, n)
	isRoot = make([]bool, n)
	var stack []int32
	for v := range int32(n) {
		deg[v] = g.off[v+1] - g.off[v]
		c.ref[v], c.root[v] = -1, v
		if deg[v] <= 1 {
			stack = append(stack, v)
		}
	}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if removed[x] {
			continue
		}
		removed[x] = true
		order = append(order, x)
		if deg[x] == 0 {
			isRoot[x] = true
			continue
		}
		for s := g.off[x]; s < g.off[x+1]; s++ {
			if p := g.arcs[s].to; !removed[p] {
				c.kind[x], c.ref[x], c.off[x] = nodeTree, p, float64(g.arcs[s].cost)
				if deg[p]--; deg[p] == 1 {
					stack = append(stack, p)
				}
				break
			}
		}
	}
	return deg, order, isRoot
}

// hangTrees gives every tree node its root and the seconds up to it, parents first.
func (c *coreGraph) hangTrees(order []int32, isRoot []bool) {
	for k := len(order) - 1; k >= 0; k-- {
		x := order[k]
		if isRoot[x] {
			continue
		}
		if p := c.ref[x]; c.kind[p] == nodeTree {
			c.root[x] = c.root[p]
			c.off[x] += c.off[p]
		} else {
			c.root[x] = p
		}
	}
}

// addJunction makes core node v the next junction.
func (c *coreGraph) addJunction(v int32) {
	c.kind[v], c.ref[v], c.off[v] = nodeJunction, int32(len(c.jnode)), 0
	c.jnode = append(c.jnode, v)
}

// walkChains follows every chain leaving junction u by an edge not yet walked, giving its
// interior nodes their chain and offsets.
func (c *coreGraph) walkChains(g *Graph, deg []int32, visited []uint64, u int32) {
	for s := g.off[u]; s < g.off[u+1]; s++ {
		e := g.adjEdge[s]
		if visited[e>>6]&(1<<(e&63)) != 0 || c.kind[g.arcs[s].to] == nodeTree {
			continue
		}
		c.walkChain(g, visited, u, s)
	}
}

// walkChain walks the chain leaving junction u by slot s up to the next junction.
func (c *coreGraph) walkChain(g *Graph, visited []uint64, u, s int32) {
	id := int32(len(c.chains))
	sum := 0.0
	for {
		e := g.adjEdge[s]
		visited[e>>6] |= 1 << (e & 63)
		sum += float64(g.arcs[s].cost)
		v := g.arcs[s].to
		if c.kind[v] == nodeJunction && c.ref[v] >= 0 {
			c.chains = append(c.chains, coreChain{a: c.ref[u], b: c.ref[v], length: sum})
			return
		}
		c.kind[v], c.ref[v], c.off[v] = nodeChain, id, sum
		s = g.otherCoreSlot(c, v, e)
	}
}

// otherCoreSlot returns the slot of two-slot core node v that is not edge e.
func (g *Graph) otherCoreSlot(c *coreGraph, v, e int32) int32 {
	for s := g.off[v]; s < g.off[v+1]; s++ {
		if g.adjEdge[s] != e && c.kind[g.arcs[s].to] != nodeTree {
			return s
		}
	}
	panic("walk: chain node without a second core slot")
}

// contract builds the junctions' adjacency: one arc each way per chain between two
// different junctions.
func (c *coreGraph) contract() {
	c.joff = make([]int32, len(c.jnode)+1)
	for _, ch := range c.chains {
		if ch.a != ch.b {
			c.joff[ch.a+1]++
			c.joff[ch.b+1]++
		}
	}
	for j := range c.jnode {
		c.joff[j+1] += c.joff[j]
	}
	c.jarc = make([]coreArc, c.joff[len(c.jnode)])
	next := append([]int32(nil), c.joff[:len(c.jnode)]...)
	for _, ch := range c.chains {
		if ch.a != ch.b {
			c.jarc[next[ch.a]] = coreArc{to: ch.b, cost: ch.length}
			c.jarc[next[ch.b]] = coreArc{to: ch.a, cost: ch.length}
			next[ch.a]++
			next[ch.b]++
		}
	}
}

// upTo returns the seconds from tree node x up to its parent p.
func (c *coreGraph) upTo(x, p int32) float64 {
	if c.kind[p] == nodeTree {
		return c.off[x] - c.off[p]
	}
	return c.off[x]
}

// coreLabel is a searched time: seconds from the nearest source and which source.
type coreLabel struct {
	dist float64
	src  int32
}

// unreached is the label of a node no source reaches.
var unreached = coreLabel{dist: math.Inf(1), src: -1}

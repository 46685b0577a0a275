package importers

import (
	"cmp"
	"context"
	"slices"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// sweepIntersection finds a place where two non-adjacent edges of a closed ring meet, in
// O(n log n): a Shamos–Hoey sweep. The edges' endpoints are visited left to right (by x,
// then y); the edges the sweep line crosses are kept in a balanced tree (a treap) ordered
// bottom to top, compared with orientation tests on their endpoints only; an edge is
// tested in full against its neighbours when it enters and they are tested against each
// other when it leaves. Were two edges to meet, some pair of them would be neighbours
// before the sweep passes the leftmost meeting point, so one is found; the first found
// is returned. Adjacent edges are left to foldsBack. ctx is polled, for rings of millions
// of vertices.
func sweepIntersection(ctx context.Context, ring orb.Ring) (orb.Point, bool, error) {
	s := newSweep(ring)
	for k, ev := range s.events {
		if k&0x3ff == 0 {
			if err := ctx.Err(); err != nil {
				return orb.Point{}, false, geo.WrapError(geo.EUNAVAILABLE, err, "checking a ring of %d vertices for self-intersection: cancelled", len(ring)-1)
			}
		}
		var at orb.Point
		var bad bool
		if ev.insert {
			at, bad = s.insert(int(ev.edge))
		} else {
			at, bad = s.remove(int(ev.edge))
		}
		if bad {
			return at, true, nil
		}
	}
	return orb.Point{}, false, nil
}

// sweepEvent is an edge's left endpoint (insert) or right endpoint (remove).
type sweepEvent struct {
	at     orb.Point
	edge   int32
	insert bool
}

// treapNode is an edge in the sweep's status tree.
type treapNode struct {
	edge                int32
	prio                uint32
	left, right, parent *treapNode
}

// sweep is the state of one sweepIntersection.
type sweep struct {
	ring        orb.Ring
	left, right []orb.Point // each edge's endpoints, left (smaller x, then y) first
	events      []sweepEvent
	nodes       []treapNode // one per edge
	root        *treapNode
}

// comparePoints orders points by x, then y.
func comparePoints(a, b orb.Point) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}

func newSweep(ring orb.Ring) *sweep {
	n := len(ring) - 1
	s := &sweep{ring: ring, left: make([]orb.Point, n), right: make([]orb.Point, n),
		events: make([]sweepEvent, 0, 2*n), nodes: make([]treapNode, n)}
	seed := uint32(2463534242)
	for i := range n {
		a, b := ring[i], ring[i+1]
		if comparePoints(a, b) > 0 {
			a, b = b, a
		}
		s.left[i], s.right[i] = a, b
		s.events = append(s.events, sweepEvent{a, int32(i), true}, sweepEvent{b, int32(i), false})
		seed ^= seed << 13 // xorshift: deterministic priorities
		seed ^= seed >> 17
		seed ^= seed << 5
		s.nodes[i] = treapNode{edge: int32(i), prio: seed}
	}
	// By point; at one point, inserts before removes, so that edges meeting there are in
	// the tree together.
	slices.SortFunc(s.events, func(x, y sweepEvent) int {
		if c := comparePoints(x.at, y.at); c != 0 {
			return c
		}
		return cmp.Or(-compareBool(x.insert, y.insert), cmp.Compare(x.edge, y.edge))
	})
	return s
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// meet tests edges i and j of the ring in full.
func (s *sweep) meet(i, j int) (orb.Point, bool) {
	return edgesMeet(s.ring, min(i, j), max(i, j))
}

// insert puts edge e into the tree at its left endpoint p and tests it against its
// neighbours, and against any edge p lies on.
func (s *sweep) insert(e int) (orb.Point, bool) {
	x := &s.nodes[e]
	p, r := s.left[e], s.right[e]
	var parent *treapNode
	below := false
	for cur := s.root; cur != nil; {
		u := int(cur.edge)
		o := orient(s.left[u], s.right[u], p)
		if o == 0 && onSegment(s.left[u], s.right[u], p) {
			if at, bad := s.meet(e, u); bad {
				return at, true
			}
		}
		if o == 0 {
			o = orient(s.left[u], s.right[u], r)
		}
		if o == 0 {
			o = float64(cmp.Compare(e, u)) // collinear: any fixed order
		}
		parent, below = cur, o < 0
		if below {
			cur = cur.left
		} else {
			cur = cur.right
		}
	}
	x.parent = parent
	switch {
	case parent == nil:
		s.root = x
	case below:
		parent.left = x
	default:
		parent.right = x
	}
	for x.parent != nil && x.parent.prio < x.prio {
		s.rotateUp(x)
	}
	if nb := predecessor(x); nb != nil {
		if at, bad := s.meet(e, int(nb.edge)); bad {
			return at, true
		}
	}
	if nb := successor(x); nb != nil {
		return s.meet(e, int(nb.edge))
	}
	return orb.Point{}, false
}

// remove takes edge e out of the tree at its right endpoint and tests the neighbours it
// leaves next to each other.
func (s *sweep) remove(e int) (orb.Point, bool) {
	x := &s.nodes[e]
	below, above := predecessor(x), successor(x)
	for x.left != nil || x.right != nil { // rotate x down to a leaf
		c := x.left
		if c == nil || (x.right != nil && x.right.prio > c.prio) {
			c = x.right
		}
		s.rotateUp(c)
	}
	switch {
	case x.parent == nil:
		s.root = nil
	case x.parent.left == x:
		x.parent.left = nil
	default:
		x.parent.right = nil
	}
	x.parent = nil
	if below != nil && above != nil {
		return s.meet(int(below.edge), int(above.edge))
	}
	return orb.Point{}, false
}

// rotateUp rotates x above its parent, keeping the in-order sequence.
func (s *sweep) rotateUp(x *treapNode) {
	p := x.parent
	g := p.parent
	if p.left == x {
		p.left = x.right
		if x.right != nil {
			x.right.parent = p
		}
		x.right = p
	} else {
		p.right = x.left
		if x.left != nil {
			x.left.parent = p
		}
		x.left = p
	}
	p.parent, x.parent = x, g
	switch {
	case g == nil:
		s.root = x
	case g.left == p:
		g.left = x
	default:
		g.right = x
	}
}

// predecessor returns the node before x in order (the edge just below), or nil.
func predecessor(x *treapNode) *treapNode { return neighbour(x, leftChild, rightChild) }

// successor returns the node after x in order (the edge just above), or nil.
func successor(x *treapNode) *treapNode { return neighbour(x, rightChild, leftChild) }

func leftChild(x *treapNode) *treapNode  { return x.left }
func rightChild(x *treapNode) *treapNode { return x.right }

// neighbour returns the node next to x in order on the side of child toward (away the
// other side's child), or nil: the outermost node of that subtree, else the first
// ancestor x lies away from.
func neighbour(x *treapNode, toward, away func(*treapNode) *treapNode) *treapNode {
	if c := toward(x); c != nil {
		for away(c) != nil {
			c = away(c)
		}
		return c
	}
	for x.parent != nil && toward(x.parent) == x {
		x = x.parent
	}
	return x.parent
}

package dissolve

import (
	"math"
	"math/big"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Coverage returns the union of polygons that tile without overlapping and meet along
// identical vertices, and false when their leftover edges do not stitch into rings (see
// the package comment). Points are (lon, lat) WGS84 degrees, compared exactly; the result
// uses the inputs' vertices only, shells counter-clockwise, holes clockwise, rings closed.
// The result is the union only when it is a valid MultiPolygon: the caller checks (for
// example with PostGIS ST_IsValid) and takes a general union otherwise. Invalid input
// polygons give no meaningful result.
func Coverage(polys []orb.MultiPolygon) (orb.MultiPolygon, bool) {
	n := 0
	for _, mp := range polys {
		for _, p := range mp {
			for _, r := range p {
				n += len(r)
			}
		}
	}
	g := newGraph(n)
	for _, mp := range polys {
		for _, p := range mp {
			for i, r := range p {
				if !g.addRing(r, i == 0) {
					return nil, false
				}
			}
		}
	}
	rings, ok := g.rings()
	if !ok {
		return nil, false
	}
	return assemble(rings)
}

// graph holds directed edges between numbered vertices; an edge added while its reverse
// is alive cancels it.
type graph struct {
	pts      []orb.Point         // the vertices, by number
	vid      map[[2]uint64]int32 // a vertex's number, by the bits of its coordinates
	from, to []int32             // the edges' ends
	alive    []bool              // false once cancelled
	next     []int32             // the next alive edge with the same ends, or -1
	byKey    map[uint64]int32    // the first alive edge from a to b, by edgeKey
	scratch  []orb.Point         // addRing's
}

// newGraph makes room for about n vertices and edges.
func newGraph(n int) *graph {
	return &graph{vid: make(map[[2]uint64]int32, n), byKey: make(map[uint64]int32, n),
		pts: make([]orb.Point, 0, n), from: make([]int32, 0, n), to: make([]int32, 0, n),
		alive: make([]bool, 0, n), next: make([]int32, 0, n)}
}

// vertex numbers p, the same number for the same point (0 and -0 alike).
func (g *graph) vertex(p orb.Point) int32 {
	k := [2]uint64{math.Float64bits(p[0] + 0), math.Float64bits(p[1] + 0)}
	if v, ok := g.vid[k]; ok {
		return v
	}
	v := int32(len(g.pts))
	g.vid[k] = v
	g.pts = append(g.pts, p)
	return v
}

func edgeKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// addRing adds the edges of r, counter-clockwise for a shell and clockwise for a hole;
// false for a ring with a coordinate that is not finite, of fewer than three distinct
// points or of no orientation.
func (g *graph) addRing(r orb.Ring, shell bool) bool {
	pts := g.scratch[:0]
	defer func() { g.scratch = pts[:0] }()
	for _, p := range r {
		if !finite(p[0]) || !finite(p[1]) {
			return false
		}
		if len(pts) == 0 || p != pts[len(pts)-1] {
			pts = append(pts, p)
		}
	}
	for len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	if len(pts) < 3 {
		return false
	}
	o := orientation(pts)
	if o == 0 {
		return false
	}
	reverse := (o > 0) != shell
	first := g.vertex(pts[0])
	prev := first
	for i := 1; i <= len(pts); i++ {
		v := first
		if i < len(pts) {
			v = g.vertex(pts[i])
		}
		if reverse {
			g.add(v, prev)
		} else {
			g.add(prev, v)
		}
		prev = v
	}
	return true
}

func (g *graph) add(a, b int32) {
	rev := edgeKey(b, a)
	if h, ok := g.byKey[rev]; ok {
		g.alive[h] = false
		if g.next[h] >= 0 {
			g.byKey[rev] = g.next[h]
		} else {
			delete(g.byKey, rev)
		}
		return
	}
	key := edgeKey(a, b)
	nx := int32(-1)
	if h, ok := g.byKey[key]; ok {
		nx = h
	}
	g.byKey[key] = int32(len(g.from))
	g.from, g.to = append(g.from, a), append(g.to, b)
	g.alive, g.next = append(g.alive, true), append(g.next, nx)
}

// rings stitches the alive edges into closed rings, in the order of the edges' first
// appearance, each passing a vertex once; false when an edge leads nowhere or to an edge
// already used.
func (g *graph) rings() ([]orb.Ring, bool) {
	outHead := make([]int32, len(g.pts))
	for i := range outHead {
		outHead[i] = -1
	}
	outNext := make([]int32, len(g.from))
	for i := len(g.from) - 1; i >= 0; i-- {
		if g.alive[i] {
			outNext[i] = outHead[g.from[i]]
			outHead[g.from[i]] = int32(i)
		}
	}
	used := make([]bool, len(g.from))
	seen := make([]int32, len(g.pts)) // a vertex's place in the walk, plus one; 0: not in it
	var out []orb.Ring
	var walk []int32
	for s := range g.from {
		if !g.alive[s] || used[s] {
			continue
		}
		walk = append(walk[:0], g.from[s])
		for e := int32(s); ; {
			used[e] = true
			walk = append(walk, g.to[e])
			h := outHead[g.to[e]]
			if h < 0 {
				return nil, false
			}
			n := g.leftmost(e, h, outNext)
			if n == int32(s) {
				break
			}
			if used[n] {
				return nil, false
			}
			e = n
		}
		out = g.splitLoops(out, walk, seen)
	}
	return out, true
}

// splitLoops appends to out the loops of the closed walk (vertex numbers, first = last),
// cut where it passes a vertex again: the rings of a valid polygon pass each vertex once.
// seen is all zeros on entry and on return.
func (g *graph) splitLoops(out []orb.Ring, walk []int32, seen []int32) []orb.Ring {
	stack := make([]int32, 0, len(walk))
	for _, v := range walk {
		i := seen[v] - 1
		if i < 0 {
			stack = append(stack, v)
			seen[v] = int32(len(stack))
			continue
		}
		loop := make(orb.Ring, 0, len(stack)-int(i)+1)
		for _, w := range stack[i:] {
			loop = append(loop, g.pts[w])
		}
		out = append(out, append(loop, g.pts[v]))
		for _, w := range stack[i+1:] {
			seen[w] = 0
		}
		stack = stack[:i+1]
	}
	for _, w := range stack {
		seen[w] = 0
	}
	return out
}

// leftmost returns, of the edges leaving the end of edge e (the list from head h), the
// one turning furthest left: the first met turning clockwise from the way back.
func (g *graph) leftmost(e, h int32, outNext []int32) int32 {
	if outNext[h] < 0 {
		return h
	}
	v, u := g.pts[g.to[e]], g.pts[g.from[e]]
	back := math.Atan2(u[1]-v[1], u[0]-v[0])
	best, bestTurn := h, math.Inf(1)
	for c := h; c >= 0; c = outNext[c] {
		w := g.pts[g.to[c]]
		turn := back - math.Atan2(w[1]-v[1], w[0]-v[0])
		for turn <= 0 {
			turn += 2 * math.Pi
		}
		if turn < bestTurn {
			best, bestTurn = c, turn
		}
	}
	return best
}

// assemble makes counter-clockwise rings shells and puts each clockwise ring in the
// smallest shell around it; false for a ring with no orientation or a hole in no shell.
func assemble(rings []orb.Ring) (orb.MultiPolygon, bool) {
	var shells, holes []orb.Ring
	for _, r := range rings {
		switch orientation(r[:len(r)-1]) {
		case 1:
			shells = append(shells, r)
		case -1:
			holes = append(holes, r)
		default:
			return nil, false
		}
	}
	mp := make(orb.MultiPolygon, len(shells))
	bounds := make([]orb.Bound, len(shells))
	areas := make([]float64, len(shells))
	for i, s := range shells {
		mp[i] = orb.Polygon{s}
		bounds[i] = s.Bound()
		areas[i] = math.Abs(planar.Area(s))
	}
	for _, h := range holes {
		hb, at := h.Bound(), orb.Point{(h[0][0] + h[1][0]) / 2, (h[0][1] + h[1][1]) / 2}
		best := -1
		for i, s := range shells {
			if (best < 0 || areas[i] < areas[best]) && bounds[i].Contains(hb.Min) && bounds[i].Contains(hb.Max) && planar.RingContains(s, at) {
				best = i
			}
		}
		if best < 0 {
			return nil, false
		}
		mp[best] = append(mp[best], h)
	}
	return mp, true
}

// orientation is 1 for a counter-clockwise ring, -1 for a clockwise one and 0 when its
// lowest-leftmost vertex turns neither way; pts is the ring without its closing point.
// The sign is exact (big.Rat when the floating-point product is too close to call).
func orientation(pts []orb.Point) int {
	m := 0
	for i, p := range pts {
		if p[0] < pts[m][0] || (p[0] == pts[m][0] && p[1] < pts[m][1]) {
			m = i
		}
	}
	n := len(pts)
	return orient(pts[(m+n-1)%n], pts[m], pts[(m+1)%n])
}

// orient is the sign of the turn a→b→c: 1 left, -1 right, 0 straight on.
func orient(a, b, c orb.Point) int {
	l := (b[0] - a[0]) * (c[1] - a[1])
	r := (b[1] - a[1]) * (c[0] - a[0])
	det := l - r
	if bound := 1e-15 * (math.Abs(l) + math.Abs(r)); det > bound {
		return 1
	} else if det < -bound {
		return -1
	}
	q := func(x, y float64) *big.Rat {
		d := new(big.Rat).SetFloat64(x)
		return d.Sub(d, new(big.Rat).SetFloat64(y))
	}
	lr := new(big.Rat).Mul(q(b[0], a[0]), q(c[1], a[1]))
	rr := new(big.Rat).Mul(q(b[1], a[1]), q(c[0], a[0]))
	return lr.Cmp(rr)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

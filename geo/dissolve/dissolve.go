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
	g := graph{byKey: map[[2]orb.Point]int32{}}
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

// graph holds directed edges; an edge added while its reverse is alive cancels it.
type graph struct {
	from, to []orb.Point
	alive    []bool
	next     []int32                // the next alive edge with the same ends, or -1
	byKey    map[[2]orb.Point]int32 // the first alive edge from a to b
}

// addRing adds the edges of r, counter-clockwise for a shell and clockwise for a hole;
// false for a ring with a coordinate that is not finite, of fewer than three distinct
// points or of no orientation.
func (g *graph) addRing(r orb.Ring, shell bool) bool {
	pts := make([]orb.Point, 0, len(r))
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
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		if reverse {
			a, b = b, a
		}
		g.add(a, b)
	}
	return true
}

func (g *graph) add(a, b orb.Point) {
	rev := [2]orb.Point{b, a}
	if h, ok := g.byKey[rev]; ok {
		g.alive[h] = false
		if g.next[h] >= 0 {
			g.byKey[rev] = g.next[h]
		} else {
			delete(g.byKey, rev)
		}
		return
	}
	key := [2]orb.Point{a, b}
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
	outHead := map[orb.Point]int32{}
	outNext := make([]int32, len(g.from))
	for i := len(g.from) - 1; i >= 0; i-- {
		if !g.alive[i] {
			continue
		}
		outNext[i] = -1
		if h, ok := outHead[g.from[i]]; ok {
			outNext[i] = h
		}
		outHead[g.from[i]] = int32(i)
	}
	used := make([]bool, len(g.from))
	seen := map[orb.Point]int{}
	var out []orb.Ring
	for s := range g.from {
		if !g.alive[s] || used[s] {
			continue
		}
		ring := orb.Ring{g.from[s]}
		for e := int32(s); ; {
			used[e] = true
			ring = append(ring, g.to[e])
			h, ok := outHead[g.to[e]]
			if !ok {
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
		out = splitLoops(out, ring, seen)
	}
	return out, true
}

// splitLoops appends to out the loops of the closed walk ring, cut where it passes a
// vertex again (rings of a valid polygon pass each vertex once); seen is scratch space.
func splitLoops(out []orb.Ring, ring orb.Ring, seen map[orb.Point]int) []orb.Ring {
	clear(seen)
	stack := make(orb.Ring, 0, len(ring))
	for _, v := range ring {
		i, ok := seen[v]
		if !ok {
			seen[v] = len(stack)
			stack = append(stack, v)
			continue
		}
		loop := append(append(make(orb.Ring, 0, len(stack)-i+1), stack[i:]...), v)
		out = append(out, loop)
		for _, w := range stack[i+1:] {
			delete(seen, w)
		}
		stack = stack[:i+1]
	}
	return out
}

// leftmost returns, of the edges leaving the end of edge e (the list from head h), the
// one turning furthest left: the first met turning clockwise from the way back.
func (g *graph) leftmost(e, h int32, outNext []int32) int32 {
	if outNext[h] < 0 {
		return h
	}
	v := g.to[e]
	back := math.Atan2(g.from[e][1]-v[1], g.from[e][0]-v[0])
	best, bestTurn := h, math.Inf(1)
	for c := h; c >= 0; c = outNext[c] {
		turn := back - math.Atan2(g.to[c][1]-v[1], g.to[c][0]-v[0])
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

package raster

import "github.com/paulmach/orb"

// maxPoly is the most vertices a quadrilateral clipped by a hexagon (or an H3 cell with
// distortion vertices, up to 10 sides) can have: 4 + 10.
const maxPoly = 16

// poly is a small polygon in a fixed array, to clip without allocating.
type poly struct {
	n   int
	pts [maxPoly]orb.Point
}

// area returns the polygon's signed area (shoelace; positive when counter-clockwise),
// computed relative to its first vertex: with absolute frame coordinates (~100) the
// products would cancel and leave ~1e-7 of a 100 m pixel's area in rounding.
func (p *poly) area() float64 {
	if p.n < 3 {
		return 0
	}
	o := p.pts[0]
	a := 0.0
	for i := 1; i+1 < p.n; i++ {
		a += (p.pts[i][0]-o[0])*(p.pts[i+1][1]-o[1]) - (p.pts[i+1][0]-o[0])*(p.pts[i][1]-o[1])
	}
	return a / 2
}

// clipArea returns the area of the part of subject inside the convex, counter-clockwise
// polygon clip (Sutherland–Hodgman). Both are shifted by origin first, for precision.
func clipArea(subject *poly, clip []orb.Point, origin orb.Point) float64 {
	var a, b poly
	a.n = subject.n
	for i := 0; i < subject.n; i++ {
		a.pts[i] = orb.Point{subject.pts[i][0] - origin[0], subject.pts[i][1] - origin[1]}
	}
	cur, next := &a, &b
	for i := range clip {
		e0 := orb.Point{clip[i][0] - origin[0], clip[i][1] - origin[1]}
		j := (i + 1) % len(clip)
		e1 := orb.Point{clip[j][0] - origin[0], clip[j][1] - origin[1]}
		clipEdge(cur, next, e0, e1)
		cur, next = next, cur
		if cur.n == 0 {
			return 0
		}
	}
	return cur.area()
}

// clipEdge keeps the part of in on the left of the line e0→e1 (inside for a
// counter-clockwise clip polygon), writing it to out.
func clipEdge(in, out *poly, e0, e1 orb.Point) {
	out.n = 0
	side := func(p orb.Point) float64 { return (e1[0]-e0[0])*(p[1]-e0[1]) - (e1[1]-e0[1])*(p[0]-e0[0]) }
	for i := 0; i < in.n; i++ {
		p, q := in.pts[i], in.pts[(i+1)%in.n]
		sp, sq := side(p), side(q)
		if sp >= 0 {
			out.push(p)
		}
		if (sp >= 0) != (sq >= 0) {
			t := sp / (sp - sq)
			out.push(orb.Point{p[0] + t*(q[0]-p[0]), p[1] + t*(q[1]-p[1])})
		}
	}
}

func (p *poly) push(q orb.Point) {
	if p.n < maxPoly {
		p.pts[p.n] = q
		p.n++
	}
}

// inside reports whether q lies in the convex, counter-clockwise polygon c (on its
// boundary counts as inside).
func inside(c []orb.Point, q orb.Point) bool {
	for i := range c {
		a, b := c[i], c[(i+1)%len(c)]
		if (b[0]-a[0])*(q[1]-a[1])-(b[1]-a[1])*(q[0]-a[0]) < 0 {
			return false
		}
	}
	return true
}

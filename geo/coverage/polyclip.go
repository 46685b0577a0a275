package coverage

import (
	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo/local"
)

// xy is a point in a local plane around an origin, in metres (x east, y north).
type xy struct{ x, y float64 }

// planeXY returns p (lon, lat) in the local plane pl (equirectangular: exact enough for
// shapes a few kilometres across, which is all a cell and its neighbours need).
func planeXY(pl local.Plane, p orb.Point) xy {
	x, y := pl.XY(p)
	return xy{x, y}
}

// planeRing projects r into pl, dropping a closing vertex that repeats the first, into buf.
func planeRing(pl local.Plane, r orb.Ring, buf []xy) []xy {
	if len(r) > 1 && r[0] == r[len(r)-1] {
		r = r[:len(r)-1]
	}
	buf = buf[:0]
	for _, p := range r {
		buf = append(buf, planeXY(pl, p))
	}
	return buf
}

// signedArea returns the shoelace area of the closed ring pts (positive when
// counter-clockwise), m².
func signedArea(pts []xy) float64 {
	var s float64
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		s += a.x*b.y - b.x*a.y
	}
	return s / 2
}

// clipConvex clips the ring subject to the convex counter-clockwise polygon clipper
// (Sutherland–Hodgman) and returns the result, which reuses scratch. For a concave
// subject the result may contain zero-width bridges along the clipper's edges; they add
// no area, so its shoelace area is the area of the intersection.
func clipConvex(subject, clipper []xy, scratch *[2][]xy) []xy {
	in := append((*scratch)[0][:0], subject...)
	out := (*scratch)[1][:0]
	for i := range clipper {
		if len(in) == 0 {
			break
		}
		a, b := clipper[i], clipper[(i+1)%len(clipper)]
		out = out[:0]
		prev := in[len(in)-1]
		dPrev := side(a, b, prev)
		for _, cur := range in {
			dCur := side(a, b, cur)
			if (dCur >= 0) != (dPrev >= 0) {
				t := dPrev / (dPrev - dCur)
				out = append(out, xy{prev.x + t*(cur.x-prev.x), prev.y + t*(cur.y-prev.y)})
			}
			if dCur >= 0 {
				out = append(out, cur)
			}
			prev, dPrev = cur, dCur
		}
		in, out = out, in
	}
	*scratch = [2][]xy{in, out}
	return in
}

// side is positive when p is left of the directed line a→b.
func side(a, b, p xy) float64 {
	return (b.x-a.x)*(p.y-a.y) - (b.y-a.y)*(p.x-a.x)
}

package gridindex

import (
	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// segmentEps is the margin (degrees, about 0.1 mm) by which a segment is also filed
// under a neighbouring cell, so that rounding at cell borders never hides a segment.
const segmentEps = 1e-9

// NewPolylines indexes the straight segments of polylines stored flat: polyline k is
// pts[off[k]:off[k+1]] (lon, lat WGS84 degrees), and item i is the segment pts[i] →
// pts[i+1] for every i with off[k] ≤ i < off[k+1]−1, filed under every cell the segment
// (a straight line in degrees) passes through. Sizes are those of NewPoints; a segment
// with an end that is not WGS84 is left out and counted by Skipped. It returns an
// EINVALID error when off does not rise from 0 … len(pts) or pts has more than 2³¹−2
// points.
func NewPolylines(pts []orb.Point, off []int32, cellM float64, maxCells int) (*Index, error) {
	if err := checkOffsets(off, len(pts)); err != nil {
		return nil, err
	}
	var bb boundBuilder
	nseg := 0
	eachSegment(pts, off, func(i int32, a, b orb.Point) {
		nseg++
		ok := validPoint(a) && validPoint(b)
		bb.add(a, ok)
		if ok {
			bb.add(b, true)
		}
	})
	if maxCells <= 0 {
		maxCells = DefaultMaxCells(nseg)
	}
	return newIndex("polyline points", len(pts), cellM, maxCells, bb, func(g Grid, file func(int32, int)) {
		eachSegment(pts, off, func(i int32, a, b orb.Point) {
			if validPoint(a) && validPoint(b) {
				g.segmentCells(a, b, func(c int) { file(i, c) })
			}
		})
	})
}

// checkOffsets returns an EINVALID error unless off rises (never falls) from 0 to n, the
// number of points, and n fits an int32 index.
func checkOffsets(off []int32, n int) error {
	if n > maxItems {
		return geo.Errorf(geo.EINVALID, "grid index: %d polyline points are more than %d", n, maxItems)
	}
	if len(off) == 0 {
		if n == 0 {
			return nil
		}
		return geo.Errorf(geo.EINVALID, "grid index: %d polyline points but no offsets", n)
	}
	if off[0] != 0 || int(off[len(off)-1]) != n {
		return geo.Errorf(geo.EINVALID, "grid index: polyline offsets run from %d to %d, want 0 to %d (the number of points)", off[0], off[len(off)-1], n)
	}
	for k := 1; k < len(off); k++ {
		if off[k] < off[k-1] {
			return geo.Errorf(geo.EINVALID, "grid index: polyline %d ends at point %d before it starts at %d", k-1, off[k], off[k-1])
		}
	}
	return nil
}

// eachSegment calls fn for every segment pts[i] → pts[i+1] of the polylines, in
// polyline order then point order.
func eachSegment(pts []orb.Point, off []int32, fn func(i int32, a, b orb.Point)) {
	for k := 0; k+1 < len(off); k++ {
		for i := off[k]; i+1 < off[k+1]; i++ {
			fn(i, pts[i], pts[i+1])
		}
	}
}

// segmentCells calls fn for every cell the segment a → b (a straight line in degrees)
// passes through, widened by segmentEps; a segment within two columns or rows is filed
// under its whole bounding block.
func (g Grid) segmentCells(a, b orb.Point, fn func(c int)) {
	x0, x1 := g.Col(min(a[0], b[0])-segmentEps), g.Col(max(a[0], b[0])+segmentEps)
	y0, y1 := g.Row(min(a[1], b[1])-segmentEps), g.Row(max(a[1], b[1])+segmentEps)
	small := x1-x0 <= 1 || y1-y0 <= 1
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if small || g.touches(a, b, x, y) {
				fn(y*g.nx + x)
			}
		}
	}
}

// touches reports whether segment a → b meets cell (x, y) widened by segmentEps
// (Liang–Barsky clipping).
func (g Grid) touches(a, b orb.Point, x, y int) bool {
	lo := orb.Point{g.minLon + float64(x)*g.dLon - segmentEps, g.minLat + float64(y)*g.dLat - segmentEps}
	hi := orb.Point{g.minLon + float64(x+1)*g.dLon + segmentEps, g.minLat + float64(y+1)*g.dLat + segmentEps}
	t0, t1 := 0.0, 1.0
	for k := 0; k < 2; k++ {
		d := b[k] - a[k]
		for _, pq := range [2][2]float64{{-d, a[k] - lo[k]}, {d, hi[k] - a[k]}} {
			p, q := pq[0], pq[1]
			if p == 0 {
				if q < 0 {
					return false
				}
				continue
			}
			r := q / p
			if p < 0 {
				t0 = max(t0, r)
			} else {
				t1 = min(t1, r)
			}
		}
	}
	return t0 <= t1
}

package walk

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/local"
)

// segmentEps is the margin (degrees, about 0.1 mm) by which a segment is also filed
// under a neighbouring cell, so that rounding at cell borders never hides a segment (as
// gridindex.NewPolylines files them).
const segmentEps = 1e-9

// segGrid is the cell geometry of a segment index: the gridindex.Grid that
// gridindex.NewGrid makes of (bound, cellM, maxCells), with the numbers the filing and
// the ring search read kept as plain fields. Its parameters are what a snapshot stores:
// the grid is made again from them, the same grid bit for bit.
type segGrid struct {
	grid           gridindex.Grid
	bound          orb.Bound // of the segments' end points, (lon, lat) degrees
	cellM          float64   // cell side asked for, metres
	maxCells       int
	minLon, minLat float64 // south-west corner of cell (0, 0), degrees
	dLon, dLat     float64 // cell size, degrees
	nx, ny         int
	cosMin         float64 // cos of the bound's largest |lat|: bounds longitude distances from below
}

// newSegGrid returns the grid gridindex.NewGrid makes of b, cellM and maxCells.
func newSegGrid(b orb.Bound, cellM float64, maxCells int) (segGrid, error) {
	gr, err := gridindex.NewGrid(b, cellM, maxCells)
	if err != nil {
		return segGrid{}, err
	}
	s := segGrid{grid: gr, bound: b, cellM: cellM, maxCells: maxCells}
	corner := gr.CellBound(0, 0).Min
	s.minLon, s.minLat = corner[0], corner[1]
	s.dLon, s.dLat = gr.CellSize()
	s.nx, s.ny = gr.Size()
	s.cosMin = local.LonScale(max(math.Abs(b.Min[1]), math.Abs(b.Max[1])))
	return s, nil
}

// cells returns the number of cells.
func (s *segGrid) cells() int { return s.nx * s.ny }

// segmentCells calls fn for every cell the segment a → b (a straight line in degrees)
// passes through, widened by segmentEps; a segment within two columns or rows is filed
// under its whole bounding block. The same cells as gridindex.NewPolylines files it
// under.
func (s *segGrid) segmentCells(a, b orb.Point, fn func(c int)) {
	x0, x1 := s.grid.Col(min(a[0], b[0])-segmentEps), s.grid.Col(max(a[0], b[0])+segmentEps)
	y0, y1 := s.grid.Row(min(a[1], b[1])-segmentEps), s.grid.Row(max(a[1], b[1])+segmentEps)
	small := x1-x0 <= 1 || y1-y0 <= 1
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if small || s.touches(a, b, x, y) {
				fn(y*s.nx + x)
			}
		}
	}
}

// touches reports whether segment a → b meets cell (x, y) widened by segmentEps
// (Liang–Barsky clipping).
func (s *segGrid) touches(a, b orb.Point, x, y int) bool {
	lo := orb.Point{s.minLon + float64(x)*s.dLon - segmentEps, s.minLat + float64(y)*s.dLat - segmentEps}
	hi := orb.Point{s.minLon + float64(x+1)*s.dLon + segmentEps, s.minLat + float64(y+1)*s.dLat + segmentEps}
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

// lowerBound returns a lower bound in metres on the great-circle distance from p to any
// point of a cell outside the block [x0, x1] × [y0, y1]; +Inf when the block covers the
// grid (gridindex's bound, which decides when a ring search stops).
func (s *segGrid) lowerBound(p orb.Point, x0, x1, y0, y1 int) float64 {
	lb := math.Inf(1)
	if x0 > 0 {
		lb = min(lb, s.lonBound(p[0]-(s.minLon+float64(x0)*s.dLon)))
	}
	if x1 < s.nx-1 {
		lb = min(lb, s.lonBound(s.minLon+float64(x1+1)*s.dLon-p[0]))
	}
	if y0 > 0 {
		lb = min(lb, max(p[1]-(s.minLat+float64(y0)*s.dLat), 0)*local.MetresPerDegreeLat)
	}
	if y1 < s.ny-1 {
		lb = min(lb, max(s.minLat+float64(y1+1)*s.dLat-p[1], 0)*local.MetresPerDegreeLat)
	}
	return lb * (1 - 1e-9)
}

// lonBound returns a lower bound in metres on the great-circle distance between p and a
// point of the grid whose longitude differs from p's by at least d degrees: the distance
// from that point to p's meridian plane.
func (s *segGrid) lonBound(d float64) float64 {
	if d <= 0 || d >= 90 {
		return 0
	}
	return geo.EarthRadiusM * math.Asin(s.cosMin*math.Sin(d*math.Pi/180))
}

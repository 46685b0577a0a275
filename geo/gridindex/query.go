package gridindex

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
)

// maxLat is the latitude (degrees) beyond which Near treats the box around a point as
// reaching the pole, every longitude included.
const maxLat = 89.9

// Query calls fn with runs of the items filed under the cells that meet b (lon, lat
// WGS84 degrees), one run per row of cells, rows south to north: every item that meets b
// is among them, with items of the same cells that do not. An item filed under several
// of those cells comes once per cell. Nothing is called when b has a NaN corner, Min
// beyond Max, or lies outside the grid.
func (ix *Index) Query(b orb.Bound, fn func(items []int32)) {
	g := ix.grid
	if len(ix.items) == 0 {
		return
	}
	x0, x1, okX := span(b.Min[0], b.Max[0], g.minLon, g.dLon, g.nx)
	y0, y1, okY := span(b.Min[1], b.Max[1], g.minLat, g.dLat, g.ny)
	if !okX || !okY {
		return
	}
	for y := y0; y <= y1; y++ {
		row := y * g.nx
		if run := ix.items[ix.start[row+x0]:ix.start[row+x1+1]]; len(run) > 0 {
			fn(run)
		}
	}
}

// Near calls fn, like Query, with the items of the cells within r metres of p (lon, lat
// WGS84 degrees): every item with a point less than r great-circle metres from p is among
// them. Nothing is called when p is not WGS84 or r is negative or NaN.
func (ix *Index) Near(p orb.Point, r float64, fn func(items []int32)) {
	if !validPoint(p) || !(r >= 0) {
		return
	}
	ix.Query(AroundM(p, r), fn)
}

// AroundM returns a (lon, lat) bound holding every point less than r great-circle metres
// from p (lon, lat WGS84 degrees; r ≥ 0): r along the meridian, and r at the latitude
// nearest the pole the bound reaches along the parallel; every longitude when it reaches
// beyond 89.9°. It does not wrap at the antimeridian.
func AroundM(p orb.Point, r float64) orb.Bound {
	dLat := r / local.MetresPerDegreeLat * (1 + 1e-9)
	far := math.Abs(p[1]) + dLat
	dLon := 180.0
	if far < maxLat {
		dLon = dLat / local.LonScale(far)
	}
	return orb.Bound{Min: orb.Point{p[0] - dLon, p[1] - dLat}, Max: orb.Point{p[0] + dLon, p[1] + dLat}}
}

// Nearest visits the cells around p (lon, lat WGS84 degrees) ring by ring for a nearest
// item search: first p's cell (clamped to the grid), then the border of the 3 × 3 block
// around it, of the 5 × 5 block, and so on. It calls visit with the items of each cell
// (empty cells too) and visit returns the great-circle distance in metres from p to the
// nearest item found so far (+Inf while there is none). The search stops after the first
// ring beyond which no cell can hold a nearer item (a great-circle lower bound on the
// distance from p to any cell outside the rings visited), or when every cell was visited.
// Nothing is visited when p is not WGS84 or the index is empty.
func (ix *Index) Nearest(p orb.Point, visit func(items []int32) float64) {
	g := &ix.grid
	if len(ix.items) == 0 || !validPoint(p) {
		return
	}
	cx, cy := g.Col(p[0]), g.Row(p[1])
	best := math.Inf(1)
	for k := 0; ; k++ {
		x0, x1, y0, y1 := cx-k, cx+k, cy-k, cy+k
		best = min(best, ix.ring(x0, x1, y0, y1, visit))
		if x0 <= 0 && y0 <= 0 && x1 >= g.nx-1 && y1 >= g.ny-1 {
			return
		}
		if best < g.lowerBound(p, x0, x1, y0, y1) {
			return
		}
	}
}

// ring visits the cells on the border of the block [x0, x1] × [y0, y1] that lie in the
// grid: the bottom and top rows west to east, interleaved, then the west and east
// columns south to north, interleaved. It returns the smallest distance visit returned.
func (ix *Index) ring(x0, x1, y0, y1 int, visit func(items []int32) float64) float64 {
	g := &ix.grid
	best := math.Inf(1)
	if x0 == x1 {
		if x0 >= 0 && y0 >= 0 && x0 < g.nx && y0 < g.ny {
			best = visit(ix.cellItems(x0, y0))
		}
		return best
	}
	for x := max(x0, 0); x <= min(x1, g.nx-1); x++ {
		if y0 >= 0 {
			best = min(best, visit(ix.cellItems(x, y0)))
		}
		if y1 < g.ny {
			best = min(best, visit(ix.cellItems(x, y1)))
		}
	}
	for y := max(y0+1, 0); y <= min(y1-1, g.ny-1); y++ {
		if x0 >= 0 {
			best = min(best, visit(ix.cellItems(x0, y)))
		}
		if x1 < g.nx {
			best = min(best, visit(ix.cellItems(x1, y)))
		}
	}
	return best
}

// cellItems returns the items of cell (x, y), which must lie in the grid.
func (ix *Index) cellItems(x, y int) []int32 {
	c := y*ix.grid.nx + x
	return ix.items[ix.start[c]:ix.start[c+1]]
}

// lowerBound returns a lower bound in metres on the great-circle distance from p to any
// point of a cell outside the block [x0, x1] × [y0, y1]; +Inf when the block covers the
// grid.
func (g *Grid) lowerBound(p orb.Point, x0, x1, y0, y1 int) float64 {
	lb := math.Inf(1)
	if x0 > 0 {
		lb = min(lb, g.lonBound(p[0]-(g.minLon+float64(x0)*g.dLon)))
	}
	if x1 < g.nx-1 {
		lb = min(lb, g.lonBound(g.minLon+float64(x1+1)*g.dLon-p[0]))
	}
	if y0 > 0 {
		lb = min(lb, max(p[1]-(g.minLat+float64(y0)*g.dLat), 0)*local.MetresPerDegreeLat)
	}
	if y1 < g.ny-1 {
		lb = min(lb, max(g.minLat+float64(y1+1)*g.dLat-p[1], 0)*local.MetresPerDegreeLat)
	}
	return lb * (1 - 1e-9)
}

// lonBound returns a lower bound in metres on the great-circle distance between p and a
// point of the grid whose longitude differs from p's by at least d degrees: the distance
// from that point to p's meridian plane.
func (g *Grid) lonBound(d float64) float64 {
	if d <= 0 || d >= 90 {
		return 0
	}
	return geo.EarthRadiusM * math.Asin(g.cosMin*math.Sin(d*math.Pi/180))
}

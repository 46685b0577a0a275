package gridindex

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
)

// minLonScale is the smallest cos(latitude) used to size cells east–west, so that a
// grid reaching a pole keeps a finite number of columns.
const minLonScale = 0.01

// maxGrowSteps bounds how often NewGrid enlarges the cells to meet its cap.
const maxGrowSteps = 64

// Grid is the geometry of a uniform grid: nx × ny cells of dLon × dLat degrees whose
// south-west corner is (minLon, minLat), WGS84. Column x and row y name cell y·nx + x.
type Grid struct {
	minLon, minLat float64
	dLon, dLat     float64 // cell size, degrees
	nx, ny         int
	cosMin         float64 // cos of the bound's largest |lat|: bounds longitude distances from below
}

// NewGrid returns the grid over b (lon, lat WGS84 degrees, Min ≤ Max) whose cells are
// cellM metres north–south and, at b's middle latitude, east–west (taken as at most 100
// times the north–south degree near the poles). When that would make more than maxCells
// cells (estimated from b's size in metres), the side is multiplied by the square root of
// the excess, as often as needed. It returns an EINVALID error when cellM is not a
// positive finite number of metres, maxCells < 1 or b is not a WGS84 bound.
func NewGrid(b orb.Bound, cellM float64, maxCells int) (Grid, error) {
	if !(cellM > 0) || math.IsInf(cellM, 1) {
		return Grid{}, geo.Errorf(geo.EINVALID, "grid index: cell size %v m is not a positive number of metres", cellM)
	}
	if maxCells < 1 {
		return Grid{}, geo.Errorf(geo.EINVALID, "grid index: at most %d cells leaves no room for one", maxCells)
	}
	if !validPoint(b.Min) || !validPoint(b.Max) || b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return Grid{}, geo.Errorf(geo.EINVALID, "grid index: bound %v–%v is not a WGS84 (lon, lat) box with min ≤ max", b.Min, b.Max)
	}
	lonScale := max(local.LonScale((b.Min[1]+b.Max[1])/2), minLonScale)
	wM := (b.Max[0] - b.Min[0]) * local.MetresPerDegreeLat * lonScale
	hM := (b.Max[1] - b.Min[1]) * local.MetresPerDegreeLat
	s := cellM
	for range maxGrowSteps {
		cells := (wM/s + 1) * (hM/s + 1)
		if cells <= float64(maxCells) {
			break
		}
		s *= math.Sqrt(cells / float64(maxCells))
	}
	g := Grid{
		minLon: b.Min[0], minLat: b.Min[1],
		dLat: s / local.MetresPerDegreeLat, dLon: s / (local.MetresPerDegreeLat * lonScale),
		cosMin: local.LonScale(max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))),
	}
	g.nx = int((b.Max[0]-b.Min[0])/g.dLon) + 1
	g.ny = int((b.Max[1]-b.Min[1])/g.dLat) + 1
	return g, nil
}

// Size returns the number of columns and rows.
func (g Grid) Size() (nx, ny int) { return g.nx, g.ny }

// CellSize returns a cell's width and height in degrees of longitude and latitude.
func (g Grid) CellSize() (dLon, dLat float64) { return g.dLon, g.dLat }

// CellBound returns the (lon, lat) bound of cell (x, y).
func (g Grid) CellBound(x, y int) orb.Bound {
	return orb.Bound{
		Min: orb.Point{g.minLon + float64(x)*g.dLon, g.minLat + float64(y)*g.dLat},
		Max: orb.Point{g.minLon + float64(x+1)*g.dLon, g.minLat + float64(y+1)*g.dLat},
	}
}

// Col returns the column of longitude lon (degrees), clamped to the grid (0 for NaN).
func (g Grid) Col(lon float64) int { return clampIndex((lon-g.minLon)/g.dLon, g.nx) }

// Row returns the row of latitude lat (degrees), clamped to the grid (0 for NaN).
func (g Grid) Row(lat float64) int { return clampIndex((lat-g.minLat)/g.dLat, g.ny) }

// clampIndex returns floor(f) clamped to [0, n-1], comparing as floats so that huge,
// infinite and NaN values never reach an integer conversion.
func clampIndex(f float64, n int) int {
	f = math.Floor(f)
	switch {
	case !(f > 0):
		return 0
	case f >= float64(n-1):
		return n - 1
	}
	return int(f)
}

// span returns the columns (or rows) [lo, hi] that values in [a, b] fall in, clamped to
// [0, n-1]; ok is false when [a, b] misses the grid or is not a range of numbers.
func span(a, b, origin, step float64, n int) (lo, hi int, ok bool) {
	if !(a <= b) {
		return 0, 0, false
	}
	fa, fb := math.Floor((a-origin)/step), math.Floor((b-origin)/step)
	if fb < 0 || fa > float64(n-1) {
		return 0, 0, false
	}
	return int(max(fa, 0)), int(min(fb, float64(n-1))), true
}

// validPoint reports whether p is a finite (lon, lat) in [-180, 180] × [-90, 90].
func validPoint(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

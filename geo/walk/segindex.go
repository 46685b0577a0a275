package walk

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo/local"
)

// cellScale is the cell width as a share of the mean segment length (measured: smaller
// cells scan fewer segments but more empty cells).
const cellScale = 0.6

// cellEps is the margin (degrees, about 0.1 mm) by which a segment is also filed under a
// neighbouring cell, so that rounding at cell borders never hides a segment.
const cellEps = 1e-9

// segIndex is a uniform grid over the graph's bounds in (lon, lat) degrees; each cell
// lists the segments (straight pieces of edge geometry) that touch it. A segment is named
// by the index i of its first point in Graph.pts (it runs from pts[i] to pts[i+1]).
type segIndex struct {
	minLon, minLat float64
	dLon, dLat     float64 // cell size, degrees
	nx, ny         int
	cellStart      []int32 // segments of cell c are segs[cellStart[c]:cellStart[c+1]]
	segs           []int32
	segEdge        []int32 // edge of the segment starting at each point
	cosMin         float64 // cos of the largest |lat| in the grid: bounds lon distances from below
}

// newSegIndex files every segment of g; nil when g has no segment.
func newSegIndex(g *Graph) *segIndex {
	nseg := len(g.pts) - len(g.edgeID)
	if nseg <= 0 {
		return nil
	}
	ix := gridFor(g.bounds, meanSegmentM(g, nseg), nseg)
	ix.cellStart = make([]int32, ix.nx*ix.ny+1)
	g.eachSegment(func(i int32, a, b orb.Point) {
		ix.eachCell(a, b, func(c int) { ix.cellStart[c+1]++ })
	})
	for c := 1; c < len(ix.cellStart); c++ {
		ix.cellStart[c] += ix.cellStart[c-1]
	}
	ix.segs = make([]int32, ix.cellStart[len(ix.cellStart)-1])
	ix.segEdge = make([]int32, len(g.pts))
	for e := range g.edges {
		for i := g.geomOff[e]; i < g.geomOff[e+1]; i++ {
			ix.segEdge[i] = int32(e)
		}
	}
	next := make([]int32, ix.nx*ix.ny)
	copy(next, ix.cellStart)
	g.eachSegment(func(i int32, a, b orb.Point) {
		ix.eachCell(a, b, func(c int) {
			ix.segs[next[c]] = i
			next[c]++
		})
	})
	return ix
}

// meanSegmentM returns the mean length in metres of g's nseg segments.
func meanSegmentM(g *Graph, nseg int) float64 {
	var total float64
	for _, r := range g.edges {
		total += r.geomLen
	}
	return total / float64(nseg)
}

// gridFor sizes a grid over b with cells about as wide as a segment is long, and at most
// about two cells per segment.
func gridFor(b orb.Bound, meanSegM float64, nseg int) *segIndex {
	cosMid := local.LonScale((b.Min[1] + b.Max[1]) / 2)
	cosMid = max(cosMid, 0.01)
	wM := (b.Max[0] - b.Min[0]) * local.MetresPerDegreeLat * cosMid
	hM := (b.Max[1] - b.Min[1]) * local.MetresPerDegreeLat
	s := min(max(meanSegM*cellScale, 5), 5000)
	if cells := (wM/s + 1) * (hM/s + 1); cells > 2*float64(nseg)+16 {
		s *= math.Sqrt(cells / (2*float64(nseg) + 16))
	}
	maxLat := max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))
	ix := &segIndex{
		minLon: b.Min[0], minLat: b.Min[1],
		dLat: s / local.MetresPerDegreeLat, dLon: s / (local.MetresPerDegreeLat * cosMid),
		cosMin: local.LonScale(maxLat),
	}
	ix.nx = int((b.Max[0]-b.Min[0])/ix.dLon) + 1
	ix.ny = int((b.Max[1]-b.Min[1])/ix.dLat) + 1
	return ix
}

// eachSegment calls fn for every segment of g, in edge order then point order.
func (g *Graph) eachSegment(fn func(i int32, a, b orb.Point)) {
	for e := range g.edgeID {
		for i := g.geomOff[e]; i+1 < g.geomOff[e+1]; i++ {
			fn(i, g.pts[i], g.pts[i+1])
		}
	}
}

// cellX returns the clamped column of longitude lon.
func (ix *segIndex) cellX(lon float64) int {
	return min(max(int(math.Floor((lon-ix.minLon)/ix.dLon)), 0), ix.nx-1)
}

// cellY returns the clamped row of latitude lat.
func (ix *segIndex) cellY(lat float64) int {
	return min(max(int(math.Floor((lat-ix.minLat)/ix.dLat)), 0), ix.ny-1)
}

// eachCell calls fn for every cell the segment a→b (a straight line in degrees) touches.
func (ix *segIndex) eachCell(a, b orb.Point, fn func(c int)) {
	x0, x1 := ix.cellX(min(a[0], b[0])-cellEps), ix.cellX(max(a[0], b[0])+cellEps)
	y0, y1 := ix.cellY(min(a[1], b[1])-cellEps), ix.cellY(max(a[1], b[1])+cellEps)
	small := x1-x0 <= 1 || y1-y0 <= 1
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if small || ix.touches(a, b, x, y) {
				fn(y*ix.nx + x)
			}
		}
	}
}

// touches reports whether segment a→b meets cell (x, y) widened by cellEps
// (Liang–Barsky clipping).
func (ix *segIndex) touches(a, b orb.Point, x, y int) bool {
	lo := orb.Point{ix.minLon + float64(x)*ix.dLon - cellEps, ix.minLat + float64(y)*ix.dLat - cellEps}
	hi := orb.Point{ix.minLon + float64(x+1)*ix.dLon + cellEps, ix.minLat + float64(y+1)*ix.dLat + cellEps}
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

package siting

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// mPerDeg is the length of one degree of latitude (and of longitude at the equator),
// metres.
const mPerDeg = geo.EarthRadiusM * math.Pi / 180

// pointGrid buckets (lon, lat) WGS84 points into squares of about cellM metres, so that the
// points near a place are found without scanning them all.
type pointGrid struct {
	pts            []orb.Point
	bound          orb.Bound // of pts
	minLon, minLat float64
	stepLon        float64 // degrees of longitude per bucket
	stepLat        float64 // degrees of latitude per bucket
	nx, ny         int
	start          []int32 // points of bucket b are items[start[b]:start[b+1]]
	items          []int32
}

// newPointGrid files pts (lon, lat WGS84) into buckets at least cellM metres wide; the
// bucket size grows when needed to keep the number of buckets near the number of points.
func newPointGrid(pts []orb.Point, cellM float64) *pointGrid {
	g := &pointGrid{pts: pts}
	if len(pts) == 0 {
		return g
	}
	b := orb.MultiPoint(pts).Bound()
	g.bound = b
	g.minLon, g.minLat = b.Min[0], b.Min[1]
	cos := math.Cos(min(math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1])), 89) * math.Pi / 180)
	g.stepLat = cellM / mPerDeg
	g.stepLon = g.stepLat / cos
	for {
		g.nx = int((b.Max[0]-b.Min[0])/g.stepLon) + 1
		g.ny = int((b.Max[1]-b.Min[1])/g.stepLat) + 1
		if g.nx*g.ny <= 4*len(pts)+64 {
			break
		}
		g.stepLon, g.stepLat = 2*g.stepLon, 2*g.stepLat
	}
	g.fill()
	return g
}

// fill sorts the points into their buckets (a counting sort).
func (g *pointGrid) fill() {
	g.start = make([]int32, g.nx*g.ny+1)
	bucket := make([]int32, len(g.pts))
	for i, p := range g.pts {
		bucket[i] = int32(g.col(p[0]) + g.row(p[1])*g.nx)
		g.start[bucket[i]+1]++
	}
	for b := 1; b < len(g.start); b++ {
		g.start[b] += g.start[b-1]
	}
	next := append([]int32(nil), g.start[:len(g.start)-1]...)
	g.items = make([]int32, len(g.pts))
	for i, b := range bucket {
		g.items[next[b]] = int32(i)
		next[b]++
	}
}

func (g *pointGrid) col(lon float64) int {
	return min(max(int((lon-g.minLon)/g.stepLon), 0), g.nx-1)
}

func (g *pointGrid) row(lat float64) int {
	return min(max(int((lat-g.minLat)/g.stepLat), 0), g.ny-1)
}

// near appends to out the indexes of the points within about r metres of p (lon, lat
// WGS84) and returns it. Distances are measured in the equirectangular plane at p's
// latitude, with a 1 % + 1 m margin: every point within r great-circle metres is found, a
// few slightly farther ones may be too.
func (g *pointGrid) near(p orb.Point, r float64, out []int32) []int32 {
	if len(g.pts) == 0 {
		return out
	}
	r = r*1.01 + 1
	dLat := r / mPerDeg
	cosP := math.Cos(p[1] * math.Pi / 180)
	cosFar := math.Cos(min(math.Abs(p[1])+dLat, 89) * math.Pi / 180)
	dLon := dLat / cosFar
	x0, x1 := g.col(p[0]-dLon), g.col(p[0]+dLon)
	y0, y1 := g.row(p[1]-dLat), g.row(p[1]+dLat)
	r2 := r * r
	for y := y0; y <= y1; y++ {
		for _, i := range g.items[g.start[y*g.nx+x0]:g.start[y*g.nx+x1+1]] {
			q := g.pts[i]
			dx, dy := (q[0]-p[0])*cosP*mPerDeg, (q[1]-p[1])*mPerDeg
			if dx*dx+dy*dy <= r2 {
				out = append(out, i)
			}
		}
	}
	return out
}

// around returns a (lon, lat) box holding every place within r metres of a point of g
// (empty when g has none): a quick test before near.
func (g *pointGrid) around(r float64) orb.Bound {
	if len(g.pts) == 0 {
		return orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}
	}
	r = r*1.01 + 1
	dLat := r / mPerDeg
	far := min(math.Max(math.Abs(g.bound.Min[1]), math.Abs(g.bound.Max[1]))+dLat, 89)
	dLon := dLat / math.Cos(far*math.Pi/180)
	return orb.Bound{Min: orb.Point{g.bound.Min[0] - dLon, g.bound.Min[1] - dLat}, Max: orb.Point{g.bound.Max[0] + dLon, g.bound.Max[1] + dLat}}
}

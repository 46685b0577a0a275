package health

import (
	"math"
	"slices"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
)

// studyArea is where Compute lays its cells: the union of the community boundaries, or
// the walk network's extent when no community has one.
type studyArea struct {
	polys   []orb.MultiPolygon // community boundaries that are not empty
	bounds  []orb.Bound        // their bounding boxes
	network orb.Bound          // the walk network's extent (lon, lat)
}

func newStudyArea(communities []geo.Community, network orb.Bound) studyArea {
	a := studyArea{network: network}
	for _, c := range communities {
		if len(c.Boundary) > 0 {
			a.polys = append(a.polys, c.Boundary)
			a.bounds = append(a.bounds, c.Boundary.Bound())
		}
	}
	return a
}

// byBoundaries reports whether the study area is the communities' (else the network's
// extent).
func (a studyArea) byBoundaries() bool { return len(a.polys) > 0 }

// distanceM returns the great-circle metres from p (lon, lat) to the study area, 0 inside
// it: to the nearest community boundary, else to the network's extent.
func (a studyArea) distanceM(p orb.Point) float64 {
	if !a.byBoundaries() {
		return boundDistanceM(p, a.network)
	}
	// Most facilities lie inside a community: a box test, then the polygon, answers them
	// without ranking every community by distance (which made the check quadratic).
	for i, b := range a.bounds {
		if b.Contains(p) && planar.MultiPolygonContains(a.polys[i], p) {
			return 0
		}
	}
	order := make([]int, len(a.polys))
	lower := make([]float64, len(a.polys))
	for i, b := range a.bounds {
		order[i], lower[i] = i, boundDistanceM(p, b)
	}
	slices.SortFunc(order, func(x, y int) int { return cmpFloat(lower[x], lower[y]) })
	best := math.Inf(1)
	for _, i := range order {
		// the distance to the box's clamped point is within a few per cent of the true
		// distance to the box even across a country, so 0.9 of it is a safe lower bound
		if 0.9*lower[i] > best {
			break
		}
		if lower[i] == 0 && planar.MultiPolygonContains(a.polys[i], p) {
			return 0
		}
		best = min(best, boundaryDistanceM(p, a.polys[i]))
	}
	return best
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// boundDistanceM returns the great-circle metres from p (lon, lat) to the nearest point
// of b in longitude and latitude (p clamped into b), 0 when p lies in b.
func boundDistanceM(p orb.Point, b orb.Bound) float64 {
	q := orb.Point{min(max(p[0], b.Min[0]), b.Max[0]), min(max(p[1], b.Min[1]), b.Max[1])}
	if q == p {
		return 0
	}
	return geo.HaversineM(p, q)
}

// boundaryDistanceM returns the great-circle metres from p (lon, lat) to the nearest
// point of mp's rings. The foot on each segment is found in the equirectangular frame
// centred on p, as the walk network's snapping does.
func boundaryDistanceM(p orb.Point, mp orb.MultiPolygon) float64 {
	kx := local.LonScale(p[1])
	best := math.Inf(1)
	for _, poly := range mp {
		for _, r := range poly {
			for i := 1; i < len(r); i++ {
				best = min(best, geo.HaversineM(p, foot(p, r[i-1], r[i], kx)))
			}
		}
	}
	return best
}

// foot returns the point of segment a→b nearest p in the equirectangular frame centred on
// p with longitudes scaled by kx = cos(lat of p).
func foot(p, a, b orb.Point, kx float64) orb.Point {
	ax, ay := (a[0]-p[0])*kx, a[1]-p[1]
	dx, dy := (b[0]-a[0])*kx, b[1]-a[1]
	t := 0.0
	if den := dx*dx + dy*dy; den > 0 {
		t = min(max(-(ax*dx+ay*dy)/den, 0), 1)
	}
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// outsideShare returns the share of mp's area (on the sphere, orb/geo.Area) outside the
// lon/lat box b. A polygon without area counts by its centroid: 0 inside b, 1 outside.
func outsideShare(mp orb.MultiPolygon, b orb.Bound) float64 {
	total := orbgeo.Area(mp)
	if !(total > 0) {
		if b.Contains(centroid(mp)) {
			return 0
		}
		return 1
	}
	// clip uses its input as scratch space: clip a copy
	inside := orbgeo.Area(clip.MultiPolygon(b, mp.Clone()))
	return min(max(1-inside/total, 0), 1)
}

// centroid returns mp's planar centroid in lon, lat, or the centre of its bound when it
// has no area.
func centroid(mp orb.MultiPolygon) orb.Point {
	if c, area := planar.CentroidArea(mp); area > 0 {
		return c
	}
	return mp.Bound().Center()
}

// areaKm2 returns mp's area in km² on the sphere of radius geo.EarthRadiusM (orb/geo.Area
// works on a sphere of radius orb.EarthRadius: scaled).
func areaKm2(mp orb.MultiPolygon) float64 {
	k := geo.EarthRadiusM / orb.EarthRadius
	return orbgeo.Area(mp) * k * k / 1e6
}

// validPoint reports whether p is a (lon, lat) WGS84 pair.
func validPoint(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// padBound widens the lon/lat box b by m metres on every side (longitudes at the box's
// latitude farthest from the equator, so the margin is at least m everywhere).
func padBound(b orb.Bound, m float64) orb.Bound {
	dLat := m / local.MetresPerDegreeLat
	maxLat := min(max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))+dLat, 89.9)
	dLon := dLat / local.LonScale(maxLat)
	return orb.Bound{
		Min: orb.Point{max(b.Min[0]-dLon, -180), max(b.Min[1]-dLat, -90)},
		Max: orb.Point{min(b.Max[0]+dLon, 180), min(b.Max[1]+dLat, 90)},
	}
}

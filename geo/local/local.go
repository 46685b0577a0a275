package local

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// MetresPerDegreeLat is the length in metres of one degree of latitude, and of one degree
// of any great circle, on the sphere of radius geo.EarthRadiusM.
const MetresPerDegreeLat = geo.EarthRadiusM * math.Pi / 180

// LonScale returns cos(lat): how long a degree of longitude is at latitude lat (WGS84
// degrees) relative to a degree of latitude; unitless, 0 at the poles.
func LonScale(lat float64) float64 {
	return math.Cos(lat * math.Pi / 180)
}

// MetresPerDegreeLon returns the length in metres of one degree of longitude at latitude
// lat (WGS84 degrees): MetresPerDegreeLat·cos(lat).
func MetresPerDegreeLon(lat float64) float64 {
	return MetresPerDegreeLat * LonScale(lat)
}

// Plane is an equirectangular plane around Origin (lon, lat WGS84 degrees): x metres east
// and y metres north of it, longitudes scaled by the cosine of one latitude (Origin's
// unless made by NewPlaneAtLat). Distances in it
// are within 0.1 % of great-circle distances over a few kilometres at mid latitudes.
type Plane struct {
	Origin orb.Point // (lon, lat) of (0, 0)
	KX, KY float64   // metres per degree of longitude (at Origin's latitude) and of latitude
}

// NewPlane returns the plane around origin, a (lon, lat) WGS84 point, equirectangular at
// origin's latitude.
func NewPlane(origin orb.Point) Plane {
	return NewPlaneAtLat(origin, origin[1])
}

// NewPlaneAtLat returns the plane around origin (lon, lat WGS84) whose longitudes are
// scaled at latitude lat (degrees) instead of origin's: for a frame anchored at a corner
// but true in its middle.
func NewPlaneAtLat(origin orb.Point, lat float64) Plane {
	return Plane{Origin: origin, KX: MetresPerDegreeLon(lat), KY: MetresPerDegreeLat}
}

// XY returns the position of p, a (lon, lat) WGS84 point, in metres east (x) and north
// (y) of the plane's origin.
func (pl Plane) XY(p orb.Point) (x, y float64) {
	return (p[0] - pl.Origin[0]) * pl.KX, (p[1] - pl.Origin[1]) * pl.KY
}

// LonLat returns the (lon, lat) WGS84 point x metres east and y metres north of the
// plane's origin; the inverse of XY.
func (pl Plane) LonLat(x, y float64) orb.Point {
	return orb.Point{pl.Origin[0] + x/pl.KX, pl.Origin[1] + y/pl.KY}
}

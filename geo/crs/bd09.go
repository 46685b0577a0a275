package crs

import (
	"math"

	"github.com/paulmach/orb"
)

// bdXPi is the published BD-09 constant π·3000/180.
const bdXPi = math.Pi * 3000.0 / 180.0

// GCJ02ToBD09 converts p, (lon, lat) GCJ-02 degrees, to (lon, lat) BD-09 degrees with
// the published formula. It applies everywhere, also outside China.
func GCJ02ToBD09(p orb.Point) orb.Point {
	x, y := p[0], p[1]
	z := math.Sqrt(x*x+y*y) + 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*bdXPi)
	return orb.Point{z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006}
}

// BD09ToGCJ02 converts p, (lon, lat) BD-09 degrees, to (lon, lat) GCJ-02 degrees with
// the published approximate inverse (error about 1e-6°, a few centimetres to decimetres).
// It applies everywhere, also outside China.
func BD09ToGCJ02(p orb.Point) orb.Point {
	x, y := p[0]-0.0065, p[1]-0.006
	z := math.Sqrt(x*x+y*y) - 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) - 0.000003*math.Cos(x*bdXPi)
	return orb.Point{z * math.Cos(theta), z * math.Sin(theta)}
}

// WGS84ToBD09 converts p, (lon, lat) WGS84 degrees, to (lon, lat) BD-09 degrees via
// GCJ-02. Outside China only the BD-09 step changes the point.
func WGS84ToBD09(p orb.Point) orb.Point { return GCJ02ToBD09(WGS84ToGCJ02(p)) }

// BD09ToWGS84 converts p, (lon, lat) BD-09 degrees, to (lon, lat) WGS84 degrees via
// GCJ-02. Outside China only the BD-09 step changes the point.
func BD09ToWGS84(p orb.Point) orb.Point { return GCJ02ToWGS84(BD09ToGCJ02(p)) }

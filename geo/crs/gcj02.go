package crs

import (
	"math"

	"github.com/paulmach/orb"
)

// Krasovsky 1940 ellipsoid, as used by the published GCJ-02 algorithm.
const (
	gcjA  = 6378245.0             // semi-major axis, metres
	gcjEE = 0.0066934216229659433 // first eccentricity squared
)

// gcjMaxIter and gcjTolDeg bound the iterative inversion of the GCJ-02 offset: each
// step shrinks the error by about three orders of magnitude, so a handful of steps reach
// 1e-9° (≈ 0.1 mm).
const (
	gcjMaxIter = 30
	gcjTolDeg  = 1e-9
)

// OutOfChina reports whether p, (lon, lat) in degrees, lies outside the rough box
// (72.004–137.8347 E, 0.8293–55.8271 N) inside which the published GCJ-02 algorithm
// applies its offset. The box is the algorithm's own, not China's border.
func OutOfChina(p orb.Point) bool {
	lon, lat := p[0], p[1]
	return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271
}

// WGS84ToGCJ02 converts p, (lon, lat) WGS84 degrees, to (lon, lat) GCJ-02 degrees.
// Points outside China (OutOfChina) are returned unchanged.
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if OutOfChina(p) {
		return p
	}
	dLon, dLat := gcjOffset(p[0], p[1])
	return orb.Point{p[0] + dLon, p[1] + dLat}
}

// GCJ02ToWGS84 converts p, (lon, lat) GCJ-02 degrees, to (lon, lat) WGS84 degrees by
// fixed-point iteration of WGS84ToGCJ02, to an error far below 0.5 m inside China.
// Points outside China (OutOfChina) are returned unchanged.
func GCJ02ToWGS84(p orb.Point) orb.Point {
	if OutOfChina(p) {
		return p
	}
	w := p
	for i := 0; i < gcjMaxIter; i++ {
		dLon, dLat := gcjOffset(w[0], w[1])
		next := orb.Point{p[0] - dLon, p[1] - dLat}
		done := math.Abs(next[0]-w[0]) < gcjTolDeg && math.Abs(next[1]-w[1]) < gcjTolDeg
		w = next
		if done {
			break
		}
	}
	return w
}

// gcjOffset returns the GCJ-02 offset (dLon, dLat) in degrees at (lon, lat) WGS84 degrees.
func gcjOffset(lon, lat float64) (dLon, dLat float64) {
	x, y := lon-105, lat-35
	dLat = gcjTransformLat(x, y)
	dLon = gcjTransformLon(x, y)
	radLat := lat / 180 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - gcjEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = dLat * 180 / ((gcjA * (1 - gcjEE)) / (magic * sqrtMagic) * math.Pi)
	dLon = dLon * 180 / (gcjA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return dLon, dLat
}

// gcjTransformLat is the published latitude offset polynomial, in metres-like units,
// of x = lon-105, y = lat-35.
func gcjTransformLat(x, y float64) float64 {
	r := -100 + 2*x + 3*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	r += (20*math.Sin(6*x*math.Pi) + 20*math.Sin(2*x*math.Pi)) * 2 / 3
	r += (20*math.Sin(y*math.Pi) + 40*math.Sin(y/3*math.Pi)) * 2 / 3
	r += (160*math.Sin(y/12*math.Pi) + 320*math.Sin(y*math.Pi/30)) * 2 / 3
	return r
}

// gcjTransformLon is the published longitude offset polynomial of x = lon-105,
// y = lat-35.
func gcjTransformLon(x, y float64) float64 {
	r := 300 + x + 2*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	r += (20*math.Sin(6*x*math.Pi) + 20*math.Sin(2*x*math.Pi)) * 2 / 3
	r += (20*math.Sin(x*math.Pi) + 40*math.Sin(x/3*math.Pi)) * 2 / 3
	r += (150*math.Sin(x/12*math.Pi) + 300*math.Sin(x/30*math.Pi)) * 2 / 3
	return r
}

package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadiusM is the mean Earth radius used for every great-circle length (IUGG R1), in
// metres, as the walking model in docs/model.md fixes it.
const EarthRadiusM = 6371008.8

// HaversineM returns the great-circle distance in metres between a and b, both (lon, lat)
// in WGS84 degrees.
func HaversineM(a, b orb.Point) float64 {
	const rad = math.Pi / 180
	lat1, lat2 := a[1]*rad, b[1]*rad
	dLat := lat2 - lat1
	dLon := (b[0] - a[0]) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(h)))
}

// LineLengthM returns the length in metres of a (lon, lat) WGS84 line: the sum of the
// great-circle lengths of its segments.
func LineLengthM(ls orb.LineString) float64 {
	var d float64
	for i := 1; i < len(ls); i++ {
		d += HaversineM(ls[i-1], ls[i])
	}
	return d
}

// WalkNode is a vertex of the pedestrian network: an OSM node where ways meet or end.
type WalkNode struct {
	ID    int64
	Point orb.Point // WGS84 (lon, lat)
}

// WalkEdge is a walkable piece of way between two WalkNodes, walkable both ways.
// Geometry runs from Source to Target; LengthM is its great-circle length in metres.
type WalkEdge struct {
	ID       int64
	Source   int64
	Target   int64
	LengthM  float64
	Highway  string // OSM highway value; "steps" walks slower
	OSMWayID int64
	Geometry orb.LineString // WGS84 (lon, lat)
}

// WalkModel holds the walking model's parameters (docs/model.md "Walking model").
type WalkModel struct {
	SpeedKmh    float64 // walking speed, km/h (default 4: 1 000 m in 15 minutes)
	StepsFactor float64 // how many times longer steps take (default 1.5)
	MaxSnapM    float64 // farther than this from any walkable segment a point is off-network (default 500)
}

// DefaultWalkModel returns the defaults of docs/model.md: 4 km/h, steps 1.5×, 500 m snap.
func DefaultWalkModel() WalkModel {
	return WalkModel{SpeedKmh: 4, StepsFactor: 1.5, MaxSnapM: 500}
}

// MetresPerSecond returns the walking speed in m/s.
func (m WalkModel) MetresPerSecond() float64 { return m.SpeedKmh * 1000 / 3600 }

// EdgeSeconds returns the time in seconds to walk lengthM metres of a way with the given
// highway value.
func (m WalkModel) EdgeSeconds(lengthM float64, highway string) float64 {
	s := lengthM / m.MetresPerSecond()
	if Highway(highway).IsSteps() {
		s *= m.StepsFactor
	}
	return s
}

// Validate checks that the parameters make sense.
func (m WalkModel) Validate() error {
	if !(m.SpeedKmh > 0 && m.SpeedKmh <= 20) {
		return Errorf(EINVALID, "walking speed %.2f km/h is outside (0, 20]", m.SpeedKmh)
	}
	if !(m.StepsFactor >= 1 && m.StepsFactor <= 10) {
		return Errorf(EINVALID, "steps factor %.2f is outside [1, 10]", m.StepsFactor)
	}
	if !(m.MaxSnapM > 0) {
		return Errorf(EINVALID, "snap distance %.0f m must be positive", m.MaxSnapM)
	}
	return nil
}

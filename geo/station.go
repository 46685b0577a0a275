package geo

import "github.com/paulmach/orb"

// Station is a party-mass service centre or station (党群服务中心/站).
type Station struct {
	ID          string
	Name        string
	Level       Level
	ParentCode  string // division code of the unit it serves (street or community)
	Address     string
	FloorAreaM2 float64
	Staff       int
	Point       orb.Point // WGS84 (lon, lat)
	// Source says where it came from: SourceFile (a planner's file; the batch that stored
	// it is in the record of imports), SourceOSM, SourceScenario, SourceIllustrative or
	// SourceDerived.
	Source string
	// Status is StatusCandidate or StatusConfirmed; "" (a value built in memory that says
	// nothing) is confirmed. The stores fill an empty status from the source (StatusFor)
	// and always read an explicit one back; the OpenStreetMap reader sets candidate.
	Status Status
	// Region is set only on a facility of another region read as part of a compute's
	// halo (engine.HaloSource); "" is the region's own.
	Region Region
}

// Candidate reports whether the station is a candidate: found in OpenStreetMap and not
// confirmed. Candidates count in no coverage, gap, network, standards or nearest answer
// unless the computation includes candidates.
func (s Station) Candidate() bool { return s.Status == StatusCandidate }

// StatusOrConfirmed returns Status, or StatusConfirmed when it is "".
func (s Station) StatusOrConfirmed() Status {
	if s.Status == "" {
		return StatusConfirmed
	}
	return s.Status
}

// Outlet is a convenience service point of one category: a supermarket, a clinic, a
// kindergarten …
type Outlet struct {
	ID       string
	Name     string
	Category string    // a Category key from data/categories.json
	Point    orb.Point // WGS84 (lon, lat)
	Source   string    // as Station.Source
	// Status is as Station.Status; outlets count whatever their status (OpenStreetMap is
	// the usual source of outlets), the status tells planners what to review.
	Status Status
	Region Region // as Station.Region
}

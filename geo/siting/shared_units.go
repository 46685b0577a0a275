package siting

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// sharedUnits are the communities a shared-centre request considers (those whose boundary
// holds cells with residents), numbered 0… in code order.
type sharedUnits struct {
	byArea    bool
	limit     float64   // seconds
	comms     []int     // engine community index of each unit
	pop       []float64 // residents (or m²) of each unit's cells
	hasCentre []bool    // a station of the level stands inside its boundary
	adj       [][]int   // units sharing a boundary with each unit
	unitOf    []int     // per engine cell: its unit, -1 none
	weight    []float64 // per engine cell: residents (or m²)
	uncovered []bool    // per engine cell: beyond limit of every existing station of the level
	leftOut   int       // communities not considered
}

// sharedUnitsOf collects the units of e for level, whose facility set is k, at limit
// seconds.
func sharedUnitsOf(e *engine.Engine, level geo.Level, k int, limit float64) (*sharedUnits, error) {
	u := &sharedUnits{byArea: weighByArea(e), limit: limit,
		unitOf: make([]int, len(e.Cells)), weight: make([]float64, len(e.Cells)), uncovered: make([]bool, len(e.Cells))}
	secs := e.Results[k].Seconds
	for i, c := range e.Cells {
		u.unitOf[i] = -1
		u.weight[i] = weight(c, u.byArea)
		u.uncovered[i] = !(float64(secs[i]) <= limit)
	}
	var bounds []orb.MultiPolygon
	for _, ci := range e.Units.CommunitiesByCode() {
		cells := e.Units.CommunityCells(ci)
		pop := 0.0
		for _, i := range cells {
			pop += u.weight[i]
		}
		if !(pop > 0) || len(e.Communities[ci].Boundary) == 0 {
			u.leftOut++
			continue
		}
		for _, i := range cells {
			u.unitOf[i] = len(u.comms)
		}
		u.comms = append(u.comms, ci)
		u.pop = append(u.pop, pop)
		bounds = append(bounds, e.Communities[ci].Boundary)
	}
	var err error
	if u.adj, err = Adjacency(bounds); err != nil {
		return nil, err
	}
	u.hasCentre = centresIn(e.Stations, level, bounds)
	return u, nil
}

// centresIn marks the boundaries (WGS84 lon, lat) that hold a station of level; planar
// containment in (lon, lat), holes respected.
func centresIn(stations []geo.Station, level geo.Level, bounds []orb.MultiPolygon) []bool {
	has := make([]bool, len(bounds))
	boxes := make([]orb.Bound, len(bounds))
	for i, b := range bounds {
		boxes[i] = b.Bound()
	}
	for _, s := range stations {
		if s.Level != level {
			continue
		}
		for i, b := range bounds {
			if !has[i] && boxes[i].Contains(s.Point) && planar.MultiPolygonContains(b, s.Point) {
				has[i] = true
			}
		}
	}
	return has
}

// fillCounts sets the plan's counts of units, units without a centre and adjacent pairs.
func (u *sharedUnits) fillCounts(p *SharedPlan) {
	p.Communities, p.LeftOut = len(u.comms), u.leftOut
	for a, ns := range u.adj {
		if !u.hasCentre[a] {
			p.WithoutCentre++
		}
		for _, b := range ns {
			if a < b {
				p.AdjacentPairs++
			}
		}
	}
}

// adjacent reports whether units a and b share a boundary.
func (u *sharedUnits) adjacent(a, b int) bool {
	for _, n := range u.adj[a] {
		if n == b {
			return true
		}
	}
	return false
}

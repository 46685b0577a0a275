package assess

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// CoverageQuery asks for the coverage of one target within one threshold, over the whole
// district (Street and Community empty), one street (9-digit code) or one community
// (12-digit code).
type CoverageQuery struct {
	Target    engine.Target
	Minutes   float64 // whole minutes, 1–60
	Street    string
	Community string
	// Circle, when given, replaces Target: a cell is within when every facility of the
	// circle is (see Circle); the report's Target is Circle.Target().
	Circle *Circle
	// Unit is what the rows are: UnitCommunity ("" too) one per community, UnitGrid one
	// per grid (网格) of the scope's communities, in CoverageReport.Grids.
	Unit string
}

// CoverageRow is the coverage of one scope within the query's minutes. Population is in
// residents, areas in m², times in minutes. A cell is within when its walk time is at most
// the threshold; off-network and unreached cells are never within. MeanMin (over reached
// cells), MedianMin and P90Min (counting unreached and off-network cells as +Inf) are
// weighted by population, or by area when the scope has no residents (AreaWeighted): see
// coverage.Summary. They are NaN when the scope has no cells, +Inf when too little is
// reached.
type CoverageRow struct {
	Scope, Code, Name                             string // Scope "district"|"street"|"community"; Code "" for the district
	Cells, OffNetworkCells                        int
	Population, PopulationWithin, PopulationShare float64
	AreaM2, AreaWithinM2, AreaShare               float64
	MeanMin, MedianMin, P90Min                    float64
	PopulationBeyond                              float64
	// AreaWeighted is true when the scope has no residents at all: PopulationShare is 0
	// and only AreaShare and the area-weighted times describe it.
	AreaWeighted bool
}

// CoverageReport is the answer to a CoverageQuery: the scope's total and one row per
// community in the scope, sorted by community code.
type CoverageReport struct {
	Target      engine.Target
	Minutes     float64
	Total       CoverageRow
	Communities []CoverageRow
	Grids       []CoverageRow // with Unit UnitGrid: one row per grid (Scope "grid"), by code
	Facilities  int           // facilities of the target (off-network ones included)
}

// coverageScope is the part of the district a coverage query covers.
type coverageScope struct {
	kind, code, name string
	comms            []int            // community indices in the scope, sorted by code
	has              func(i int) bool // whether cell i is in the scope
}

// Coverage returns the share of residents and area (m²) within q.Minutes' walk (any whole
// number of minutes 1–60, read from the per-cell walk times in seconds, not only the
// configured thresholds) of the nearest facility of q.Target. Unknown targets and minutes
// out of range are EINVALID, unknown street or community codes ENOTFOUND, a community
// outside the street given with it EINVALID, and a query before Compute EUNAVAILABLE.
func Coverage(e *engine.Engine, q CoverageQuery) (CoverageReport, error) {
	if err := checkMinutes(q.Minutes); err != nil {
		return CoverageReport{}, err
	}
	if q.Circle != nil {
		q.Target = q.Circle.Target()
	}
	secs, facilities, err := querySeconds(e, q.Target, q.Circle, q.Minutes)
	if err != nil {
		return CoverageReport{}, err
	}
	if q.Unit != "" && q.Unit != UnitCommunity && q.Unit != UnitGrid {
		return CoverageReport{}, geo.Errorf(geo.EINVALID, "unit %q: use community or grid", q.Unit)
	}
	sc, err := scopeOf(e, q.Street, q.Community)
	if err != nil {
		return CoverageReport{}, err
	}
	r := coverage.Result{Kind: q.Target.Kind, Key: q.Target.Key, Seconds: secs}
	thr := []float64{q.Minutes}
	rep := CoverageReport{Target: q.Target, Minutes: q.Minutes, Facilities: facilities}
	inScope := func(i int) string {
		if sc.has(i) {
			return "in"
		}
		return ""
	}
	rep.Total = emptyRow(sc.kind, sc.code, sc.name)
	for _, s := range coverage.Summarise(e.Cells, r, thr, inScope) {
		if s.Group == "in" {
			rep.Total = coverageRow(sc.kind, sc.code, sc.name, s)
		}
	}
	byComm := map[int]coverage.Summary{}
	for _, s := range coverage.Summarise(e.Cells, r, thr, e.Units.CellCommunityCode) {
		if ci, ok := e.Units.Community(s.Group); ok && s.Group != "" {
			byComm[ci] = s
		}
	}
	for _, ci := range sc.comms {
		c := e.Communities[ci]
		row := emptyRow(coverage.ScopeCommunity, c.Code, c.Name)
		if s, ok := byComm[ci]; ok {
			row = coverageRow(coverage.ScopeCommunity, c.Code, c.Name, s)
		}
		rep.Communities = append(rep.Communities, row)
	}
	if q.Unit == UnitGrid {
		rep.Grids = gridCoverage(e, r, thr, sc)
	}
	return rep, nil
}

// scopeOf resolves a street and a community code (either may be empty) to a scope.
func scopeOf(e *engine.Engine, street, community string) (coverageScope, error) {
	if community != "" {
		ci, ok := e.Units.Community(community)
		if !ok {
			return coverageScope{}, geo.Errorf(geo.ENOTFOUND, "community %q is not in the district (give its 12-digit code)", community)
		}
		c := e.Communities[ci]
		if street != "" && c.StreetCode != street {
			return coverageScope{}, geo.Errorf(geo.EINVALID, "community %s (%s) belongs to street %q, not %q", c.Code, c.Name, c.StreetCode, street)
		}
		return coverageScope{kind: coverage.ScopeCommunity, code: c.Code, name: c.Name, comms: []int{ci},
			has: func(i int) bool { return e.CellComm[i] == ci }}, nil
	}
	if street != "" {
		if s, ok := e.Units.Street(street); ok {
			return streetScope(e, s), nil
		}
		return coverageScope{}, geo.Errorf(geo.ENOTFOUND, "street %q is not in the district (give its 9-digit code)", street)
	}
	return coverageScope{kind: coverage.ScopeDistrict, comms: e.Units.CommunitiesByCode(), has: func(int) bool { return true }}, nil
}

// streetScope is the scope of one street: the cells of its communities.
func streetScope(e *engine.Engine, s engine.UnitStreet) coverageScope {
	in := make([]bool, len(e.Cells))
	for _, i := range s.Cells {
		in[i] = true
	}
	return coverageScope{kind: coverage.ScopeStreet, code: s.Code, name: s.Name, comms: s.Communities,
		has: func(i int) bool { return in[i] }}
}

// coverageRow turns a one-threshold summary into a row.
func coverageRow(scope, code, name string, s coverage.Summary) CoverageRow {
	w := s.Within[0]
	return CoverageRow{
		Scope: scope, Code: code, Name: name,
		Cells: s.Cells, OffNetworkCells: s.OffNetworkCells,
		Population: s.Population, PopulationWithin: w.Population, PopulationShare: w.PopulationShare,
		AreaM2: s.AreaM2, AreaWithinM2: w.AreaM2, AreaShare: w.AreaShare,
		MeanMin: s.MeanMin, MedianMin: s.MedianMin, P90Min: s.P90Min,
		PopulationBeyond: s.BeyondPopulation[0],
		AreaWeighted:     !(s.Population > 0),
	}
}

// emptyRow is the row of a scope without cells (a community without a boundary).
func emptyRow(scope, code, name string) CoverageRow {
	nan := math.NaN()
	return CoverageRow{Scope: scope, Code: code, Name: name, MeanMin: nan, MedianMin: nan, P90Min: nan, AreaWeighted: true}
}

// querySeconds returns every cell's walk time (seconds) to target t, or to circle c when
// given, exact up to at least minutes, and the number of facilities it counts.
func querySeconds(e *engine.Engine, t engine.Target, c *Circle, minutes float64) ([]float32, int, error) {
	if c != nil {
		return circleSeconds(e, *c, minutes)
	}
	k, err := resultFor(e, t)
	if err != nil {
		return nil, 0, err
	}
	secs, err := walkSeconds(e, k, minutes)
	return secs, len(e.Sets[k].Points) - e.HaloFacilities(t), err // the region's own: neighbours' are reachable, not counted
}

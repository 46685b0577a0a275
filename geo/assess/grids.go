package assess

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// The keys of the grid rules in the standards (data/standards, "applies_to": "grid").
const (
	RuleGridWorkers             = "grid_workers"
	RuleHouseholdsPerGridWorker = standards.RatioHouseholdsPerGridWorker
)

// GridRow is one grid (网格): its figures as the file gave them, the residents and area
// of its cells (the model's), and its grid workers against the rules. Areas in m².
type GridRow struct {
	Code, Name, CommunityCode, CommunityName string
	Households, Population                   int     // from the file; 0: not given
	Cells                                    int     // H3 cells whose centres it holds (or the one holding its centroid)
	CellPopulation, AreaM2                   float64 // residents and area of its cells
	Workers                                  int     // grid workers (网格员)
	WorkersGiven                             bool    // false: the file gave no count and nothing is assessed
	// HouseholdsPerWorker is Households (or, when the file gives none, CellPopulation /
	// the persons per household: HouseholdsEstimated) per grid worker; NaN without
	// workers or households.
	HouseholdsPerWorker float64
	HouseholdsEstimated bool
	WorkersVerdict      standards.Verdict // "" not assessed (no rule, or no count given)
	LoadVerdict         standards.Verdict // "" not assessed
}

// GridCommunity is a community not fully covered by grids: its cells whose centres no
// grid holds, their area (m²) and residents.
type GridCommunity struct {
	Code, Name                      string
	Grids                           int // grids naming the community
	AreaM2, UncoveredAreaM2         float64
	Population, UncoveredPopulation float64
	Cells, UncoveredCells           int
}

// GridReport is the grids of the district against the rules: every grid by code, the
// communities grids do not fully cover (by code), and the rules used (nil when the
// standards have none).
type GridReport struct {
	Grids          []GridRow
	Uncovered      []GridCommunity
	WorkersRule    *standards.Ratio
	LoadRule       *standards.Ratio
	WithoutWorker  int // grids with a worker count of 0
	WorkersUnknown int // grids whose file gave no worker count
	OverLoad       int // grids over the households-per-worker rule (LoadVerdict warn or fail)
}

// Grids assesses every grid against r's grid rules (RuleGridWorkers,
// RuleHouseholdsPerGridWorker) and finds the communities grids do not fully cover. It is
// EUNAVAILABLE before Compute; with no grids loaded the report is empty.
func Grids(e *engine.Engine, r *standards.Rules) (GridReport, error) {
	if len(e.Results) == 0 {
		return GridReport{}, geo.Errorf(geo.EUNAVAILABLE, "walk-time coverage has not been computed yet (lifecircle compute)")
	}
	var rep GridReport
	if q, ok := r.Ratio(RuleGridWorkers); ok && q.AppliesTo == "grid" {
		rep.WorkersRule = &q
	}
	if q, ok := r.Ratio(RuleHouseholdsPerGridWorker); ok && q.AppliesTo == "grid" {
		rep.LoadRule = &q
	}
	for _, k := range e.Units.GridsByCode() {
		rep.Grids = append(rep.Grids, gridRow(e, k, rep.WorkersRule, rep.LoadRule))
	}
	if len(e.Grids) > 0 {
		rep.Uncovered = uncoveredCommunities(e)
	}
	rep.count()
	return rep, nil
}

// Community returns the report restricted to the grids and the uncovered row of one
// community (all when code is ""), its counts recounted.
func (r GridReport) Community(code string) GridReport {
	if code == "" {
		return r
	}
	var gs []GridRow
	for _, g := range r.Grids {
		if g.CommunityCode == code {
			gs = append(gs, g)
		}
	}
	var us []GridCommunity
	for _, u := range r.Uncovered {
		if u.Code == code {
			us = append(us, u)
		}
	}
	r.Grids, r.Uncovered = gs, us
	r.count()
	return r
}

// count sets WithoutWorker, WorkersUnknown and OverLoad from the rows.
func (r *GridReport) count() {
	r.WithoutWorker, r.WorkersUnknown, r.OverLoad = 0, 0, 0
	for _, g := range r.Grids {
		switch {
		case !g.WorkersGiven:
			r.WorkersUnknown++
		case g.Workers == 0:
			r.WithoutWorker++
		}
		if g.LoadVerdict == standards.VerdictWarn || g.LoadVerdict == standards.VerdictFail {
			r.OverLoad++
		}
	}
}

// gridRow assesses grid k.
func gridRow(e *engine.Engine, k int, workers, load *standards.Ratio) GridRow {
	g := e.Grids[k]
	row := GridRow{Code: g.Code, Name: g.Name, CommunityCode: g.CommunityCode, Households: g.Households,
		Population: g.Population, Workers: g.Workers, WorkersGiven: g.WorkersGiven, HouseholdsPerWorker: math.NaN()}
	if ci, ok := e.Units.Community(g.CommunityCode); ok {
		row.CommunityName = e.Communities[ci].Name
	}
	cells := e.Units.GridCells(k)
	row.Cells = len(cells)
	for _, i := range cells {
		row.CellPopulation += e.Cells[i].Population
		row.AreaM2 += e.Cells[i].AreaM2
	}
	if !g.WorkersGiven {
		return row
	}
	if workers != nil {
		row.WorkersVerdict = workers.Assess(float64(g.Workers))
	}
	hh := float64(g.Households)
	if hh == 0 && row.CellPopulation > 0 {
		hh, row.HouseholdsEstimated = row.CellPopulation/e.Options.PersonsPerHousehold, true
	}
	if g.Workers > 0 && hh > 0 {
		row.HouseholdsPerWorker = hh / float64(g.Workers)
		if load != nil {
			row.LoadVerdict = load.Assess(row.HouseholdsPerWorker)
		}
	}
	return row
}

// uncoveredCommunities lists the communities with cells whose centres no grid holds.
func uncoveredCommunities(e *engine.Engine) []GridCommunity {
	named := map[string]int{}
	for _, g := range e.Grids {
		named[g.CommunityCode]++
	}
	var out []GridCommunity
	for _, ci := range e.Units.CommunitiesByCode() {
		c := e.Communities[ci]
		row := GridCommunity{Code: c.Code, Name: c.Name, Grids: named[c.Code]}
		for _, i := range e.Units.CommunityCells(ci) {
			cell := e.Cells[i]
			row.Cells++
			row.AreaM2 += cell.AreaM2
			row.Population += cell.Population
			if e.Units.CellGridCode(i) == "" {
				row.UncoveredCells++
				row.UncoveredAreaM2 += cell.AreaM2
				row.UncoveredPopulation += cell.Population
			}
		}
		if row.UncoveredCells > 0 {
			out = append(out, row)
		}
	}
	return out
}

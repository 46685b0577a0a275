package assess

import (
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// The units coverage rows are given for (CoverageQuery.Unit).
const (
	UnitCommunity = "community"
	UnitGrid      = "grid"
)

// ScopeGrid is the Scope of a grid's CoverageRow.
const ScopeGrid = "grid"

// gridCoverage returns the coverage row of every grid whose community is in sc, by grid
// code: a cell counts for the (first by code) grid holding its centre.
func gridCoverage(e *engine.Engine, r coverage.Result, thr []float64, sc coverageScope) []CoverageRow {
	inScope := make(map[string]bool, len(sc.comms))
	for _, ci := range sc.comms {
		inScope[e.Communities[ci].Code] = true
	}
	byGrid := map[string]coverage.Summary{}
	for _, s := range coverage.Summarise(e.Cells, r, thr, e.Units.CellGridCode) {
		if s.Group != "" {
			byGrid[s.Group] = s
		}
	}
	var out []CoverageRow
	for _, k := range e.Units.GridsByCode() {
		g := e.Grids[k]
		if !inScope[g.CommunityCode] {
			continue
		}
		row := emptyRow(ScopeGrid, g.Code, g.Name)
		if s, ok := byGrid[g.Code]; ok {
			row = coverageRow(ScopeGrid, g.Code, g.Name, s)
		}
		out = append(out, row)
	}
	return out
}

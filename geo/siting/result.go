package siting

import (
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/plan"
)

// planOf turns the solution of a plan into sites, totals and the coverage curve.
func planOf(e *engine.Engine, req Request, d demand, c candidates, sol plan.Solution) Plan {
	r := Plan{
		Target: req.Target, Minutes: req.Minutes,
		Sites:         make([]Site, 0, len(sol.Chosen)),
		Curve:         make([]float64, 0, len(sol.Chosen)),
		CoveredBefore: d.coveredBefore, CoveredAfter: d.coveredBefore + sol.Covered,
		Population: d.population,
	}
	for i, j := range sol.Chosen {
		s := Site{Point: c.pts[j], Gain: sol.Gains[i], Cumulative: sol.Cumulative[i], Community: communityOf(e, c, j)}
		if cell := c.cells[j]; cell >= 0 {
			s.H3 = e.Cells[cell].H3.String()
		}
		r.Sites = append(r.Sites, s)
		r.Curve = append(r.Curve, share(d.coveredBefore+sol.Cumulative[i], d.population))
	}
	return r
}

// share is part/whole, 0 when whole is 0.
func share(part, whole float64) float64 {
	if !(whole > 0) {
		return 0
	}
	return part / whole
}

package engine

import "github.com/lifecircle/lifecircle/geo/plan"

// planResultOf turns the solution of a plan into sites, totals and the coverage curve.
func (e *Engine) planResultOf(req PlanRequest, d planDemand, c planCands, sol plan.Solution) PlanResult {
	r := PlanResult{
		Target: req.Target, Minutes: req.Minutes,
		Sites:         make([]PlannedSite, 0, len(sol.Chosen)),
		Curve:         make([]float64, 0, len(sol.Chosen)),
		CoveredBefore: d.coveredBefore, CoveredAfter: d.coveredBefore + sol.Covered,
		Population: d.population,
	}
	for i, j := range sol.Chosen {
		s := PlannedSite{Point: c.pts[j], Gain: sol.Gains[i], Cumulative: sol.Cumulative[i], Community: e.planCommunityOf(c, j)}
		if cell := c.cells[j]; cell >= 0 {
			s.H3 = e.Cells[cell].H3.String()
		}
		r.Sites = append(r.Sites, s)
		r.Curve = append(r.Curve, planShare(d.coveredBefore+sol.Cumulative[i], d.population))
	}
	return r
}

// planShare is part/whole, 0 when whole is 0.
func planShare(part, whole float64) float64 {
	if !(whole > 0) {
		return 0
	}
	return part / whole
}

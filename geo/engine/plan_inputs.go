package engine

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// planDemand is what a plan may win: the on-network cells not yet within the threshold
// that hold residents (or area), and the totals a result reports.
type planDemand struct {
	cells         []int     // engine cell indexes
	weights       []float64 // residents (or m²) of each
	population    float64   // weight of the whole study area
	coveredBefore float64   // weight already within the threshold
}

// planDemandOf collects the demand of facility set k at limit seconds.
func (e *Engine) planDemandOf(k int, limit float64) planDemand {
	byArea := e.planByArea()
	secs := e.Results[k].Seconds
	var d planDemand
	for i, c := range e.Cells {
		w := planWeight(c, byArea)
		d.population += w
		switch {
		case float64(secs[i]) <= limit:
			d.coveredBefore += w
		case w > 0 && e.CellSnaps[i].OnNetwork:
			d.cells = append(d.cells, i)
			d.weights = append(d.weights, w)
		}
	}
	return d
}

// planByArea reports whether the study area has no population, so that cells are weighed
// by area instead.
func (e *Engine) planByArea() bool {
	for _, c := range e.Cells {
		if c.Population > 0 {
			return false
		}
	}
	return true
}

// planWeight is a cell's weight: its residents, or its area (m²) when byArea.
func planWeight(c coverage.Cell, byArea bool) float64 {
	if byArea {
		return c.AreaM2
	}
	return c.Population
}

// planCands are the candidate sites of a plan.
type planCands struct {
	pts   []orb.Point // WGS84 (lon, lat)
	snaps []walk.Snap
	cells []int // engine cell index of a cell-centre candidate; -1 for a given point
}

// planCandidatesOf returns req's candidates on the network, less the excluded ones.
func (e *Engine) planCandidatesOf(req PlanRequest) (planCands, error) {
	var c planCands
	if len(req.Candidates) == 0 {
		for i, s := range e.CellSnaps {
			if s.OnNetwork {
				c.add(e.Cells[i].Center, s, i)
			}
		}
		return c.without(req.Exclude), nil
	}
	nearest := math.Inf(1)
	for i, s := range e.Graph.SnapAll(req.Candidates) {
		if s.OnNetwork {
			c.add(req.Candidates[i], s, -1)
		} else {
			nearest = min(nearest, s.AccessM)
		}
	}
	if len(c.pts) == 0 {
		return c, planAllOffNetwork(len(req.Candidates), nearest, e.Options.Walk.MaxSnapM)
	}
	return c.without(req.Exclude), nil
}

func (c *planCands) add(p orb.Point, s walk.Snap, cell int) {
	c.pts, c.snaps, c.cells = append(c.pts, p), append(c.snaps, s), append(c.cells, cell)
}

// without returns the candidates farther than PlanExcludeM metres from every point of
// exclude (lon, lat WGS84).
func (c planCands) without(exclude []orb.Point) planCands {
	if len(exclude) == 0 {
		return c
	}
	g := newPlanGrid(exclude, 4*PlanExcludeM)
	var out planCands
	var near []int32
	for j, p := range c.pts {
		near = g.near(p, PlanExcludeM, near[:0])
		if !planAnyWithin(p, exclude, near, PlanExcludeM) {
			out.add(p, c.snaps[j], c.cells[j])
		}
	}
	return out
}

// planAnyWithin reports whether any of pts[idx] lies within r great-circle metres of p.
func planAnyWithin(p orb.Point, pts []orb.Point, idx []int32, r float64) bool {
	for _, i := range idx {
		if geo.HaversineM(p, pts[i]) <= r {
			return true
		}
	}
	return false
}

// planCommunityOf returns the name (else the code) of the community holding candidate j,
// "" when it lies in none.
func (e *Engine) planCommunityOf(c planCands, j int) string {
	cell := c.cells[j]
	if cell < 0 {
		p := c.pts[j]
		i, ok := e.cellIndex[h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), e.Options.Resolution)]
		if !ok {
			return ""
		}
		cell = i
	}
	ci := e.CellComm[cell]
	if ci < 0 {
		return ""
	}
	if n := e.Communities[ci].Name; n != "" {
		return n
	}
	return e.Communities[ci].Code
}

// planAllOffNetwork is the EUNPROCESSABLE error for n candidate points all off the walk
// network, the nearest of them nearest metres from it (limit: the snap distance).
func planAllOffNetwork(n int, nearest, limit float64) error {
	if math.IsInf(nearest, 1) {
		return geo.Errorf(geo.EUNPROCESSABLE, "none of the %d candidate points is near any walkable way", n)
	}
	return geo.Errorf(geo.EUNPROCESSABLE, "none of the %d candidate points is on the walk network: the nearest is %.0f m from a walkable way (more than %.0f m)", n, nearest, limit)
}

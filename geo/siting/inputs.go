package siting

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// demand is what a plan may win: the on-network cells not yet within the threshold
// that hold residents (or area), and the totals a result reports.
type demand struct {
	cells         []int     // engine cell indexes
	weights       []float64 // residents (or m²) of each
	population    float64   // weight of the whole study area
	coveredBefore float64   // weight already within the threshold
}

// demandOf collects the demand at limit seconds, given every cell's walk seconds to what
// exists now.
func demandOf(e *engine.Engine, secs []float32, limit float64) demand {
	byArea := weighByArea(e)
	var d demand
	for i, c := range e.Cells {
		w := weight(c, byArea)
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

// weighByArea reports whether the study area has no population, so that cells are weighed
// by area instead.
func weighByArea(e *engine.Engine) bool {
	for _, c := range e.Cells {
		if c.Population > 0 {
			return false
		}
	}
	return true
}

// weight is a cell's weight: its residents, or its area (m²) when byArea.
func weight(c coverage.Cell, byArea bool) float64 {
	if byArea {
		return c.AreaM2
	}
	return c.Population
}

// candidates are the candidate sites of a plan.
type candidates struct {
	pts   []orb.Point // WGS84 (lon, lat)
	snaps []walk.Snap
	cells []int // engine cell index of a cell-centre candidate; -1 for a given point
}

// candidatesOf returns req's candidates on the network, less the excluded ones.
func candidatesOf(e *engine.Engine, req Request) (candidates, error) {
	var c candidates
	if len(req.Candidates) == 0 {
		for i, s := range e.CellSnaps {
			if s.OnNetwork {
				c.add(e.Cells[i].Center, s, i)
			}
		}
		return c.without(req.Exclude)
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
		return c, allOffNetwork(len(req.Candidates), nearest, e.Options.Walk.MaxSnapM)
	}
	return c.without(req.Exclude)
}

func (c *candidates) add(p orb.Point, s walk.Snap, cell int) {
	c.pts, c.snaps, c.cells = append(c.pts, p), append(c.snaps, s), append(c.cells, cell)
}

// without returns the candidates farther than ExcludeM metres from every point of
// exclude (lon, lat WGS84).
func (c candidates) without(exclude []orb.Point) (candidates, error) {
	if len(exclude) == 0 {
		return c, nil
	}
	ix, err := gridindex.NewPoints(exclude, 4*ExcludeM, 0)
	if err != nil {
		return candidates{}, err
	}
	var out candidates
	for j, p := range c.pts {
		if !anyWithin(ix, exclude, p, ExcludeM) {
			out.add(p, c.snaps[j], c.cells[j])
		}
	}
	return out, nil
}

// anyWithin reports whether a point of pts (lon, lat WGS84), indexed by ix, lies within
// r great-circle metres of p.
func anyWithin(ix *gridindex.Index, pts []orb.Point, p orb.Point, r float64) bool {
	found := false
	ix.Near(p, r, func(items []int32) {
		for _, i := range items {
			if !found && geo.HaversineM(p, pts[i]) <= r {
				found = true
			}
		}
	})
	return found
}

// communityOf returns the name (else the code) of the community holding candidate j,
// "" when it lies in none.
func communityOf(e *engine.Engine, c candidates, j int) string {
	cell := c.cells[j]
	if cell < 0 {
		i, ok := e.CellAt(c.pts[j])
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

// allOffNetwork is the EUNPROCESSABLE error for n candidate points all off the walk
// network, the nearest of them nearest metres from it (limit: the snap distance).
func allOffNetwork(n int, nearest, limit float64) error {
	if math.IsInf(nearest, 1) {
		return geo.Errorf(geo.EUNPROCESSABLE, "none of the %d candidate points is near any walkable way", n)
	}
	return geo.Errorf(geo.EUNPROCESSABLE, "none of the %d candidate points is on the walk network: the nearest is %.0f m from a walkable way (more than %.0f m)", n, nearest, limit)
}

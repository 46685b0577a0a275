package engine

import (
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// studyCells lays the H3 cells of the study area: over the community boundaries areas
// (WGS84, lon/lat) when any, else over the districts, else over the walk network's
// extent. When districts are loaded, cells whose centre lies in none of them are left
// out (walking may still use the network outside them).
func (e *Engine) studyCells(areas []orb.MultiPolygon) ([]coverage.Cell, error) {
	var cells []coverage.Cell
	var err error
	switch {
	case len(areas) > 0:
		cells, err = coverage.Cells(areas, e.Options.Resolution)
	case len(e.Districts) > 0:
		cells, err = coverage.Cells(districtAreas(e), e.Options.Resolution)
		for i := range cells {
			cells[i].Area = -1 // a district is no community
		}
	default:
		cells, err = coverage.CellsInBound(e.Graph.Bounds(), e.Options.Resolution)
	}
	if err != nil || len(e.Districts) == 0 {
		return cells, err
	}
	return insideDistricts(cells, districtAreas(e)), nil
}

func districtAreas(e *Engine) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, 0, len(e.Districts))
	for _, d := range e.Districts {
		if len(d.Boundary) > 0 {
			out = append(out, d.Boundary)
		}
	}
	return out
}

// insideDistricts keeps the cells whose centre (lon, lat) lies in one of the districts'
// boundaries (WGS84), in order.
func insideDistricts(cells []coverage.Cell, ds []orb.MultiPolygon) []coverage.Cell {
	bounds := make([]orb.Bound, len(ds))
	for i, d := range ds {
		bounds[i] = d.Bound()
	}
	out := cells[:0]
	for _, c := range cells {
		for i, d := range ds {
			if bounds[i].Contains(c.Center) && planar.MultiPolygonContains(d, c.Center) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

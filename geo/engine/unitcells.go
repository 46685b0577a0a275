package engine

import (
	"sort"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"
)

// compoundCells returns, per compound, its cells (see Units.CompoundCells); nil before the
// cells are laid. ix indexes e.Cells.
func (e *Engine) compoundCells(ix coverage.CentreIndex) [][]int {
	if len(e.Cells) == 0 {
		return nil
	}
	out := make([][]int, len(e.Compounds))
	for k, c := range e.Compounds {
		if len(c.Polygon) == 0 {
			continue
		}
		if cells := cellsIn(e.Cells, ix, c.Polygon); len(cells) > 0 {
			out[k] = cells
		} else if h, ok := e.CentroidCell(c.Polygon); ok {
			if i, ok := e.cellIndex[h]; ok {
				out[k] = []int{i}
			}
		}
	}
	return out
}

// CentroidCell returns the H3 cell, at the engine's resolution, holding mp's centroid
// (planar in lon, lat WGS84); false when mp has no centroid that is a (lon, lat) pair.
func (e *Engine) CentroidCell(mp orb.MultiPolygon) (h3.Cell, bool) {
	ctr, _ := planar.CentroidArea(mp)
	if !(ctr[0] >= -180 && ctr[0] <= 180 && ctr[1] >= -90 && ctr[1] <= 90) {
		return 0, false
	}
	return h3.LatLngToCell(h3.NewLatLng(ctr[1], ctr[0]), e.Options.Resolution), true
}

// cellsIn returns the indices of the cells whose centres (lon, lat) lie in mp, ascending.
func cellsIn(cells []coverage.Cell, ix coverage.CentreIndex, mp orb.MultiPolygon) []int {
	var out []int
	ix.InBound(mp.Bound(), func(i int) {
		if len(mp) > 0 && planar.MultiPolygonContains(mp, cells[i].Center) {
			out = append(out, i)
		}
	})
	sort.Ints(out)
	return out
}

package engine

import (
	"sort"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"
)

// compoundCells returns, per compound, its cells (see Units.CompoundCells); nil before the
// cells are laid.
func (e *Engine) compoundCells() [][]int {
	if len(e.Cells) == 0 {
		return nil
	}
	ix := newLatIndex(e.Cells)
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
func cellsIn(cells []coverage.Cell, ix latIndex, mp orb.MultiPolygon) []int {
	var out []int
	ix.inBound(cells, mp.Bound(), func(i int) {
		if len(mp) > 0 && planar.MultiPolygonContains(mp, cells[i].Center) {
			out = append(out, i)
		}
	})
	sort.Ints(out)
	return out
}

// latIndex lists cells by the latitude of their centres, so that the cells of a small
// polygon (a compound) are found without testing every cell of the district.
type latIndex struct {
	order []int     // cell indices sorted by centre latitude
	lats  []float64 // their latitudes, ascending
}

func newLatIndex(cells []coverage.Cell) latIndex {
	ix := latIndex{order: make([]int, len(cells)), lats: make([]float64, len(cells))}
	for i := range cells {
		ix.order[i] = i
	}
	sort.Slice(ix.order, func(a, b int) bool { return cells[ix.order[a]].Center[1] < cells[ix.order[b]].Center[1] })
	for k, i := range ix.order {
		ix.lats[k] = cells[i].Center[1]
	}
	return ix
}

// inBound calls fn for each cell whose centre (lon, lat) lies in b.
func (ix latIndex) inBound(cells []coverage.Cell, b orb.Bound, fn func(i int)) {
	lo := sort.SearchFloat64s(ix.lats, b.Min[1])
	for k := lo; k < len(ix.lats) && ix.lats[k] <= b.Max[1]; k++ {
		i := ix.order[k]
		if c := cells[i].Center; c[0] >= b.Min[0] && c[0] <= b.Max[0] {
			fn(i)
		}
	}
}

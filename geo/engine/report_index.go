package engine

import (
	"sort"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// repLatIndex lists cells by the latitude of their centres, so that the cells of a small
// polygon (a compound) are found without testing every cell of the district.
type repLatIndex struct {
	order []int     // cell indices sorted by centre latitude
	lats  []float64 // their latitudes, ascending
}

func newRepLatIndex(cells []coverage.Cell) repLatIndex {
	ix := repLatIndex{order: make([]int, len(cells)), lats: make([]float64, len(cells))}
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
func (ix repLatIndex) inBound(cells []coverage.Cell, b orb.Bound, fn func(i int)) {
	lo := sort.SearchFloat64s(ix.lats, b.Min[1])
	for k := lo; k < len(ix.lats) && ix.lats[k] <= b.Max[1]; k++ {
		i := ix.order[k]
		if c := cells[i].Center; c[0] >= b.Min[0] && c[0] <= b.Max[0] {
			fn(i)
		}
	}
}

// repPlanarContains reports whether p lies in mp (lon, lat treated as a plane, holes
// respected); an empty multipolygon contains nothing.
func repPlanarContains(mp orb.MultiPolygon, p orb.Point) bool {
	return len(mp) > 0 && planar.MultiPolygonContains(mp, p)
}

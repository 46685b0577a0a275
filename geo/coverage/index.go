package coverage

import (
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/local"
)

// cellIndex finds the cells whose centres lie near a bound without scanning every cell:
// a grid index of the cell centres (geo/gridindex).
type cellIndex struct {
	grid    *gridindex.Index // nil: the index could not be built, every cell is a candidate
	centres []orb.Point
}

// newCellIndex indexes the centres of cells (centres that are not WGS84 are left out)
// under buckets about two cell edges wide, or wider when the cells are so spread out that
// there would be more than 4 buckets per cell plus 2²⁰.
func newCellIndex(cells []Cell) cellIndex {
	centres := make([]orb.Point, len(cells))
	for i, c := range cells {
		centres[i] = c.Center
	}
	res := DefaultResolution
	if len(cells) > 0 && cells[0].H3.IsValid() {
		res = cells[0].H3.Resolution()
	}
	grid, err := gridindex.NewPoints(centres, 2*h3.HexagonEdgeLengthAvgM(res), 4*len(cells)+1<<20)
	if err != nil {
		// Only more than 2³¹−2 cells can fail (the size is positive): scan them all.
		return cellIndex{centres: centres}
	}
	return cellIndex{grid: grid, centres: centres}
}

// query calls fn with the index of every cell whose centre lies in b (edges included),
// each once, in ascending order within each row of buckets: exactly the cells a scan
// of all of them would give, whatever the buckets.
func (ix cellIndex) query(b orb.Bound, fn func(i int)) {
	if ix.grid == nil {
		for i, c := range ix.centres {
			if validLonLat(c) && b.Contains(c) {
				fn(i)
			}
		}
		return
	}
	ix.grid.Query(b, func(items []int32) {
		for _, i := range items {
			if b.Contains(ix.centres[i]) {
				fn(int(i))
			}
		}
	})
}

// cellEdgeDeg returns the mean edge length of c's resolution in degrees of latitude:
// also the distance from a cell's centre to its vertices.
func cellEdgeDeg(c h3.Cell) float64 {
	return h3.HexagonEdgeLengthAvgM(c.Resolution()) / local.MetresPerDegreeLat
}

// CentreIndex finds the cells whose centres lie in a bound without testing every cell: a
// bucket grid of the centres (WGS84 lon, lat), buckets about two cell edges wide.
type CentreIndex struct{ ix cellIndex }

// NewCentreIndex indexes the centres of cells; the index refers to cells by their
// positions in the slice, which must not change while it is used.
func NewCentreIndex(cells []Cell) CentreIndex { return CentreIndex{newCellIndex(cells)} }

// InBound calls fn with the index of every cell whose centre lies in b (lon, lat WGS84,
// edges included), each once, in no particular order.
func (c CentreIndex) InBound(b orb.Bound, fn func(i int)) { c.ix.query(b, fn) }

package coverage

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/local"
)

// cellIndex buckets cell centres on a regular (lon, lat) grid, stored densely (CSR), so
// that the cells near a polygon are found without scanning every cell.
type cellIndex struct {
	step   float64 // bucket size, degrees
	x0, y0 int     // bucket coordinates of the grid's first column and row
	nx, ny int
	start  []int32 // cells of bucket b are items[start[b]:start[b+1]]
	items  []int32
}

// newCellIndex indexes the centres of cells; buckets are about two cell edges wide, or
// wider when the cells are so spread out that the grid would be mostly empty.
func newCellIndex(cells []Cell) *cellIndex {
	ix := &cellIndex{step: 0.01}
	if len(cells) == 0 {
		return ix
	}
	ix.step = 2 * cellEdgeDeg(cells[0].H3)
	b, ok := centresBound(cells)
	if !ok {
		return ix
	}
	for {
		lo, hi := ix.key(b.Min), ix.key(b.Max)
		ix.x0, ix.y0, ix.nx, ix.ny = lo[0], lo[1], hi[0]-lo[0]+1, hi[1]-lo[1]+1
		if float64(ix.nx)*float64(ix.ny) <= 4*float64(len(cells))+1<<20 {
			break
		}
		ix.step *= 2
	}
	ix.start = make([]int32, ix.nx*ix.ny+1)
	for _, c := range cells {
		if validLonLat(c.Center) {
			ix.start[ix.bucket(c.Center)+1]++
		}
	}
	for k := 1; k < len(ix.start); k++ {
		ix.start[k] += ix.start[k-1]
	}
	next := append([]int32(nil), ix.start[:len(ix.start)-1]...)
	ix.items = make([]int32, ix.start[len(ix.start)-1])
	for i, c := range cells {
		if !validLonLat(c.Center) {
			continue
		}
		k := ix.bucket(c.Center)
		ix.items[next[k]] = int32(i)
		next[k]++
	}
	return ix
}

// centresBound returns the bound of the valid cell centres; false when there is none.
func centresBound(cells []Cell) (orb.Bound, bool) {
	var b orb.Bound
	found := false
	for _, c := range cells {
		switch {
		case !validLonLat(c.Center):
		case !found:
			b, found = orb.Bound{Min: c.Center, Max: c.Center}, true
		default:
			b = b.Extend(c.Center)
		}
	}
	return b, found
}

func (ix *cellIndex) key(p orb.Point) [2]int {
	return [2]int{int(math.Floor(p[0] / ix.step)), int(math.Floor(p[1] / ix.step))}
}

// bucket returns the bucket of p, a point inside the indexed bound.
func (ix *cellIndex) bucket(p orb.Point) int {
	k := ix.key(p)
	return (k[1]-ix.y0)*ix.nx + (k[0] - ix.x0)
}

// query calls fn with the index of every cell whose centre may lie in b (all those that
// do, and some nearby).
func (ix *cellIndex) query(b orb.Bound, fn func(i int)) {
	if len(ix.items) == 0 || !validLonLat(b.Min) || !validLonLat(b.Max) {
		return
	}
	lo, hi := ix.key(b.Min), ix.key(b.Max)
	x0, x1 := max(lo[0], ix.x0)-ix.x0, min(hi[0], ix.x0+ix.nx-1)-ix.x0
	y0, y1 := max(lo[1], ix.y0)-ix.y0, min(hi[1], ix.y0+ix.ny-1)-ix.y0
	if x0 > x1 {
		return
	}
	for y := y0; y <= y1; y++ {
		row := y * ix.nx
		for _, i := range ix.items[ix.start[row+x0]:ix.start[row+x1+1]] {
			fn(int(i))
		}
	}
}

// cellEdgeDeg returns the mean edge length of c's resolution in degrees of latitude:
// also the distance from a cell's centre to its vertices.
func cellEdgeDeg(c h3.Cell) float64 {
	return h3.HexagonEdgeLengthAvgM(c.Resolution()) / local.MetresPerDegreeLat
}

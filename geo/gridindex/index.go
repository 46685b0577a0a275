package gridindex

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// maxItems is the most items (or polyline points) an Index can name with int32 indexes.
const maxItems = math.MaxInt32 - 1

// Index files items under the cells of a Grid they meet; the items of cell c are
// items[start[c]:start[c+1]], in ascending index order.
type Index struct {
	grid    Grid
	start   []int32
	items   []int32
	skipped int
}

// DefaultMaxCells returns the cell cap used when a constructor is given maxCells ≤ 0:
// 4 cells per item plus 64.
func DefaultMaxCells(items int) int { return 4*items + 64 }

// Grid returns the index's grid (the zero Grid of an index with no item).
func (ix *Index) Grid() Grid { return ix.grid }

// Len returns how many filings the index holds: items, counted once per cell they are
// filed under.
func (ix *Index) Len() int { return len(ix.items) }

// Skipped returns how many items the constructor left out because their coordinates are
// not WGS84 (lon, lat) (NaN, or outside [-180, 180] × [-90, 90]).
func (ix *Index) Skipped() int { return ix.skipped }

// fill builds the CSR arrays: each must call file(item, c) for every cell c of every
// item, the same filings in the same order each time it is called (twice).
func (ix *Index) fill(each func(file func(item int32, c int))) {
	cells := ix.grid.nx * ix.grid.ny
	ix.start = make([]int32, cells+1)
	each(func(_ int32, c int) { ix.start[c+1]++ })
	for c := 1; c <= cells; c++ {
		ix.start[c] += ix.start[c-1]
	}
	ix.items = make([]int32, ix.start[cells])
	next := make([]int32, cells)
	copy(next, ix.start)
	each(func(item int32, c int) {
		ix.items[next[c]] = item
		next[c]++
	})
}

// NewPoints indexes pts (lon, lat WGS84 degrees): item i is pts[i], filed under the one
// cell holding it. Cells are cellM metres on a side, grown to keep at most maxCells of
// them (DefaultMaxCells(len(pts)) when maxCells ≤ 0). Points that are not WGS84 (lon,
// lat) are left out and counted by Skipped. It returns an EINVALID error when cellM is
// not a positive number of metres or there are more than 2³¹−2 points.
func NewPoints(pts []orb.Point, cellM float64, maxCells int) (*Index, error) {
	var bb boundBuilder
	for _, p := range pts {
		bb.add(p, validPoint(p))
	}
	return newIndex("points", len(pts), cellM, maxCells, bb, func(g Grid, file func(int32, int)) {
		for i, p := range pts {
			if validPoint(p) {
				file(int32(i), g.Row(p[1])*g.nx+g.Col(p[0]))
			}
		}
	})
}

// NewBounds indexes bs (lon, lat WGS84 degrees): item i is bs[i], filed under every cell
// it meets. Sizes and errors are those of NewPoints; a bound with a corner that is not
// WGS84 or with Min beyond Max is left out and counted by Skipped.
func NewBounds(bs []orb.Bound, cellM float64, maxCells int) (*Index, error) {
	var bb boundBuilder
	for _, b := range bs {
		ok := validBound(b)
		bb.add(b.Min, ok)
		if ok {
			bb.add(b.Max, true)
		}
	}
	return newIndex("bounds", len(bs), cellM, maxCells, bb, func(g Grid, file func(int32, int)) {
		for i, b := range bs {
			if !validBound(b) {
				continue
			}
			for y := g.Row(b.Min[1]); y <= g.Row(b.Max[1]); y++ {
				for x := g.Col(b.Min[0]); x <= g.Col(b.Max[0]); x++ {
					file(int32(i), y*g.nx+x)
				}
			}
		}
	})
}

// boundBuilder grows the bound of the valid points and counts the items left out.
type boundBuilder struct {
	b       orb.Bound
	found   bool
	skipped int
}

func (bb *boundBuilder) add(p orb.Point, valid bool) {
	switch {
	case !valid:
		bb.skipped++
	case !bb.found:
		bb.b, bb.found = orb.Bound{Min: p, Max: p}, true
	default:
		bb.b = bb.b.Extend(p)
	}
}

// newIndex checks the sizes and returns the index of n items over the grid of bb's bound,
// filed by each (see fill); an empty index with no cell when bb found no valid point.
func newIndex(kind string, n int, cellM float64, maxCells int, bb boundBuilder, each func(g Grid, file func(item int32, c int))) (*Index, error) {
	if n > maxItems {
		return nil, geo.Errorf(geo.EINVALID, "grid index: %d %s are more than %d", n, kind, maxItems)
	}
	if maxCells <= 0 {
		maxCells = DefaultMaxCells(n)
	}
	b := bb.b
	if !bb.found {
		b = orb.Bound{}
	}
	g, err := NewGrid(b, cellM, maxCells)
	if err != nil {
		return nil, err
	}
	ix := &Index{skipped: bb.skipped}
	if bb.found {
		ix.grid = g
		ix.fill(func(file func(int32, int)) { each(g, file) })
	}
	return ix, nil
}

// validBound reports whether b's corners are WGS84 (lon, lat) and Min ≤ Max.
func validBound(b orb.Bound) bool {
	return validPoint(b.Min) && validPoint(b.Max) && b.Min[0] <= b.Max[0] && b.Min[1] <= b.Max[1]
}

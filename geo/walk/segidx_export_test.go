package walk

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/local"
)

// IndexNearest is segIndex.nearest on g: the nearest segment (index of its first point),
// the foot on it and the great-circle metres; -1 when g has no index or p is invalid.
func IndexNearest(g *Graph, p orb.Point) (int32, orb.Point, float64) {
	if g.index == nil {
		return -1, orb.Point{}, math.Inf(1)
	}
	return g.index.nearest(g, p)
}

// ReferenceNearest returns the nearest-segment search as it was before segIndex had its
// own arrays: a gridindex.Index of g's segments (gridindex.NewPolylines, with the cell
// size and cap newSegIndex chose) searched by Index.Nearest, each segment weighed by
// consider. nil when g has no segment index.
func ReferenceNearest(g *Graph) (func(p orb.Point) (int32, orb.Point, float64), error) {
	if g.index == nil {
		return nil, nil
	}
	ref, err := gridindex.NewPolylines(g.pts, g.geomOff, g.index.grid.cellM, g.index.grid.maxCells)
	if err != nil {
		return nil, err
	}
	return func(p orb.Point) (int32, orb.Point, float64) {
		best := candidate{seg: -1, dist: math.Inf(1)}
		kx := local.LonScale(p[1])
		ref.Nearest(p, func(segs []int32) float64 {
			for _, s := range segs {
				consider(g, p, kx, s, &best)
			}
			return best.dist
		})
		return best.seg, best.foot, best.dist
	}, nil
}

// CheckIndexCells compares g's segment index with the gridindex.Index of
// ReferenceNearest cell by cell: the same grid, and the same segments in the same order
// under every cell. It returns the number of cells and of filings compared.
func CheckIndexCells(g *Graph) (cells, filings int, err error) {
	ix := g.index
	if ix == nil {
		return 0, 0, nil
	}
	ref, err := gridindex.NewPolylines(g.pts, g.geomOff, ix.grid.cellM, ix.grid.maxCells)
	if err != nil {
		return 0, 0, err
	}
	if ref.Grid() != ix.grid.grid || ref.Len() != len(ix.items) {
		return 0, 0, fmt.Errorf("grid %+v with %d filings; gridindex %+v with %d", ix.grid.grid, len(ix.items), ref.Grid(), ref.Len())
	}
	for y := range ix.grid.ny {
		for x := range ix.grid.nx {
			c := y*ix.grid.nx + x
			centre := ix.grid.grid.CellBound(x, y).Center()
			var want []int32
			ref.Query(orb.Bound{Min: centre, Max: centre}, func(items []int32) { want = append(want, items...) })
			if got := ix.items[ix.start[c]:ix.start[c+1]]; !slices.Equal(got, want) {
				return 0, 0, fmt.Errorf("cell (%d, %d): segments %v, gridindex %v", x, y, got, want)
			}
		}
	}
	return ix.grid.cells(), len(ix.items), nil
}

// SameArrays reports the first of g's arrays (adjacency, geometry, components, segment
// index) in which h differs from g; nil when they are all equal.
func SameArrays(g, h *Graph) error {
	for _, c := range []struct {
		name string
		same bool
	}{
		{"nodeID", slices.Equal(g.nodeID, h.nodeID)},
		{"nodePt", slices.Equal(g.nodePt, h.nodePt)},
		{"off", slices.Equal(g.off, h.off)},
		{"arcs", slices.Equal(g.arcs, h.arcs)},
		{"adjEdge", slices.Equal(g.adjEdge, h.adjEdge)},
		{"edgeID", slices.Equal(g.edgeID, h.edgeID)},
		{"edges", slices.Equal(g.edges, h.edges)},
		{"geomOff", slices.Equal(g.geomOff, h.geomOff)},
		{"pts", slices.Equal(g.pts, h.pts)},
		{"comp", slices.Equal(g.comp, h.comp)},
		{"numbers", g.secPerM == h.secPerM && g.hCoef == h.hCoef && g.bounds == h.bounds && g.model == h.model},
		{"index", (g.index == nil) == (h.index == nil)},
	} {
		if !c.same {
			return fmt.Errorf("%s differ", c.name)
		}
	}
	if g.index == nil {
		return nil
	}
	if !slices.Equal(g.index.start, h.index.start) || !slices.Equal(g.index.items, h.index.items) ||
		!slices.Equal(g.index.segEdge, h.index.segEdge) || g.index.grid != h.index.grid {
		return fmt.Errorf("segment indexes differ")
	}
	return nil
}

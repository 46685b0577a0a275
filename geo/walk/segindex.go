package walk

import (
	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// cellScale is the cell width as a share of the mean segment length (measured: smaller
// cells scan fewer segments but more empty cells).
const cellScale = 0.6

// segIndex finds the segments (straight pieces of edge geometry) near a point: a uniform
// grid (segGrid) over the graph's flattened geometry in (lon, lat) degrees, each cell
// listing the segments that pass through it (CSR: the segments of cell c are
// items[start[c]:start[c+1]], in ascending order), where a segment is named by the index
// i of its first point in Graph.pts (it runs from pts[i] to pts[i+1]). It files the
// segments under the cells gridindex.NewPolylines would, and nearest visits them in the
// order of gridindex's Index.Nearest; unlike a gridindex.Index its arrays can be stored
// in a snapshot and read back as they are.
type segIndex struct {
	grid    segGrid
	start   []int32 // cells+1 offsets into items
	items   []int32 // segments of each cell
	segEdge []int32 // edge of the segment starting at each point
}

// newSegIndex files every segment of g under cells about as wide as a segment is long
// (5 m to 5 km), at most about two cells per segment; nil when g has no segment.
func newSegIndex(g *Graph) (*segIndex, error) {
	nseg := len(g.pts) - len(g.edgeID)
	if nseg <= 0 {
		return nil, nil
	}
	b, ok := segmentBound(g.pts, g.geomOff)
	if !ok {
		return nil, nil
	}
	cellM := min(max(meanSegmentM(g, nseg)*cellScale, 5), 5000)
	grid, err := newSegGrid(b, cellM, 2*nseg+16)
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "walk: segment index")
	}
	ix := &segIndex{grid: grid}
	ix.fill(g.pts, g.geomOff)
	ix.segEdge = segmentEdges(g.geomOff, len(g.pts))
	return ix, nil
}

// eachSegment calls fn for every segment pts[i] → pts[i+1] of the polylines
// pts[off[k]:off[k+1]] whose ends are both valid (lon, lat), in polyline then point order.
func eachSegment(pts []orb.Point, off []int32, fn func(i int32, a, b orb.Point)) {
	for k := 0; k+1 < len(off); k++ {
		for i := off[k]; i+1 < off[k+1]; i++ {
			if a, b := pts[i], pts[i+1]; validPoint(a) && validPoint(b) {
				fn(i, a, b)
			}
		}
	}
}

// segmentBound returns the bound of the ends of the valid segments; false when there is
// none.
func segmentBound(pts []orb.Point, off []int32) (orb.Bound, bool) {
	var b orb.Bound
	found := false
	eachSegment(pts, off, func(_ int32, p, q orb.Point) {
		if !found {
			b, found = orb.Bound{Min: p, Max: p}, true
		}
		b = b.Extend(p).Extend(q)
	})
	return b, found
}

// fill files every valid segment under its cells (a counting pass, then a filling one).
func (ix *segIndex) fill(pts []orb.Point, off []int32) {
	cells := ix.grid.cells()
	ix.start = make([]int32, cells+1)
	eachSegment(pts, off, func(_ int32, a, b orb.Point) {
		ix.grid.segmentCells(a, b, func(c int) { ix.start[c+1]++ })
	})
	for c := 1; c <= cells; c++ {
		ix.start[c] += ix.start[c-1]
	}
	ix.items = make([]int32, ix.start[cells])
	next := make([]int32, cells)
	copy(next, ix.start)
	eachSegment(pts, off, func(i int32, a, b orb.Point) {
		ix.grid.segmentCells(a, b, func(c int) {
			ix.items[next[c]] = i
			next[c]++
		})
	})
}

// segmentEdges returns the edge of every point of the flattened geometry whose edge
// points are pts[geomOff[e]:geomOff[e+1]], n points in all, filled in parallel.
func segmentEdges(geomOff []int32, n int) []int32 {
	segEdge := make([]int32, n)
	inParallel(len(geomOff)-1, 1<<16, func(lo, hi int) {
		for e := lo; e < hi; e++ {
			for i := geomOff[e]; i < geomOff[e+1]; i++ {
				segEdge[i] = int32(e)
			}
		}
	})
	return segEdge
}

// meanSegmentM returns the mean length in metres of g's nseg segments.
func meanSegmentM(g *Graph, nseg int) float64 {
	var total float64
	for _, r := range g.edges {
		total += r.geomLen
	}
	return total / float64(nseg)
}

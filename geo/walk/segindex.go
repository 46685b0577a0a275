package walk

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/gridindex"
)

// cellScale is the cell width as a share of the mean segment length (measured: smaller
// cells scan fewer segments but more empty cells).
const cellScale = 0.6

// segIndex finds the segments (straight pieces of edge geometry) near a point: a grid
// index over the graph's flattened geometry in (lon, lat) degrees, where a segment is
// named by the index i of its first point in Graph.pts (it runs from pts[i] to pts[i+1]).
type segIndex struct {
	grid    *gridindex.Index
	segEdge []int32 // edge of the segment starting at each point
}

// newSegIndex files every segment of g under cells about as wide as a segment is long
// (5 m to 5 km), at most about two cells per segment; nil when g has no segment.
func newSegIndex(g *Graph) (*segIndex, error) {
	nseg := len(g.pts) - len(g.edgeID)
	if nseg <= 0 {
		return nil, nil
	}
	cellM := min(max(meanSegmentM(g, nseg)*cellScale, 5), 5000)
	grid, err := gridindex.NewPolylines(g.pts, g.geomOff, cellM, 2*nseg+16)
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "walk: segment index")
	}
	ix := &segIndex{grid: grid, segEdge: make([]int32, len(g.pts))}
	for e := range g.edges {
		for i := g.geomOff[e]; i < g.geomOff[e+1]; i++ {
			ix.segEdge[i] = int32(e)
		}
	}
	return ix, nil
}

// meanSegmentM returns the mean length in metres of g's nseg segments.
func meanSegmentM(g *Graph, nseg int) float64 {
	var total float64
	for _, r := range g.edges {
		total += r.geomLen
	}
	return total / float64(nseg)
}

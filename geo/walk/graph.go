package walk

import (
	"math"
	"sync"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// Graph is an immutable pedestrian network held in compact arrays. Internal node and edge
// indexes follow a spatial (Hilbert curve) order for cache locality, not the order given
// to Build: NodeID and EdgeID map them back. Every edge is walkable both ways.
type Graph struct {
	model   geo.WalkModel
	secPerM float64 // seconds per metre at walking speed
	bounds  orb.Bound

	nodeID []int64
	nodePt []orb.Point

	// CSR adjacency: the slots of node u are off[u] .. off[u+1]-1; each slot is one way of
	// walking one edge.
	off     []int32
	arcs    []arc
	adjEdge []int32 // edge of each slot

	edgeID  []int64
	edges   []edgeRec
	geomOff []int32     // points of edge e are pts[geomOff[e]:geomOff[e+1]]
	pts     []orb.Point // flattened geometry, (lon, lat)

	index *segIndex
	comp  []int32 // connected component of each node

	// hCoef turns the great-circle metres between a node and a route's target into an
	// admissible, consistent A* estimate in seconds.
	hCoef float64

	fieldPool  sync.Pool // *searchBuf sized for this graph
	heapPool   sync.Pool // *heapBuf
	bucketPool sync.Pool // *bucketQueue
	held       held      // buffers kept from the pools while HoldBuffers is on

	plainBuckets bool // SetPlainSearch
	deadOnce     sync.Once
	dead         *deadEnds // deadEndsOf
	coreOnce     sync.Once
	core         *coreGraph // coreOf
	corePool     sync.Pool  // *coreBuf
}

// NumNodes returns the number of nodes.
func (g *Graph) NumNodes() int { return len(g.nodeID) }

// NumEdges returns the number of edges (each walkable both ways).
func (g *Graph) NumEdges() int { return len(g.edgeID) }

// Model returns the walking model the graph's costs were computed with.
func (g *Graph) Model() geo.WalkModel { return g.model }

// Bounds returns the (lon, lat) WGS84 bounding box of every node and geometry point; the
// zero Bound for an empty graph.
func (g *Graph) Bounds() orb.Bound { return g.bounds }

// NodeID returns the WalkNode.ID of internal node i, or 0 when i is out of range.
func (g *Graph) NodeID(i int32) int64 {
	if i < 0 || int(i) >= len(g.nodeID) {
		return 0
	}
	return g.nodeID[i]
}

// NodePoint returns the (lon, lat) WGS84 position of internal node i, or the zero point
// when i is out of range.
func (g *Graph) NodePoint(i int32) orb.Point {
	if i < 0 || int(i) >= len(g.nodePt) {
		return orb.Point{}
	}
	return g.nodePt[i]
}

// EdgeID returns the WalkEdge.ID of internal edge e, or 0 when e is out of range.
func (g *Graph) EdgeID(e int32) int64 {
	if e < 0 || int(e) >= len(g.edgeID) {
		return 0
	}
	return g.edgeID[e]
}

// arc is one slot of the adjacency: the node it leads to and the seconds it takes.
type arc struct {
	to   int32
	cost float32
}

// edgeRec is what searches and snapped points need of an edge, in one cache line half.
type edgeRec struct {
	src, dst int32
	lenM     float64 // WalkEdge.LengthM, metres
	geomLen  float64 // haversine length of the stored geometry, metres
	sec      float64 // model.EdgeSeconds(LengthM, Highway)
}

// edgeSeconds returns the full walking time of edge e in seconds, in float64.
func (g *Graph) edgeSeconds(e int32) float64 { return g.edges[e].sec }

// fraction returns how far along an edge of geometry length l metres (0 at its source, 1
// at its target) the point at along metres of its geometry lies.
func fraction(l, along float64) float64 {
	if !(l > 0) {
		return 0
	}
	f := along / l
	switch {
	case f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}

// validEdge reports whether e indexes an edge of g.
func (g *Graph) validEdge(e int32) bool { return e >= 0 && int(e) < len(g.edges) }

// usable reports whether s snapped onto g's network within the snap distance.
func (g *Graph) usable(s Snap) bool {
	return s.OnNetwork && g.validEdge(s.Edge) && s.AccessM >= 0 && !math.IsInf(s.AccessM, 1) && !math.IsNaN(s.Along)
}

// accessSeconds returns the time in seconds to walk s's straight access leg.
func (g *Graph) accessSeconds(s Snap) float64 { return s.AccessM * g.secPerM }

// ends describes where a snapped point lies on its edge: the edge's end nodes and the
// seconds and metres from the point to each of them.
type ends struct {
	edge         int32
	src, dst     int32
	frac         float64
	secSrc       float64
	secDst       float64
	mSrc, mDst   float64
	access       float64 // seconds of the access leg
	accessMetres float64
}

// endsOf returns where s lies on its edge. s must be usable.
func (g *Graph) endsOf(s Snap) ends {
	r := &g.edges[s.Edge]
	f := fraction(r.geomLen, s.Along)
	sec, l := r.sec, r.lenM
	return ends{
		edge: s.Edge, src: r.src, dst: r.dst, frac: f,
		secSrc: f * sec, secDst: (1 - f) * sec,
		mSrc: f * l, mDst: (1 - f) * l,
		access: g.accessSeconds(s), accessMetres: s.AccessM,
	}
}

// direct returns the seconds and metres walked along the shared edge between two points
// snapped onto the same edge (a.edge == b.edge).
func (g *Graph) direct(a, b ends) (sec, metres float64) {
	d := math.Abs(a.frac - b.frac)
	return d * g.edgeSeconds(a.edge), d * g.edges[a.edge].lenM
}

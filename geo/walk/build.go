package walk

import (
	"math"
	"sync"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// endpointToleranceM is how far (metres) an edge geometry's first or last point may lie
// from its Source or Target node; Build moves such endpoints onto the node exactly.
const endpointToleranceM = 1.0

// maxIndex is the largest count the int32 indexes can address.
const maxIndex = math.MaxInt32 - 1

// Build makes an immutable graph from nodes and edges, both (lon, lat) WGS84. Every edge is
// walkable both ways at cost m.EdgeSeconds(edge.LengthM, edge.Highway) seconds; LengthM
// (metres) is taken as given. An empty Geometry stands for the straight line between the
// two nodes; a non-empty one must run from Source to Target (its end points within 1 m of
// the nodes; they are moved onto the nodes exactly). Internal indexes follow a spatial
// order (see NodeID and EdgeID). Bad input (an invalid model, duplicate node IDs, unknown
// Source/Target, bad coordinates or lengths) is an EINVALID *geo.Error naming the record.
func Build(nodes []geo.WalkNode, edges []geo.WalkEdge, m geo.WalkModel) (*Graph, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if len(nodes) > maxIndex || 2*len(edges) > maxIndex {
		return nil, geo.Errorf(geo.EINVALID, "walk network too large: %d nodes and %d edges (at most %d nodes and %d edges)",
			len(nodes), len(edges), maxIndex, maxIndex/2)
	}
	g := &Graph{model: m, secPerM: 1 / m.MetresPerSecond()}
	ids, err := g.addNodes(nodes)
	if err != nil {
		return nil, err
	}
	if err := g.addEdges(edges, ids); err != nil {
		return nil, err
	}
	g.bounds = g.computeBounds()
	done := make(chan error)
	go func() {
		var err error
		g.index, err = newSegIndex(g)
		done <- err
	}()
	g.buildCSR()
	g.comp = g.components()
	g.hCoef = g.heuristicCoef()
	if err := <-done; err != nil {
		return nil, err
	}
	return g, nil
}

// validPoint reports whether p is a finite (lon, lat) WGS84 coordinate.
func validPoint(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// addNodes validates the nodes, stores them in Hilbert order and returns the map from
// WalkNode.ID to internal index.
func (g *Graph) addNodes(nodes []geo.WalkNode) (*idIndex, error) {
	pts := make([]orb.Point, len(nodes))
	for i, n := range nodes {
		if !validPoint(n.Point) {
			return nil, geo.Errorf(geo.EINVALID, "walk node %d (#%d): coordinate (%v, %v) is not a valid WGS84 (lon, lat)",
				n.ID, i+1, n.Point[0], n.Point[1])
		}
		pts[i] = n.Point
	}
	order := hilbertOrder(pts)
	ids := newIDIndex(len(nodes))
	g.nodeID = make([]int64, len(nodes))
	g.nodePt = make([]orb.Point, len(nodes))
	for i, old := range order {
		n := nodes[old]
		if j := ids.add(n.ID, int32(i)); j >= 0 {
			return nil, geo.Errorf(geo.EINVALID, "walk node %d (#%d): duplicate node ID (also #%d)", n.ID, old+1, order[j]+1)
		}
		g.nodeID[i], g.nodePt[i] = n.ID, n.Point
	}
	return ids, nil
}

// addEdges validates the edges in the order given, then stores them ordered by their
// lower end node (so that edges near each other on the ground are near in memory).
func (g *Graph) addEdges(edges []geo.WalkEdge, ids *idIndex) error {
	ends, err := g.checkEdges(edges, ids)
	if err != nil {
		return err
	}
	total := 0
	for _, e := range edges {
		total += max(len(e.Geometry), 2)
		if total > maxIndex {
			return geo.Errorf(geo.EINVALID, "walk network too large: more than %d geometry points", maxIndex)
		}
	}
	n := len(edges)
	g.edgeID, g.edges = make([]int64, n), make([]edgeRec, n)
	g.geomOff = make([]int32, n+1)
	order := edgeOrder(ends, len(g.nodeID))
	place := make([]int32, n) // input index -> internal index
	for e, old := range order {
		place[old] = int32(e)
		g.geomOff[e+1] = g.geomOff[e] + int32(max(len(edges[old].Geometry), 2))
	}
	g.pts = make([]orb.Point, total)
	inParallel(n, 4096, func(lo, hi int) {
		for old := lo; old < hi; old++ {
			g.fillEdge(place[old], edges[old], ends[2*old], ends[2*old+1])
		}
	})
	return nil
}

// checkEdges validates every edge (in parallel chunks) and returns their internal end
// nodes, two per edge; the error is the one of the first bad edge.
func (g *Graph) checkEdges(edges []geo.WalkEdge, ids *idIndex) ([]int32, error) {
	ends := make([]int32, 2*len(edges))
	var mu sync.Mutex
	firstBad, firstErr := len(edges), error(nil)
	inParallel(len(edges), 4096, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			s, d, err := g.checkEdge(i, edges[i], ids)
			if err != nil {
				mu.Lock()
				if i < firstBad {
					firstBad, firstErr = i, err
				}
				mu.Unlock()
				return
			}
			ends[2*i], ends[2*i+1] = s, d
		}
	})
	return ends, firstErr
}

// checkEdge validates edge number i and returns its internal end nodes.
func (g *Graph) checkEdge(i int, e geo.WalkEdge, ids *idIndex) (src, dst int32, err error) {
	src, ok := ids.get(e.Source)
	if !ok {
		return 0, 0, geo.Errorf(geo.EINVALID, "walk edge %d (#%d): source node %d is not among the nodes", e.ID, i+1, e.Source)
	}
	dst, ok = ids.get(e.Target)
	if !ok {
		return 0, 0, geo.Errorf(geo.EINVALID, "walk edge %d (#%d): target node %d is not among the nodes", e.ID, i+1, e.Target)
	}
	if !(e.LengthM >= 0) || math.IsInf(e.LengthM, 0) {
		return 0, 0, geo.Errorf(geo.EINVALID, "walk edge %d (#%d): length %v m must be a finite number ≥ 0", e.ID, i+1, e.LengthM)
	}
	return src, dst, g.checkGeometry(i, e, src, dst)
}

// checkGeometry validates edge number i's geometry: none, or at least two valid points
// running from Source to Target.
func (g *Graph) checkGeometry(i int, e geo.WalkEdge, src, dst int32) error {
	switch len(e.Geometry) {
	case 0:
		return nil
	case 1:
		return geo.Errorf(geo.EINVALID, "walk edge %d (#%d): geometry has a single point; it needs none or at least two", e.ID, i+1)
	}
	for k, p := range e.Geometry {
		if !validPoint(p) {
			return geo.Errorf(geo.EINVALID, "walk edge %d (#%d): geometry point %d (%v, %v) is not a valid WGS84 (lon, lat)",
				e.ID, i+1, k+1, p[0], p[1])
		}
	}
	if p := e.Geometry[0]; p != g.nodePt[src] && geo.HaversineM(p, g.nodePt[src]) > endpointToleranceM {
		d := geo.HaversineM(p, g.nodePt[src])
		return geo.Errorf(geo.EINVALID, "walk edge %d (#%d): geometry starts %.1f m from its source node %d; it must run from Source to Target",
			e.ID, i+1, d, e.Source)
	}
	if p := e.Geometry[len(e.Geometry)-1]; p != g.nodePt[dst] && geo.HaversineM(p, g.nodePt[dst]) > endpointToleranceM {
		d := geo.HaversineM(p, g.nodePt[dst])
		return geo.Errorf(geo.EINVALID, "walk edge %d (#%d): geometry ends %.1f m from its target node %d; it must run from Source to Target",
			e.ID, i+1, d, e.Target)
	}
	return nil
}

// edgeOrder returns the edges' indexes sorted (stably, by counting) by their lower end
// node; ends holds each edge's two internal end nodes.
func edgeOrder(ends []int32, numNodes int) []int32 {
	start := make([]int32, numNodes+1)
	for i := 0; i < len(ends); i += 2 {
		start[min(ends[i], ends[i+1])+1]++
	}
	for v := 0; v < numNodes; v++ {
		start[v+1] += start[v]
	}
	order := make([]int32, len(ends)/2)
	for i := 0; i < len(ends); i += 2 {
		v := min(ends[i], ends[i+1])
		order[start[v]] = int32(i / 2)
		start[v]++
	}
	return order
}

// fillEdge stores edge w (validated) as internal edge e with end nodes src and dst: its
// points at geomOff[e] (the nodes' straight line when Geometry is empty, end points moved
// exactly onto the nodes) and its haversine length.
func (g *Graph) fillEdge(e int32, w geo.WalkEdge, src, dst int32) {
	ps := g.pts[g.geomOff[e]:g.geomOff[e+1]]
	if len(w.Geometry) > 2 {
		copy(ps[1:], w.Geometry[1:len(w.Geometry)-1])
	}
	ps[0], ps[len(ps)-1] = g.nodePt[src], g.nodePt[dst]
	g.edgeID[e] = w.ID
	g.edges[e] = edgeRec{src: src, dst: dst, lenM: w.LengthM, geomLen: geo.LineLengthM(orb.LineString(ps)),
		sec: g.model.EdgeSeconds(w.LengthM, w.Highway)}
}

// buildCSR lays out the adjacency: one slot per direction of every edge that is not a
// loop (a loop never shortens a walk, but stays snappable).
func (g *Graph) buildCSR() {
	n := len(g.nodeID)
	g.off = make([]int32, n+1)
	for e := range g.edges {
		if s, d := g.edges[e].src, g.edges[e].dst; s != d {
			g.off[s+1]++
			g.off[d+1]++
		}
	}
	for i := 0; i < n; i++ {
		g.off[i+1] += g.off[i]
	}
	slots := g.off[n]
	g.arcs, g.adjEdge = make([]arc, slots), make([]int32, slots)
	next := make([]int32, n)
	copy(next, g.off[:n])
	for e := range g.edges {
		s, d := g.edges[e].src, g.edges[e].dst
		if s == d {
			continue
		}
		c := float32(g.edgeSeconds(int32(e)))
		k := next[s]
		g.arcs[k], g.adjEdge[k] = arc{to: d, cost: c}, int32(e)
		next[s]++
		k = next[d]
		g.arcs[k], g.adjEdge[k] = arc{to: s, cost: c}, int32(e)
		next[d]++
	}
}

// computeBounds returns the bounding box of every node and geometry point.
func (g *Graph) computeBounds() orb.Bound {
	if len(g.nodePt) == 0 {
		return orb.Bound{}
	}
	b := orb.Bound{Min: g.nodePt[0], Max: g.nodePt[0]}
	for _, p := range g.nodePt {
		b = b.Extend(p)
	}
	for _, p := range g.pts {
		b = b.Extend(p)
	}
	return b
}

// heuristicCoef returns the A* coefficient (seconds per great-circle metre): the walking
// pace scaled down by the smallest ratio of an edge's given length to its geometry's
// length, so that the estimate never exceeds the true remaining time (admissible and
// consistent); a small margin absorbs float32 rounding of the costs.
func (g *Graph) heuristicCoef() float64 {
	scale := 1.0
	for _, r := range g.edges {
		if r.geomLen > 0 {
			scale = min(scale, r.lenM/r.geomLen)
		}
	}
	return scale * g.secPerM * (1 - 1e-6)
}

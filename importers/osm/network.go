package osmimport

import (
	"cmp"
	"slices"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// buildNetwork splits the walkable ways, in OSM way id order, into edges at their split
// points and returns the edges (IDs 1..n) and the nodes that end them (by node id).
func (r *reader) buildNetwork() ([]geo.WalkNode, []geo.WalkEdge, error) {
	slices.SortStableFunc(r.ways, func(a, b wayRec) int { return cmp.Compare(a.id, b.id) })
	var edges []geo.WalkEdge
	for i, w := range r.ways {
		if i&0x3ff == 0 && r.ctx.Err() != nil {
			return nil, nil, r.ctx.Err()
		}
		edges = r.splitWay(w, edges)
	}
	x := r.index
	var nodes []geo.WalkNode
	for k, id := range x.ids {
		if x.flags[k]&flagGraph != 0 {
			nodes = append(nodes, geo.WalkNode{ID: id, Point: x.pts[k]})
		}
	}
	return nodes, edges, nil
}

// splitWay appends a way's edges: runs of consecutive present nodes cut at split nodes.
// A node missing from the file ends the run before it (the extract was clipped there);
// a node repeated right after itself is taken once.
func (r *reader) splitWay(w wayRec, edges []geo.WalkEdge) []geo.WalkEdge {
	refs := r.arena[w.off : w.off+w.n]
	x := r.index
	var line orb.LineString
	var ends [2]int // index positions of the run's first and current node
	missing := 0
	for i, id := range refs {
		p, k, ok := x.point(id)
		switch {
		case !ok:
			missing++
			edges = r.appendEdge(edges, w, line, ends)
			line = nil
		case len(line) > 0 && x.ids[ends[1]] == id:
		case len(line) == 0:
			line, ends = orb.LineString{p}, [2]int{k, k}
		default:
			line, ends[1] = append(line, p), k
			if x.flags[k]&flagSplit != 0 || i == len(refs)-1 {
				edges = r.appendEdge(edges, w, line, ends)
				line, ends = orb.LineString{p}, [2]int{k, k}
			}
		}
	}
	edges = r.appendEdge(edges, w, line, ends)
	if missing > 0 {
		r.stats.skip(SkipWayMissingNodes, 1)
		r.stats.skip(SkipMissingNodeRefs, int64(missing))
	}
	return edges
}

// appendEdge appends the run as an edge when it has two nodes or more, and marks its ends
// as network nodes.
func (r *reader) appendEdge(edges []geo.WalkEdge, w wayRec, line orb.LineString, ends [2]int) []geo.WalkEdge {
	if len(line) < 2 {
		return edges
	}
	x := r.index
	x.flags[ends[0]] |= flagGraph
	x.flags[ends[1]] |= flagGraph
	return append(edges, geo.WalkEdge{
		ID:       int64(len(edges) + 1),
		Source:   x.ids[ends[0]],
		Target:   x.ids[ends[1]],
		LengthM:  geo.LineLengthM(line),
		Highway:  w.highway,
		OSMWayID: w.id,
		Geometry: line,
	})
}

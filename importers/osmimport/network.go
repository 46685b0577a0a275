package osmimport

import (
	"cmp"
	"slices"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// buildNetwork splits the walkable ways, in OSM way id order, into edges at their split
// points and returns the edges (IDs 1..n) and the nodes that end them (by node id). A way
// id given twice is an EINVALID error.
func (r *reader) buildNetwork() ([]geo.WalkNode, []geo.WalkEdge, error) {
	slices.SortStableFunc(r.ways, func(a, b wayRec) int { return cmp.Compare(a.id, b.id) })
	var edges []geo.WalkEdge
	for i, w := range r.ways {
		if i&0x3ff == 0 && r.ctx.Err() != nil {
			return nil, nil, r.ctx.Err()
		}
		if i > 0 && r.ways[i-1].id == w.id {
			return nil, nil, r.duplicate("way", w.id)
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

// wayRun is the run of nodes of a way that splitWay is building into an edge.
type wayRun struct {
	line orb.LineString
	ends [2]int // index positions of the run's first and current node
}

// splitWay appends a way's edges: runs of consecutive present nodes cut at split nodes.
// A node missing from the file ends the run before it (the extract was clipped there);
// a node repeated right after itself is taken once; a segment the way has already walked
// (A, B, A, B, … would be a pile of parallel edges) is left out, ending the run.
func (r *reader) splitWay(w wayRec, edges []geo.WalkEdge) []geo.WalkEdge {
	refs := r.arena[w.off : w.off+w.n]
	x := r.index
	var run wayRun
	walked := newSegmentSet(len(refs))
	missing, repeated := 0, 0
	for i, id := range refs {
		p, k, ok := x.point(id)
		switch {
		case !ok:
			missing++
			edges = r.appendEdge(edges, w, run)
			run.line = nil
		case len(run.line) > 0 && x.ids[run.ends[1]] == id:
		case len(run.line) == 0:
			run = wayRun{orb.LineString{p}, [2]int{k, k}}
		case walked.add(run.ends[1], k):
			repeated++
			edges = r.appendEdge(edges, w, run)
			run = wayRun{orb.LineString{p}, [2]int{k, k}}
		default:
			run.line, run.ends[1] = append(run.line, p), k
			if x.flags[k]&flagSplit != 0 || i == len(refs)-1 {
				edges = r.appendEdge(edges, w, run)
				run = wayRun{orb.LineString{p}, [2]int{k, k}}
			}
		}
	}
	edges = r.appendEdge(edges, w, run)
	if missing > 0 {
		r.stats.skip(SkipWayMissingNodes, 1)
		r.stats.skip(SkipMissingNodeRefs, int64(missing))
	}
	if repeated > 0 {
		r.stats.skip(SkipRepeatedSegments, int64(repeated))
	}
	return edges
}

// appendEdge appends the run as an edge when it has two nodes or more, and marks its ends
// as network nodes.
func (r *reader) appendEdge(edges []geo.WalkEdge, w wayRec, run wayRun) []geo.WalkEdge {
	if len(run.line) < 2 {
		return edges
	}
	x := r.index
	x.flags[run.ends[0]] |= flagGraph
	x.flags[run.ends[1]] |= flagGraph
	return append(edges, geo.WalkEdge{
		ID:       int64(len(edges) + 1),
		Source:   x.ids[run.ends[0]],
		Target:   x.ids[run.ends[1]],
		LengthM:  geo.LineLengthM(run.line),
		Highway:  w.highway,
		OSMWayID: w.id,
		Geometry: run.line,
	})
}

// segmentSet holds the segments (unordered pairs of node positions) a way has walked: a
// list for short ways, a map for long ones.
type segmentSet struct {
	list []segment
	set  map[segment]struct{}
}

type segment struct{ a, b int }

// shortWay is the way length up to which segmentSet scans a list.
const shortWay = 32

func newSegmentSet(n int) *segmentSet {
	if n > shortWay {
		return &segmentSet{set: map[segment]struct{}{}}
	}
	return &segmentSet{list: make([]segment, 0, n)}
}

// add records the segment a–b and reports whether it was there already.
func (s *segmentSet) add(a, b int) bool {
	seg := segment{min(a, b), max(a, b)}
	if s.set != nil {
		if _, ok := s.set[seg]; ok {
			return true
		}
		s.set[seg] = struct{}{}
		return false
	}
	if slices.Contains(s.list, seg) {
		return true
	}
	s.list = append(s.list, seg)
	return false
}

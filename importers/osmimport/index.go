package osmimport

import (
	"slices"

	"github.com/paulmach/orb"
)

// Node flags in nodeIndex.
const (
	flagSeen  uint8 = 1 << iota // the node was found in the file with usable coordinates
	flagSplit                   // the network is split here (shared node or way end)
	flagGraph                   // the node ends an edge: a WalkNode
	flagFound                   // the node was found in the file, usable or not
)

// nodeIndex holds the nodes that are needed, sorted by id, with their coordinates once the
// nodes pass has found them: 33 bytes a node, no map overhead.
type nodeIndex struct {
	ids   []int64
	pts   []orb.Point // (lon, lat) WGS84
	flags []uint8
}

// newNodeIndex indexes the nodes of the walkable ways (walkRefs, every reference of every
// walkable way, so that a node used twice is a split point) and of feature polygons
// (otherRefs). It sorts both slices in place.
func newNodeIndex(walkRefs, otherRefs []int64) *nodeIndex {
	slices.Sort(walkRefs)
	slices.Sort(otherRefs)
	n := len(walkRefs) + len(otherRefs)/4
	x := &nodeIndex{ids: make([]int64, 0, n), flags: make([]uint8, 0, n)}
	i, j := 0, 0
	for i < len(walkRefs) || j < len(otherRefs) {
		var id int64
		switch {
		case j == len(otherRefs) || (i < len(walkRefs) && walkRefs[i] <= otherRefs[j]):
			id = walkRefs[i]
		default:
			id = otherRefs[j]
		}
		uses := 0
		for ; i < len(walkRefs) && walkRefs[i] == id; i++ {
			uses++
		}
		for ; j < len(otherRefs) && otherRefs[j] == id; j++ {
		}
		var flags uint8
		if uses >= 2 {
			flags = flagSplit
		}
		x.ids = append(x.ids, id)
		x.flags = append(x.flags, flags)
	}
	x.pts = make([]orb.Point, len(x.ids))
	return x
}

// find returns the position of node id.
func (x *nodeIndex) find(id int64) (int, bool) {
	return slices.BinarySearch(x.ids, id)
}

// has reports whether node id is needed; it only reads, so the PBF decoder's goroutines
// may call it.
func (x *nodeIndex) has(id int64) bool {
	_, ok := x.find(id)
	return ok
}

// set records a needed node as found, with its (lon, lat) when usable, and reports
// whether it was needed and whether it had been found before.
func (x *nodeIndex) set(id int64, p orb.Point, usable bool) (needed, again bool) {
	k, ok := x.find(id)
	if !ok {
		return false, false
	}
	again = x.flags[k]&flagFound != 0
	x.flags[k] |= flagFound
	if usable {
		x.pts[k] = p
		x.flags[k] |= flagSeen
	}
	return true, again
}

// point returns a node's (lon, lat) when the file had it.
func (x *nodeIndex) point(id int64) (orb.Point, int, bool) {
	k, ok := x.find(id)
	if !ok || x.flags[k]&flagSeen == 0 {
		return orb.Point{}, k, false
	}
	return x.pts[k], k, true
}

// markSplit marks a node as a split point.
func (x *nodeIndex) markSplit(id int64) {
	if k, ok := x.find(id); ok {
		x.flags[k] |= flagSplit
	}
}

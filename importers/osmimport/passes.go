package osmimport

import (
	"math"
	"slices"
	"sync/atomic"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// scanWaysAndRelations is pass 1: walkable ways, feature ways and feature relations.
func (r *reader) scanWaysAndRelations() error {
	highways := map[string]string{}
	plan := scanPlan{phase: PhaseWays, skipNodes: true}
	return r.src.scan(r.ctx, plan, r.opts.Progress, func(o osm.Object) {
		switch o := o.(type) {
		case *osm.Way:
			r.stats.WaysRead++
			if Walkable(o.Tags) {
				r.addWalkable(o, highways)
			}
			r.addAreaWay(o)
			r.keepUntagged(o)
		case *osm.Relation:
			r.stats.RelationsRead++
			r.addAreaRelation(o)
		}
	})
}

// addWalkable keeps a walkable way's id, highway value (interned) and node ids.
func (r *reader) addWalkable(w *osm.Way, highways map[string]string) {
	hw := w.Tags.Find("highway")
	if s, ok := highways[hw]; ok {
		hw = s
	} else {
		highways[hw] = hw
	}
	off := len(r.arena)
	for _, n := range w.Nodes {
		r.arena = append(r.arena, int64(n.ID))
	}
	r.ways = append(r.ways, wayRec{id: int64(w.ID), highway: hw, off: off, n: len(w.Nodes)})
	r.stats.WalkableWays++
}

// keepUntagged keeps the node ids of untagged ways: they are usually the members of
// multipolygons, which pass 2 then need not read again.
func (r *reader) keepUntagged(w *osm.Way) {
	if len(w.Tags) > 0 {
		return
	}
	if r.untagged == nil {
		r.untagged = map[int64][]int64{}
	}
	r.untagged[int64(w.ID)] = wayNodeIDs(w)
}

// wayNodeIDs returns a way's node ids.
func wayNodeIDs(w *osm.Way) []int64 {
	refs := make([]int64, len(w.Nodes))
	for i, n := range w.Nodes {
		refs[i] = int64(n.ID)
	}
	return refs
}

// addAreaWay keeps a closed way that is a POI, residential land or a boundary.
func (r *reader) addAreaWay(w *osm.Way) {
	if len(w.Tags) == 0 {
		return
	}
	f := r.cls.classify(osm.TypeWay, int64(w.ID), w.Tags, true)
	if !f.wanted() {
		return
	}
	refs := wayNodeIDs(w)
	if len(refs) < 4 || refs[0] != refs[len(refs)-1] {
		r.stats.skip(SkipOpenWay, 1)
		return
	}
	r.areas = append(r.areas, area{feature: f, outers: [][]int64{refs}})
}

// addAreaRelation keeps a multipolygon or boundary relation that is a feature, with the
// ids of its outer and inner ways.
func (r *reader) addAreaRelation(rel *osm.Relation) {
	if t := rel.Tags.Find("type"); t != "multipolygon" && t != "boundary" {
		return
	}
	f := r.cls.classify(osm.TypeRelation, int64(rel.ID), rel.Tags, true)
	if !f.wanted() {
		return
	}
	a := area{feature: f}
	for _, m := range rel.Members {
		switch {
		case m.Type != osm.TypeWay:
		case m.Role == "inner":
			a.innerWays = append(a.innerWays, m.Ref)
		case m.Role == "outer" || m.Role == "":
			a.outerWays = append(a.outerWays, m.Ref)
		}
	}
	if len(a.outerWays) == 0 {
		r.stats.skip(SkipUnassembled, 1)
		return
	}
	r.areas = append(r.areas, a)
}

// scanNodes is the last pass: the coordinates of needed nodes and the POI nodes. A node
// id found twice among them is an EINVALID error.
func (r *reader) scanNodes() error {
	var read atomic.Int64
	plan := scanPlan{phase: PhaseNodes, skipWays: true, skipRelations: true,
		filterNode: func(n *osm.Node) bool {
			read.Add(1)
			return len(n.Tags) > 0 || r.index.has(int64(n.ID))
		}}
	var twice int64 // the first node id found twice
	poiIDs := map[int64]struct{}{}
	err := r.src.scan(r.ctx, plan, r.opts.Progress, func(o osm.Object) {
		n, ok := o.(*osm.Node)
		if !ok {
			return
		}
		id, p := int64(n.ID), orb.Point{n.Lon, n.Lat}
		usable := math.Abs(p[0]) <= 180 && math.Abs(p[1]) <= 90 && p != (orb.Point{})
		if !usable {
			r.stats.skip(SkipBadCoordinates, 1)
			if len(r.stats.BadNodes) < MaxBadNodes {
				r.stats.BadNodes = append(r.stats.BadNodes, id)
			}
		}
		kept, again := r.index.set(id, p, usable)
		if usable && len(n.Tags) > 0 {
			if f := r.cls.classify(osm.TypeNode, id, n.Tags, false); f.point() {
				if _, dup := poiIDs[id]; dup {
					again = true
				}
				poiIDs[id] = struct{}{}
				r.pois = append(r.pois, poi{feature: f, p: p})
				kept = true
			}
		}
		if again && twice == 0 {
			twice = id
		}
		if kept {
			r.stats.NodesKept++
		}
	})
	r.stats.NodesRead = read.Load()
	if err == nil && twice != 0 {
		return r.duplicate("node", twice)
	}
	return err
}

// duplicate is the error for an element id found twice.
func (r *reader) duplicate(what string, id int64) error {
	return geo.Errorf(geo.EINVALID, "%s: %s %d appears twice in the file: the extract is damaged or two extracts were joined (merge them with osmium merge)",
		r.src.name, what, id)
}

// buildIndex indexes every node the kept ways and rings use and marks the split points:
// nodes used twice or more by walkable ways, and walkable way ends.
func (r *reader) buildIndex() {
	var other []int64
	for _, a := range r.areas {
		for _, ring := range a.outers {
			other = append(other, ring...)
		}
		for _, ring := range a.inners {
			other = append(other, ring...)
		}
	}
	r.index = newNodeIndex(slices.Clone(r.arena), other)
	for _, w := range r.ways {
		if w.n > 0 {
			r.index.markSplit(r.arena[w.off])
			r.index.markSplit(r.arena[w.off+w.n-1])
		}
	}
}

package osmimport

import (
	"slices"

	"github.com/paulmach/osm"
)

// scanMemberWays gives the kept multipolygon relations the node ids of their member ways.
// Untagged members were kept by pass 1; pass 2 reads the file again only for the others
// (relations come after ways in OSM files, so pass 1 could not know which ways to keep).
func (r *reader) scanMemberWays() error {
	members := r.untagged
	r.untagged = nil
	var want []int64
	for _, a := range r.areas {
		for _, id := range slices.Concat(a.outerWays, a.innerWays) {
			if _, ok := members[id]; !ok {
				want = append(want, id)
			}
		}
	}
	if len(want) > 0 {
		if members == nil {
			members = map[int64][]int64{}
		}
		if err := r.scanWays(want, members); err != nil {
			return err
		}
	}
	for i := range r.areas {
		r.areas[i].fillMembers(members)
	}
	return nil
}

// scanWays is pass 2: it adds the node ids of the wanted ways to members.
func (r *reader) scanWays(want []int64, members map[int64][]int64) error {
	slices.Sort(want)
	want = slices.Compact(want)
	plan := scanPlan{phase: PhaseMembers, skipNodes: true, skipRelations: true,
		filterWay: func(w *osm.Way) bool {
			_, ok := slices.BinarySearch(want, int64(w.ID))
			return ok
		}}
	return r.src.scan(r.ctx, plan, r.opts.Progress, func(o osm.Object) {
		if w, ok := o.(*osm.Way); ok {
			members[int64(w.ID)] = wayNodeIDs(w)
		}
	})
}

// fillMembers replaces a relation's member way ids by the ways' node ids, in outers and
// inners, to be assembled into rings.
func (a *area) fillMembers(members map[int64][]int64) {
	for _, id := range a.outerWays {
		if refs, ok := members[id]; ok {
			a.outers = append(a.outers, refs)
		}
	}
	for _, id := range a.innerWays {
		if refs, ok := members[id]; ok {
			a.inners = append(a.inners, refs)
		}
	}
}

// assembleRelations joins each relation's member ways into rings, dropping (and counting)
// the relations whose outer ways do not close. Closed-way areas pass through unchanged.
func (r *reader) assembleRelations() {
	kept := r.areas[:0]
	for _, a := range r.areas {
		if a.typ != osm.TypeRelation {
			kept = append(kept, a)
			continue
		}
		outers, ok := assembleRings(a.outers)
		if !ok {
			r.stats.skip(SkipUnassembled, 1)
			continue
		}
		inners, ok := assembleRings(a.inners)
		if !ok && len(a.inners) > 0 {
			r.stats.skip(SkipInnerUnassembled, 1)
		}
		a.outers, a.inners = outers, inners
		a.outerWays, a.innerWays = nil, nil
		kept = append(kept, a)
	}
	r.areas = kept
}

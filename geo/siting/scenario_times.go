package siting

import (
	"math"
	"slices"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// timesAfter returns set k's walk time per cell (seconds, +Inf not reached within
// MaxMinutes, NaN off-network, as Result.Seconds) with the change made, in a new slice:
// the cells whose nearest facility is removed are searched again from the surviving
// facilities that can reach them, then the added facilities lower what they reach. full
// is the former path (kept for tests and the benchmark's baseline): a set that loses a
// facility is searched again over the whole district.
func timesAfter(e *engine.Engine, k int, ch change, full bool) ([]float32, error) {
	limit := e.Options.MaxMinutes * 60
	if full && ch.touched[k] {
		return recompute(e, k, ch, limit), nil
	}
	out := slices.Clone(e.Results[k].Seconds)
	if ch.touched[k] {
		if err := refill(e, k, ch, out, limit); err != nil {
			return nil, err
		}
	}
	if len(ch.added[k]) == 0 {
		return out, nil
	}
	return out, lower(e, out, ch.added[k], limit)
}

// lower lowers out by one search from the added facilities: each cell within their
// straight-line reach keeps the lower of its time and the new one. Every time is a
// least sum over paths from one facility, so the least over old and new facilities is
// what one search from all of them finds, to the bit.
func lower(e *engine.Engine, out []float32, added []walk.Snap, limit float64) error {
	radius := straightReachM(e, limit)
	origins := make([]orb.Point, len(added))
	var box orb.Bound // a quick test before anyWithin's
	for j, s := range added {
		origins[j] = s.Origin
		if b := gridindex.AroundM(s.Origin, radius); j == 0 {
			box = b
		} else {
			box = box.Union(b)
		}
	}
	ix, err := gridindex.NewPoints(origins, radius, 0)
	if err != nil {
		return err
	}
	f := e.Graph.MultiSource(added, limit)
	defer f.Release()
	for i, c := range e.Cells {
		if !box.Contains(c.Center) || !e.CellSnaps[i].OnNetwork || !anyWithin(ix, origins, c.Center, radius) {
			continue
		}
		if t, _, ok := f.At(e.CellSnaps[i]); ok && float32(t) < out[i] {
			out[i] = float32(t)
		}
	}
	return nil
}

// refill gives the cells whose nearest facility of set k (Result.Nearest) is removed
// their time from the surviving facilities, by one bounded search from those that lie
// within straight-line reach of such a cell (only those can reach it within the limit),
// which labels only the nodes that may still reach a disc around those cells in time.
// The other cells keep their time: their nearest facility survives, and losing a source
// never lowers a time.
func refill(e *engine.Engine, k int, ch change, out []float32, limit float64) error {
	fs, snaps := e.Facilities(engine.Target{Kind: e.Sets[k].Kind, Key: e.Sets[k].Key})
	gone := make([]bool, len(fs))
	for j, fac := range fs {
		gone[j] = fac.Region == "" && ch.removed[fac.ID] // a neighbour region's facility is never removed
	}
	var cells []int
	var centres []orb.Point
	inf := float32(math.Inf(1))
	for i, j := range e.Results[k].Nearest {
		if j >= 0 && int(j) < len(gone) && gone[j] {
			cells, centres = append(cells, i), append(centres, e.Cells[i].Center)
			out[i] = inf
		}
	}
	if len(cells) == 0 {
		return nil
	}
	radius := straightReachM(e, limit)
	ix, err := gridindex.NewPoints(centres, radius, 0)
	if err != nil {
		return err
	}
	var sources []walk.Snap
	for j, s := range snaps {
		if !gone[j] && s.OnNetwork && anyWithin(ix, centres, s.Origin, radius) {
			sources = append(sources, s)
		}
	}
	if len(sources) == 0 {
		return nil
	}
	centre, reach := discAround(centres)
	f := e.Graph.MultiSourceNear(sources, limit, centre, reach)
	defer f.Release()
	for _, i := range cells {
		if t, _, ok := f.At(e.CellSnaps[i]); ok {
			out[i] = float32(t)
		}
	}
	return nil
}

// discAround returns the middle of pts' bounding box (WGS84 lon, lat) and the great-circle
// metres to the farthest of them, plus one.
func discAround(pts []orb.Point) (orb.Point, float64) {
	c := orb.MultiPoint(pts).Bound().Center()
	r := 0.0
	for _, p := range pts {
		r = max(r, geo.HaversineM(c, p))
	}
	return c, r + 1
}

// anyAfter returns the "any station" set's times with the change made from the levels'
// times after it (after, by set index: sets missing from it are unchanged, sets that are
// no level are ignored): each cell's
// least over the five levels, as Compute derives it, recomputed only where a level's
// time changed.
func anyAfter(e *engine.Engine, k int, after map[int][]float32) []float32 {
	out := slices.Clone(e.Results[k].Seconds)
	levels := levelSets(e)
	for _, kl := range levels {
		t, ok := after[kl]
		if !ok {
			continue
		}
		old := e.Results[kl].Seconds
		for i := range t {
			if math.Float32bits(t[i]) == math.Float32bits(old[i]) {
				continue
			}
			m := float32(math.Inf(1))
			for _, l := range levels {
				v := e.Results[l].Seconds[i]
				if nt, ok := after[l]; ok {
					v = nt[i]
				}
				m = min(m, v)
			}
			out[i] = m
		}
	}
	return out
}

// levelSets returns the indexes of the station levels' sets (the "any" set's members).
func levelSets(e *engine.Engine) []int {
	var out []int
	for k, s := range e.Sets {
		if s.Kind == engine.KindLevel && s.Key != engine.AnyLevel {
			out = append(out, k)
		}
	}
	return out
}

// recompute searches set k again from its facilities that are not removed and the
// added ones, as Compute does.
func recompute(e *engine.Engine, k int, ch change, limit float64) []float32 {
	fs, snaps := e.Facilities(engine.Target{Kind: e.Sets[k].Kind, Key: e.Sets[k].Key})
	var sources []walk.Snap
	for j, fac := range fs {
		if fac.Region != "" || !ch.removed[fac.ID] { // removals name the region's own facilities
			sources = append(sources, snaps[j])
		}
	}
	sources = append(sources, ch.added[k]...)
	out := make([]float32, len(e.Cells))
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	var f *walk.Field
	if len(sources) > 0 {
		f = e.Graph.MultiSource(sources, limit)
		defer f.Release()
	}
	for i, cs := range e.CellSnaps {
		out[i] = inf
		switch {
		case !cs.OnNetwork:
			out[i] = nan
		case f != nil:
			if t, _, ok := f.At(cs); ok {
				out[i] = float32(t)
			}
		}
	}
	return out
}

package siting

import (
	"math"
	"slices"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// timesAfter returns set k's walk time per cell (seconds, +Inf not reached within
// MaxMinutes, NaN off-network, as Result.Seconds) with the change made, in a new slice.
func timesAfter(e *engine.Engine, k int, ch change) ([]float32, error) {
	limit := e.Options.MaxMinutes * 60
	if ch.touched[k] {
		return recompute(e, k, ch, limit), nil
	}
	return lowerBy(e, e.Results[k].Seconds, ch.added[k], limit)
}

// lowerBy returns old lowered by one search from the added facilities: each cell
// within their straight-line reach keeps the lower of its old and new time.
func lowerBy(e *engine.Engine, old []float32, added []walk.Snap, limit float64) ([]float32, error) {
	origins := make([]orb.Point, len(added))
	for j, s := range added {
		origins[j] = s.Origin
	}
	radius := straightReachM(e, limit)
	ix, err := gridindex.NewPoints(origins, radius, 0)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(old)
	f := e.Graph.MultiSource(added, limit)
	defer f.Release()
	for i, c := range e.Cells {
		if !e.CellSnaps[i].OnNetwork || !anyWithin(ix, origins, c.Center, radius) {
			continue
		}
		if t, _, ok := f.At(e.CellSnaps[i]); ok && float32(t) < out[i] {
			out[i] = float32(t)
		}
	}
	return out, nil
}

// recompute searches set k again from its facilities that are not removed and the
// added ones, as Compute does.
func recompute(e *engine.Engine, k int, ch change, limit float64) []float32 {
	fs, snaps := e.Facilities(engine.Target{Kind: e.Sets[k].Kind, Key: e.Sets[k].Key})
	var sources []walk.Snap
	for j, fac := range fs {
		if !ch.removed[fac.ID] {
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

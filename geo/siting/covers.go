package siting

import (
	"context"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// chunk is how many searches a worker takes at a time.
const chunk = 16

// forEachParallel calls, on max(1, workers) goroutines, a function made by newWorker (one
// per goroutine, so it may keep scratch state) for every index in [0, n), handing out
// chunk indexes at a time. Once ctx is cancelled no more indexes are handed out and it
// returns ctx.Err(); otherwise nil after every index is done.
func forEachParallel(ctx context.Context, workers, n int, newWorker func() func(i int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do := newWorker()
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					do(i)
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// coverLists returns, per candidate, the sorted indexes of the demand cells it reaches
// within limit seconds. Walking times are symmetric (every way is walkable both ways at
// the same cost, and both access legs count), so it searches from whichever side is
// smaller: from each candidate, or from each demand cell and then turns the lists round.
func coverLists(ctx context.Context, e *engine.Engine, d demand, c candidates, limit float64) ([][]int32, error) {
	if len(d.cells) == 0 || len(c.pts) == 0 {
		return make([][]int32, len(c.pts)), nil
	}
	dPts := make([]orb.Point, len(d.cells))
	dSnaps := make([]walk.Snap, len(d.cells))
	for i, ci := range d.cells {
		dPts[i], dSnaps[i] = e.Cells[ci].Center, e.CellSnaps[ci]
	}
	if len(d.cells) < len(c.pts) {
		lists, err := reach(ctx, e, dSnaps, c.pts, c.snaps, limit)
		if err != nil {
			return nil, err
		}
		return transpose(lists, len(c.pts)), nil
	}
	return reach(ctx, e, c.snaps, dPts, dSnaps, limit)
}

// reach runs one search bounded by limit seconds from each of from, in parallel over
// Options.Workers, and returns for each the sorted indexes of the points of to (lon, lat
// WGS84, snapped as toSnaps) it reaches within limit. Only points that could be within
// reach (mayReach) are looked at, and a search runs only when there are any. A
// cancelled ctx stops it with EUNAVAILABLE.
func reach(ctx context.Context, e *engine.Engine, from []walk.Snap, to []orb.Point, toSnaps []walk.Snap, limit float64) ([][]int32, error) {
	out := make([][]int32, len(from))
	radius := straightReachM(e, limit)
	ix, err := gridindex.NewPoints(to, radius/2, 0)
	if err != nil {
		return nil, err
	}
	err = forEachParallel(ctx, e.Options.Workers, len(from), func() func(int) {
		var near []int32
		return func(i int) {
			near = near[:0]
			ix.Near(from[i].Origin, radius, func(items []int32) {
				near = mayReach(from[i], items, toSnaps, radius, near)
			})
			if len(near) > 0 {
				out[i] = reached(e, from[i], near, toSnaps, limit)
			}
		}
	})
	if err != nil {
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "site planning stopped")
	}
	return out, nil
}

// mayReach appends to out the entries of items whose snap could be within radius
// metres' walk of from, and returns it: both access legs plus the straight line between
// the two snapped points (a lower bound on the way along the network, in the
// equirectangular plane at from) must not exceed it.
func mayReach(from walk.Snap, items []int32, toSnaps []walk.Snap, radius float64, out []int32) []int32 {
	pl := local.NewPlane(from.Point)
	for _, j := range items {
		s := toSnaps[j]
		dx, dy := pl.XY(s.Point)
		if from.AccessM+s.AccessM+math.Sqrt(dx*dx+dy*dy) <= radius {
			out = append(out, j)
		}
	}
	return out
}

// reached returns, sorted, the entries of near whose snaps one search from `from`
// reaches within limit seconds.
func reached(e *engine.Engine, from walk.Snap, near []int32, toSnaps []walk.Snap, limit float64) []int32 {
	f := e.Graph.MultiSource([]walk.Snap{from}, limit)
	defer f.Release()
	var got []int32
	for _, j := range near {
		if _, _, ok := f.At(toSnaps[j]); ok {
			got = append(got, j)
		}
	}
	slices.Sort(got)
	return got
}

// straightReachM bounds the straight-line distance, in metres, between two points
// within limit seconds' walk of each other. Every leg of a walk (the two access legs and
// the way between the snapped points) is at least as long as the straight line it spans
// and is walked at the model's speed or slower (steps), so speed × time bounds it; 5 % and
// 25 m are added for way lengths that fall a little short of their geometry.
func straightReachM(e *engine.Engine, limit float64) float64 {
	return limit*e.Options.Walk.MetresPerSecond()*1.05 + 25
}

// transpose turns lists (per source, the sorted targets it reaches) into per target
// the sorted sources that reach it; n is the number of targets.
func transpose(lists [][]int32, n int) [][]int32 {
	count := make([]int32, n+1)
	for _, l := range lists {
		for _, t := range l {
			count[t+1]++
		}
	}
	for t := 1; t <= n; t++ {
		count[t] += count[t-1]
	}
	flat := make([]int32, count[n])
	next := append([]int32(nil), count[:n]...)
	for s, l := range lists {
		for _, t := range l {
			flat[next[t]] = int32(s)
			next[t]++
		}
	}
	out := make([][]int32, n)
	for t := range out {
		out[t] = flat[count[t]:count[t+1]:count[t+1]]
	}
	return out
}

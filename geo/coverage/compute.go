package coverage

import (
	"context"
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// Compute runs one multi-source walk search per facility set, from all of its facilities
// at once, and reads every cell's time (seconds, both access legs included) and nearest
// facility from it. snaps are the cells' centres snapped to g (g.SnapAll, parallel to
// cells, shared by all sets); the facilities' WGS84 (lon, lat) points are snapped once,
// all sets together. maxSeconds (> 0) bounds the searches; sets run in parallel on workers
// goroutines (≤ 0: GOMAXPROCS). Results are in the order of sets. Bad input is EINVALID;
// a cancelled ctx stops before the next set and returns an EUNAVAILABLE error wrapping
// ctx.Err().
func Compute(ctx context.Context, g *walk.Graph, cells []Cell, snaps []walk.Snap, sets []FacilitySet, maxSeconds float64, workers int) ([]Result, error) {
	if err := checkCompute(g, cells, snaps, sets, maxSeconds); err != nil {
		return nil, err
	}
	facilities := snapFacilities(g, sets)
	points := g.PreparePoints(snaps)
	defer g.HoldBuffers()()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(sets)))
	results := make([]Result, len(sets))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				results[k] = searchSet(g, snaps, points, sets[k], facilities[k], maxSeconds)
			}
		}()
	}
feed:
	for k := range sets {
		select {
		case jobs <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "coverage computation stopped")
	}
	return results, nil
}

// snapFacilities snaps the points of all sets in one parallel SnapAll and returns them
// per set.
func snapFacilities(g *walk.Graph, sets []FacilitySet) [][]walk.Snap {
	var all []orb.Point
	for _, s := range sets {
		all = append(all, s.Points...)
	}
	snapped := g.SnapAll(all)
	out := make([][]walk.Snap, len(sets))
	off := 0
	for k, s := range sets {
		out[k] = snapped[off : off+len(s.Points) : off+len(s.Points)]
		off += len(s.Points)
	}
	return out
}

// searchSet runs the multi-source search of one set over the graph's core (walk.Cover)
// and reads every cell from it (points are cellSnaps prepared once for all sets).
func searchSet(g *walk.Graph, cellSnaps []walk.Snap, points *walk.Points, set FacilitySet, fac []walk.Snap, maxSeconds float64) Result {
	n := len(cellSnaps)
	r := Result{Kind: set.Kind, Key: set.Key, Seconds: make([]float32, n), Nearest: make([]int32, n)}
	var sources []walk.Snap
	var sourceIndex []int32
	for j, s := range fac {
		if s.OnNetwork {
			sources = append(sources, s)
			sourceIndex = append(sourceIndex, int32(j))
		} else {
			r.OffNetwork = append(r.OffNetwork, j)
		}
	}
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	for i, cs := range cellSnaps {
		r.Seconds[i], r.Nearest[i] = inf, -1
		if !cs.OnNetwork {
			r.Seconds[i] = nan
		}
	}
	if len(sources) == 0 {
		return r
	}
	g.Cover(sources, maxSeconds, points, func(i int, sec float64, src int32) {
		if cellSnaps[i].OnNetwork && sec <= maxSeconds && src >= 0 && int(src) < len(sourceIndex) {
			r.Seconds[i], r.Nearest[i] = float32(sec), sourceIndex[src]
		}
	})
	return r
}

// checkCompute validates Compute's input with messages a planner can act on.
func checkCompute(g *walk.Graph, cells []Cell, snaps []walk.Snap, sets []FacilitySet, maxSeconds float64) error {
	if g == nil {
		return geo.Errorf(geo.EINVALID, "coverage needs a walk graph; none was built")
	}
	if len(snaps) != len(cells) {
		return geo.Errorf(geo.EINVALID, "%d cell snaps for %d cells; snap every cell centre once (SnapAll)", len(snaps), len(cells))
	}
	if !(maxSeconds > 0) || math.IsInf(maxSeconds, 1) {
		return geo.Errorf(geo.EINVALID, "search limit %v s must be a positive number of seconds", maxSeconds)
	}
	for k, s := range sets {
		if s.Kind != "category" && s.Kind != "level" {
			return geo.Errorf(geo.EINVALID, "facility set %d (%q): kind %q must be \"category\" or \"level\"", k, s.Key, s.Kind)
		}
		if len(s.IDs) != 0 && len(s.IDs) != len(s.Points) {
			return geo.Errorf(geo.EINVALID, "facility set %s %q: %d IDs for %d points", s.Kind, s.Key, len(s.IDs), len(s.Points))
		}
		for j, p := range s.Points {
			if !validLonLat(p) {
				return geo.Errorf(geo.EINVALID, "facility set %s %q, facility %d%s: (%v, %v) is not a WGS84 (lon, lat) coordinate", s.Kind, s.Key, j, idSuffix(s.IDs, j), p[0], p[1])
			}
		}
	}
	return nil
}

func idSuffix(ids []string, j int) string {
	if j < len(ids) {
		return " (id " + ids[j] + ")"
	}
	return ""
}

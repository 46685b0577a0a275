package supply

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// reach is one (station, cell) pair within the catchment.
type reach struct {
	cell int32
	sec  float64 // walking time, seconds, both access legs included
}

// Compute runs the two steps of p.Method over cells and stations (points WGS84 (lon,
// lat), snapped to g) on g: one search bounded by p.MaxSeconds seconds from every
// on-network station's snap, read at every cell's snap with its access leg (walk.Field.EachReached, the same times walk.Field.At gives coverage),
// then R_j per station and A_i per cell. Searches run on p.Workers goroutines; sums are
// taken in input order, so the result does not depend on the number of workers. Bad input
// is EINVALID; a cancelled ctx stops the searches and returns an EUNAVAILABLE error
// wrapping ctx.Err().
func Compute(ctx context.Context, g *walk.Graph, cells []Cell, stations []Station, p Params) (*Result, error) {
	rs, err := ComputeEach(ctx, g, cells, [][]Station{stations}, p)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// ComputeEach is Compute for several resources of the same stations: sets[k] are the
// same stations (ID and snap, in the same order) with the k-th resource as Supply. The
// searches depend only on where the stations are, so one search per station serves every
// set; result k is Compute's for sets[k]. Sets that differ in their stations are EINVALID.
func ComputeEach(ctx context.Context, g *walk.Graph, cells []Cell, sets [][]Station, p Params) ([]*Result, error) {
	if len(sets) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "supply: no station set to compute")
	}
	for k, stations := range sets {
		if err := checkInput(g, cells, stations, p); err != nil {
			return nil, err
		}
		if err := sameStations(sets[0], stations); err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "supply: station set %d", k)
		}
	}
	pairs, err := searchStations(ctx, g, cells, sets[0], p)
	if err != nil {
		return nil, err
	}
	out := make([]*Result, len(sets))
	for k, stations := range sets {
		r := &Result{Params: p, Formula: p.Formula(), Cells: make([]CellAccess, len(cells)), Stations: make([]StationRatio, len(stations))}
		r.stepOne(cells, stations, pairs)
		r.stepTwo(pairs)
		r.summarise()
		out[k] = r
	}
	return out, nil
}

// searchStations returns, per station, the cells within the catchment in ascending cell
// order (nil for off-network stations).
func searchStations(ctx context.Context, g *walk.Graph, cells []Cell, stations []Station, p Params) ([][]reach, error) {
	snaps := make([]walk.Snap, len(cells))
	for i, c := range cells {
		snaps[i] = c.Snap
	}
	ts := g.PrepareTargets(snaps)
	pairs := make([][]reach, len(stations))
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(stations)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j := int(next.Add(1)) - 1
				if j >= len(stations) || ctx.Err() != nil {
					return
				}
				pairs[j] = searchOne(g, ts, stations[j].Snap, p.MaxSeconds)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "supply computation stopped")
	}
	return pairs, nil
}

// searchOne runs the bounded search from one station and lists the cells it reaches.
func searchOne(g *walk.Graph, ts *walk.Targets, s walk.Snap, maxSeconds float64) []reach {
	if !s.OnNetwork {
		return nil
	}
	f := g.MultiSource([]walk.Snap{s}, maxSeconds)
	defer f.Release()
	var out []reach
	f.EachReached(ts, func(i int, sec float64) {
		if sec <= maxSeconds {
			out = append(out, reach{cell: int32(i), sec: sec})
		}
	})
	return out
}

// stepOne sets every station's catchment and ratio R_j = S_j / Σ P_i·W(t_ij).
func (r *Result) stepOne(cells []Cell, stations []Station, pairs [][]reach) {
	p := r.Params
	for j, s := range stations {
		sr := &r.Stations[j]
		for _, q := range pairs[j] {
			pop := cells[q.cell].Population
			sr.CatchmentCells++
			sr.CatchmentPopulation += pop
			sr.WeightedDemand += pop * p.Weight(q.sec)
		}
		switch {
		case !s.Snap.OnNetwork:
			sr.Status = StatusOffNetwork
			r.OffNetwork = append(r.OffNetwork, j)
		case math.IsNaN(s.Supply):
			sr.Status = StatusUnknownSupply
			r.UnknownSupply = append(r.UnknownSupply, j)
		case !(sr.WeightedDemand > 0):
			sr.Status = StatusNoResidents
			r.NoResidents = append(r.NoResidents, j)
		default:
			sr.Status = StatusOK
			sr.Ratio = s.Supply / sr.WeightedDemand
		}
	}
	for i, c := range cells {
		r.Cells[i] = CellAccess{Population: c.Population, OffNetwork: !c.Snap.OnNetwork}
	}
}

// stepTwo adds up A_i = Σ R_j·W(t_ij), stations in input order.
func (r *Result) stepTwo(pairs [][]reach) {
	p := r.Params
	for j, sr := range r.Stations {
		for _, q := range pairs[j] {
			c := &r.Cells[q.cell]
			c.Stations++
			switch sr.Status {
			case StatusOK:
				c.Access += sr.Ratio * p.Weight(q.sec)
			case StatusUnknownSupply:
				c.UnknownSupply++
			}
		}
	}
}

// summarise counts the cells without a station and the population-weighted mean.
func (r *Result) summarise() {
	var weighted float64
	for _, c := range r.Cells {
		r.Population += c.Population
		weighted += c.Population * c.Access
		switch {
		case c.OffNetwork:
			r.OffNetworkCells++
			r.OffNetworkPopulation += c.Population
		case c.Stations == 0:
			r.CellsWithoutStation++
			r.PopulationWithoutStation += c.Population
		}
	}
	if r.Population > 0 {
		r.MeanAccess = weighted / r.Population
	}
}

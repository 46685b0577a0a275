package siting

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// shareSlack keeps float rounding from failing a share that is exactly the minimum.
const shareSlack = 1e-9

// sharedCandidate is a cell centre that might serve two adjacent units, with the units
// the straight-line bound lets it reach enough of.
type sharedCandidate struct {
	cell  int
	units []int
}

// sharedOption is a searched site: the units it reaches at least the minimum share of.
type sharedOption struct {
	cell    int
	members []SharedMember
	units   []int // parallel to members
}

// candidates returns the on-network cell centres of the units that, by the straight-line
// bound, might reach req.MinShare of two adjacent units one of which has no centre.
func (u *sharedUnits) candidates(e *engine.Engine, req SharedRequest) []sharedCandidate {
	var demand []int // cells with residents that can be reached at all
	for i, w := range u.weight {
		if w > 0 && u.unitOf[i] >= 0 && e.CellSnaps[i].OnNetwork {
			demand = append(demand, i)
		}
	}
	pts := make([]orb.Point, len(demand))
	snaps := make([]walk.Snap, len(demand))
	for j, i := range demand {
		pts[j], snaps[j] = e.Cells[i].Center, e.CellSnaps[i]
	}
	radius := straightReachM(e, u.limit)
	ix, err := gridindex.NewPoints(pts, radius/2, 0)
	if err != nil || ix.Len() == 0 {
		return nil
	}
	acc := make([]float64, len(u.comms))
	var near, touched []int32
	var out []sharedCandidate
	for i := range e.Cells {
		if u.unitOf[i] < 0 || !e.CellSnaps[i].OnNetwork {
			continue
		}
		near = near[:0]
		ix.Near(e.Cells[i].Center, radius, func(items []int32) {
			near = mayReach(e.CellSnaps[i], items, snaps, radius, near)
		})
		touched = touched[:0]
		for _, j := range near {
			un := int32(u.unitOf[demand[j]])
			if acc[un] == 0 {
				touched = append(touched, un)
			}
			acc[un] += u.weight[demand[j]]
		}
		if units := u.enough(acc, touched, req.MinShare); u.pairable(units) {
			out = append(out, sharedCandidate{cell: i, units: units})
		}
		for _, un := range touched {
			acc[un] = 0
		}
	}
	return out
}

// enough returns the touched units (sorted) whose acc reaches minShare of their residents.
func (u *sharedUnits) enough(acc []float64, touched []int32, minShare float64) []int {
	var units []int
	for _, un := range touched {
		if acc[un] >= minShare*u.pop[un]*(1-shareSlack) {
			units = append(units, int(un))
		}
	}
	slices.Sort(units)
	return units
}

// pairable reports whether two of units are adjacent and one of them has no centre.
func (u *sharedUnits) pairable(units []int) bool {
	for x, a := range units {
		for _, b := range units[x+1:] {
			if (!u.hasCentre[a] || !u.hasCentre[b]) && u.adjacent(a, b) {
				return true
			}
		}
	}
	return false
}

// search runs one search bounded by the limit from each candidate, in parallel over
// Options.Workers, and returns the candidates that still reach req.MinShare of two or more
// units. A cancelled ctx stops it with EUNAVAILABLE.
func (u *sharedUnits) search(ctx context.Context, e *engine.Engine, cands []sharedCandidate, req SharedRequest) ([]sharedOption, error) {
	out := make([]sharedOption, len(cands))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, e.Options.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(cands) {
					return
				}
				for c := lo; c < min(lo+chunk, len(cands)); c++ {
					out[c] = u.option(e, cands[c], req.MinShare)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "shared-centre planning stopped")
	}
	return slices.DeleteFunc(out, func(o sharedOption) bool { return len(o.units) < 2 }), nil
}

// option searches from candidate c and measures each of its units' residents within the
// limit.
func (u *sharedUnits) option(e *engine.Engine, c sharedCandidate, minShare float64) sharedOption {
	f := e.Graph.MultiSource([]walk.Snap{e.CellSnaps[c.cell]}, u.limit)
	defer f.Release()
	o := sharedOption{cell: c.cell}
	for _, un := range c.units {
		ci := u.comms[un]
		m := SharedMember{Code: e.Communities[ci].Code, Name: e.Communities[ci].Name, HasCentre: u.hasCentre[un], Population: u.pop[un]}
		for _, i := range e.Units.CommunityCells(ci) {
			if u.weight[i] <= 0 {
				continue
			}
			if _, _, ok := f.At(e.CellSnaps[i]); ok {
				m.Within += u.weight[i]
				if u.uncovered[i] {
					m.NewlyCovered += u.weight[i]
				}
			}
		}
		m.Share = share(m.Within, m.Population)
		if m.Within >= minShare*m.Population*(1-shareSlack) {
			o.members = append(o.members, m)
			o.units = append(o.units, un)
		}
	}
	return o
}

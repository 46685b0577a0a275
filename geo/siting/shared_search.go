package siting

import (
	"context"
	"slices"
	"sync/atomic"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// shareSlack keeps float rounding from failing a share that is exactly the minimum.
const shareSlack = 1e-9

// sharedIndex is the straight-line prefilter of the candidate sites: the cells with
// residents that can be reached at all (demand, engine cell indexes), their snaps, and
// an index of their centres.
type sharedIndex struct {
	demand []int
	snaps  []walk.Snap
	ix     *gridindex.Index
	radius float64 // metres: farther in a straight line is beyond the limit
}

func (u *sharedUnits) index(e *engine.Engine) (*sharedIndex, error) {
	x := &sharedIndex{radius: straightReachM(e, u.limit)}
	var pts []orb.Point
	for i, w := range u.weight {
		if w > 0 && u.unitOf[i] >= 0 && e.CellSnaps[i].OnNetwork {
			x.demand = append(x.demand, i)
			x.snaps = append(x.snaps, e.CellSnaps[i])
			pts = append(pts, e.Cells[i].Center)
		}
	}
	var err error
	x.ix, err = gridindex.NewPoints(pts, x.radius/2, 0)
	return x, err
}

// prefilter returns the units the straight-line bound lets the centre of cell i reach
// req.MinShare of (sorted), or nil unless two of them are adjacent and one has no
// centre. acc (one slot per unit, all zero) is scratch space, left zero.
func (u *sharedUnits) prefilter(e *engine.Engine, x *sharedIndex, i int, minShare float64, acc []float64) []int {
	var near, touched []int32
	x.ix.Near(e.Cells[i].Center, x.radius, func(items []int32) {
		near = mayReach(e.CellSnaps[i], items, x.snaps, x.radius, near)
	})
	for _, j := range near {
		un := int32(u.unitOf[x.demand[j]])
		if acc[un] == 0 {
			touched = append(touched, un)
		}
		acc[un] += u.weight[x.demand[j]]
	}
	units := u.enough(acc, touched, minShare)
	for _, un := range touched {
		acc[un] = 0
	}
	if !u.pairable(units) {
		return nil
	}
	return units
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

// sharedOption is a searched site: the units it reaches at least the minimum share of.
type sharedOption struct {
	cell    int
	members []SharedMember
	units   []int // parallel to members
}

// search tries the centre of every on-network cell of the units as a site, in parallel
// over Options.Workers: the straight-line prefilter first, then one search bounded by the
// limit from those that pass. It returns the sites that reach req.MinShare of two or more
// units (by cell) and how many were searched. A cancelled ctx stops it with EUNAVAILABLE.
func (u *sharedUnits) search(ctx context.Context, e *engine.Engine, req SharedRequest) ([]sharedOption, int, error) {
	x, err := u.index(e)
	if err != nil {
		return nil, 0, err
	}
	out := make([]sharedOption, len(e.Cells))
	var searched atomic.Int64
	err = forEachParallel(ctx, e.Options.Workers, len(e.Cells), func() func(int) {
		acc := make([]float64, len(u.comms))
		return func(i int) {
			if u.unitOf[i] < 0 || !e.CellSnaps[i].OnNetwork {
				return
			}
			if units := u.prefilter(e, x, i, req.MinShare, acc); units != nil {
				searched.Add(1)
				out[i] = u.option(e, i, units, req.MinShare)
			}
		}
	})
	if err != nil {
		return nil, 0, geo.WrapError(geo.EUNAVAILABLE, err, "shared-centre planning stopped")
	}
	return slices.DeleteFunc(out, func(o sharedOption) bool { return len(o.units) < 2 }), int(searched.Load()), nil
}

// option searches from the centre of cell and measures each of its units' residents within the
// limit.
func (u *sharedUnits) option(e *engine.Engine, cell int, units []int, minShare float64) sharedOption {
	f := e.Graph.MultiSource([]walk.Snap{e.CellSnaps[cell]}, u.limit)
	defer f.Release()
	o := sharedOption{cell: cell}
	for _, un := range units {
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

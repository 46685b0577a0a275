package assess

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/gridindex"
)

// BufferComparison says how far the common shortcut — a straight-line buffer around each
// facility — is from walk times on the network, cell by cell.
type BufferComparison struct {
	Target        engine.Target
	RadiusM       float64 // the buffer radius, metres
	Minutes       float64 // the walk-time threshold it stands in for
	Cells         int     // cells compared (all cells of the study area)
	BufferCovered int     // cells whose centre lies within RadiusM of a facility
	WalkCovered   int     // cells reached on foot within Minutes
	BufferOnly    int     // counted covered by the buffer, not reachable on foot in time
	WalkOnly      int     // reachable on foot in time, outside the buffer
	// Population counterparts.
	BufferCoveredPop, WalkCoveredPop, BufferOnlyPop, WalkOnlyPop float64
}

// OverstatedShare is the share of the buffer's covered cells that are not covered on foot.
func (b BufferComparison) OverstatedShare() float64 { return ratio(b.BufferOnly, b.BufferCovered) }

// MissedShare is the share of the cells covered on foot that the buffer leaves out.
func (b BufferComparison) MissedShare() float64 { return ratio(b.WalkOnly, b.WalkCovered) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// CompareBuffer compares, for target t, "within radiusM metres in a straight line
// (haversine between WGS84 lon, lat points) of a facility" with "within minutes on foot on
// the network" over every cell. An unknown target, a radius that is not positive or
// minutes outside (0, Options.MaxMinutes] are EINVALID; before the engine's Compute it is
// ENOTFOUND.
func CompareBuffer(e *engine.Engine, t engine.Target, radiusM, minutes float64) (BufferComparison, error) {
	if err := e.CheckTarget(t); err != nil {
		return BufferComparison{}, err
	}
	if radiusM <= 0 || minutes <= 0 || minutes > e.Options.MaxMinutes {
		return BufferComparison{}, geo.Errorf(geo.EINVALID, "radius must be positive and minutes in (0, %g]", e.Options.MaxMinutes)
	}
	k, ok := e.SetIndex(t)
	if !ok {
		return BufferComparison{}, geo.Errorf(geo.ENOTFOUND, "no coverage computed for %s %s", t.Kind, t.Key)
	}
	pts := e.Sets[k].Points
	c := BufferComparison{Target: t, RadiusM: radiusM, Minutes: minutes, Cells: len(e.Cells)}
	ix, err := gridindex.NewPoints(pts, radiusM, 0)
	if err != nil {
		return BufferComparison{}, err
	}
	for i, cell := range e.Cells {
		inBuffer := false
		ix.Near(cell.Center, radiusM, func(items []int32) {
			for _, j := range items {
				inBuffer = inBuffer || geo.HaversineM(pts[j], cell.Center) <= radiusM
			}
		})
		s := float64(e.Results[k].Seconds[i])
		onFoot := !math.IsNaN(s) && s <= minutes*60
		c.add(inBuffer, onFoot, cell.Population)
	}
	return c, nil
}

func (c *BufferComparison) add(inBuffer, onFoot bool, pop float64) {
	if inBuffer {
		c.BufferCovered++
		c.BufferCoveredPop += pop
	}
	if onFoot {
		c.WalkCovered++
		c.WalkCoveredPop += pop
	}
	if inBuffer && !onFoot {
		c.BufferOnly++
		c.BufferOnlyPop += pop
	}
	if onFoot && !inBuffer {
		c.WalkOnly++
		c.WalkOnlyPop += pop
	}
}

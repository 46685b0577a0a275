package assess

import (
	"context"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// resultFor returns the index into e.Sets and e.Results of t's facility set: EINVALID for
// an unknown target, EUNAVAILABLE before Compute has run.
func resultFor(e *engine.Engine, t engine.Target) (int, error) {
	if err := e.CheckTarget(t); err != nil {
		return -1, err
	}
	if len(e.Results) == 0 {
		return -1, geo.Errorf(geo.EUNAVAILABLE, "walk-time coverage has not been computed yet (lifecircle compute)")
	}
	if k, ok := e.SetIndex(t); ok {
		return k, nil
	}
	return -1, geo.Errorf(geo.EINVALID, "no coverage was computed for %s %q", t.Kind, t.Key)
}

// checkMinutes accepts a whole number of minutes from 1 to 60.
func checkMinutes(m float64) error {
	if !(m >= 1 && m <= 60) || m != math.Trunc(m) {
		return geo.Errorf(geo.EINVALID, "minutes %g: give a whole number of minutes from 1 to 60", m)
	}
	return nil
}

// walkSeconds returns set k's walk time in seconds per cell, exact up to at least minutes:
// the computed times when minutes ≤ e.Options.MaxMinutes, else those of one fresh
// multi-source search of the set bounded by minutes (Compute's searches stop at
// MaxMinutes, so farther cells would wrongly read as unreached).
func walkSeconds(e *engine.Engine, k int, minutes float64) ([]float32, error) {
	if minutes <= e.Options.MaxMinutes {
		return e.Results[k].Seconds, nil
	}
	res, err := coverage.Compute(context.Background(), e.Graph, e.Cells, e.CellSnaps, e.Sets[k:k+1], minutes*60, 1)
	if err != nil {
		return nil, err
	}
	return res[0].Seconds, nil
}

// within reports whether a cell's walk time (seconds; NaN off-network, +Inf unreached) is
// at most minutes. NaN compares false, so off-network cells are never within.
func within(sec float32, minutes float64) bool { return float64(sec) <= minutes*60 }

// cellPopulation sums the residents of the cells.
func cellPopulation(e *engine.Engine, cells []int) float64 {
	var p float64
	for _, i := range cells {
		p += e.Cells[i].Population
	}
	return p
}

package engine

import (
	"context"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

// repResultFor returns the index into e.Sets and e.Results of t's facility set: EINVALID for
// an unknown target, EUNAVAILABLE before Compute has run.
func (e *Engine) repResultFor(t Target) (int, error) {
	if err := e.CheckTarget(t); err != nil {
		return -1, err
	}
	if len(e.Results) == 0 {
		return -1, geo.Errorf(geo.EUNAVAILABLE, "walk-time coverage has not been computed yet (lifecircle compute)")
	}
	return e.repSetIndex(t.Kind, t.Key)
}

// repSetIndex finds the facility set of one kind and key among e.Results.
func (e *Engine) repSetIndex(kind, key string) (int, error) {
	for k, r := range e.Results {
		if r.Kind == kind && r.Key == key {
			return k, nil
		}
	}
	return -1, geo.Errorf(geo.EINVALID, "no coverage was computed for %s %q", kind, key)
}

// repCheckMinutes accepts a whole number of minutes from 1 to 60.
func repCheckMinutes(m float64) error {
	if !(m >= 1 && m <= 60) || m != math.Trunc(m) {
		return geo.Errorf(geo.EINVALID, "minutes %g: give a whole number of minutes from 1 to 60", m)
	}
	return nil
}

// repTimes returns set k's walk time in seconds per cell, exact up to at least minutes:
// the computed times when minutes ≤ Options.MaxMinutes, else those of one fresh
// multi-source search of the set bounded by minutes (Compute's searches stop at
// MaxMinutes, so farther cells would wrongly read as unreached).
func (e *Engine) repTimes(k int, minutes float64) ([]float32, error) {
	if minutes <= e.Options.MaxMinutes {
		return e.Results[k].Seconds, nil
	}
	res, err := coverage.Compute(context.Background(), e.Graph, e.Cells, e.CellSnaps, e.Sets[k:k+1], minutes*60, 1)
	if err != nil {
		return nil, err
	}
	return res[0].Seconds, nil
}

// repWithin reports whether a cell's walk time (seconds; NaN off-network, +Inf unreached) is
// at most minutes. NaN compares false, so off-network cells are never within.
func repWithin(sec float32, minutes float64) bool { return float64(sec) <= minutes*60 }

// repCellPopulation sums the residents of the cells.
func (e *Engine) repCellPopulation(cells []int) float64 {
	var p float64
	for _, i := range cells {
		p += e.Cells[i].Population
	}
	return p
}

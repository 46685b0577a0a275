package engine

import (
	"context"
	"math"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
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

// repCommunityByCode maps community codes to indices into e.Communities.
func (e *Engine) repCommunityByCode() map[string]int {
	m := make(map[string]int, len(e.Communities))
	for i, c := range e.Communities {
		if _, dup := m[c.Code]; !dup {
			m[c.Code] = i
		}
	}
	return m
}

// repCommunitiesSorted returns the indices of e.Communities sorted by code (then by index).
func (e *Engine) repCommunitiesSorted() []int {
	idx := make([]int, len(e.Communities))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return e.Communities[idx[a]].Code < e.Communities[idx[b]].Code })
	return idx
}

// repCommunityCells returns, per community index, the indices of its cells in ascending order.
func (e *Engine) repCommunityCells() [][]int {
	out := make([][]int, len(e.Communities))
	for i, ci := range e.CellComm {
		if ci >= 0 && ci < len(out) {
			out[ci] = append(out[ci], i)
		}
	}
	return out
}

// repStreetInfo is one street as reports list it: from e.Streets, or only known from the
// street codes and names that communities carry.
type repStreetInfo struct {
	Code, Name string
	Boundary   orb.MultiPolygon
}

// repStreetList returns every street, sorted by code: e.Streets plus street codes only seen
// on communities (named after the first such community's StreetName).
func (e *Engine) repStreetList() []repStreetInfo {
	byCode := map[string]int{}
	var out []repStreetInfo
	for _, s := range e.Streets {
		if _, dup := byCode[s.Code]; s.Code == "" || dup {
			continue
		}
		byCode[s.Code] = len(out)
		out = append(out, repStreetInfo{Code: s.Code, Name: s.Name, Boundary: s.Boundary})
	}
	for _, c := range e.Communities {
		if c.StreetCode == "" {
			continue
		}
		if k, ok := byCode[c.StreetCode]; ok {
			if out[k].Name == "" {
				out[k].Name = c.StreetName
			}
			continue
		}
		byCode[c.StreetCode] = len(out)
		out = append(out, repStreetInfo{Code: c.StreetCode, Name: c.StreetName})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Code < out[b].Code })
	return out
}

// repCellPopulation sums the residents of the cells.
func (e *Engine) repCellPopulation(cells []int) float64 {
	var p float64
	for _, i := range cells {
		p += e.Cells[i].Population
	}
	return p
}

// repCellsIn returns the indices of the cells whose centres (lon, lat) lie in mp, ascending.
func repCellsIn(cells []coverage.Cell, ix repLatIndex, mp orb.MultiPolygon) []int {
	var out []int
	ix.inBound(cells, mp.Bound(), func(i int) {
		if repPlanarContains(mp, cells[i].Center) {
			out = append(out, i)
		}
	})
	sort.Ints(out)
	return out
}

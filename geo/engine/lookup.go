package engine

import (
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// CellIndex returns the index into Cells of the study-area cell h (false: h is not one of
// them, or Compute has not run).
func (e *Engine) CellIndex(h h3.Cell) (int, bool) {
	i, ok := e.cellIndex[h]
	return i, ok
}

// CellAt returns the index into Cells of the study-area cell, at Options.Resolution,
// holding p (lon, lat WGS84); false when p lies in none.
func (e *Engine) CellAt(p orb.Point) (int, bool) {
	if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
		return -1, false
	}
	return e.CellIndex(h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), e.Options.Resolution))
}

// SetIndex returns the index into Sets and Results of t's facility set; false for an
// unknown target or before Compute.
func (e *Engine) SetIndex(t Target) (int, bool) {
	if len(e.Results) != len(e.Sets) {
		return -1, false
	}
	for k, s := range e.Sets {
		if s.Kind == t.Kind && s.Key == t.Key {
			return k, true
		}
	}
	return -1, false
}

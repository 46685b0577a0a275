package assess

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// CellRow is one H3 cell's walk time to the nearest facility of a target.
type CellRow struct {
	H3         string    // H3 index, hexadecimal
	Center     orb.Point // cell centre, WGS84 (lon, lat)
	Minutes    float64   // walk minutes to the nearest facility; NaN when not reached within the engine's Options.MaxMinutes or off-network
	FacilityID string    // that facility's ID; "" when none
	Population float64   // residents
	OnNetwork  bool      // the centre is within the snap distance of a walkable way
	Community  string    // code of the community whose boundary holds the centre; "" none
}

// CoverageCells returns every cell of the study area whose centre lies in bbox (WGS84
// lon, lat degrees; nil = all cells), sorted by H3 index, with its walk time in minutes to
// the nearest facility of t. An unknown target or a bbox that is not a (lon, lat) box with
// min ≤ max is EINVALID; a call before Compute is EUNAVAILABLE.
func CoverageCells(e *engine.Engine, t engine.Target, bbox *orb.Bound) ([]CellRow, error) {
	k, err := resultFor(e, t)
	if err != nil {
		return nil, err
	}
	if bbox != nil && !validBound(*bbox) {
		return nil, geo.Errorf(geo.EINVALID, "bbox %v–%v is not a WGS84 (lon, lat) box with min ≤ max", bbox.Min, bbox.Max)
	}
	r, ids := e.Results[k], e.Sets[k].IDs
	return cellRows(e, r.Seconds, bbox, func(i int) string {
		if n := r.Nearest[i]; n >= 0 && int(n) < len(ids) {
			return ids[n]
		}
		return ""
	}), nil
}

// CircleCells is CoverageCells for a named service circle: each cell's minutes are the
// largest over the circle's facilities of the walk to the nearest of the facility's
// targets (NaN when one of them is not reached within the engine's Options.MaxMinutes, or
// off-network), and FacilityID is empty (no one facility is nearest). Errors as
// CoverageCells; a circle without facilities or with an unknown target is EINVALID.
func CircleCells(e *engine.Engine, c Circle, bbox *orb.Bound) ([]CellRow, error) {
	if bbox != nil && !validBound(*bbox) {
		return nil, geo.Errorf(geo.EINVALID, "bbox %v–%v is not a WGS84 (lon, lat) box with min ≤ max", bbox.Min, bbox.Max)
	}
	secs, _, err := circleSeconds(e, c, e.Options.MaxMinutes)
	if err != nil {
		return nil, err
	}
	return cellRows(e, secs, bbox, func(int) string { return "" }), nil
}

// CircleSeconds returns every cell's walk time in seconds to circle c (the largest over
// its facilities of the time to the nearest of the facility's targets), exact up to at
// least minutes: NaN off-network, +Inf where a facility is not reached. A circle without
// facilities or with an unknown target is EINVALID.
func CircleSeconds(e *engine.Engine, c Circle, minutes float64) ([]float32, error) {
	secs, _, err := circleSeconds(e, c, minutes)
	return secs, err
}

// cellRows returns the rows of the cells whose centre lies in bbox (nil: all), with their
// walk times secs (seconds) and the facility facility(i) names for cell i.
func cellRows(e *engine.Engine, secs []float32, bbox *orb.Bound, facility func(i int) string) []CellRow {
	out := make([]CellRow, 0, len(e.Cells))
	for i, c := range e.Cells {
		if bbox != nil && !bbox.Contains(c.Center) {
			continue
		}
		row := CellRow{H3: c.H3.String(), Center: c.Center, Minutes: math.NaN(), Population: c.Population,
			OnNetwork: e.CellSnaps[i].OnNetwork, Community: e.Units.CellCommunityCode(i), FacilityID: facility(i)}
		if sec := float64(secs[i]); !math.IsNaN(sec) && !math.IsInf(sec, 1) {
			row.Minutes = sec / 60
		}
		out = append(out, row)
	}
	return out
}

// validBound reports whether b is a WGS84 (lon, lat) box with min ≤ max.
func validBound(b orb.Bound) bool {
	ok := func(p orb.Point) bool { return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90 }
	return ok(b.Min) && ok(b.Max) && b.Min[0] <= b.Max[0] && b.Min[1] <= b.Max[1]
}

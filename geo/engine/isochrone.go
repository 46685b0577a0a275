package engine

import (
	"github.com/lifecircle/lifecircle/geo/coverage"
	"math"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// Band is the area reached on foot within one threshold.
type Band struct {
	Minutes    float64
	Polygon    orb.MultiPolygon // union of reached H3 cells, WGS84 (lon, lat)
	Cells      int
	Population float64 // residents of reached cells of the study area
}

// Isochrone returns, for each threshold in minutes (ascending, each 1–60), the H3 cells
// whose centres are reached on foot from p (lon, lat WGS84) within it, merged into polygons.
func (e *Engine) Isochrone(p orb.Point, minutes []float64) ([]Band, error) {
	if len(minutes) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "give at least one number of minutes")
	}
	mins := append([]float64(nil), minutes...)
	sort.Float64s(mins)
	for _, m := range mins {
		if m < 1 || m > 60 {
			return nil, geo.Errorf(geo.EINVALID, "minutes %g is outside 1–60", m)
		}
	}
	from, err := e.SnapOnNetwork(p, "the point")
	if err != nil {
		return nil, err
	}
	maxSec := mins[len(mins)-1] * 60
	f := e.Graph.MultiSource([]walk.Snap{from}, maxSec)
	defer f.Release()
	cells, secs, pops := e.cellsAround(p, maxSec, f)
	bands := make([]Band, len(mins))
	for k, m := range mins {
		var in []h3.Cell
		var pop float64
		for i, c := range cells {
			if secs[i] <= m*60 {
				in = append(in, c)
				pop += pops[i]
			}
		}
		bands[k] = Band{Minutes: m, Polygon: coverage.MergeCells(in), Cells: len(in), Population: pop}
	}
	return bands, nil
}

// cellsAround returns the cells within walking reach of p and the walk seconds to each.
func (e *Engine) cellsAround(p orb.Point, maxSec float64, f *walk.Field) ([]h3.Cell, []float64, []float64) {
	res := e.Options.Resolution
	origin := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), res)
	// A walk is never shorter than the straight line between its ends, and its time counts
	// both access legs, so no cell farther than this in a straight line can be reached.
	reach := maxSec * e.Options.Walk.MetresPerSecond()
	edge := h3.HexagonEdgeLengthAvgM(res)
	k := int(math.Ceil(reach/(edge*1.5))) + 1
	disk := h3.GridDisk(origin, k)
	var cells []h3.Cell
	var secs, pops []float64
	var unknown []orb.Point
	var unknownAt []int
	for _, c := range disk {
		ll := c.LatLng()
		centre := orb.Point{ll.Lng, ll.Lat}
		if geo.HaversineM(p, centre) > reach {
			continue
		}
		cells = append(cells, c)
		secs = append(secs, math.Inf(1))
		pops = append(pops, 0)
		if i, ok := e.cellIndex[c]; ok {
			pops[len(pops)-1] = e.Cells[i].Population
			if t, _, ok := f.At(e.CellSnaps[i]); ok {
				secs[len(secs)-1] = t
			}
			continue
		}
		unknown = append(unknown, centre)
		unknownAt = append(unknownAt, len(cells)-1)
	}
	for j, s := range e.Graph.SnapAll(unknown) {
		if t, _, ok := f.At(s); ok {
			secs[unknownAt[j]] = t
		}
	}
	return cells, secs, pops
}

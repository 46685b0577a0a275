package coverage

import (
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/local"
)

// residentialLand returns, per cell, the residential land in it in m²: the area of the
// intersection of each residential polygon (holes subtracted) with the cell's hexagon,
// summed over the polygons, computed in a local plane around the cell's centre. Polygons
// that overlap each other (a building on residential landuse) are counted once each.
// Polygons with coordinates that are not WGS84 (lon, lat) are ignored.
func residentialLand(cells []Cell, residential []orb.MultiPolygon) []float64 {
	return newLandCells(cells).weightedLand(residential, nil, nil)
}

// landCells are the cells the land is measured in: their centre index and the hexagons
// computed so far, shared by the measures of one spread.
type landCells struct {
	cells []Cell
	ix    cellIndex
	hexes [][]xy // per cell, its hexagon (cellHexagon); nil not computed yet
}

func newLandCells(cells []Cell) *landCells {
	return &landCells{cells: cells, ix: newCellIndex(cells), hexes: make([][]xy, len(cells))}
}

// landPair is one polygon (polygon p of multipolygon k) that may reach cell i.
type landPair struct{ k, p, i int32 }

// weightedLand is residentialLand with polygon k's area multiplied by factor[k] (nil:
// every factor 1), e.g. a building's levels, and counted in cell i only when keep(k, i)
// (nil: always).
func (lc *landCells) weightedLand(residential []orb.MultiPolygon, factor []float64, keep func(k, i int) bool) []float64 {
	land := make([]float64, len(lc.cells))
	if len(lc.cells) == 0 {
		return land
	}
	pairs := lc.pairs(residential, keep)
	lc.computeHexes(pairs)
	// The areas (the costly part) are computed in parallel, then summed in polygon order,
	// as one loop over the pairs would.
	areas := make([]float64, len(pairs))
	parallelChunks(len(pairs), func(lo, hi int) {
		var s landScratch
		for q := lo; q < hi; q++ {
			pr := pairs[q]
			areas[q] = s.polygonInHexagon(residential[pr.k][pr.p], lc.cells[pr.i].Center, lc.hexes[pr.i])
		}
	})
	for q, pr := range pairs {
		f := 1.0
		if factor != nil {
			f = factor[pr.k]
		}
		land[pr.i] += f * areas[q]
	}
	return land
}

// pairs lists, polygon by polygon in order, the cells whose centres lie within about
// 1.5 cell edges of each well-formed polygon's bound (and keep(k, i)), in the index's
// order. Consecutive runs of polygons are listed in parallel, then joined in order; keep
// must be safe for concurrent use.
func (lc *landCells) pairs(residential []orb.MultiPolygon, keep func(k, i int) bool) []landPair {
	reach := 1.5 * cellEdgeDeg(lc.cells[0].H3)
	var mu sync.Mutex
	runs := map[int][]landPair{} // by the run's first polygon
	parallelChunks(len(residential), func(lo, hi int) {
		var pairs []landPair
		for k := lo; k < hi; k++ {
			for p, poly := range residential[k] {
				if len(poly) == 0 || checkPolygon(poly) != nil {
					continue
				}
				b := poly.Bound()
				lonReach := reach / math.Max(0.01, local.LonScale(b.Center()[1]))
				b.Min = orb.Point{b.Min[0] - lonReach, b.Min[1] - reach}
				b.Max = orb.Point{b.Max[0] + lonReach, b.Max[1] + reach}
				lc.ix.query(b, func(i int) {
					if keep == nil || keep(k, i) {
						pairs = append(pairs, landPair{int32(k), int32(p), int32(i)})
					}
				})
			}
		}
		mu.Lock()
		runs[lo] = pairs
		mu.Unlock()
	})
	starts := slices.Sorted(maps.Keys(runs))
	var out []landPair
	for _, lo := range starts {
		out = append(out, runs[lo]...)
	}
	return out
}

// computeHexes computes, in parallel (cgo calls), the hexagons of the pairs' cells not
// computed yet.
func (lc *landCells) computeHexes(pairs []landPair) {
	var need []int32
	for _, pr := range pairs {
		if lc.hexes[pr.i] == nil {
			lc.hexes[pr.i] = []xy{}
			need = append(need, pr.i)
		}
	}
	parallelChunks(len(need), func(lo, hi int) {
		for _, i := range need[lo:hi] {
			lc.hexes[i] = cellHexagon(lc.cells[i])
		}
	})
}

// landScratch holds reusable buffers for polygonInHexagon.
type landScratch struct {
	ring []xy
	clip [2][]xy
}

// polygonInHexagon returns the area in m² of poly (outer ring minus holes) inside hex,
// a counter-clockwise hexagon in the local plane around centre.
func (s *landScratch) polygonInHexagon(poly orb.Polygon, centre orb.Point, hex []xy) float64 {
	pl := local.NewPlane(centre)
	var a float64
	for ri, r := range poly {
		if len(r) < 3 {
			continue
		}
		s.ring = planeRing(pl, r, s.ring)
		part := math.Abs(signedArea(clipConvex(s.ring, hex, &s.clip)))
		if ri == 0 {
			a += part
		} else {
			a -= part
		}
	}
	return math.Max(0, a)
}

// cellHexagon returns c's boundary (CellPolygon's ring without its closing vertex) in
// the local plane around its centre, counter-clockwise.
func cellHexagon(c Cell) []xy {
	var hex []xy
	if c.H3.IsValid() {
		pl := local.NewPlane(c.Center)
		bd := h3.CellToBoundary(c.H3)
		hex = make([]xy, len(bd))
		for k, ll := range bd {
			hex[k] = planeXY(pl, orb.Point{ll.Lng, ll.Lat})
		}
	}
	if signedArea(hex) < 0 {
		for i, j := 0, len(hex)-1; i < j; i, j = i+1, j-1 {
			hex[i], hex[j] = hex[j], hex[i]
		}
	}
	return hex
}

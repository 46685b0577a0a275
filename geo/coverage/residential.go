package coverage

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo/local"
)

// residentialLand returns, per cell, the residential land in it in m²: the area of the
// intersection of each residential polygon (holes subtracted) with the cell's hexagon,
// summed over the polygons, computed in a local plane around the cell's centre. Polygons
// that overlap each other (a building on residential landuse) are counted once each.
// Polygons with coordinates that are not WGS84 (lon, lat) are ignored.
func residentialLand(cells []Cell, residential []orb.MultiPolygon) []float64 {
	return weightedLand(cells, residential, nil, nil)
}

// weightedLand is residentialLand with polygon k's area multiplied by factor[k] (nil:
// every factor 1), e.g. a building's levels, and counted in cell i only when keep(k, i)
// (nil: always).
func weightedLand(cells []Cell, residential []orb.MultiPolygon, factor []float64, keep func(k, i int) bool) []float64 {
	land := make([]float64, len(cells))
	if len(cells) == 0 {
		return land
	}
	ix := newCellIndex(cells)
	reach := 1.5 * cellEdgeDeg(cells[0].H3)
	each := func(fn func(k, i int, f float64, poly orb.Polygon)) {
		for k, mp := range residential {
			f := 1.0
			if factor != nil {
				f = factor[k]
			}
			for _, poly := range mp {
				if len(poly) == 0 || checkPolygon(poly) != nil {
					continue
				}
				b := poly.Bound()
				lonReach := reach / math.Max(0.01, local.LonScale(b.Center()[1]))
				b.Min = orb.Point{b.Min[0] - lonReach, b.Min[1] - reach}
				b.Max = orb.Point{b.Max[0] + lonReach, b.Max[1] + reach}
				ix.query(b, func(i int) {
					if keep == nil || keep(k, i) {
						fn(k, i, f, poly)
					}
				})
			}
		}
	}
	// The hexagons of the cells that some polygon may reach (cgo calls) are computed in
	// parallel first; the areas are then summed in polygon order, as before.
	hexes := make([][]xy, len(cells))
	var need []int32
	each(func(_, i int, _ float64, _ orb.Polygon) {
		if hexes[i] == nil {
			hexes[i] = []xy{}
			need = append(need, int32(i))
		}
	})
	parallelChunks(len(need), func(lo, hi int) {
		for _, i := range need[lo:hi] {
			hexes[i] = cellHexagon(cells[i])
		}
	})
	var s landScratch
	each(func(_, i int, f float64, poly orb.Polygon) {
		land[i] += f * s.polygonInHexagon(poly, cells[i].Center, hexes[i])
	})
	return land
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

// cellHexagon returns c's boundary in the local plane around its centre,
// counter-clockwise.
func cellHexagon(c Cell) []xy {
	var ring orb.Ring
	if poly := CellPolygon(c.H3); len(poly) > 0 {
		ring = poly[0]
	}
	hex := planeRing(local.NewPlane(c.Center), ring, nil)
	if signedArea(hex) < 0 {
		for i, j := 0, len(hex)-1; i < j; i, j = i+1, j-1 {
			hex[i], hex[j] = hex[j], hex[i]
		}
	}
	return hex
}

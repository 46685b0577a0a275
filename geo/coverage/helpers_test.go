package coverage_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/local"
)

// plane is the local plane of a point in central Chengdu: test shapes are laid out in
// metres east and north of its origin.
var plane = local.NewPlane(orb.Point{104.07, 30.66})

// rect returns the closed ring of the rectangle [x0, x1] × [y0, y1] metres around plane's origin.
func rect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{
		plane.LonLat(x0, y0), plane.LonLat(x1, y0), plane.LonLat(x1, y1),
		plane.LonLat(x0, y1), plane.LonLat(x0, y0),
	}
}

// bruteForceCells returns, for every cell at res near the areas, the index of the first
// area whose boundary holds its centre (planar test in lon/lat), by scanning a grid disk
// large enough to cover all areas.
func bruteForceCells(tb testing.TB, areas []orb.MultiPolygon, res int) map[h3.Cell]int {
	tb.Helper()
	var b orb.Bound
	first := true
	for _, mp := range areas {
		if len(mp) == 0 {
			continue
		}
		if first {
			b, first = mp.Bound(), false
		} else {
			b = b.Union(mp.Bound())
		}
	}
	out := map[h3.Cell]int{}
	if first {
		return out
	}
	c := b.Center()
	centre := h3.LatLngToCell(h3.NewLatLng(c[1], c[0]), res)
	diag := h3.GreatCircleDistanceM(h3.NewLatLng(b.Min[1], b.Min[0]), h3.NewLatLng(b.Max[1], b.Max[0]))
	k := int(diag/(2*h3.HexagonEdgeLengthAvgM(res)*math.Sqrt(3))*1.3) + 3
	for _, cell := range h3.GridDisk(centre, k) {
		ll := h3.CellToLatLng(cell)
		p := orb.Point{ll.Lng, ll.Lat}
		for ai, mp := range areas {
			if planar.MultiPolygonContains(mp, p) {
				out[cell] = ai
				break
			}
		}
	}
	return out
}

func near(a, b, tol float64) bool {
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= tol
}

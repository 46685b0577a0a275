package coverage

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/local"
)

// maxSplitDepth bounds how often fillPolygon quarters a polygon that H3 filled short.
const maxSplitDepth = 4

// fillPolygon returns the cells at res whose centres lie in poly (a checked WGS84 (lon,
// lat) polygon). h3-go ignores the error code of H3 4.1's polygonToCells, which stops
// early (E_FAILED) when its bounding-box size estimate is too small; when the result is
// far below what the polygon's area predicts, the polygon is filled again by quarters.
func fillPolygon(poly orb.Polygon, res, depth int) []h3.Cell {
	cells := h3.PolygonToCells(toGeoPolygon(poly), res)
	if depth >= maxSplitDepth || !tooFew(poly, len(cells), res) {
		return cells
	}
	return fillQuarters(poly, res, depth)
}

// fillQuarters fills poly by clipping it to the four quarters of its bounding box.
func fillQuarters(poly orb.Polygon, res, depth int) []h3.Cell {
	b := poly.Bound()
	mid := b.Center()
	quarters := []orb.Bound{
		{Min: b.Min, Max: mid},
		{Min: orb.Point{mid[0], b.Min[1]}, Max: orb.Point{b.Max[0], mid[1]}},
		{Min: orb.Point{b.Min[0], mid[1]}, Max: orb.Point{mid[0], b.Max[1]}},
		{Min: mid, Max: b.Max},
	}
	var out []h3.Cell
	for _, q := range quarters {
		part := clip.Polygon(q, poly.Clone())
		if len(part) == 0 || len(part[0]) < 4 {
			continue
		}
		out = append(out, fillPolygon(part, res, depth+1)...)
	}
	return out
}

// tooFew reports whether got cells are far fewer than poly's area predicts.
func tooFew(poly orb.Polygon, got, res int) bool {
	c := poly.Bound().Center()
	cellM2 := h3.CellAreaM2(h3.LatLngToCell(h3.NewLatLng(c[1], c[0]), res))
	want := orbgeo.Area(poly) / cellM2
	return float64(got) < 0.5*want-4
}

// boundCellEstimate returns about how many cells at res cover the bound b.
func boundCellEstimate(b orb.Bound, res int) float64 {
	h := (b.Max[1] - b.Min[1]) * local.MetresPerDegreeLat
	w := (b.Max[0] - b.Min[0]) * local.MetresPerDegreeLon(b.Center()[1])
	return h * w / h3.HexagonAreaAvgM2(res)
}

// toGeoPolygon converts a (lon, lat) polygon to H3's (lat, lng) loops, without the
// closing vertex.
func toGeoPolygon(poly orb.Polygon) h3.GeoPolygon {
	gp := h3.GeoPolygon{GeoLoop: toLoop(poly[0])}
	for _, hole := range poly[1:] {
		if len(hole) > 0 {
			gp.Holes = append(gp.Holes, toLoop(hole))
		}
	}
	return gp
}

func toLoop(r orb.Ring) h3.GeoLoop {
	if len(r) > 1 && r[0] == r[len(r)-1] {
		r = r[:len(r)-1]
	}
	loop := make(h3.GeoLoop, len(r))
	for i, p := range r {
		loop[i] = h3.NewLatLng(p[1], p[0])
	}
	return loop
}

// checkPolygon reports the first malformed ring of poly: fewer than 3 distinct vertices
// or a coordinate that is not WGS84 (lon, lat). Empty holes are ignored.
func checkPolygon(poly orb.Polygon) error {
	for ri, r := range poly {
		if ri > 0 && len(r) == 0 {
			continue
		}
		n := len(r)
		if n > 1 && r[0] == r[n-1] {
			n--
		}
		if n < 3 {
			return fmt.Errorf("ring %d has %d distinct vertices, a ring needs at least 3", ri, n)
		}
		for vi, p := range r {
			if !validLonLat(p) {
				return fmt.Errorf("ring %d, vertex %d: (%v, %v) is not a WGS84 (lon, lat) coordinate", ri, vi, p[0], p[1])
			}
		}
	}
	return nil
}

// validLonLat reports whether p is a finite (lon, lat) in [-180, 180] × [-90, 90].
func validLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

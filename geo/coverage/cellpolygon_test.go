package coverage_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

func TestCellsPolygon(t *testing.T) {
	centre := h3.LatLngToCell(h3.NewLatLng(30.66, 104.06), 10)
	ring := h3.GridDisk(centre, 1)[1:] // GridDisk lists the origin first
	far := h3.GridDiskDistances(centre, 3)[3][0]
	tests := []struct {
		name      string
		cells     []h3.Cell
		polygons  int
		holes     int
		areaCells []h3.Cell // cells whose exact areas must add up to the polygon's area
	}{
		{"one cell", []h3.Cell{centre}, 1, 0, []h3.Cell{centre}},
		{"a disk of seven", h3.GridDisk(centre, 1), 1, 0, h3.GridDisk(centre, 1)},
		{"a ring around a hole", ring, 1, 1, ring},
		{"two apart", []h3.Cell{centre, far}, 2, 0, []h3.Cell{centre, far}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mp := coverage.MergeCells(tc.cells)
			if len(mp) != tc.polygons {
				t.Fatalf("polygons = %d, want %d", len(mp), tc.polygons)
			}
			holes := 0
			for _, p := range mp {
				holes += len(p) - 1
			}
			if holes != tc.holes {
				t.Errorf("holes = %d, want %d", holes, tc.holes)
			}
			var want float64
			for _, c := range tc.areaCells {
				want += h3.CellAreaM2(c)
			}
			got := orbgeo.Area(mp)
			if math.Abs(got-want)/want > 0.01 {
				t.Errorf("area = %.0f m², want %.0f m² (sum of cells)", got, want)
			}
		})
	}
}

func TestCellPolygon(t *testing.T) {
	cases := []struct {
		name     string
		cell     h3.Cell
		vertices int // distinct vertices
	}{
		{"Chengdu, resolution 10", h3.LatLngToCell(h3.NewLatLng(30.66, 104.07), 10), 6},
		{"Beijing, resolution 8", h3.LatLngToCell(h3.NewLatLng(39.9, 116.4), 8), 6},
		{"south of the equator, west of Greenwich", h3.LatLngToCell(h3.NewLatLng(-22.9, -43.2), 9), 6},
		{"a pentagon (resolution 8, class II: no added vertex)", pentagon(t, 8), 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			poly := coverage.CellPolygon(c.cell)
			if len(poly) != 1 {
				t.Fatalf("%d rings, want 1", len(poly))
			}
			r := poly[0]
			if len(r) != c.vertices+1 || r[0] != r[len(r)-1] {
				t.Fatalf("ring of %d points %v, want %d vertices and the first again", len(r), r, c.vertices)
			}
			if r.Orientation() != orb.CCW {
				t.Errorf("ring is not counter-clockwise")
			}
			ll := h3.CellToLatLng(c.cell)
			centre := orb.Point{ll.Lng, ll.Lat}
			if !planar.PolygonContains(poly, centre) {
				t.Errorf("centre %v (lon, lat) is not inside %v", centre, r)
			}
			// Every vertex lies about one edge length from the centre, and the ring
			// encloses the cell's area.
			edge := h3.HexagonEdgeLengthAvgM(c.cell.Resolution())
			for _, v := range r {
				if d := geo.HaversineM(centre, v); math.Abs(d-edge) > 0.3*edge {
					t.Errorf("vertex %v is %.1f m from the centre, a cell edge is %.1f m", v, d, edge)
				}
			}
			if a, want := orbgeo.Area(poly), h3.CellAreaM2(c.cell); math.Abs(a-want) > 0.01*want {
				t.Errorf("area %.1f m², H3 says %.1f m²", a, want)
			}
		})
	}
	if p := coverage.CellPolygon(h3.Cell(0)); p != nil {
		t.Errorf("invalid cell gives %v, want nil", p)
	}
}

// pentagon returns one of the twelve pentagons at res whose boundary has no added vertex.
func pentagon(tb testing.TB, res int) h3.Cell {
	tb.Helper()
	for _, p := range h3.Pentagons(res) {
		if len(h3.CellToBoundary(p)) == 5 {
			return p
		}
	}
	tb.Fatalf("no plain pentagon at resolution %d", res)
	return 0
}

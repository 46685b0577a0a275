package coverage_test

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb/geo"
	"github.com/uber/h3-go/v4"
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
			got := geo.Area(mp)
			if math.Abs(got-want)/want > 0.01 {
				t.Errorf("area = %.0f m², want %.0f m² (sum of cells)", got, want)
			}
		})
	}
}

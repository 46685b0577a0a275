package coverage_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

func TestCellsMatchBruteForce(t *testing.T) {
	square := orb.MultiPolygon{{rect(0, 0, 1500, 1500)}}
	lShape := orb.MultiPolygon{{orb.Ring{
		plane.LonLat(0, 0), plane.LonLat(2000, 0), plane.LonLat(2000, 500),
		plane.LonLat(500, 500), plane.LonLat(500, 2000), plane.LonLat(0, 2000), plane.LonLat(0, 0),
	}}}
	withHole := orb.MultiPolygon{{rect(0, 0, 2000, 2000), rect(600, 600, 1400, 1400)}}
	twoParts := orb.MultiPolygon{{rect(0, 0, 700, 700)}, {rect(1500, 1500, 2200, 2000)}}
	cases := []struct {
		name  string
		areas []orb.MultiPolygon
		res   int
	}{
		{"square", []orb.MultiPolygon{square}, 10},
		{"default resolution", []orb.MultiPolygon{square}, 0},
		{"concave L", []orb.MultiPolygon{lShape}, 10},
		{"hole", []orb.MultiPolygon{withHole}, 10},
		{"two parts", []orb.MultiPolygon{twoParts}, 10},
		{"overlapping areas, first wins", []orb.MultiPolygon{{{rect(0, 0, 1200, 1200)}}, {{rect(800, 800, 2000, 2000)}}, square}, 10},
		{"resolution 9", []orb.MultiPolygon{lShape, withHole}, 9},
		{"unclosed ring", []orb.MultiPolygon{{{rect(0, 0, 900, 900)[:4]}}}, 10},
		{"empty area", []orb.MultiPolygon{nil, square}, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cells, err := coverage.Cells(tc.areas, tc.res)
			if err != nil {
				t.Fatal(err)
			}
			res := tc.res
			if res == 0 {
				res = 10
			}
			want := bruteForceCells(t, closeRings(tc.areas), res)
			if len(cells) != len(want) {
				t.Errorf("%d cells, brute force finds %d", len(cells), len(want))
			}
			for i, c := range cells {
				if i > 0 && cells[i-1].H3 >= c.H3 {
					t.Fatalf("cells not sorted/unique at %d", i)
				}
				area, ok := want[c.H3]
				if !ok {
					t.Errorf("cell %v: centre not in any area by brute force", c.H3)
					continue
				}
				if c.Area != area {
					t.Errorf("cell %v: area %d, want %d", c.H3, c.Area, area)
				}
				checkCellGeometry(t, c, res)
			}
		})
	}
}

// closeRings returns the areas with every ring closed, for planar containment.
func closeRings(areas []orb.MultiPolygon) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(areas))
	for i, mp := range areas {
		out[i] = mp.Clone()
		for _, poly := range out[i] {
			for ri, r := range poly {
				if len(r) > 0 && r[0] != r[len(r)-1] {
					poly[ri] = append(r, r[0])
				}
			}
		}
	}
	return out
}

func checkCellGeometry(tb testing.TB, c coverage.Cell, res int) {
	tb.Helper()
	if c.H3.Resolution() != res {
		tb.Errorf("cell %v has resolution %d, want %d", c.H3, c.H3.Resolution(), res)
	}
	ll := h3.CellToLatLng(c.H3)
	if !near(c.Center[0], ll.Lng, 1e-12) || !near(c.Center[1], ll.Lat, 1e-12) {
		tb.Errorf("cell %v: centre %v is not (lon, lat) of %v", c.H3, c.Center, ll)
	}
	// The hexagon's area from its boundary with orb's spherical formula.
	if a := orbgeo.Area(coverage.CellPolygon(c.H3)); math.Abs(c.AreaM2-a) > 0.01*a {
		tb.Errorf("cell %v: AreaM2 %.1f, boundary area %.1f", c.H3, c.AreaM2, a)
	}
}

func TestCellsCoverTheArea(t *testing.T) {
	poly := orb.Polygon{rect(0, 0, 3000, 2000)}
	cells, err := coverage.Cells([]orb.MultiPolygon{{poly}}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, c := range cells {
		sum += c.AreaM2
	}
	if want := orbgeo.Area(poly); math.Abs(sum-want) > 0.05*want {
		t.Errorf("cells cover %.0f m², the polygon has %.0f m²", sum, want)
	}
}

func TestCellsInBound(t *testing.T) {
	b := orb.Bound{Min: plane.LonLat(0, 0), Max: plane.LonLat(1800, 1200)}
	cells, err := coverage.CellsInBound(b, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := bruteForceCells(t, []orb.MultiPolygon{{b.ToPolygon()}}, 10)
	if len(cells) != len(want) {
		t.Errorf("%d cells, brute force finds %d", len(cells), len(want))
	}
	for _, c := range cells {
		if _, ok := want[c.H3]; !ok || c.Area != -1 {
			t.Errorf("cell %v: in brute force %v, area %d (want -1)", c.H3, ok, c.Area)
		}
	}
}

func TestCellsRejectsBadInput(t *testing.T) {
	swapped := orb.Ring{{30.66, 104.07}, {30.67, 104.07}, {30.67, 104.08}, {30.66, 104.07}}
	china := orb.Ring{{73, 18}, {135, 18}, {135, 53}, {73, 53}, {73, 18}}
	cases := []struct {
		name  string
		areas []orb.MultiPolygon
		res   int
	}{
		{"two-point ring", []orb.MultiPolygon{{{{plane.Origin, plane.LonLat(10, 10), plane.Origin}}}}, 10},
		{"lon and lat swapped", []orb.MultiPolygon{{{swapped}}}, 10},
		{"NaN vertex", []orb.MultiPolygon{{{{plane.Origin, {math.NaN(), 30}, plane.LonLat(100, 100), plane.Origin}}}}, 10},
		{"bad hole", []orb.MultiPolygon{{{rect(0, 0, 100, 100), {plane.Origin, plane.Origin}}}}, 10},
		{"resolution 16", []orb.MultiPolygon{{{rect(0, 0, 100, 100)}}}, 16},
		{"negative resolution", []orb.MultiPolygon{{{rect(0, 0, 100, 100)}}}, -1},
		{"too many cells", []orb.MultiPolygon{{{china}}}, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := coverage.Cells(tc.areas, tc.res)
			if code := geo.ErrorCodeOf(err); code != geo.EINVALID {
				t.Fatalf("error %v (code %q), want EINVALID", err, code)
			}
			t.Log(err)
		})
	}
	t.Run("bound with min > max", func(t *testing.T) {
		_, err := coverage.CellsInBound(orb.Bound{Min: plane.LonLat(100, 0), Max: plane.Origin}, 10)
		if code := geo.ErrorCodeOf(err); code != geo.EINVALID {
			t.Fatalf("error %v (code %q), want EINVALID", err, code)
		}
	})
}

func TestCellsEmpty(t *testing.T) {
	cells, err := coverage.Cells(nil, 10)
	if err != nil || len(cells) != 0 {
		t.Fatalf("Cells(nil) = %d cells, %v; want none, nil", len(cells), err)
	}
}

package coverage_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// hexagon returns the closed (lon, lat) ring of cell c's boundary.
func hexagon(c h3.Cell) orb.Ring { return coverage.CellPolygon(c)[0] }

// studyCells returns the cells of two adjacent 1 km × 1 km communities.
func studyCells(tb testing.TB) ([]coverage.Cell, []coverage.Area) {
	tb.Helper()
	areas := []coverage.Area{
		{Population: 12000, Boundary: orb.MultiPolygon{{rect(0, 0, 1000, 1000)}}},
		{Population: 5000, Boundary: orb.MultiPolygon{{rect(1000, 0, 2000, 1000)}}},
	}
	cells, err := coverage.Cells([]orb.MultiPolygon{areas[0].Boundary, areas[1].Boundary}, 10)
	if err != nil {
		tb.Fatal(err)
	}
	return cells, areas
}

// areaCells returns the indices of the cells whose centres lie in the area's boundary.
func areaCells(cells []coverage.Cell, a coverage.Area) []int {
	var out []int
	for i, c := range cells {
		if planar.MultiPolygonContains(a.Boundary, c.Center) {
			out = append(out, i)
		}
	}
	return out
}

func TestSpreadPopulationConserves(t *testing.T) {
	cells, areas := studyCells(t)
	cases := []struct {
		name        string
		residential []orb.MultiPolygon
	}{
		{"by cell area", nil},
		{"by residential land", []orb.MultiPolygon{{{rect(100, 100, 600, 400)}}, {{rect(1200, 500, 1900, 900), rect(1300, 600, 1400, 700)}}}},
		{"residential in one community only", []orb.MultiPolygon{{{rect(100, 100, 600, 400)}}}},
		{"residential outside both", []orb.MultiPolygon{{{rect(5000, 5000, 6000, 6000)}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			coverage.SpreadPopulation(cells, areas, tc.residential, nil)
			var total float64
			for ai, a := range areas {
				var sum float64
				for _, i := range areaCells(cells, a) {
					sum += cells[i].Population
				}
				if !near(sum, a.Population, 1e-6*a.Population) {
					t.Errorf("area %d: cells hold %.6f residents, want %.0f", ai, sum, a.Population)
				}
				total += sum
			}
			for _, c := range cells {
				total -= c.Population
				if c.Population < 0 || math.IsNaN(c.Population) {
					t.Errorf("cell %v has population %v", c.H3, c.Population)
				}
			}
			if math.Abs(total) > 1e-6 {
				t.Errorf("cells outside the areas hold %.6f residents", -total)
			}
		})
	}
}

func TestSpreadPopulationByCellArea(t *testing.T) {
	cells, areas := studyCells(t)
	coverage.SpreadPopulation(cells, areas, nil, nil)
	for _, a := range areas {
		idx := areaCells(cells, a)
		var areaSum float64
		for _, i := range idx {
			areaSum += cells[i].AreaM2
		}
		for _, i := range idx {
			if want := a.Population * cells[i].AreaM2 / areaSum; !near(cells[i].Population, want, 1e-9*a.Population) {
				t.Errorf("cell %v: %.4f residents, want %.4f", cells[i].H3, cells[i].Population, want)
			}
		}
	}
}

func TestSpreadPopulationByResidentialLand(t *testing.T) {
	cells, areas := studyCells(t)
	inA := areaCells(cells, areas[0])
	// Two cells of community 0 well inside it.
	var picked []int
	for _, i := range inA {
		if planar.PolygonContains(orb.Polygon{rect(200, 200, 800, 800)}, cells[i].Center) {
			picked = append(picked, i)
		}
	}
	if len(picked) < 2 {
		t.Fatalf("only %d cells inside the inner square", len(picked))
	}
	a, b := picked[0], picked[1]
	pop := areas[0].Population
	// land returns the weights the case implies: the hexagon area (≈ AreaM2) of each
	// residential cell, as often as it is covered.
	cases := []struct {
		name        string
		residential []orb.MultiPolygon
		land        map[int]float64 // cell → residential land; nil: every cell but a, fully
	}{
		{"one hexagon", []orb.MultiPolygon{{{hexagon(cells[a].H3)}}}, map[int]float64{a: 1}},
		{"hexagon counted twice beside another", []orb.MultiPolygon{
			{{hexagon(cells[a].H3)}, {hexagon(cells[b].H3)}}, {{hexagon(cells[a].H3)}},
		}, map[int]float64{a: 2 * cells[a].AreaM2, b: cells[b].AreaM2}},
		{"landuse with a hexagon hole", []orb.MultiPolygon{{
			{rect(-300, -300, 2300, 1300), hexagon(cells[a].H3)},
		}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			land := tc.land
			if land == nil {
				land = map[int]float64{}
				for _, i := range inA {
					if i != a {
						land[i] = cells[i].AreaM2
					}
				}
			}
			var sum float64
			for _, w := range land {
				sum += w
			}
			coverage.SpreadPopulation(cells, areas, tc.residential, nil)
			for _, i := range inA {
				want := pop * land[i] / sum
				if !near(cells[i].Population, want, 1e-3*pop/float64(len(land))) {
					t.Errorf("cell %v: %.3f residents, want %.3f", cells[i].H3, cells[i].Population, want)
				}
			}
		})
	}
}

func TestSpreadPopulationFromGrid(t *testing.T) {
	cells, areas := studyCells(t)
	grid := map[h3.Cell]float64{
		cells[0].H3:                120,
		cells[1].H3:                -5,         // nonsense: counts 0
		cells[2].H3:                math.NaN(), // nonsense: counts 0
		cells[3].H3:                7.5,
		h3.Cell(0x8a2a1072b59ffff): 99, // not a study cell: ignored
	}
	want := map[int]float64{0: 120, 3: 7.5}
	coverage.SpreadPopulation(cells, areas, nil, grid)
	for i, c := range cells {
		if c.Population != want[i] {
			t.Errorf("cell %d: %v residents, want %v", i, c.Population, want[i])
		}
	}
}

func TestSpreadPopulationSmallAndOverlappingAreas(t *testing.T) {
	cells, _ := studyCells(t)
	tiny := orb.Ring{plane.LonLat(500, 500), plane.LonLat(505, 500), plane.LonLat(505, 505), plane.LonLat(500, 505), plane.LonLat(500, 500)}
	ctr := plane.LonLat(502.5, 502.5)
	tinyCell := h3.LatLngToCell(h3.NewLatLng(ctr[1], ctr[0]), 10)
	areas := []coverage.Area{
		{Population: 1000, Boundary: orb.MultiPolygon{{rect(0, 0, 1000, 1000)}}},
		{Population: 3000, Boundary: orb.MultiPolygon{{rect(500, 0, 2000, 1000)}}}, // overlaps area 0
		{Population: 40, Boundary: orb.MultiPolygon{{tiny}}},                       // holds no cell centre
		{Population: math.Inf(1), Boundary: orb.MultiPolygon{{rect(0, 0, 2000, 1000)}}},
	}
	coverage.SpreadPopulation(cells, areas, nil, nil)
	var sum0, sum1 float64
	found := false
	for _, c := range cells {
		extra := 0.0
		if c.H3 == tinyCell {
			extra, found = 40, true
		}
		switch {
		case planar.MultiPolygonContains(areas[0].Boundary, c.Center):
			sum0 += c.Population - extra
		case planar.MultiPolygonContains(areas[1].Boundary, c.Center):
			sum1 += c.Population - extra
		}
	}
	if !found {
		t.Fatalf("the tiny area's cell %v is not a study cell", tinyCell)
	}
	if !near(sum0, 1000, 1e-6) || !near(sum1, 3000, 1e-6) {
		t.Errorf("first area's cells hold %.6f (want 1000), second's (overlap excluded) %.6f (want 3000)", sum0, sum1)
	}
}

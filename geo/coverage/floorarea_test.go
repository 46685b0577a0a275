package coverage_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// sampledFloor is the independent floor area per cell: each counted home's rectangle
// [x0, x1] × [y0, y1] m around plane's origin sampled every 5 m, each sample worth 25 m² × levels
// in the cell holding it.
func sampledFloor(homes []sampleHome, res int) map[h3.Cell]float64 {
	out := map[h3.Cell]float64{}
	for _, h := range homes {
		for x := h.x0 + 2.5; x < h.x1; x += 5 {
			for y := h.y0 + 2.5; y < h.y1; y += 5 {
				p := plane.LonLat(x, y)
				c := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), res)
				out[c] += 25 * h.levels
			}
		}
	}
	return out
}

type sampleHome struct {
	kind           string
	levels         float64 // 0: not tagged
	x0, y0, x1, y1 float64
}

func (h sampleHome) home() coverage.Home {
	return coverage.Home{Kind: h.kind, Levels: h.levels, Polygon: orb.MultiPolygon{{rect(h.x0, h.y0, h.x1, h.y1)}}}
}

func TestSpreadPopulationHomes(t *testing.T) {
	land := []orb.MultiPolygon{{{rect(1100, 100, 1900, 900)}}}
	apartments := sampleHome{"apartments", 6, 100, 100, 300, 300}
	house := sampleHome{"house", 0, 650, 650, 750, 750}
	yesIn := sampleHome{"yes", 2, 1200, 200, 1400, 400}
	yesOut := sampleHome{"yes", 0, 500, 100, 600, 200} // community 0, outside residential land
	cases := []struct {
		name    string
		homes   []sampleHome
		land    []orb.MultiPolygon
		grid    bool
		methods []coverage.Method
		counted []sampleHome // with levels as counted (the default filled in)
	}{
		{"buildings in one, residential land in the other", []sampleHome{apartments, house, yesOut}, land, false,
			[]coverage.Method{coverage.MethodBuildings, coverage.MethodResidential}, []sampleHome{apartments, {"house", 3, 650, 650, 750, 750}}},
		{"yes inside residential land counts", []sampleHome{apartments, yesIn}, land, false,
			[]coverage.Method{coverage.MethodBuildings, coverage.MethodBuildings}, []sampleHome{apartments, yesIn}},
		{"no buildings nor land: by area", nil, nil, false, []coverage.Method{coverage.MethodArea, coverage.MethodArea}, nil},
		{"a grid wins", []sampleHome{apartments}, land, true, []coverage.Method{coverage.MethodGrid, coverage.MethodGrid}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cells, areas := studyCells(t)
			homes := coverage.Homes{Land: tc.land, Residential: tc.land}
			for _, h := range tc.homes {
				homes.Buildings = append(homes.Buildings, h.home())
			}
			var grid map[h3.Cell]float64
			if tc.grid {
				grid = map[h3.Cell]float64{cells[0].H3: 7}
			}
			methods := coverage.SpreadPopulationHomes(cells, areas, homes, grid)
			for i, m := range methods {
				if m != tc.methods[i] {
					t.Errorf("area %d: method %q, want %q", i, m, tc.methods[i])
				}
			}
			if tc.grid {
				if cells[0].Population != 7 {
					t.Errorf("cell 0 holds %g, the grid says 7", cells[0].Population)
				}
				return
			}
			checkFloorSpread(t, cells, areas, methods, sampledFloor(tc.counted, 10))
		})
	}
}

// checkFloorSpread wants every area spread by buildings to give each of its cells its
// population × the cell's share of the area's sampled floor area (1 % of the area's
// population), and every area's cells to sum to its population.
func checkFloorSpread(tb testing.TB, cells []coverage.Cell, areas []coverage.Area, methods []coverage.Method, floor map[h3.Cell]float64) {
	tb.Helper()
	for ai, a := range areas {
		idx := areaCells(cells, a)
		var total, sum float64
		for _, i := range idx {
			total += floor[cells[i].H3]
			sum += cells[i].Population
		}
		if math.Abs(sum-a.Population) > 1e-6*a.Population {
			tb.Errorf("area %d: cells hold %g, population %g", ai, sum, a.Population)
		}
		if methods[ai] != coverage.MethodBuildings {
			continue
		}
		for _, i := range idx {
			want := a.Population * floor[cells[i].H3] / total
			if math.Abs(cells[i].Population-want) > 0.01*a.Population {
				tb.Errorf("area %d cell %s: %.1f residents, sampled floor area gives %.1f", ai, cells[i].H3, cells[i].Population, want)
			}
		}
	}
}

func TestSpreadPopulationHomesNone(t *testing.T) {
	cells, areas := studyCells(t)
	areas[1].Population = 0
	methods := coverage.SpreadPopulationHomes(cells, areas, coverage.Homes{}, nil)
	if methods[1] != coverage.MethodNone || methods[0] != coverage.MethodArea {
		t.Errorf("methods %v, want [area none]", methods)
	}
}

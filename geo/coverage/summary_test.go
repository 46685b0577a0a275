package coverage_test

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

var inf = math.Inf(1)

// tinyCells returns cells with the given populations and areas (no H3 needed).
func tinyCells(pop, area []float64) []coverage.Cell {
	cells := make([]coverage.Cell, len(pop))
	for i := range pop {
		cells[i] = coverage.Cell{Area: -1, Population: pop[i], AreaM2: area[i]}
	}
	return cells
}

func seconds(s ...float64) coverage.Result {
	r := coverage.Result{Kind: "category", Key: "test"}
	for _, v := range s {
		r.Seconds = append(r.Seconds, float32(v))
	}
	return r
}

func TestSummarise(t *testing.T) {
	// Five cells: 2 min, 400 s, exactly 15 min, unreachable, off-network.
	cells := tinyCells([]float64{100, 200, 300, 400, 0}, []float64{1, 1, 1, 1, 2})
	r := seconds(120, 400, 900, inf, math.NaN())
	cases := []struct {
		name  string
		cells []coverage.Cell
		r     coverage.Result
		group func(int) string
		want  []coverage.Summary
	}{
		{"whole district", cells, r, nil, []coverage.Summary{{
			Group: "", Cells: 5, Population: 1000, AreaM2: 6, OffNetworkCells: 1, UnreachablePopulation: 400,
			Within: []coverage.Share{
				{Minutes: 5, Population: 100, PopulationShare: 0.1, AreaM2: 1, AreaShare: 1.0 / 6},
				{Minutes: 10, Population: 300, PopulationShare: 0.3, AreaM2: 2, AreaShare: 2.0 / 6},
				{Minutes: 15, Population: 600, PopulationShare: 0.6, AreaM2: 3, AreaShare: 3.0 / 6},
			},
			BeyondPopulation: []float64{900, 700, 400},
			MeanMin:          (100*2 + 200*400.0/60 + 300*15) / 600,
			MedianMin:        15,  // cumulative 100, 300, 600 ≥ 500
			P90Min:           inf, // 900 is reached only with the unreachable cells
		}}},
		{"two groups", cells, r, func(i int) string { return map[bool]string{true: "A", false: "B"}[i < 2] }, []coverage.Summary{
			{
				Group: "A", Cells: 2, Population: 300, AreaM2: 2,
				Within: []coverage.Share{
					{Minutes: 5, Population: 100, PopulationShare: 1.0 / 3, AreaM2: 1, AreaShare: 0.5},
					{Minutes: 10, Population: 300, PopulationShare: 1, AreaM2: 2, AreaShare: 1},
					{Minutes: 15, Population: 300, PopulationShare: 1, AreaM2: 2, AreaShare: 1},
				},
				BeyondPopulation: []float64{200, 0, 0},
				MeanMin:          (100*2 + 200*400.0/60) / 300,
				MedianMin:        400.0 / 60, // cumulative 100, 300 ≥ 150
				P90Min:           400.0 / 60,
			},
			{
				Group: "B", Cells: 3, Population: 700, AreaM2: 4, OffNetworkCells: 1, UnreachablePopulation: 400,
				Within: []coverage.Share{
					{Minutes: 5, AreaShare: 0},
					{Minutes: 10},
					{Minutes: 15, Population: 300, PopulationShare: 3.0 / 7, AreaM2: 1, AreaShare: 0.25},
				},
				BeyondPopulation: []float64{700, 700, 400},
				MeanMin:          15,
				MedianMin:        inf, // 300 of 700 reach; half needs the unreachable
				P90Min:           inf,
			},
		}},
		{"no population: weights are areas", tinyCells([]float64{0, 0, 0}, []float64{1, 3, 1}), seconds(60, 300, 1200), nil, []coverage.Summary{{
			Cells: 3, AreaM2: 5,
			Within: []coverage.Share{
				{Minutes: 5, AreaM2: 4, AreaShare: 0.8},
				{Minutes: 10, AreaM2: 4, AreaShare: 0.8},
				{Minutes: 15, AreaM2: 4, AreaShare: 0.8},
			},
			BeyondPopulation: []float64{0, 0, 0},
			MeanMin:          (1*1 + 3*5 + 1*20) / 5.0,
			MedianMin:        5,  // cumulative area 1, 4 ≥ 2.5
			P90Min:           20, // 4 < 4.5
		}}},
		{"times missing: off-network", tinyCells([]float64{10, 30}, []float64{1, 1}), seconds(60), nil, []coverage.Summary{{
			Cells: 2, Population: 40, AreaM2: 2, OffNetworkCells: 1, OffNetworkPopulation: 30, UnreachablePopulation: 30,
			Within: []coverage.Share{
				{Minutes: 5, Population: 10, PopulationShare: 0.25, AreaM2: 1, AreaShare: 0.5},
				{Minutes: 10, Population: 10, PopulationShare: 0.25, AreaM2: 1, AreaShare: 0.5},
				{Minutes: 15, Population: 10, PopulationShare: 0.25, AreaM2: 1, AreaShare: 0.5},
			},
			BeyondPopulation: []float64{30, 30, 30},
			MeanMin:          1, MedianMin: inf, P90Min: inf,
		}}},
		{"nothing reachable", tinyCells([]float64{10}, []float64{1}), seconds(inf), nil, []coverage.Summary{{
			Cells: 1, Population: 10, AreaM2: 1, UnreachablePopulation: 10,
			Within:           []coverage.Share{{Minutes: 5}, {Minutes: 10}, {Minutes: 15}},
			BeyondPopulation: []float64{10, 10, 10},
			MeanMin:          inf, MedianMin: inf, P90Min: inf,
		}}},
		{"no cells", nil, seconds(), nil, []coverage.Summary{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := coverage.Summarise(tc.cells, tc.r, coverage.DefaultThresholdsMin(), tc.group)
			if len(got) != len(tc.want) {
				t.Fatalf("%d summaries, want %d", len(got), len(tc.want))
			}
			for k := range got {
				compareSummary(t, got[k], tc.want[k])
			}
		})
	}
}

func compareSummary(tb testing.TB, got, want coverage.Summary) {
	tb.Helper()
	const tol = 1e-9
	if got.Group != want.Group || got.Cells != want.Cells || got.OffNetworkCells != want.OffNetworkCells {
		tb.Errorf("group %q: got group %q, %d cells, %d off-network; want %d, %d", want.Group, got.Group, got.Cells, got.OffNetworkCells, want.Cells, want.OffNetworkCells)
	}
	nums := []struct {
		name      string
		got, want float64
	}{
		{"Population", got.Population, want.Population},
		{"AreaM2", got.AreaM2, want.AreaM2},
		{"OffNetworkPopulation", got.OffNetworkPopulation, want.OffNetworkPopulation},
		{"UnreachablePopulation", got.UnreachablePopulation, want.UnreachablePopulation},
		{"MeanMin", got.MeanMin, want.MeanMin},
		{"MedianMin", got.MedianMin, want.MedianMin},
		{"P90Min", got.P90Min, want.P90Min},
	}
	for _, n := range nums {
		if !near(n.got, n.want, tol) {
			tb.Errorf("group %q: %s = %v, want %v", want.Group, n.name, n.got, n.want)
		}
	}
	if len(got.Within) != len(want.Within) || len(got.BeyondPopulation) != len(want.BeyondPopulation) {
		tb.Fatalf("group %q: %d shares, %d beyond; want %d", want.Group, len(got.Within), len(got.BeyondPopulation), len(want.Within))
	}
	for k, w := range want.Within {
		g := got.Within[k]
		if g.Minutes != w.Minutes || !near(g.Population, w.Population, tol) || !near(g.PopulationShare, w.PopulationShare, tol) ||
			!near(g.AreaM2, w.AreaM2, tol) || !near(g.AreaShare, w.AreaShare, tol) {
			tb.Errorf("group %q: within %v min = %+v, want %+v", want.Group, w.Minutes, g, w)
		}
		if !near(got.BeyondPopulation[k], want.BeyondPopulation[k], tol) {
			tb.Errorf("group %q: beyond %v min = %v, want %v", want.Group, w.Minutes, got.BeyondPopulation[k], want.BeyondPopulation[k])
		}
	}
}

func TestSummariseThresholdsAreSeparate(t *testing.T) {
	// One cell 12 minutes away: within 15, not within 5 or 10.
	cells := tinyCells([]float64{50}, []float64{1})
	got := coverage.Summarise(cells, seconds(720), []float64{15, 5, 10}, nil)
	want := map[float64]float64{15: 50, 5: 0, 10: 0}
	for _, s := range got[0].Within {
		if s.Population != want[s.Minutes] {
			t.Errorf("within %v min: %v residents, want %v", s.Minutes, s.Population, want[s.Minutes])
		}
	}
}

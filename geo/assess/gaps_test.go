package assess_test

import (
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// TestGapsRanking checks the order worked out by hand for community stations at 5
// minutes: C1 has ≥ 4 500 of its 6 000 residents beyond (the station at x = 100 m reaches
// less than a quarter of the 2 000 m strip), C2's 3 000 are all beyond (≥ 450 m away),
// C3's 1 000 are off the network, compound k2's 500 and k1's 100 × 2.62 = 262 are all
// beyond (x ≥ 1 400 m), and the tiny compound k3 next to the station is covered.
func TestGapsRanking(t *testing.T) {
	e := newDistrict(t)
	gaps, err := assess.Gaps(e, tCommunity(), 5, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind, code string
		pop        float64
		beyondMin  float64
	}{
		{assess.GapCommunity, codeC1, 6000, 4500},
		{assess.GapCommunity, codeC2, 3000, 3000},
		{assess.GapCommunity, codeC3, 1000, 1000},
		{assess.GapCompound, "k2", 500, 500},
		{assess.GapCompound, "k1", 262, 262},
	}
	if len(gaps) != len(want) {
		t.Fatalf("%d gaps %v, want %d", len(gaps), gapCodes(gaps), len(want))
	}
	for k, w := range want {
		g := gaps[k]
		if g.Kind != w.kind || g.Code != w.code {
			t.Fatalf("gap %d = %s %s, want %s %s (all: %v)", k, g.Kind, g.Code, w.kind, w.code, gapCodes(gaps))
		}
		if math.Abs(g.Population-w.pop) > 1e-6 || g.PopulationBeyond < w.beyondMin-1e-6 || g.PopulationBeyond > g.Population+1e-6 {
			t.Errorf("%s: population %.1f, beyond %.1f; want %.0f, beyond ≥ %.0f", g.Code, g.Population, g.PopulationBeyond, w.pop, w.beyondMin)
		}
		if math.Abs(g.ShareBeyond-g.PopulationBeyond/g.Population) > 1e-9 || g.AreaWeighted {
			t.Errorf("%s: share %.4f, area-weighted %v", g.Code, g.ShareBeyond, g.AreaWeighted)
		}
		checkGapPolygon(t, e, g)
	}
}

// TestGapsMatchIndependentCount compares the uncovered cells of each unit with the oracle.
func TestGapsMatchIndependentCount(t *testing.T) {
	e := newDistrict(t)
	fac := facilityPoints(baseData(), tCommunity())
	gaps, err := assess.Gaps(e, tCommunity(), 5, 500)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]func(orb.Point) bool{
		codeC1: func(p orb.Point) bool { return communityOf(p) == codeC1 },
		codeC2: func(p orb.Point) bool { return communityOf(p) == codeC2 },
		codeC3: func(p orb.Point) bool { return communityOf(p) == codeC3 },
		"k1":   func(p orb.Point) bool { return inRect(p, 1400, -100, 1600, 100) },
		"k2":   func(p orb.Point) bool { return inRect(p, 1700, 500, 1900, 700) },
	}
	for _, g := range gaps {
		keep, ok := units[g.Code]
		if !ok {
			t.Errorf("unexpected gap %s", g.Code)
			continue
		}
		var cells, sure, maybe int
		for _, c := range e.Cells {
			if !keep(c.Center) {
				continue
			}
			cells++
			switch withinOracle(c.Center, fac, 5) {
			case verdictOut:
				sure++
				maybe++
			case verdictUnsure:
				maybe++
			}
		}
		if g.UncoveredCells < sure || g.UncoveredCells > maybe || cells == 0 {
			t.Errorf("%s: %d uncovered cells, want %d–%d of %d", g.Code, g.UncoveredCells, sure, maybe, cells)
		}
		if g.Kind == assess.GapCompound && math.Abs(g.PopulationBeyond-g.Population*float64(g.UncoveredCells)/float64(cells)) > 1e-6 {
			t.Errorf("%s: beyond %.2f is not its population spread evenly over %d cells", g.Code, g.PopulationBeyond, cells)
		}
	}
}

func TestGapsLimitAndErrors(t *testing.T) {
	e := newDistrict(t)
	tests := []struct {
		name    string
		target  engine.Target
		minutes float64
		limit   int
		want    []string
		code    geo.ErrorCode
	}{
		{"limit two", tCommunity(), 5, 2, []string{codeC1, codeC2}, ""},
		{"any station at 30 min leaves only C3 (off-network)", tAny(), 30, 10, []string{codeC3}, ""},
		{"beyond the engine's 30 computed minutes", tAny(), 45, 10, []string{codeC3}, ""},
		{"supermarket at 40 min (≤ 2 667 m): C3, then C2 and k2 east of x ≈ 1 450 m", tMarket(), 40, 10, []string{codeC3, codeC2, "k2"}, ""},
		{"limit zero", tCommunity(), 5, 0, nil, geo.EINVALID},
		{"limit 501", tCommunity(), 5, 501, nil, geo.EINVALID},
		{"minutes 0", tCommunity(), 0, 10, nil, geo.EINVALID},
		{"unknown target", engine.Target{Kind: engine.KindCategory, Key: "casino"}, 5, 10, nil, geo.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gaps, err := assess.Gaps(e, tc.target, tc.minutes, tc.limit)
			if geo.ErrorCodeOf(err) != tc.code {
				t.Fatalf("err = %v, want %q", err, tc.code)
			}
			if got := gapCodes(gaps); !slices.Equal(got, tc.want) {
				t.Errorf("gaps %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGapsAreaWeightedWithoutResidents(t *testing.T) {
	e := newDistrict(t, func(d *engine.Data) {
		d.Communities[1].Population, d.Communities[1].Households = 0, 0
		d.Compounds[1].Population = 0
	})
	gaps, err := assess.Gaps(e, tAny(), 5, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := tallyCells(e, func(p orb.Point) bool { return communityOf(p) == codeC2 }, facilityPoints(baseData(), tAny()), 5)
	for _, g := range gaps {
		if g.Code != codeC2 {
			continue
		}
		lo, hi := 1-want.areaMaybe/want.area, 1-want.areaSure/want.area
		if !g.AreaWeighted || g.PopulationBeyond != 0 || !inRange(g.ShareBeyond, lo, hi) || g.ShareBeyond == 0 {
			t.Errorf("C2 gap %+v; want area-weighted, share beyond %.3f–%.3f", g, lo, hi)
		}
		return
	}
	t.Errorf("C2 missing from gaps %v", gapCodes(gaps))
}

func gapCodes(gaps []assess.Gap) []string {
	var out []string
	for _, g := range gaps {
		out = append(out, g.Code)
	}
	return out
}

// checkGapPolygon checks that the gap's polygon covers its uncovered cells: its area is
// their total area.
func checkGapPolygon(t *testing.T, e *engine.Engine, g assess.Gap) {
	t.Helper()
	if len(g.Polygon) == 0 {
		t.Errorf("%s: no polygon", g.Code)
		return
	}
	cellArea := e.Cells[0].AreaM2
	got := orbgeo.Area(g.Polygon)
	want := float64(g.UncoveredCells) * cellArea
	if math.Abs(got-want)/want > 0.02 {
		t.Errorf("%s: polygon %.0f m², want about %d cells × %.0f m² = %.0f", g.Code, got, g.UncoveredCells, cellArea, want)
	}
}

// TestGridGaps: with grids loaded, each grid with uncovered cells is a gap of kind grid,
// its residents those of the cells its rectangle holds and its uncovered cells within
// the oracle's bounds. At 5 minutes from the community station at x = 100 m all three
// grids have residents beyond: G1 (0–1 000 m) in part, G2 (1 000–1 600 m) and G3 (C2)
// wholly.
func TestGridGaps(t *testing.T) {
	e := newDistrict(t, withGrids)
	fac := facilityPoints(baseData(), tCommunity())
	gaps, err := assess.Gaps(e, tCommunity(), 5, 500)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]assess.Gap{}
	for _, g := range gaps {
		if g.Kind == assess.GapGrid {
			got[g.Code] = g
		}
	}
	for _, r := range gridRects {
		g, ok := got[r.code]
		if !ok {
			t.Errorf("grid %s: no gap (gaps %v)", r.code, gapCodes(gaps))
			continue
		}
		cells, pop := rectCells(e, r.x0, r.y0, r.x1, r.y1)
		var sure, maybe int
		for _, c := range e.Cells {
			if !inRect(c.Center, r.x0, r.y0, r.x1, r.y1) {
				continue
			}
			switch withinOracle(c.Center, fac, 5) {
			case verdictOut:
				sure, maybe = sure+1, maybe+1
			case verdictUnsure:
				maybe++
			}
		}
		if math.Abs(g.Population-pop) > 1e-6 || g.UncoveredCells < sure || g.UncoveredCells > maybe || g.Name != r.code+"网格" {
			t.Errorf("grid %s: %s, population %.1f, %d uncovered; want population %.1f, %d–%d of %d uncovered", r.code, g.Name, g.Population, g.UncoveredCells, pop, sure, maybe, cells)
		}
		checkGapPolygon(t, e, g)
	}
	if plain, err := assess.Gaps(newDistrict(t), tCommunity(), 5, 500); err != nil || len(plain) != len(gaps)-len(got) {
		t.Errorf("without grids %d gaps (%v), with grids %d of which %d grids", len(plain), err, len(gaps), len(got))
	}
}

package engine_test

import (
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
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
	e := repDistrict(t)
	gaps, err := e.Gaps(repTCommunity(), 5, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind, code string
		pop        float64
		beyondMin  float64
	}{
		{engine.GapCommunity, repCodeC1, 6000, 4500},
		{engine.GapCommunity, repCodeC2, 3000, 3000},
		{engine.GapCommunity, repCodeC3, 1000, 1000},
		{engine.GapCompound, "k2", 500, 500},
		{engine.GapCompound, "k1", 262, 262},
	}
	if len(gaps) != len(want) {
		t.Fatalf("%d gaps %v, want %d", len(gaps), repGapCodes(gaps), len(want))
	}
	for k, w := range want {
		g := gaps[k]
		if g.Kind != w.kind || g.Code != w.code {
			t.Fatalf("gap %d = %s %s, want %s %s (all: %v)", k, g.Kind, g.Code, w.kind, w.code, repGapCodes(gaps))
		}
		if math.Abs(g.Population-w.pop) > 1e-6 || g.PopulationBeyond < w.beyondMin-1e-6 || g.PopulationBeyond > g.Population+1e-6 {
			t.Errorf("%s: population %.1f, beyond %.1f; want %.0f, beyond ≥ %.0f", g.Code, g.Population, g.PopulationBeyond, w.pop, w.beyondMin)
		}
		if math.Abs(g.ShareBeyond-g.PopulationBeyond/g.Population) > 1e-9 || g.AreaWeighted {
			t.Errorf("%s: share %.4f, area-weighted %v", g.Code, g.ShareBeyond, g.AreaWeighted)
		}
		repCheckGapPolygon(t, e, g)
	}
}

// TestGapsMatchIndependentCount compares the uncovered cells of each unit with the oracle.
func TestGapsMatchIndependentCount(t *testing.T) {
	e := repDistrict(t)
	fac := repFacilities(repData(), repTCommunity())
	gaps, err := e.Gaps(repTCommunity(), 5, 500)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]func(orb.Point) bool{
		repCodeC1: func(p orb.Point) bool { return repCommunityOf(p) == repCodeC1 },
		repCodeC2: func(p orb.Point) bool { return repCommunityOf(p) == repCodeC2 },
		repCodeC3: func(p orb.Point) bool { return repCommunityOf(p) == repCodeC3 },
		"k1":      func(p orb.Point) bool { return repInRect(p, 1400, -100, 1600, 100) },
		"k2":      func(p orb.Point) bool { return repInRect(p, 1700, 500, 1900, 700) },
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
			switch repWithinOracle(c.Center, fac, 5) {
			case repOut:
				sure++
				maybe++
			case repUnsure:
				maybe++
			}
		}
		if g.UncoveredCells < sure || g.UncoveredCells > maybe || cells == 0 {
			t.Errorf("%s: %d uncovered cells, want %d–%d of %d", g.Code, g.UncoveredCells, sure, maybe, cells)
		}
		if g.Kind == engine.GapCompound && math.Abs(g.PopulationBeyond-g.Population*float64(g.UncoveredCells)/float64(cells)) > 1e-6 {
			t.Errorf("%s: beyond %.2f is not its population spread evenly over %d cells", g.Code, g.PopulationBeyond, cells)
		}
	}
}

func TestGapsLimitAndErrors(t *testing.T) {
	e := repDistrict(t)
	tests := []struct {
		name    string
		target  engine.Target
		minutes float64
		limit   int
		want    []string
		code    geo.ErrorCode
	}{
		{"limit two", repTCommunity(), 5, 2, []string{repCodeC1, repCodeC2}, ""},
		{"any station at 30 min leaves only C3 (off-network)", repTAny(), 30, 10, []string{repCodeC3}, ""},
		{"beyond the engine's 30 computed minutes", repTAny(), 45, 10, []string{repCodeC3}, ""},
		{"supermarket at 40 min (≤ 2 667 m): C3, then C2 and k2 east of x ≈ 1 450 m", repTMarket(), 40, 10, []string{repCodeC3, repCodeC2, "k2"}, ""},
		{"limit zero", repTCommunity(), 5, 0, nil, geo.EINVALID},
		{"limit 501", repTCommunity(), 5, 501, nil, geo.EINVALID},
		{"minutes 0", repTCommunity(), 0, 10, nil, geo.EINVALID},
		{"unknown target", engine.Target{Kind: engine.KindCategory, Key: "casino"}, 5, 10, nil, geo.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gaps, err := e.Gaps(tc.target, tc.minutes, tc.limit)
			if geo.ErrorCodeOf(err) != tc.code {
				t.Fatalf("err = %v, want %q", err, tc.code)
			}
			if got := repGapCodes(gaps); !slices.Equal(got, tc.want) {
				t.Errorf("gaps %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGapsAreaWeightedWithoutResidents(t *testing.T) {
	e := repDistrict(t, func(d *engine.Data) {
		d.Communities[1].Population, d.Communities[1].Households = 0, 0
		d.Compounds[1].Population = 0
	})
	gaps, err := e.Gaps(repTAny(), 5, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := repCount(e, func(p orb.Point) bool { return repCommunityOf(p) == repCodeC2 }, repFacilities(repData(), repTAny()), 5)
	for _, g := range gaps {
		if g.Code != repCodeC2 {
			continue
		}
		lo, hi := 1-want.areaMaybe/want.area, 1-want.areaSure/want.area
		if !g.AreaWeighted || g.PopulationBeyond != 0 || !repNear(g.ShareBeyond, lo, hi) || g.ShareBeyond == 0 {
			t.Errorf("C2 gap %+v; want area-weighted, share beyond %.3f–%.3f", g, lo, hi)
		}
		return
	}
	t.Errorf("C2 missing from gaps %v", repGapCodes(gaps))
}

func repGapCodes(gaps []engine.Gap) []string {
	var out []string
	for _, g := range gaps {
		out = append(out, g.Code)
	}
	return out
}

// repCheckGapPolygon checks that the gap's polygon covers its uncovered cells: its area is
// their total area.
func repCheckGapPolygon(t *testing.T, e *engine.Engine, g engine.Gap) {
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

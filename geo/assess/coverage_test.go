package assess_test

import (
	"context"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// The targets the tests ask about.
func tCommunity() engine.Target {
	return engine.Target{Kind: engine.KindLevel, Key: string(geo.LevelCommunity)}
}
func tAny() engine.Target    { return engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel} }
func tMarket() engine.Target { return engine.Target{Kind: engine.KindCategory, Key: "supermarket"} }

func TestCoverageMatchesIndependentCount(t *testing.T) {
	e := newDistrict(t)
	d := baseData()
	all := func(orb.Point) bool { return true }
	streetB := func(p orb.Point) bool { c := communityOf(p); return c == codeC2 || c == codeC3 }
	c1 := func(p orb.Point) bool { return communityOf(p) == codeC1 }
	tests := []struct {
		name      string
		q         assess.CoverageQuery
		scope     string
		keep      func(orb.Point) bool
		wantComms []string
	}{
		{"community stations, 5 min, district", assess.CoverageQuery{Target: tCommunity(), Minutes: 5}, coverage.ScopeDistrict, all, []string{codeC1, codeC2, codeC3}},
		{"community stations, 10 min, district", assess.CoverageQuery{Target: tCommunity(), Minutes: 10}, coverage.ScopeDistrict, all, []string{codeC1, codeC2, codeC3}},
		{"any station, 15 min, street B", assess.CoverageQuery{Target: tAny(), Minutes: 15, Street: codeB}, coverage.ScopeStreet, streetB, []string{codeC2, codeC3}},
		{"supermarket, 5 min, community C1", assess.CoverageQuery{Target: tMarket(), Minutes: 5, Community: codeC1}, coverage.ScopeCommunity, c1, []string{codeC1}},
		{"supermarket, 7 min, C1 within its street", assess.CoverageQuery{Target: tMarket(), Minutes: 7, Street: codeA, Community: codeC1}, coverage.ScopeCommunity, c1, []string{codeC1}},
		{"any station, 30 min (the search limit), district", assess.CoverageQuery{Target: tAny(), Minutes: 30}, coverage.ScopeDistrict, all, []string{codeC1, codeC2, codeC3}},
		{"supermarket, 40 min (beyond the search limit), district", assess.CoverageQuery{Target: tMarket(), Minutes: 40}, coverage.ScopeDistrict, all, []string{codeC1, codeC2, codeC3}},
		{"community stations, 60 min, street B", assess.CoverageQuery{Target: tCommunity(), Minutes: 60, Street: codeB}, coverage.ScopeStreet, streetB, []string{codeC2, codeC3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := assess.Coverage(e, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			fac := facilityPoints(d, tc.q.Target)
			checkRow(t, rep.Total, tc.scope, tallyCells(e, tc.keep, fac, tc.q.Minutes))
			if rep.Facilities != len(fac) {
				t.Errorf("facilities = %d, want %d", rep.Facilities, len(fac))
			}
			if len(rep.Communities) != len(tc.wantComms) {
				t.Fatalf("%d community rows, want %v", len(rep.Communities), tc.wantComms)
			}
			for k, code := range tc.wantComms {
				row := rep.Communities[k]
				if row.Code != code {
					t.Fatalf("row %d is %s, want %s", k, row.Code, code)
				}
				checkRow(t, row, coverage.ScopeCommunity, tallyCells(e, func(p orb.Point) bool { return communityOf(p) == code }, fac, tc.q.Minutes))
			}
		})
	}
}

// checkRow compares a coverage row with an independent tally of the same cells.
func checkRow(t *testing.T, row assess.CoverageRow, scope string, want tally) {
	t.Helper()
	if row.Scope != scope || row.Cells != want.cells || row.OffNetworkCells != want.off {
		t.Errorf("%s %s: scope %s, cells %d (%d off-network); want %s, %d (%d)", row.Scope, row.Code, row.Scope, row.Cells, row.OffNetworkCells, scope, want.cells, want.off)
	}
	if math.Abs(row.Population-want.pop) > 1e-6 || !inRange(row.PopulationWithin, want.sure, want.maybe) {
		t.Errorf("%s %s: population %.1f, within %.1f; want %.1f, within %.1f–%.1f", row.Scope, row.Code, row.Population, row.PopulationWithin, want.pop, want.sure, want.maybe)
	}
	if !inRange(row.AreaWithinM2, want.areaSure, want.areaMaybe) || math.Abs(row.AreaM2-want.area) > 1e-3 {
		t.Errorf("%s %s: area %.0f, within %.0f m²; want %.0f, within %.0f–%.0f", row.Scope, row.Code, row.AreaM2, row.AreaWithinM2, want.area, want.areaSure, want.areaMaybe)
	}
	if want.pop > 0 && !inRange(row.PopulationShare, want.sure/want.pop, want.maybe/want.pop) {
		t.Errorf("%s %s: share %.4f, want %.4f–%.4f", row.Scope, row.Code, row.PopulationShare, want.sure/want.pop, want.maybe/want.pop)
	}
	if math.Abs(row.PopulationBeyond-(row.Population-row.PopulationWithin)) > 1e-6 {
		t.Errorf("%s %s: beyond %.1f is not population − within", row.Scope, row.Code, row.PopulationBeyond)
	}
}

// TestCoverageHandChecked asserts what the layout makes obvious, without the oracle.
func TestCoverageHandChecked(t *testing.T) {
	e := newDistrict(t)
	rep, err := assess.Coverage(e, assess.CoverageQuery{Target: tCommunity(), Minutes: 5})
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]assess.CoverageRow{}
	for _, r := range rep.Communities {
		byCode[r.Code] = r
	}
	c1, c2, c3 := byCode[codeC1], byCode[codeC2], byCode[codeC3]
	// C2 lies 450 m or more north of the only community station: no cell is within 333 m.
	if c2.PopulationWithin != 0 || math.Abs(c2.PopulationBeyond-3000) > 1e-6 {
		t.Errorf("C2 within %.1f, beyond %.1f; want 0 and all 3000", c2.PopulationWithin, c2.PopulationBeyond)
	}
	// C3 is off the network: every cell, never within, times +Inf.
	if c3.OffNetworkCells != c3.Cells || c3.Cells == 0 || c3.PopulationWithin != 0 || !math.IsInf(c3.MedianMin, 1) || !math.IsInf(c3.MeanMin, 1) {
		t.Errorf("C3 = %+v; want all cells off-network, nobody within, infinite times", c3)
	}
	// In C1 the station at x = 100 m reaches at most x ≤ 433 m + half a cell of a 2 000 m
	// strip: under 25 % of its residents, and at least the cells within 200 m.
	if c1.PopulationShare <= 0.08 || c1.PopulationShare >= 0.25 {
		t.Errorf("C1 share %.3f, want between 0.08 and 0.25", c1.PopulationShare)
	}
	if !(c1.MedianMin > 5 && c1.MedianMin < 30) {
		t.Errorf("C1 median %.2f min, want beyond the threshold but reached", c1.MedianMin)
	}
	if math.Abs(rep.Total.Population-10000) > 1e-6 {
		t.Errorf("district population %.3f, want 10000", rep.Total.Population)
	}
}

func TestCoverageAreaWeightedWithoutResidents(t *testing.T) {
	e := newDistrict(t, func(d *engine.Data) {
		d.Communities[1].Population, d.Communities[1].Households = 0, 0
		d.Compounds[1].Population = 0
	})
	rep, err := assess.Coverage(e, assess.CoverageQuery{Target: tAny(), Minutes: 10, Community: codeC2})
	if err != nil {
		t.Fatal(err)
	}
	row := rep.Total
	want := tallyCells(e, func(p orb.Point) bool { return communityOf(p) == codeC2 }, facilityPoints(baseData(), tAny()), 10)
	if !row.AreaWeighted || row.Population != 0 || row.PopulationShare != 0 {
		t.Errorf("row = %+v; want area-weighted with no residents", row)
	}
	if !inRange(row.AreaShare, want.areaSure/want.area, want.areaMaybe/want.area) || row.AreaShare == 0 {
		t.Errorf("area share %.3f, want %.3f–%.3f (> 0)", row.AreaShare, want.areaSure/want.area, want.areaMaybe/want.area)
	}
	if math.IsNaN(row.MeanMin) || math.IsInf(row.MeanMin, 0) {
		t.Errorf("mean %v: want the area-weighted mean of reached cells", row.MeanMin)
	}
}

func TestCoverageErrors(t *testing.T) {
	e := newDistrict(t)
	tests := []struct {
		name string
		q    assess.CoverageQuery
		code geo.ErrorCode
	}{
		{"unknown category", assess.CoverageQuery{Target: engine.Target{Kind: engine.KindCategory, Key: "casino"}, Minutes: 5}, geo.EINVALID},
		{"unknown level", assess.CoverageQuery{Target: engine.Target{Kind: engine.KindLevel, Key: "province"}, Minutes: 5}, geo.EINVALID},
		{"zero minutes", assess.CoverageQuery{Target: tCommunity(), Minutes: 0}, geo.EINVALID},
		{"61 minutes", assess.CoverageQuery{Target: tCommunity(), Minutes: 61}, geo.EINVALID},
		{"fractional minutes", assess.CoverageQuery{Target: tCommunity(), Minutes: 2.5}, geo.EINVALID},
		{"NaN minutes", assess.CoverageQuery{Target: tCommunity(), Minutes: math.NaN()}, geo.EINVALID},
		{"unknown street", assess.CoverageQuery{Target: tCommunity(), Minutes: 5, Street: "510104099"}, geo.ENOTFOUND},
		{"unknown community", assess.CoverageQuery{Target: tCommunity(), Minutes: 5, Community: "510104001099"}, geo.ENOTFOUND},
		{"community of another street", assess.CoverageQuery{Target: tCommunity(), Minutes: 5, Street: codeA, Community: codeC2}, geo.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := assess.Coverage(e, tc.q)
			if got := geo.ErrorCodeOf(err); got != tc.code {
				t.Fatalf("err = %v (%s), want %s", err, got, tc.code)
			}
		})
	}
}

func TestReportsBeforeCompute(t *testing.T) {
	nodes, edges := streetGraph()
	e, err := engine.New(baseData(), nodes, edges, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err1 := assess.Coverage(e, assess.CoverageQuery{Target: tCommunity(), Minutes: 5})
	_, err2 := assess.CoverageCells(e, tCommunity(), nil)
	_, err3 := assess.Gaps(e, tCommunity(), 5, 10)
	_, err4 := assess.Standards(e, parseRules(t, testRules), "")
	for i, err := range []error{err1, err2, err3, err4} {
		if geo.ErrorCodeOf(err) != geo.EUNAVAILABLE {
			t.Errorf("call %d: err = %v, want EUNAVAILABLE", i+1, err)
		}
	}
	if rep := assess.Network(e); rep.Formula != "1+1+2+1" || len(rep.WithinByLevel) != 0 {
		t.Errorf("network before compute: formula %q, %d within rows; want the counts only", rep.Formula, len(rep.WithinByLevel))
	}
	if err := e.Compute(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestCoverageCells(t *testing.T) {
	e := newDistrict(t)
	fac := facilityPoints(baseData(), tAny())
	ids := map[orb.Point]string{}
	for _, s := range baseData().Stations {
		ids[s.Point] = s.ID
	}
	rows, err := assess.CoverageCells(e, tAny(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(e.Cells) {
		t.Fatalf("%d rows for %d cells", len(rows), len(e.Cells))
	}
	for k, r := range rows {
		if k > 0 && rows[k-1].H3 >= r.H3 {
			t.Fatalf("rows not sorted by H3 at %d", k)
		}
		lo, hi := oracleSeconds(r.Center, fac)
		if r.Community != communityOf(r.Center) {
			t.Errorf("cell %s: community %q, want %q", r.H3, r.Community, communityOf(r.Center))
		}
		if math.IsNaN(lo) || lo > 30*60+tolM/walkSpeed {
			if !math.IsNaN(r.Minutes) || r.FacilityID != "" || r.OnNetwork != !math.IsNaN(lo) {
				t.Errorf("cell %s: %+v; want NaN minutes, no facility", r.H3, r)
			}
			continue
		}
		if !r.OnNetwork || r.Minutes*60 < lo-tolM/walkSpeed || r.Minutes*60 > hi+tolM/walkSpeed {
			t.Errorf("cell %s: %.2f min, want %.2f–%.2f", r.H3, r.Minutes, lo/60, hi/60)
		}
		if lo == hi && r.FacilityID != nearestID(r.Center, fac, ids) {
			t.Errorf("cell %s: nearest %q, want %q", r.H3, r.FacilityID, nearestID(r.Center, fac, ids))
		}
	}
}

// nearestID is the ID of the facility with the least oracle time from p, "" on a near tie.
func nearestID(p orb.Point, fac []orb.Point, ids map[orb.Point]string) string {
	best, second, id := math.Inf(1), math.Inf(1), ""
	for _, f := range fac {
		lo, _ := oracleSeconds(p, []orb.Point{f})
		if lo < best {
			best, second, id = lo, best, ids[f]
		} else if lo < second {
			second = lo
		}
	}
	if second-best < tolM/walkSpeed {
		return ""
	}
	return id
}

func TestCoverageCellsBBox(t *testing.T) {
	e := newDistrict(t)
	tests := []struct {
		name  string
		bbox  *orb.Bound
		check func(assess.CellRow) bool
		code  geo.ErrorCode
	}{
		{"C3's block: all off-network", &orb.Bound{Min: pt(-10, 1390), Max: pt(610, 1610)},
			func(r assess.CellRow) bool { return !r.OnNetwork && math.IsNaN(r.Minutes) && r.Community == codeC3 }, ""},
		{"west end of C1", &orb.Bound{Min: pt(-10, -160), Max: pt(300, 160)},
			func(r assess.CellRow) bool {
				return r.OnNetwork && r.Community == codeC1 && inRect(r.Center, -10, -160, 300, 160)
			}, ""},
		{"min above max", &orb.Bound{Min: pt(300, 0), Max: pt(0, 100)}, nil, geo.EINVALID},
		{"not lon, lat", &orb.Bound{Min: orb.Point{30, 104}, Max: orb.Point{200, 105}}, nil, geo.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := assess.CoverageCells(e, tAny(), tc.bbox)
			if geo.ErrorCodeOf(err) != tc.code {
				t.Fatalf("err = %v, want %q", err, tc.code)
			}
			if tc.check == nil {
				return
			}
			want := 0
			for _, c := range e.Cells {
				if tc.bbox.Contains(c.Center) {
					want++
				}
			}
			if len(rows) != want || want == 0 {
				t.Fatalf("%d rows, want %d (> 0)", len(rows), want)
			}
			for _, r := range rows {
				if !tc.check(r) {
					t.Errorf("row %+v", r)
				}
			}
		})
	}
}

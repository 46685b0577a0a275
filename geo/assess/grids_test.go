package assess_test

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// gridRects are the fixture's grids in local metres: G1 and G2 split the west 1 600 m of
// C1 (its east 400 m is in no grid), G3 is the whole of C2, and C3 has none.
var gridRects = []struct {
	code, comm     string
	x0, y0, x1, y1 float64
	households     int
	workers        int
	given          bool
}{
	{"G1", codeC1, 0, -150, 1000, 150, 500, 1, true},
	{"G2", codeC1, 1000, -150, 1600, 150, 200, 0, true},
	{"G3", codeC2, 0, 450, 2000, 750, 0, 0, false},
}

func withGrids(d *engine.Data) {
	for _, g := range gridRects {
		d.Grids = append(d.Grids, geo.Grid{Code: g.code, Name: g.code + "网格", CommunityCode: g.comm,
			Households: g.households, Workers: g.workers, WorkersGiven: g.given, Polygon: rect(g.x0, g.y0, g.x1, g.y1)})
	}
}

// rectCells counts the cells whose centres lie in the local rectangle and their residents,
// testing every cell.
func rectCells(e *engine.Engine, x0, y0, x1, y1 float64) (cells int, pop float64) {
	for _, c := range e.Cells {
		if inRect(c.Center, x0, y0, x1, y1) {
			cells++
			pop += c.Population
		}
	}
	return cells, pop
}

// TestGridsAgainstBruteForce checks each grid's cells, residents and worker verdicts, and
// the communities grids leave uncovered, against sums over the cells tested one by one
// against the rectangles.
func TestGridsAgainstBruteForce(t *testing.T) {
	e := newDistrict(t, withGrids)
	rep, err := assess.Grids(e, fixture.Standards(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Grids) != 3 || rep.WorkersRule == nil || rep.LoadRule == nil {
		t.Fatalf("report %+v", rep)
	}
	for k, g := range gridRects {
		row := rep.Grids[k]
		cells, pop := rectCells(e, g.x0, g.y0, g.x1, g.y1)
		if row.Code != g.code || cells == 0 || row.Cells != cells || math.Abs(row.CellPopulation-pop) > 1e-6 {
			t.Errorf("%s: cells %d residents %.1f, want %d and %.1f", g.code, row.Cells, row.CellPopulation, cells, pop)
		}
	}
	want := []struct {
		workers, load standards.Verdict
		perWorker     float64
	}{{standards.VerdictOK, standards.VerdictWarn, 500}, {standards.VerdictFail, "", math.NaN()}, {"", "", math.NaN()}}
	for k, w := range want {
		r := rep.Grids[k]
		if r.WorkersVerdict != w.workers || r.LoadVerdict != w.load || !(r.HouseholdsPerWorker == w.perWorker || math.IsNaN(w.perWorker) && math.IsNaN(r.HouseholdsPerWorker)) {
			t.Errorf("%s: workers %q load %q per worker %g, want %q %q %g", r.Code, r.WorkersVerdict, r.LoadVerdict, r.HouseholdsPerWorker, w.workers, w.load, w.perWorker)
		}
	}
	if rep.WithoutWorker != 1 || rep.WorkersUnknown != 1 || rep.OverLoad != 1 {
		t.Errorf("without %d unknown %d over %d, want 1 1 1", rep.WithoutWorker, rep.WorkersUnknown, rep.OverLoad)
	}
	comms := map[string][4]float64{codeC1: {0, -150, 2000, 150}, codeC3: {0, 1400, 600, 1600}}
	if len(rep.Uncovered) != 2 {
		t.Fatalf("uncovered %+v, want C1 and C3", rep.Uncovered)
	}
	for _, u := range rep.Uncovered {
		r, ok := comms[u.Code]
		if !ok {
			t.Fatalf("community %s reported uncovered", u.Code)
		}
		var area, pop float64
		for _, c := range e.Cells {
			if !inRect(c.Center, r[0], r[1], r[2], r[3]) {
				continue
			}
			in := false
			for _, g := range gridRects {
				in = in || inRect(c.Center, g.x0, g.y0, g.x1, g.y1)
			}
			if !in {
				area += c.AreaM2
				pop += c.Population
			}
		}
		if math.Abs(u.UncoveredAreaM2-area) > 1e-3 || math.Abs(u.UncoveredPopulation-pop) > 1e-6 || area == 0 {
			t.Errorf("%s: uncovered %.0f m², %.1f residents; want %.0f m², %.1f", u.Code, u.UncoveredAreaM2, u.UncoveredPopulation, area, pop)
		}
	}
}

// TestCoveragePerGrid gives one coverage row per grid whose cells and residents are those
// of the grid's rectangle, and refuses an unknown unit.
func TestCoveragePerGrid(t *testing.T) {
	e := newDistrict(t, withGrids)
	rep, err := assess.Coverage(e, assess.CoverageQuery{Target: engine.Target{Kind: engine.KindCategory, Key: "supermarket"}, Minutes: 15, Unit: assess.UnitGrid})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Grids) != 3 {
		t.Fatalf("%d grid rows, want 3", len(rep.Grids))
	}
	for k, g := range gridRects {
		cells, pop := rectCells(e, g.x0, g.y0, g.x1, g.y1)
		r := rep.Grids[k]
		if r.Scope != assess.ScopeGrid || r.Code != g.code || r.Cells != cells || math.Abs(r.Population-pop) > 1e-6 {
			t.Errorf("%s: %+v, want %d cells, %.1f residents", g.code, r, cells, pop)
		}
	}
	_, err = assess.Coverage(e, assess.CoverageQuery{Target: engine.Target{Kind: engine.KindCategory, Key: "supermarket"}, Minutes: 15, Unit: "compound"})
	if geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("unit compound: %v, want EINVALID", err)
	}
}

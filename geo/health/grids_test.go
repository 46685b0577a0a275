package health_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb/planar"
)

// TestGridFindings lays three grids on the line district's strip community: G1 over its
// west half (500 households, 1 worker: overloaded), G2 over the next quarter naming an
// unknown community and without a worker, G3 like G1 without a worker count. The east
// quarter is in no grid: its residents, summed here over the cells one by one, are the
// uncovered figure.
func TestGridFindings(t *testing.T) {
	nodes, edges := lineNetwork()
	d := lineData()
	comm := d.Communities[0].Code
	lat0, lat1 := lineLat-stripHalf, lineLat+stripHalf
	g1 := fixture.Rect(linePoint(0)[0], lat0, linePoint(10)[0], lat1)
	g2 := fixture.Rect(linePoint(10)[0], lat0, linePoint(15)[0], lat1)
	d.Grids = []geo.Grid{
		{Code: "G1", Name: "一网格", CommunityCode: comm, Households: 500, Workers: 1, WorkersGiven: true, Polygon: g1},
		{Code: "G2", Name: "二网格", CommunityCode: "510104009999", Workers: 0, WorkersGiven: true, Polygon: g2},
		{Code: "G3", Name: "三网格", CommunityCode: comm, Polygon: g1},
	}
	e := fixture.Compute(t, d, nodes, edges, lineOptions)
	fs := check(t, e, health.Facts{})
	if f := about(t, fs, health.CodeGridWorkerOverloaded, "G1"); f.Figure != 500 || f.Severity != health.SeverityWarning {
		t.Errorf("overloaded %+v", f)
	}
	if f := about(t, fs, health.CodeGridCommunityUnknown, "G2"); f.Severity != health.SeverityError {
		t.Errorf("unknown community %+v", f)
	}
	if f := about(t, fs, health.CodeGridWithoutWorker, "G2"); f.Severity != health.SeverityWarning {
		t.Errorf("without worker %+v", f)
	}
	if got := withCode(fs, health.CodeGridWorkersUnknown); len(got) != 1 || got[0].Count != 1 {
		t.Errorf("workers unknown %+v, want one finding of 1 grid", got)
	}
	var pop float64
	cells := 0
	for _, c := range e.Cells {
		if planar.MultiPolygonContains(d.Communities[0].Boundary, c.Center) && !planar.MultiPolygonContains(g1, c.Center) && !planar.MultiPolygonContains(g2, c.Center) {
			pop += c.Population
			cells++
		}
	}
	f := about(t, fs, health.CodeCommunityNotCoveredByGrids, comm)
	if cells == 0 || f.Count != cells || f.Severity != health.SeverityWarning {
		t.Errorf("not covered %+v, want %d cells", f, cells)
	}
	near(t, "uncovered residents", f.Figure, pop, 1e-6)
}

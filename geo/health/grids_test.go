package health_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/standards"
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
	fs, err := health.Check(e, health.Facts{}, health.Options{Standards: fixture.Standards(t)})
	if err != nil {
		t.Fatal(err)
	}
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

// TestGridLoadFromStandards: the households-per-grid-worker bound is the standards'
// rule, not a built-in figure. One grid of 500 households and 1 worker is checked against
// the bundled file (warn_above 300, borrowed from the community-worker rule), against
// custom files raising the bound, giving only a max, or dropping the rule, and without
// standards.
func TestGridLoadFromStandards(t *testing.T) {
	const households, workers = 500, 1
	nodes, edges := lineNetwork()
	d := lineData()
	g := fixture.Rect(linePoint(0)[0], lineLat-stripHalf, linePoint(10)[0], lineLat+stripHalf)
	d.Grids = []geo.Grid{{Code: "G1", Name: "一网格", CommunityCode: d.Communities[0].Code, Households: households, Workers: workers, WorkersGiven: true, Polygon: g}}
	e := load(t, d, nodes, edges, lineOptions)
	per := float64(households) / workers
	cases := []struct {
		name  string
		rules *standards.Rules
		bound float64 // 0: the load is not checked
		text  string  // what the finding's English text must say of the rule's source
	}{
		{"bundled: warn above 300, the community-worker rule", fixture.Standards(t), 300, "community-worker rule"},
		{"custom: warn above 600", fixture.StandardsWithRatio(t, "households_per_grid_worker", map[string]any{"warn_above": 600.0, "source": "本市网格化服务管理办法"}), 600, "本市网格化服务管理办法"},
		{"custom: max 400 only", fixture.StandardsWithRatio(t, "households_per_grid_worker", map[string]any{"max": 400.0, "source": "county rule 7"}), 400, "county rule 7"},
		{"custom: no such rule", fixture.StandardsWithRatio(t, "households_per_grid_worker", nil), 0, ""},
		{"no standards", nil, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := health.Check(e, health.Facts{}, health.Options{Standards: tc.rules})
			if err != nil {
				t.Fatal(err)
			}
			over := withCode(fs, health.CodeGridWorkerOverloaded)
			notChecked := withCode(fs, health.CodeGridWorkerLoadNotChecked)
			switch {
			case tc.bound == 0:
				if len(over) != 0 || len(notChecked) != 1 || notChecked[0].Count != 1 {
					t.Errorf("overloaded %+v, not checked %+v: want no overload and one info for 1 grid", over, notChecked)
				}
			case per > tc.bound:
				f := about(t, fs, health.CodeGridWorkerOverloaded, "G1")
				near(t, "households per worker", f.Figure, per, 1e-9)
				for _, want := range []string{fmt.Sprintf("more than the %g", tc.bound), tc.text} {
					if !strings.Contains(f.MessageEN, want) {
						t.Errorf("message %q lacks %q", f.MessageEN, want)
					}
				}
				if !strings.Contains(f.MessageZH, fmt.Sprintf("%g 户", tc.bound)) {
					t.Errorf("Chinese message %q lacks the bound %g", f.MessageZH, tc.bound)
				}
			default:
				if len(over) != 0 || len(notChecked) != 0 {
					t.Errorf("overloaded %+v, not checked %+v: %g per worker is within %g", over, notChecked, per, tc.bound)
				}
			}
		})
	}
}

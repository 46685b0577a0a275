package district_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/health"
	fx "github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// The defective district: a 1 km walk grid at (104, 30) covered by community C1, a second
// community without a boundary, a station 0.29° of longitude east of the boundary, and
// two derived streets no community refers to any more.
const (
	gridLon, gridLat = 104.0, 30.0
	farLon           = 104.3
	noBoundaryPop    = 1200
)

// gridStep is 100 m in degrees of longitude and latitude at gridLat.
func gridStep() (dLon, dLat float64) {
	dLat = 100 / (geo.EarthRadiusM * math.Pi / 180)
	return dLat / math.Cos(gridLat*math.Pi/180), dLat
}

// storeDefects fills db with the defective district and returns the far station's point.
func storeDefects(tb testing.TB, db *postgis.DB) orb.Point {
	tb.Helper()
	ctx := context.Background()
	_, dLat := gridStep()
	const n = 10
	var data postgis.OSMData
	var box orb.MultiPolygon
	data.Nodes, data.Edges, box = fx.GridNetwork(n)
	pt := func(k int64) orb.Point { return data.Nodes[k-1].Point }
	id := func(i, j int) int64 { return fx.GridID(n, i, j) }
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "grid.osm"}, data, geo.DefaultWalkModel()); err != nil {
		tb.Fatal(err)
	}
	derived := geo.Batch{Kind: "streets", FileName: "derived", Mode: geo.ModeReplace, Source: "derived"}
	if _, err := db.ImportStreets(ctx, derived, []geo.Street{{Code: "510100001", Name: "派生一"}, {Code: "510100002", Name: "派生二"}}); err != nil {
		tb.Fatal(err)
	}
	comms := []geo.Community{
		{Code: "510100003001", Name: "有界社区", StreetCode: "510100003", StreetName: "文件街道", Population: 5000, Boundary: box},
		{Code: "510100003002", Name: "无界社区", StreetCode: "510100003", StreetName: "文件街道", Population: noBoundaryPop},
	}
	file := geo.Batch{Kind: "communities", FileName: "communities.geojson", Mode: geo.ModeReplace}
	if _, err := db.ImportCommunities(ctx, file, comms, geo.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	far := orb.Point{farLon, gridLat + n/2*dLat}
	stations := []geo.Station{
		{ID: "S1", Name: "近站", Level: geo.LevelCommunity, Point: pt(id(n/2, n/2))},
		{ID: "S9", Name: "远站", Level: geo.LevelCommunity, Point: far},
	}
	if _, err := db.ImportStations(ctx, geo.Batch{Kind: "stations", FileName: "stations.csv", Mode: geo.ModeReplace}, stations, geo.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	return far
}

// Check finds each defect with its figure: the residents of the community without a
// boundary, the far station's distance from the boundary (an error), the stale streets.
func TestCheckFindsTheDefects(t *testing.T) {
	db, _ := postgistest.New(t)
	far := storeDefects(t, db)
	dLon, _ := gridStep()
	eastEdge := orb.Point{gridLon + 10*dLon, far[1]}
	c, err := district.Check(context.Background(), db, district.CheckOptions{Engine: engineOpts})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		code     health.Code
		severity health.Severity
		subject  string
		figure   float64
		tol      float64
	}{
		{"community without boundary", health.CodeCommunityWithoutBoundary, health.SeverityWarning, "510100003002", noBoundaryPop, 0},
		{"far station", health.CodeFacilityOutsideStudyArea, health.SeverityError, "S9", geo.HaversineM(far, eastEdge) / 1000, 0.01},
		{"stale derived streets", health.CodeStaleDerivedRows, health.SeverityWarning, "street", 2, 0},
		{"checks of the cells not run", health.CodeChecksNeedCompute, health.SeverityInfo, "", 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := findingOf(c.Findings, tc.code, tc.subject)
			if !ok {
				t.Fatalf("no %s finding for %q in %+v", tc.code, tc.subject, c.Findings)
			}
			if f.Severity != tc.severity || math.Abs(f.Figure-tc.figure) > tc.tol*tc.figure {
				t.Errorf("%s %v %s, want %s %v", f.Severity, f.Figure, f.Unit, tc.severity, tc.figure)
			}
		})
	}
	if c.Summary.Errors != 1 {
		t.Errorf("summary %+v, want the one error of the far station", c.Summary)
	}
}

func findingOf(fs []health.Finding, code health.Code, id string) (health.Finding, bool) {
	for _, f := range fs {
		if f.Code == code && f.Subject.ID == id {
			return f, true
		}
	}
	return health.Finding{}, false
}

// Recompute refuses on the check's errors unless forced, writing nothing; forced, it
// stores the findings with the run, and the next run's replace them.
func TestRecomputeRefusesErrorsUnlessForced(t *testing.T) {
	db, url := postgistest.New(t)
	storeDefects(t, db)
	ctx := context.Background()
	_, err := district.Recompute(ctx, db, district.RecomputeOptions{Engine: engineOpts})
	if geo.ErrorCodeOf(err) != geo.EUNPROCESSABLE || !contains(geo.ErrorMessage(err), "S9", "--force") {
		t.Fatalf("err = %v, want EUNPROCESSABLE naming S9 and --force", err)
	}
	if id, _, _ := db.RunFindings(ctx); id != 0 {
		t.Fatalf("refused recompute recorded run %d", id)
	}
	c, err := district.Recompute(ctx, db, district.RecomputeOptions{Engine: engineOpts, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	first, stored, err := db.RunFindings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(c.Findings) || len(stored) == 0 {
		t.Fatalf("stored %d findings, the run found %d", len(stored), len(c.Findings))
	}
	for i, f := range c.Findings {
		s := stored[i]
		if s.Code != string(f.Code) || s.Severity != string(f.Severity) || s.SubjectID != f.Subject.ID || s.Figure != f.Figure || s.MessageZH != f.MessageZH {
			t.Errorf("stored finding %d %+v, found %+v", i, s, f)
		}
	}
	if _, ok := findingOf(c.Findings, health.CodeChecksNeedCompute, ""); ok {
		t.Errorf("findings of a computed run say the checks of the cells did not run")
	}
	if _, err := district.Recompute(ctx, db, district.RecomputeOptions{Engine: engineOpts, Force: true}); err != nil {
		t.Fatal(err)
	}
	second, again, err := db.RunFindings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var rows, runs int
	if err := conn.QueryRow(ctx, "SELECT count(*), count(DISTINCT run_id) FROM findings").Scan(&rows, &runs); err != nil {
		t.Fatal(err)
	}
	if second == first || rows != len(again) || runs != 1 || len(again) != len(stored) {
		t.Errorf("after the second run (%d, first %d): %d finding rows of %d runs, want the %d of one run", second, first, rows, runs, len(stored))
	}
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

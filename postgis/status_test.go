package postgis_test

import (
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// StaleDerivedRows counts derived streets no derived community refers to, derived
// communities beside a file's and illustrative stations beside a file's; Status counts
// rows by kind and source and says the coverage is stale until a compute follows the
// newest import.
func TestStaleDerivedRowsAndStatus(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	box := orb.MultiPolygon{{{{104, 30}, {104.01, 30}, {104.01, 30.01}, {104, 30.01}, {104, 30}}}}
	derived := func(kind string) geo.Batch {
		return geo.Batch{Kind: kind, FileName: "derived", Mode: geo.ModeUpsert, Source: "derived"}
	}
	file := func(kind, name string) geo.Batch { return geo.Batch{Kind: kind, FileName: name, Mode: geo.ModeUpsert} }
	must := func(_ postgis.Summary, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.ImportStreets(ctx, derived("streets"), []geo.Street{{Code: "510100001", Name: "派生一"}, {Code: "510100002", Name: "派生二"}, {Code: "510100003", Name: "派生三"}}))
	must(db.ImportCommunities(ctx, derived("communities"), []geo.Community{{Code: "510100001001", Name: "派生社区", StreetCode: "510100001", Boundary: box}}, geo.ImportOptions{}))
	got, err := db.StaleDerivedRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"street": 2}; !maps.Equal(got, want) {
		t.Errorf("derived only: stale %v, want %v (the street of the derived community is current)", got, want)
	}
	must(db.ImportCommunities(ctx, file("communities", "c.geojson"), []geo.Community{{Code: "510100009001", Name: "文件社区", Boundary: box}}, geo.ImportOptions{}))
	illustrative := geo.Batch{Kind: "stations", FileName: "illustrative", Mode: geo.ModeUpsert, Source: "illustrative"}
	must(db.ImportStations(ctx, illustrative, []geo.Station{{ID: "I1", Name: "示意站", Level: geo.LevelCommunity, Point: orb.Point{104.005, 30.005}}}, geo.ImportOptions{}))
	must(db.ImportStations(ctx, file("stations", "s.csv"), []geo.Station{{ID: "S1", Name: "站", Level: geo.LevelCommunity, Point: orb.Point{104.004, 30.004}}}, geo.ImportOptions{}))
	if got, err = db.StaleDerivedRows(ctx); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"street": 2, "community": 1, "station": 1}; !maps.Equal(got, want) {
		t.Errorf("beside files: stale %v, want %v", got, want)
	}

	s, err := db.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int64{}
	for _, c := range s.Counts {
		rows[c.Kind+"/"+c.Source] = c.Rows
	}
	for k, want := range map[string]int64{"streets/derived": 3, "communities/derived": 1, "communities/file": 1, "stations/illustrative": 1, "stations/file": 1, "walk_nodes/": 0} {
		if rows[k] != want {
			t.Errorf("rows %s = %d, want %d (all: %v)", k, rows[k], want, rows)
		}
	}
	last := map[string]string{}
	for _, im := range s.Imports {
		last[im.Kind] = im.FileName
	}
	if last["stations"] != "s.csv" || last["communities"] != "c.geojson" {
		t.Errorf("last imports %v, want s.csv for stations and c.geojson for communities", last)
	}
	if s.Run != nil || !s.CoverageStale() {
		t.Errorf("before any compute: run %v, stale %v; want none and stale", s.Run, s.CoverageStale())
	}
	if err := db.WriteCoverage(ctx, testRun(t, time.Now())); err != nil {
		t.Fatal(err)
	}
	if s, err = db.Status(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Run == nil || s.Run.Resolution != 10 || s.Run.Cells != 2 || s.CoverageStale() {
		t.Errorf("after a compute: run %+v, stale %v; want the run of 2 cells at resolution 10, not stale", s.Run, s.CoverageStale())
	}
}

// Replacing the communities by a set in another city leaves no street derived from the
// old set, no cell and no coverage row; an upsert of communities keeps the coverage.
func TestReplaceCommunitiesLeavesNothingStale(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	chengdu := []geo.Community{
		{Code: "510104001001", Name: "府河桥社区", StreetCode: "510104001", StreetName: "青龙街道", Households: 3000, Boundary: square(104.06, 30.65, 0.01)},
		{Code: "510104002001", Name: "玉林社区", StreetCode: "510104002", StreetName: "玉林街道", Households: 2000, Boundary: square(104.08, 30.65, 0.01)},
	}
	hefei := []geo.Community{
		{Code: "340103001001", Name: "水西门社区", StreetCode: "340103001", StreetName: "亳州路街道", Households: 3000, Boundary: square(117.27, 31.86, 0.01)},
	}
	b := postgis.Batch{Kind: "communities", FileName: "c.geojson", Mode: postgis.ModeReplace, Read: 2}
	if _, err := db.ImportCommunities(ctx, b, chengdu, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := db.WriteCoverage(ctx, testRun(t, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rowsOf := func(table string) int {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if rowsOf("cells") == 0 || rowsOf("coverage_cells") == 0 || rowsOf("coverage_summary") == 0 || rowsOf("streets") != 2 {
		t.Fatalf("set-up: %d cells, %d coverage cells, %d summary rows, %d streets", rowsOf("cells"), rowsOf("coverage_cells"), rowsOf("coverage_summary"), rowsOf("streets"))
	}
	up := b
	up.Mode = postgis.ModeUpsert
	if _, err := db.ImportCommunities(ctx, up, chengdu[:1], postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if rowsOf("cells") == 0 {
		t.Errorf("an upsert of communities deleted the coverage")
	}
	if _, err := db.ImportCommunities(ctx, b, hefei, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"cells", "coverage_cells", "coverage_summary"} {
		if n := rowsOf(table); n != 0 {
			t.Errorf("%d %s rows of the old communities remain", n, table)
		}
	}
	streets, err := db.Streets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(streets) != 1 || streets[0].Code != "340103001" {
		t.Errorf("streets after the replace: %+v, want only 340103001 (亳州路街道)", streets)
	}
	comms, err := db.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(comms) != 1 || comms[0].Code != "340103001001" {
		t.Errorf("communities after the replace: %d, want only 340103001001", len(comms))
	}
}

// TestStatusNamesAutovacuum checks that Status says when the server's autovacuum is off
// (as on this project's test machines) and says nothing when it is on, against the
// setting read here.
func TestStatusNamesAutovacuum(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var on bool
	if err := conn.QueryRow(ctx, "SELECT current_setting('autovacuum') = 'on' AND current_setting('track_counts') = 'on'").Scan(&on); err != nil {
		t.Fatal(err)
	}
	s, err := db.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if said := len(s.Server) == 1 && strings.Contains(s.Server[0], "autovacuum is off"); said == on || (on && len(s.Server) != 0) {
		t.Errorf("autovacuum on: %v; status notes %q", on, s.Server)
	}
}

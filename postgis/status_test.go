package postgis_test

import (
	"context"
	"maps"
	"testing"
	"time"

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

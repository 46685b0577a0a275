package main_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// seedSupplyGrid stores a 7 × 7 grid of streets 100 m apart, one community of 2 000
// residents in 700 households over it and one station of 300 m² and 4 staff at its centre.
func seedSupplyGrid(tb testing.TB, db *postgis.DB) {
	tb.Helper()
	const n = 7
	o := orb.Point{104.06, 30.66}
	dLat := 100 / (geo.EarthRadiusM * math.Pi / 180)
	dLon := dLat / math.Cos(o[1]*math.Pi/180)
	pt := func(i, j int) orb.Point { return orb.Point{o[0] + float64(i)*dLon, o[1] + float64(j)*dLat} }
	id := func(i, j int) int64 { return int64(1 + i + j*n) }
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	for j := range n {
		for i := range n {
			nodes = append(nodes, geo.WalkNode{ID: id(i, j), Point: pt(i, j)})
			for _, d := range [][2]int{{1, 0}, {0, 1}} {
				if i+d[0] < n && j+d[1] < n {
					a, b := pt(i, j), pt(i+d[0], j+d[1])
					edges = append(edges, geo.WalkEdge{ID: int64(len(edges) + 1), Source: id(i, j), Target: id(i+d[0], j+d[1]),
						LengthM: geo.HaversineM(a, b), Highway: "residential", Geometry: orb.LineString{a, b}})
				}
			}
		}
	}
	ctx := context.Background()
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "grid.osm", Read: len(edges)},
		postgis.OSMData{Nodes: nodes, Edges: edges}, geo.DefaultWalkModel()); err != nil {
		tb.Fatal(err)
	}
	b := func(kind string) postgis.Batch {
		return postgis.Batch{Kind: kind, FileName: kind + ".csv", Mode: postgis.ModeReplace, CRS: "wgs84"}
	}
	sw, ne := pt(0, 0), pt(n-1, n-1)
	comm := geo.Community{Code: "510104001001", Name: "网格社区", StreetCode: "510104001", StreetName: "测试街道", Population: 2000, Households: 700,
		Boundary: orb.MultiPolygon{{{sw, {ne[0], sw[1]}, ne, {sw[0], ne[1]}, sw}}}}
	if _, err := db.ImportCommunities(ctx, b("communities"), []geo.Community{comm}, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	st := geo.Station{ID: "st-1", Name: "网格社区党群服务站", Level: geo.LevelCommunity, ParentCode: comm.Code, FloorAreaM2: 300, Staff: 4, Point: pt(3, 3), Source: "file"}
	if _, err := db.ImportStations(ctx, b("stations"), []geo.Station{st}, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
}

// TestSupplyCommand: every cell is within 15 minutes (≤ 600 m on the grid) of the one
// station, so every resident reaches 300 m² / 2 000 residents, 300 / 700 × 100 ≈ 42.9 m²
// per 100 households (pass against 30), and 4 / 700 × 1 000 ≈ 5.71 staff per 1 000
// households (pass against 1 000 / 300).
func TestSupplyCommand(t *testing.T) {
	db, url := postgistest.New(t)
	seedSupplyGrid(t, db)
	out := mustRun(t, url, "--lang", "en", "supply")
	if !strings.Contains(out, "42.9") || !strings.Contains(out, "pass") || !strings.Contains(out, "2SFCA") {
		t.Errorf("supply: want 42.9 m² per 100 households, pass:\n%s", out)
	}
	out = mustRun(t, url, "--lang", "en", "supply", "--resource", "staff")
	if !strings.Contains(out, "5.7") || !strings.Contains(out, "staff per 1 000 households") {
		t.Errorf("supply --resource staff: want 5.7 staff per 1 000 households:\n%s", out)
	}
	if zh := mustRun(t, url, "supply"); !strings.Contains(zh, "平方米/百户") {
		t.Errorf("supply in Chinese:\n%s", zh)
	}
}

// TestReportCircle: report network --circle adds the circle's rows to the coverage table,
// and an unknown circle fails naming the known ones.
func TestReportCircle(t *testing.T) {
	db, url := postgistest.New(t)
	seedSupplyGrid(t, db)
	dir := t.TempDir()
	mustRun(t, url, "--lang", "en", "report", "network", "--format", "csv", "--circle", "party_15min", "--out", dir)
	b, err := os.ReadFile(filepath.Join(dir, "coverage-communities.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "party_15min") || !strings.Contains(string(b), "15-minute party-mass service circle") {
		t.Errorf("coverage-communities.csv has no party_15min row:\n%s", b)
	}
	code, _, errOut := run(t, url, "--lang", "en", "report", "network", "--circle", "nope", "--out", dir)
	if code == 0 || !strings.Contains(errOut, "known: health_15min") {
		t.Errorf("unknown circle: exit %d, %s", code, errOut)
	}
}

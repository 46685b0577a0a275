package report_test

import (
	"context"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/report"
	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The test district, laid out in local metres x east and y north of (104° E, 30° N):
//
//	y=600  ─────────────────────────── north street, x 0…2000   (street B 北街道: community C2)
//	       │ cross street x=0
//	y=0    ─────────────────────────── south street, x 0…2000   (street A 南街道: community C1)
//
// C1 is the strip y −150…150 around the south street, C2 the strip y 450…750 around the
// north street, and C3 (street B) a block at y 1400…1600, more than 500 m from every
// street, so all its cells are off the walk network and all its residents beyond any
// threshold. Stations: one district centre, one street centre (street A only), one
// community and one compound station (both N) and one building station (X, detected in
// OSM): the formula is 1+1+2+1.
const (
	codeA, codeB    = "510104001", "510104002"
	codeC1, codeC2  = "510104001001", "510104002001"
	codeC3          = "510104002002"
	fixtureFormula  = "1+1+2+1"
	fixtureStations = 5
)

// pt returns the WGS84 (lon, lat) point x metres east and y metres north of (104, 30).
func pt(x, y float64) orb.Point {
	mLat := geo.EarthRadiusM * math.Pi / 180
	mLon := mLat * math.Cos(30*math.Pi/180)
	return orb.Point{104 + x/mLon, 30 + y/mLat}
}

// rect is the WGS84 polygon of the local rectangle x0…x1, y0…y1 (metres).
func rect(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{pt(x0, y0), pt(x1, y0), pt(x1, y1), pt(x0, y1), pt(x0, y0)}}}
}

// network builds the three streets with nodes every 100 m.
func network() ([]geo.WalkNode, []geo.WalkEdge) {
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	ids := map[[2]int]int64{}
	node := func(x, y int) int64 {
		if id, ok := ids[[2]int{x, y}]; ok {
			return id
		}
		id := int64(len(nodes) + 1)
		ids[[2]int{x, y}] = id
		nodes = append(nodes, geo.WalkNode{ID: id, Point: pt(float64(x), float64(y))})
		return id
	}
	line := func(x0, y0, dx, dy, n int) {
		for k := 0; k < n; k++ {
			a, b := node(x0+k*dx, y0+k*dy), node(x0+(k+1)*dx, y0+(k+1)*dy)
			pa, pb := nodes[a-1].Point, nodes[b-1].Point
			edges = append(edges, geo.WalkEdge{ID: int64(len(edges) + 1), Source: a, Target: b,
				LengthM: geo.HaversineM(pa, pb), Highway: "residential", OSMWayID: 1, Geometry: orb.LineString{pa, pb}})
		}
	}
	line(0, 0, 100, 0, 20)
	line(0, 0, 0, 100, 6)
	line(0, 600, 100, 0, 20)
	return nodes, edges
}

// fixtureData is the district's units and facilities.
func fixtureData() engine.Data {
	return engine.Data{
		Streets: []geo.Street{
			{Code: codeA, Name: "南街道", DistrictCode: "510104", Boundary: rect(-100, -200, 2100, 300)},
			{Code: codeB, Name: "北街道", DistrictCode: "510104", Boundary: rect(-100, 300, 2100, 1700)},
		},
		Communities: []geo.Community{
			{Code: codeC1, Name: "南社区", StreetCode: codeA, StreetName: "南街道", Population: 6000,
				Households: 2000, Workers: 5, ServiceAreaM2: 400, Boundary: rect(0, -150, 2000, 150)},
			{Code: codeC2, Name: "北社区", StreetCode: codeB, StreetName: "北街道", Population: 3000,
				Households: 1000, Workers: 4, ServiceAreaM2: 350, Boundary: rect(0, 450, 2000, 750)},
			{Code: codeC3, Name: "远村", StreetCode: codeB, StreetName: "北街道", Population: 1000,
				Boundary: rect(0, 1400, 600, 1600)},
		},
		Compounds: []geo.Compound{
			{ID: "k1", Name: "东苑", CommunityCode: codeC1, Households: 100, Polygon: rect(1400, -100, 1600, 100)},
			{ID: "k2", Name: "北苑", CommunityCode: codeC2, Population: 500, Polygon: rect(1700, 500, 1900, 700)},
		},
		Stations: []geo.Station{
			{ID: "d1", Name: "区党群服务中心", Level: geo.LevelDistrict, ParentCode: "510104", Point: pt(1000, 0), Source: "file"},
			{ID: "s1", Name: "南街道党群服务中心", Level: geo.LevelStreet, ParentCode: codeA, Point: pt(0, 200), Source: "file"},
			{ID: "c1", Name: "南社区党群服务站", Level: geo.LevelCommunity, ParentCode: codeC1, Point: pt(100, 0), FloorAreaM2: 500, Source: "file"},
			{ID: "p1", Name: "东苑党群服务站", Level: geo.LevelCompound, Point: pt(1500, 0), FloorAreaM2: 200, Source: "file"},
			{ID: "x1", Name: "商圈党群服务站 <b>&", Level: geo.LevelBuilding, Point: pt(1000, 600), Source: "osm"},
		},
		Outlets: []geo.Outlet{{ID: "m1", Name: "超市", Category: "supermarket", Point: pt(600, 0)}},
	}
}

// fixtureCategories are the outlet categories the engine reports.
func fixtureCategories() []string { return []string{"supermarket", "laundry"} }

// fixtureEngine builds and computes the district.
func fixtureEngine(tb testing.TB) *engine.Engine {
	tb.Helper()
	nodes, edges := network()
	e, err := engine.New(fixtureData(), nodes, edges, engine.Options{Categories: fixtureCategories(), Workers: 1})
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.Compute(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return e
}

// fixtureInput collects the report of the district in lang, with the bundled standards.
func fixtureInput(tb testing.TB, lang string) report.Input {
	tb.Helper()
	rules, err := standards.Parse(data.Standards())
	if err != nil {
		tb.Fatal(err)
	}
	e := fixtureEngine(tb)
	in, err := report.Collect(e, report.CollectOptions{Rules: rules})
	if err != nil {
		tb.Fatal(err)
	}
	if in.Findings, err = health.Check(e, health.Facts{}, health.Options{}); err != nil {
		tb.Fatal(err)
	}
	in.Checked = true
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		tb.Fatal(err)
	}
	in.Categories, in.Lang = cats, lang
	in.Title = "测试区 <报告> & 网络"
	in.Attribution = "Map data © OpenStreetMap contributors (ODbL)"
	return in
}

// golden compares got with testdata/name, or rewrites the file under -update. An HTML
// golden is stored as name.golden: a recorded answer, not a page of the source.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if strings.HasSuffix(name, ".html") {
		path += ".golden"
	}
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if string(got) != string(want) {
		tb.Errorf("%s differs from the golden file (%d bytes, want %d); if the change is intended, run go test ./report -update and review the diff", name, len(got), len(want))
	}
}

// newUncomputed builds the district's engine without computing coverage.
func newUncomputed(nodes []geo.WalkNode, edges []geo.WalkEdge) (*engine.Engine, error) {
	return engine.New(fixtureData(), nodes, edges, engine.Options{Categories: fixtureCategories()})
}

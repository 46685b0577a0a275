package report_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/report"
	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The test district is fixture's streets district (see fixture.StreetsData): streets A
// 南街道 and B 北街道, communities C1, C2 and C3 (off the network), and the stations one
// district centre, one street centre (street A only), one community and one compound
// station (both N) and one building station (X, detected in OSM): the formula is 1+1+2+1.
// Here the edges carry an OSM way ID and the building station's name needs escaping.
const (
	codeA, codeB    = fixture.StreetA, fixture.StreetB
	codeC1, codeC2  = fixture.CommunityC1, fixture.CommunityC2
	codeC3          = fixture.CommunityC3
	fixtureFormula  = "1+1+2+1"
	fixtureStations = 5
)

// pt returns the WGS84 (lon, lat) point x metres east and y metres north of (104, 30).
func pt(x, y float64) orb.Point { return fixture.StreetsPoint(x, y) }

// rect is the WGS84 polygon of the local rectangle x0…x1, y0…y1 (metres).
func rect(x0, y0, x1, y1 float64) orb.MultiPolygon { return fixture.StreetsRect(x0, y0, x1, y1) }

// network builds the three streets with nodes every 100 m, each edge from OSM way 1.
func network() ([]geo.WalkNode, []geo.WalkEdge) {
	nodes, edges := fixture.StreetsNetwork()
	for i := range edges {
		edges[i].OSMWayID = 1
	}
	return nodes, edges
}

// fixtureData is the district's units and facilities.
func fixtureData() engine.Data {
	d := fixture.StreetsData()
	for i, s := range d.Stations {
		switch s.ID {
		case "x1":
			d.Stations[i].Name = "商圈党群服务站 <b>&"
		case "c1", "p1": // staff recorded at two stations, for the supply section
			d.Stations[i].Staff = 4
		}
	}
	return d
}

// fixtureCategories are the outlet categories the engine reports.
func fixtureCategories() []string { return []string{"supermarket", "laundry"} }

// fixtureEngine builds and computes the district.
func fixtureEngine(tb testing.TB) *engine.Engine {
	tb.Helper()
	return engineOf(tb, fixtureData())
}

// engineOf builds and computes d (the district's data, changed) on the district's network.
func engineOf(tb testing.TB, d engine.Data) *engine.Engine {
	tb.Helper()
	nodes, edges := network()
	return fixture.Compute(tb, d, nodes, edges, engine.Options{Categories: fixtureCategories(), Workers: 1})
}

// collect collects the report of a computed engine against rules (nil: no standards).
func collect(tb testing.TB, e *engine.Engine, rules *standards.Rules) report.Input {
	tb.Helper()
	in, err := report.Collect(e, report.CollectOptions{Rules: rules})
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

// fixtureInput collects the report of the district in lang, with the bundled standards.
func fixtureInput(tb testing.TB, lang string) report.Input {
	tb.Helper()
	rules := fixture.Standards(tb)
	e := fixtureEngine(tb)
	shared := siting.SharedRequest{Level: geo.LevelCommunity, Minutes: 15, MinShare: siting.DefaultMinShare, MaxGroup: siting.DefaultMaxGroup}
	in, err := report.Collect(e, report.CollectOptions{Rules: rules, Shared: &shared})
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

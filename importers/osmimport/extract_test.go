package osmimport_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestReadFileOutlets(t *testing.T) {
	res := read(t, filepath.Join("testdata", "features.osm"))
	want := []geo.Outlet{
		{ID: "osm:n40", Name: "测试银行", Category: "bank", Point: orb.Point{104.005, 30.005}, Source: "osm"},
		{ID: "osm:n43", Name: "府河桥社区养老服务中心", Category: "elderly_care", Point: orb.Point{104.008, 30.008}, Source: "osm"},
		// a townhall is no station (no name pattern), so its shop tag makes it an outlet
		{ID: "osm:n45", Name: "青龙办事处", Category: "supermarket", Point: orb.Point{104.010, 30.010}, Source: "osm"},
		{ID: "osm:n47", Name: "府河桥社区卫生服务中心", Category: "clinic", Point: orb.Point{104.012, 30.012}, Source: "osm"},
		// the centre of the 0.001° square of way 20
		{ID: "osm:w20", Name: "测试超市", Category: "supermarket", Point: orb.Point{104.0205, 30.0205}, Source: "osm"},
	}
	if len(res.Outlets) != len(want) {
		t.Fatalf("got %d outlets %+v, want %d", len(res.Outlets), res.Outlets, len(want))
	}
	for i, w := range want {
		t.Run(w.ID, func(t *testing.T) {
			got := res.Outlets[i]
			if got.ID != w.ID || got.Name != w.Name || got.Category != w.Category || got.Source != w.Source || got.Status != geo.StatusCandidate {
				t.Errorf("got %+v, want %+v", got, w)
			}
			if d := geo.HaversineM(got.Point, w.Point); d > 0.01 {
				t.Errorf("%s at %v, %.3f m from %v", w.ID, got.Point, d, w.Point)
			}
		})
	}
}

func TestReadFileStations(t *testing.T) {
	res := read(t, filepath.Join("testdata", "features.osm"))
	want := []geo.Station{
		{ID: "osm:n41", Name: "青龙街道党群服务中心", Level: geo.LevelStreet, Address: "青龙路8号", Point: orb.Point{104.006, 30.006}},
		{ID: "osm:n42", Name: "青龙街道府河桥社区党群服务站", Level: geo.LevelCommunity, Point: orb.Point{104.007, 30.007}},
		{ID: "osm:n44", Name: "锦绣小区党群服务站", Level: geo.LevelCompound, Point: orb.Point{104.009, 30.009}},
	}
	if len(res.Stations) != len(want) {
		t.Fatalf("got %d stations %+v, want %d", len(res.Stations), res.Stations, len(want))
	}
	for i, w := range want {
		t.Run(w.ID, func(t *testing.T) {
			w.Source, w.Status = "osm", geo.StatusCandidate
			if got := res.Stations[i]; got != w {
				t.Errorf("got %+v, want %+v", got, w)
			}
		})
	}
}

func TestReadFileResidential(t *testing.T) {
	res := read(t, filepath.Join("testdata", "features.osm"))
	want := []struct {
		id, kind string
		areaDeg2 float64 // planar area in square degrees, from the hand-drawn squares
		holes    int
	}{
		{"osm:w21", "landuse", 0.002 * 0.002, 0},
		{"osm:w22", "building", 0.001 * 0.001 / 2, 0},
		{"osm:r30", "landuse", 0.004*0.004 - 0.001*0.001/2, 1},
	}
	if len(res.Residential) != len(want) {
		t.Fatalf("got %d residential areas %+v, want %d", len(res.Residential), res.Residential, len(want))
	}
	for i, w := range want {
		t.Run(w.id, func(t *testing.T) {
			got := res.Residential[i]
			if got.ID != w.id || got.Kind != w.kind {
				t.Errorf("got %s %s, want %s %s", got.ID, got.Kind, w.id, w.kind)
			}
			if len(got.Polygon) != 1 || len(got.Polygon[0]) != 1+w.holes {
				t.Fatalf("polygon %v: want 1 polygon with %d holes", got.Polygon, w.holes)
			}
			if a := planar.Area(got.Polygon); math.Abs(a-w.areaDeg2) > 1e-12 {
				t.Errorf("area %.3g deg², want %.3g", a, w.areaDeg2)
			}
			if got.Polygon[0][0].Orientation() != orb.CCW {
				t.Errorf("outer ring is not counter-clockwise")
			}
		})
	}
}

func TestReadFileCommunitiesAndSkips(t *testing.T) {
	res := read(t, filepath.Join("testdata", "features.osm"))
	if len(res.Communities) != 1 {
		t.Fatalf("got %d communities %+v, want 1", len(res.Communities), res.Communities)
	}
	c := res.Communities[0]
	if c.Code != "510108001001" || c.Name != "府河桥社区" || c.Source != "osm" {
		t.Errorf("community %+v", c)
	}
	if b := c.Boundary.Bound(); b != (orb.Bound{Min: orb.Point{104.05, 30.05}, Max: orb.Point{104.06, 30.06}}) {
		t.Errorf("community bound %v", b)
	}
	checkSkipped(t, res.Stats, map[string]int64{osmimport.SkipOpenWay: 1, osmimport.SkipUnassembled: 1})
	wantBound := orb.Bound{Min: orb.Point{104.005, 30.005}, Max: orb.Point{104.06, 30.06}}
	if res.Bound != wantBound {
		t.Errorf("bound %v, want %v", res.Bound, wantBound)
	}
	if len(res.Edges) != 0 || len(res.Nodes) != 0 {
		t.Errorf("no walkable way, yet %d edges and %d nodes", len(res.Edges), len(res.Nodes))
	}
}

func TestReadFileWithoutCategories(t *testing.T) {
	res, err := osmimport.ReadFile(t.Context(), filepath.Join("testdata", "features.osm"), osmimport.Options{Stations: stationRules(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Outlets) != 0 || len(res.Stations) != 3 {
		t.Errorf("without categories: %d outlets, %d stations; want 0 and 3", len(res.Outlets), len(res.Stations))
	}
	res, err = osmimport.ReadFile(t.Context(), filepath.Join("testdata", "features.osm"), osmimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stations) != 0 {
		t.Errorf("without station rules: %d stations, want 0", len(res.Stations))
	}
}

// networkNodes are the coordinates of testdata/network.osm, copied by hand.
var networkNodes = map[int64]orb.Point{
	1: {104.000, 30.000}, 2: {104.001, 30.000}, 3: {104.002, 30.000}, 4: {104.001, 29.999},
	5: {104.001, 30.001}, 10: {103.999, 30.000}, 11: {104.002, 30.001}, 13: {103.999, 30.001},
	14: {103.998, 30.001}, 15: {103.998, 30.002}, 16: {103.997, 30.003}, 17: {103.997, 30.004},
	20: {104.010, 30.010}, 21: {104.011, 30.010}, 22: {104.012, 30.011}, 23: {104.011, 30.011},
}

func TestReadFileNetwork(t *testing.T) {
	res := read(t, filepath.Join("testdata", "network.osm"))
	want := []struct {
		name    string
		way     int64
		highway string
		nodes   []int64
	}{
		{"cross west arm", 1, "residential", []int64{1, 2}},
		{"cross east arm", 1, "residential", []int64{2, 3}},
		{"cross south arm", 2, "footway", []int64{4, 2}},
		{"cross north arm", 2, "footway", []int64{2, 5}},
		{"trunk with foot=yes", 5, "trunk", []int64{1, 10}},
		{"private with foot=yes", 6, "service", []int64{3, 11}},
		{"steps through a plain node", 8, "steps", []int64{10, 13, 14}},
		{"run before the missing node", 9, "footway", []int64{14, 15}},
		{"run after the missing node", 9, "footway", []int64{16, 17}},
		{"lollipop stick", 10, "path", []int64{20, 21}},
		{"lollipop loop", 10, "path", []int64{21, 22, 23, 21}},
	}
	if len(res.Edges) != len(want) {
		t.Fatalf("got %d edges, want %d: %+v", len(res.Edges), len(want), res.Edges)
	}
	for i, w := range want {
		t.Run(w.name, func(t *testing.T) {
			e := res.Edges[i]
			var line orb.LineString
			wantLen := 0.0
			for j, id := range w.nodes {
				line = append(line, networkNodes[id])
				if j > 0 {
					wantLen += geo.HaversineM(networkNodes[w.nodes[j-1]], networkNodes[id])
				}
			}
			if e.ID != int64(i+1) || e.OSMWayID != w.way || e.Highway != w.highway {
				t.Errorf("edge %d: id %d way %d highway %q; want id %d way %d highway %q", i, e.ID, e.OSMWayID, e.Highway, i+1, w.way, w.highway)
			}
			if e.Source != w.nodes[0] || e.Target != w.nodes[len(w.nodes)-1] {
				t.Errorf("edge %d: %d→%d, want %d→%d", e.ID, e.Source, e.Target, w.nodes[0], w.nodes[len(w.nodes)-1])
			}
			if math.Abs(e.LengthM-wantLen) > 1e-9 {
				t.Errorf("edge %d: length %.9f m, want %.9f m", e.ID, e.LengthM, wantLen)
			}
			if !line.Equal(e.Geometry) {
				t.Errorf("edge %d: geometry %v, want %v", e.ID, e.Geometry, line)
			}
		})
	}
	checkNetworkNodes(t, res, []int64{1, 2, 3, 4, 5, 10, 11, 14, 15, 16, 17, 20, 21})
	checkSkipped(t, res.Stats, map[string]int64{
		osmimport.SkipWayMissingNodes: 2, osmimport.SkipMissingNodeRefs: 2, osmimport.SkipBadCoordinates: 1,
	})
	if res.Stats.WaysRead != 12 || res.Stats.WalkableWays != 8 {
		t.Errorf("stats: %d ways read, %d walkable; want 12 and 8", res.Stats.WaysRead, res.Stats.WalkableWays)
	}
}

// A cross section of the hand-checked numbers: 0.001° of longitude at 30° N is about
// 96.3 m, 0.001° of latitude about 111.2 m.
func TestReadFileNetworkLengthsAreMetres(t *testing.T) {
	res := read(t, filepath.Join("testdata", "network.osm"))
	cases := []struct {
		name   string
		edge   int
		lo, hi float64
	}{
		{"east-west 0.001°", 0, 96.0, 96.6},
		{"north-south 0.001°", 2, 111.0, 111.4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if l := res.Edges[c.edge].LengthM; l < c.lo || l > c.hi {
				t.Errorf("edge %d is %.2f m, want %.1f–%.1f m", c.edge+1, l, c.lo, c.hi)
			}
		})
	}
}

func checkNetworkNodes(tb testing.TB, res *osmimport.Result, want []int64) {
	tb.Helper()
	if len(res.Nodes) != len(want) {
		tb.Fatalf("got %d nodes %v, want %v", len(res.Nodes), res.Nodes, want)
	}
	for i, id := range want {
		n := res.Nodes[i]
		if n.ID != id || n.Point != networkNodes[id] {
			tb.Errorf("node %d: got %d at %v, want %d at %v", i, n.ID, n.Point, id, networkNodes[id])
		}
	}
}

func checkSkipped(tb testing.TB, s osmimport.Stats, want map[string]int64) {
	tb.Helper()
	if len(s.Skipped) != len(want) {
		tb.Errorf("skipped %v, want %v", s.Skipped, want)
	}
	for reason, n := range want {
		if s.Skipped[reason] != n {
			tb.Errorf("skipped[%s] = %d, want %d", reason, s.Skipped[reason], n)
		}
	}
}

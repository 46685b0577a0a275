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

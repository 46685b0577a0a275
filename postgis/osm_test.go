package postgis_test

import (
	"context"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

func TestImportOSMRoundTripAndReplace(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	a, b, c := orb.Point{104.0, 30.0}, orb.Point{104.001, 30.0}, orb.Point{104.001, 30.001}
	d := postgis.OSMData{
		Nodes: []geo.WalkNode{{ID: 10, Point: a}, {ID: 20, Point: b}, {ID: 30, Point: c}},
		Edges: []geo.WalkEdge{
			{ID: 1, Source: 10, Target: 20, LengthM: geo.HaversineM(a, b), Highway: "footway", OSMWayID: 5, Geometry: orb.LineString{a, b}},
			{ID: 2, Source: 20, Target: 30, LengthM: geo.HaversineM(b, c), Highway: "steps", OSMWayID: 6, Geometry: orb.LineString{b, c}},
		},
		Outlets:  []geo.Outlet{{ID: "osm:n1", Name: "超市", Category: "supermarket", Point: a}},
		Stations: []geo.Station{{ID: "osm:n2", Name: "XX社区党群服务站", Level: geo.LevelCommunity, Point: b}},
	}
	m := geo.DefaultWalkModel()
	batch := postgis.Batch{Kind: "osm", FileName: "x.osm", Read: 3}
	if _, err := db.ImportOSM(ctx, batch, d, m); err != nil {
		t.Fatal(err)
	}
	// A district file's station must survive an OSM re-import.
	if _, err := db.ImportStations(ctx, postgis.Batch{Kind: "stations", FileName: "s.csv", Mode: postgis.ModeUpsert},
		[]geo.Station{{ID: "f1", Name: "file station", Level: geo.LevelStreet, Point: c}}, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportOSM(ctx, batch, d, m); err != nil {
		t.Fatalf("re-import: %v", err)
	}
	got := counts(t, db)
	want := map[string]int64{"walk_nodes": 3, "walk_edges": 2, "outlets": 1, "stations": 2}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s rows = %d, want %d", k, got[k], v)
		}
	}
	nodes, edges, err := db.LoadNetwork(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 3 || len(edges) != 2 {
		t.Fatalf("loaded %d nodes %d edges", len(nodes), len(edges))
	}
	if nodes[2].ID != 30 || nodes[2].Point != c {
		t.Errorf("node 30 = %+v", nodes[2])
	}
	e := edges[1]
	if e.Source != 20 || e.Target != 30 || e.Highway != "steps" || e.OSMWayID != 6 || len(e.Geometry) != 2 || e.Geometry[1] != c {
		t.Errorf("edge 2 = %+v", e)
	}
	if e.LengthM != d.Edges[1].LengthM {
		t.Errorf("length %v, want %v", e.LengthM, d.Edges[1].LengthM)
	}
}

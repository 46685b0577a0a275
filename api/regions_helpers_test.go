package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// Two regions of the test district: A is the grid where the other tests have it, B the
// same grid shifted regionShift degrees east (about 19 km: beyond any walk, so neither
// region's halo reaches the other), each with a district boundary around its grid.
const (
	regionA     geo.Region = "510104"
	regionB     geo.Region = "510105"
	regionShift            = 0.2
)

// regionOffset is how far east region r's grid lies (degrees).
func regionOffset(r geo.Region) float64 {
	if r == regionB {
		return regionShift
	}
	return 0
}

// inRegion moves p to region r's grid.
func inRegion(r geo.Region, p orb.Point) orb.Point { return orb.Point{p[0] + regionOffset(r), p[1]} }

func shiftLine(r geo.Region, ls orb.LineString) orb.LineString {
	out := make(orb.LineString, len(ls))
	for i, p := range ls {
		out[i] = inRegion(r, p)
	}
	return out
}

func shiftArea(r geo.Region, mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			out[i][j] = orb.Ring(shiftLine(r, orb.LineString(ring)))
		}
	}
	return out
}

// regionNetwork is the test grid's walk network in region r (B's ids offset by 10 000).
func regionNetwork(r geo.Region) ([]geo.WalkNode, []geo.WalkEdge) {
	nodes, edges := testNetwork()
	var off int64
	if r == regionB {
		off = 10000
	}
	for i := range nodes {
		nodes[i].ID += off
		nodes[i].Point = inRegion(r, nodes[i].Point)
	}
	for i := range edges {
		edges[i].ID += off
		edges[i].Source += off
		edges[i].Target += off
		edges[i].OSMWayID += off
		edges[i].Geometry = shiftLine(r, edges[i].Geometry)
	}
	return nodes, edges
}

// regionData is the test district's data in region r: its codes start with r, its
// facilities sit on r's grid, and a district boundary 200 m around the grid is r's.
func regionData(r geo.Region) engine.Data {
	d := testData()
	code := func(c string) string { return strings.Replace(c, "510104", string(r), 1) }
	for i := range d.Communities {
		c := &d.Communities[i]
		c.Code, c.StreetCode, c.Boundary = code(c.Code), code(c.StreetCode), shiftArea(r, c.Boundary)
	}
	for i := range d.Stations {
		st := &d.Stations[i]
		st.ParentCode, st.Point = code(st.ParentCode), inRegion(r, st.Point)
	}
	for i := range d.Outlets {
		d.Outlets[i].Point = inRegion(r, d.Outlets[i].Point)
	}
	sw, ne := node(0, 0), node(gridN-1, gridN-1)
	m := 0.002
	d.Districts = []geo.District{{Code: string(r), Name: "测试区" + string(r), Level: "district", Source: "file",
		Boundary: shiftArea(r, rect(orb.Point{sw[0] - m, sw[1] - m}, orb.Point{ne[0] + m, ne[1] + m}))}}
	return d
}

// regionEngine builds region r's engine in memory with o, computed.
func regionEngine(tb testing.TB, o api.Options, r geo.Region) *engine.Engine {
	tb.Helper()
	nodes, edges := regionNetwork(r)
	e, err := engine.New(regionData(r), nodes, edges, o.Engine)
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.Compute(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return e
}

// seedRegion stores region r's district in db scoped to r, districts first.
func seedRegion(tb testing.TB, db *postgis.DB, r geo.Region) {
	tb.Helper()
	rdb := db.InRegion(r)
	d := regionData(r)
	b := postgis.Batch{Kind: "districts", FileName: "districts.geojson", Mode: postgis.ModeReplace, CRS: "wgs84"}
	if _, err := rdb.ImportDistricts(context.Background(), b, d.Districts, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	nodes, edges := regionNetwork(r)
	seedData(tb, rdb, nodes, edges, d)
}

// regionsServer serves regions A and B from one database (Store and StoreFor as serve
// sets them), each seeded and computed.
func regionsServer(tb testing.TB) (*api.Server, *postgis.DB) {
	tb.Helper()
	db, _ := postgistest.New(tb)
	seedRegion(tb, db, regionA)
	seedRegion(tb, db, regionB)
	s := storeServer(tb, db)
	for _, r := range []geo.Region{regionA, regionB} {
		if _, err := s.RecomputeRegion(context.Background(), r, false); err != nil {
			tb.Fatalf("compute %s: %v", r, err)
		}
	}
	return s, db
}

// storeServer is a server on db as serve builds it (nothing loaded).
func storeServer(tb testing.TB, db *postgis.DB) *api.Server {
	tb.Helper()
	o := testOptions(tb)
	o.Store = db
	o.StoreFor = func(r geo.Region) api.Store { return db.InRegion(r) }
	s, err := api.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

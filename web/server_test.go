package web_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/lifecircle/lifecircle/web"
	"github.com/paulmach/orb"
)

// district is a running server with the test district, and a point on its walk network
// near the middle of the district to click at.
type district struct {
	URL   string
	Click orb.Point // WGS84 (lon, lat)
}

// startServer stores a small synthetic district (≈ 20 000 walk nodes, 18 km², all five
// station levels, every outlet category) in a fresh PostGIS database and serves it over
// HTTP the way lifecircle serves it: the JSON API of package api at /api/, vector tiles at
// /tiles/{z}/{x}/{y}.mvt and the web map's assets at /.
//
// Until the api package serves tiles and assets itself, the tiles and assets are mounted
// here beside api's handler; then this helper becomes a call of the real server.
func startServer(tb testing.TB) district {
	tb.Helper()
	db, _ := postgistest.New(tb)
	d, err := synth.Generate(synth.Config{Seed: 7, Nodes: synth.MinNodes})
	if err != nil {
		tb.Fatal(err)
	}
	seed(tb, db, d)
	return district{URL: serve(tb, db), Click: middleNode(d)}
}

// serve answers from the database db the way lifecircle serve does — the JSON API with the
// bundled planning standards and service circles, the vector tiles and the web map's
// assets — and returns the server's URL.
func serve(tb testing.TB, db *postgis.DB) string {
	tb.Helper()
	srv, err := api.New(serverOptions(tb, db))
	if err != nil {
		tb.Fatal(err)
	}
	if err := srv.Load(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return listen(tb, srv)
}

// serverOptions are the options lifecircle serve gives the API on database db: the
// bundled categories, planning standards and service circles, the tiles and the web map.
func serverOptions(tb testing.TB, db *postgis.DB) api.Options {
	tb.Helper()
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		tb.Fatal(err)
	}
	rules, err := standards.Parse(data.Standards())
	if err != nil {
		tb.Fatal(err)
	}
	return api.Options{Store: db, Engine: engine.Options{Categories: cats.Keys()}, Categories: cats,
		Standards: rules, Assets: web.Assets(), Tiles: db}
}

// listen serves srv over HTTP until the test ends and returns its URL.
func listen(tb testing.TB, srv *api.Server) string {
	tb.Helper()
	hs := httptest.NewServer(srv.Handler())
	tb.Cleanup(hs.Close)
	return hs.URL
}

// seed imports the district as lifecircle's importers would: the OSM part (network,
// residential land) and the district's own files (communities, compounds, stations,
// outlets).
func seed(tb testing.TB, db *postgis.DB, d *synth.District) {
	tb.Helper()
	ctx := context.Background()
	osm := postgis.OSMData{Nodes: d.Nodes, Edges: d.Edges, Residential: d.Residential}
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "synth.osm"}, osm, geo.DefaultWalkModel()); err != nil {
		tb.Fatal(err)
	}
	b := func(kind string) postgis.Batch {
		return postgis.Batch{Kind: kind, FileName: kind + ".csv", Mode: postgis.ModeReplace, CRS: "wgs84"}
	}
	steps := []func() (postgis.Summary, error){
		func() (postgis.Summary, error) {
			return db.ImportCommunities(ctx, b("communities"), d.Communities, postgis.ImportOptions{})
		},
		func() (postgis.Summary, error) {
			return db.ImportCompounds(ctx, b("compounds"), d.Compounds, postgis.ImportOptions{})
		},
		func() (postgis.Summary, error) {
			return db.ImportStations(ctx, b("stations"), d.Stations, postgis.ImportOptions{})
		},
		func() (postgis.Summary, error) {
			return db.ImportOutlets(ctx, b("outlets"), d.Outlets, postgis.ImportOptions{})
		},
	}
	for _, step := range steps {
		if _, err := step(); err != nil {
			tb.Fatal(err)
		}
	}
}

// middleNode returns the walk node nearest the middle of the district.
func middleNode(d *synth.District) orb.Point {
	c := d.Bound().Center()
	best, bestM := c, -1.0
	for _, n := range d.Nodes {
		if m := geo.HaversineM(c, n.Point); bestM < 0 || m < bestM {
			best, bestM = n.Point, m
		}
	}
	return best
}

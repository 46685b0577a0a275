package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/synth"
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
	ctx := context.Background()
	db, _ := postgistest.New(tb)
	d, err := synth.Generate(synth.Config{Seed: 7, Nodes: synth.MinNodes})
	if err != nil {
		tb.Fatal(err)
	}
	seed(tb, db, d)
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		tb.Fatal(err)
	}
	srv, err := api.New(api.Options{Store: db, Engine: engine.Options{Categories: cats.Keys()}, Categories: cats})
	if err != nil {
		tb.Fatal(err)
	}
	if err := srv.Load(ctx); err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", srv.Handler())
	mux.Handle("/tiles/", tileHandler(postgis.NewTileCache(db, 0)))
	mux.Handle("/", http.FileServerFS(web.Assets()))
	hs := httptest.NewServer(mux)
	tb.Cleanup(hs.Close)
	return district{URL: hs.URL, Click: middleNode(d)}
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

// tileHandler answers GET /tiles/{z}/{x}/{y}.mvt from the cache: 200 with the tile, 204
// for an empty one, 400 with a JSON error for a bad address.
func tileHandler(cache *postgis.TileCache) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		z, x, y, err := parseTilePath(strings.TrimPrefix(r.URL.Path, "/tiles/"))
		var b []byte
		if err == nil {
			b, err = cache.Get(r.Context(), z, x, y)
		}
		switch {
		case err != nil:
			writeError(w, err)
		case len(b) == 0:
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Content-Type", "application/vnd.mapbox-vector-tile")
			w.Write(b) //nolint:errcheck // the client went away
		}
	})
}

func parseTilePath(p string) (z, x, y int, err error) {
	parts := strings.Split(strings.TrimSuffix(p, ".mvt"), "/")
	if len(parts) != 3 || !strings.HasSuffix(p, ".mvt") {
		return 0, 0, 0, geo.Errorf(geo.EINVALID, "tile address %q: write it as {z}/{x}/{y}.mvt", p)
	}
	var v [3]int
	for i, s := range parts {
		if v[i], err = strconv.Atoi(s); err != nil {
			return 0, 0, 0, geo.Errorf(geo.EINVALID, "tile address %q: %q is not a whole number", p, s)
		}
	}
	return v[0], v[1], v[2], nil
}

func writeError(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch geo.ErrorCodeOf(err) {
	case geo.EINVALID:
		status = http.StatusBadRequest
	case geo.EUNAVAILABLE:
		status = http.StatusServiceUnavailable
	}
	var ge *geo.Error
	msg := "internal error"
	if errors.As(err, &ge) {
		msg = ge.Message
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": string(geo.ErrorCodeOf(err)), "message": msg}}) //nolint:errcheck
}

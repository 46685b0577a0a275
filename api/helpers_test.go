package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// The test district: a square grid of streets 100 m apart, gridN × gridN nodes, its
// south-west corner at (104.06, 30.66), split into two communities (west and east half)
// of one street, with a community station, a street station and a few outlets on nodes.
const (
	gridN     = 11
	spacingM  = 100.0
	testToken = "s3cret-token"
	speedMS   = 4000.0 / 3600 // the walking model's default, m/s
	westCode  = "510104001001"
	eastCode  = "510104001002"
	westPop   = 6000
	eastPop   = 4000
)

var origin = orb.Point{104.06, 30.66}

// node returns the WGS84 point of grid node (i east, j north).
func node(i, j int) orb.Point {
	dLat := spacingM / (geo.EarthRadiusM * math.Pi / 180)
	dLon := dLat / math.Cos(origin[1]*math.Pi/180)
	return orb.Point{origin[0] + float64(i)*dLon, origin[1] + float64(j)*dLat}
}

func nodeID(i, j int) int64 { return int64(1 + i + j*gridN) }

// testNetwork returns the grid's walk nodes and edges.
func testNetwork() ([]geo.WalkNode, []geo.WalkEdge) {
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	for j := 0; j < gridN; j++ {
		for i := 0; i < gridN; i++ {
			nodes = append(nodes, geo.WalkNode{ID: nodeID(i, j), Point: node(i, j)})
		}
	}
	add := func(i, j, i2, j2 int) {
		a, b := node(i, j), node(i2, j2)
		edges = append(edges, geo.WalkEdge{ID: int64(len(edges) + 1), Source: nodeID(i, j), Target: nodeID(i2, j2),
			LengthM: geo.HaversineM(a, b), Highway: "residential", OSMWayID: int64(100 + j), Geometry: orb.LineString{a, b}})
	}
	for j := 0; j < gridN; j++ {
		for i := 0; i < gridN; i++ {
			if i+1 < gridN {
				add(i, j, i+1, j)
			}
			if j+1 < gridN {
				add(i, j, i, j+1)
			}
		}
	}
	return nodes, edges
}

func rect(a, b orb.Point) orb.MultiPolygon {
	return orb.MultiPolygon{{{a, {b[0], a[1]}, b, {a[0], b[1]}, a}}}
}

// testData returns the district's communities, stations and outlets.
func testData() engine.Data {
	mid := node(gridN/2, 0)[0]
	sw, ne := node(0, 0), node(gridN-1, gridN-1)
	return engine.Data{
		Communities: []geo.Community{
			{Code: westCode, Name: "西社区", StreetCode: "510104001", StreetName: "测试街道", Population: westPop,
				Boundary: rect(sw, orb.Point{mid, ne[1]})},
			{Code: eastCode, Name: "东社区", StreetCode: "510104001", StreetName: "测试街道", Population: eastPop,
				Boundary: rect(orb.Point{mid, sw[1]}, ne)},
		},
		Stations: []geo.Station{
			{ID: "st-comm", Name: "西社区党群服务站", Level: geo.LevelCommunity, ParentCode: westCode, Point: node(2, 2), Source: "file"},
			{ID: "st-street", Name: "测试街道党群服务中心", Level: geo.LevelStreet, ParentCode: "510104001", Point: node(8, 8), Source: "file"},
		},
		Outlets: []geo.Outlet{
			{ID: "o-super", Name: "超市", Category: "supermarket", Point: node(0, 5), Source: "file"},
			{ID: "o-pharm", Name: "药店", Category: "pharmacy", Point: node(10, 10), Source: "file"},
		},
	}
}

// bundled parses a file bundled in package data with parse, failing tb on error.
func bundled[T any](tb testing.TB, parse func([]byte) (T, error), b []byte) T {
	tb.Helper()
	v, err := parse(b)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func testOptions(tb testing.TB) api.Options {
	cats := bundled(tb, geo.ParseCategories, data.Categories())
	return api.Options{Engine: engine.Options{Categories: cats.Keys()}, Categories: cats, Standards: bundled(tb, standards.Parse, data.Standards()), Token: testToken}
}

// memoryServer serves the test district from an engine built in memory (no database).
func memoryServer(tb testing.TB) *api.Server {
	tb.Helper()
	return engineServer(tb, testOptions(tb), testData())
}

// engineServer serves d on the test network with o, its engine built and computed in
// memory (no database).
func engineServer(tb testing.TB, o api.Options, d engine.Data) *api.Server {
	tb.Helper()
	s, err := api.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	nodes, edges := testNetwork()
	e, err := engine.New(d, nodes, edges, o.Engine)
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.Compute(context.Background()); err != nil {
		tb.Fatal(err)
	}
	s.SetEngine(e)
	return s
}

// seededServer is a server on a fresh database seeded with the test district (seedDB),
// not loaded yet; it returns the database and its URL too.
func seededServer(tb testing.TB) (*api.Server, *postgis.DB, string) {
	tb.Helper()
	db, url := postgistest.New(tb)
	seedDB(tb, db)
	o := testOptions(tb)
	o.Store, o.Tiles = db, db
	s, err := api.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	return s, db, url
}

// seedDB stores the test district in db through the postgis importers.
func seedDB(tb testing.TB, db *postgis.DB) {
	tb.Helper()
	nodes, edges := testNetwork()
	seedData(tb, db, nodes, edges, testData())
}

// seedData stores a walk network and d's communities, stations and outlets in db through
// the postgis importers.
func seedData(tb testing.TB, db *postgis.DB, nodes []geo.WalkNode, edges []geo.WalkEdge, d engine.Data) {
	tb.Helper()
	ctx := context.Background()
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "grid.osm", Read: len(edges)},
		postgis.OSMData{Nodes: nodes, Edges: edges}, geo.DefaultWalkModel()); err != nil {
		tb.Fatal(err)
	}
	b := func(kind string) postgis.Batch {
		return postgis.Batch{Kind: kind, FileName: kind + ".csv", Mode: postgis.ModeReplace, CRS: "wgs84"}
	}
	if _, err := db.ImportCommunities(ctx, b("communities"), d.Communities, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.ImportStations(ctx, b("stations"), d.Stations, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	if len(d.Outlets) == 0 {
		return
	}
	if _, err := db.ImportOutlets(ctx, b("outlets"), d.Outlets, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
}

// dbServer serves the test district loaded from a fresh PostGIS database.
func dbServer(tb testing.TB) (*api.Server, *postgis.DB) {
	tb.Helper()
	s, db, _ := seededServer(tb)
	if err := s.Load(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s, db
}

// get requests target from h and returns the status and body.
func do(tb testing.TB, h http.Handler, method, target string, body io.Reader, header map[string]string) (int, []byte) {
	tb.Helper()
	req := httptest.NewRequest(method, target, body)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

func get(tb testing.TB, h http.Handler, target string) (int, []byte) {
	tb.Helper()
	return do(tb, h, http.MethodGet, target, nil, nil)
}

// getOK requests target from h and returns the body, failing tb unless the status is 200.
func getOK(tb testing.TB, h http.Handler, target string) []byte {
	tb.Helper()
	status, body := get(tb, h, target)
	if status != http.StatusOK {
		tb.Fatalf("GET %s: status %d: %s", target, status, body)
	}
	return body
}

func postJSON(tb testing.TB, h http.Handler, target, body string) (int, []byte) {
	tb.Helper()
	return do(tb, h, http.MethodPost, target, strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
}

// errorOf decodes an error answer; it fails the test when the body is not one.
func errorOf(tb testing.TB, body []byte) (code, message string) {
	tb.Helper()
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		tb.Fatalf("not an error answer: %s", body)
	}
	return e.Error.Code, e.Error.Message
}

func decode[T any](tb testing.TB, body []byte) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatalf("decode %T: %v\n%s", v, err, body)
	}
	return v
}

func pointQuery(p orb.Point) string { return fmt.Sprintf("lon=%.10f&lat=%.10f", p[0], p[1]) }

func pairQuery(p orb.Point) string { return fmt.Sprintf("%.10f,%.10f", p[0], p[1]) }

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

package api_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// The golden tests pin every answer body of the API, byte for byte, to a file in
// testdata/golden: a change of wording, key order, number formatting, geometry or CSV layout
// shows up as a failing case. After an intended change, regenerate the files with
//
//	go test ./api -run Golden -update
//
// and review the diff of testdata/golden before committing it.
var update = flag.Bool("update", false, "rewrite the golden answers in api/testdata/golden from the current answers")

// goldenCase is one request and the answer it must get: status and Content-Type here, the
// body in testdata/golden/<name>.<ext>.
type goldenCase struct {
	name   string // names the golden file: lower case, words joined by "-"
	method string // "": GET
	target string
	body   string            // request body (POST)
	header map[string]string // request headers
	status int
	ctype  string // the answer's Content-Type
	ext    string // golden file extension; "": from ctype
	// normalise replaces volatile fields (timings, batch ids) before the comparison; nil for
	// answers that must match as they are.
	normalise func([]byte) []byte
}

// Content types of the answers.
const (
	ctJSON    = "application/json"
	ctGeoJSON = "application/geo+json"
	ctCSV     = "text/csv; charset=utf-8"
	ctHTML    = "text/html; charset=UTF-8"
	ctMVT     = "application/vnd.mapbox-vector-tile"
)

var extOf = map[string]string{ctJSON: "json", ctGeoJSON: "geojson", ctCSV: "csv", ctHTML: "html", ctMVT: "mvt"}

func getCase(name, target string, status int, ctype string) goldenCase {
	return goldenCase{name: name, target: target, status: status, ctype: ctype}
}

func postCase(name, target, body string, status int) goldenCase {
	return goldenCase{name: name, method: http.MethodPost, target: target, body: body,
		header: map[string]string{"Content-Type": "application/json"}, status: status, ctype: ctJSON}
}

// TestGolden asks the test district, loaded from a fresh PostGIS database as in
// production, every read endpoint with a range of parameters, and one engine built in
// memory a few of them.
func TestGolden(t *testing.T) {
	s := goldenDBServer(t)
	runGolden(t, s.Handler(), goldenReadCases())
	t.Run("memory", func(t *testing.T) {
		runGolden(t, memoryServer(t).Handler(), goldenMemoryCases())
	})
	t.Run("supply", func(t *testing.T) {
		runGolden(t, supplyMemoryServer(t).Handler(), goldenSupplyCases())
	})
	t.Run("bound", func(t *testing.T) {
		runGolden(t, boundServer(t).Handler(), []goldenCase{
			getCase("nearest-beyond-bound", "/api/v1/nearest?"+pointQuery(node(2, 2))+"&level=any&k=2", 200, ctJSON),
		})
	})
}

// boundServer serves the test district from memory with searches bounded at 2 minutes
// (about 130 m), so that most facilities lie beyond the bound.
func boundServer(tb testing.TB) *api.Server {
	tb.Helper()
	o := testOptions(tb)
	o.Engine.MaxMinutes, o.Engine.ThresholdsMin = 2, []float64{1, 2}
	return engineServer(tb, o, testData())
}

// TestGoldenWrites runs the write endpoints as one sequence on a database of its own: the
// imports, then the recompute, then reads that show what the recompute took in. The steps
// depend on each other: run the test whole, not one step.
func TestGoldenWrites(t *testing.T) {
	s := goldenDBServer(t)
	runGolden(t, s.Handler(), goldenWriteCases(t))
}

// TestGoldenCoversEveryEndpoint checks that every endpoint of the API (the list the
// OpenAPI test keeps, and the tiles) has a golden answer, except /metrics, whose counters
// and timings change with every request.
func TestGoldenCoversEveryEndpoint(t *testing.T) {
	cases := append(append(goldenReadCases(), goldenMemoryCases()...), goldenWriteCases(t)...)
	cases = append(cases, goldenSupplyCases()...)
	want := []struct{ method, path string }{{"GET", "/tiles/{z}/{x}/{y}"}}
	for _, ep := range endpoints {
		if ep.path != "/metrics" {
			want = append(want, struct{ method, path string }{ep.method, ep.path})
		}
	}
	for _, ep := range want {
		prefix, _, _ := strings.Cut(ep.path, "{")
		found := false
		for _, tc := range cases {
			path, _, _ := strings.Cut(tc.target, "?")
			method := tc.method
			if method == "" {
				method = http.MethodGet
			}
			if method == ep.method && tc.status == http.StatusOK && (path == ep.path || prefix != ep.path && strings.HasPrefix(path, prefix)) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s %s has no golden case with a 200 answer", ep.method, ep.path)
		}
	}
}

// goldenDBServer serves the test district from a fresh database, with vector tiles.
func goldenDBServer(tb testing.TB) *api.Server {
	tb.Helper()
	s, _, _ := seededServer(tb)
	if err := s.Load(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s
}

func runGolden(t *testing.T, h http.Handler, cases []goldenCase) {
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("two golden cases named %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			rec := serveGolden(h, tc)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.Bytes())
			}
			if got := rec.Header().Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
			body := rec.Body.Bytes()
			if tc.normalise != nil {
				body = tc.normalise(body)
			}
			ext := tc.ext
			if ext == "" {
				ext = extOf[tc.ctype]
			}
			checkGolden(t, tc.name+"."+ext, body)
		})
	}
}

func serveGolden(h http.Handler, tc goldenCase) *httptest.ResponseRecorder {
	method := tc.method
	if method == "" {
		method = http.MethodGet
	}
	req := httptest.NewRequest(method, tc.target, strings.NewReader(tc.body))
	for k, v := range tc.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkGolden compares got with testdata/golden/<file> byte for byte, or writes it there
// under -update. An HTML answer is stored as <file>.golden: a recorded answer, not a page
// of the source.
func checkGolden(tb testing.TB, file string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", "golden", file)
	if strings.HasSuffix(file, ".html") {
		path += ".golden"
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (go test ./api -run Golden -update records it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	tb.Errorf("answer differs from %s at byte %d (got %d bytes, want %d):\n got: …%q…\nwant: …%q…",
		path, i, len(got), len(want), got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}

// normaliseField replaces the value of every JSON number field named field with 0: for
// values that change from run to run (seconds taken, batch ids of a database's sequence).
func normaliseField(field string) func([]byte) []byte {
	re := regexp.MustCompile(`"` + regexp.QuoteMeta(field) + `":-?[0-9][0-9.eE+-]*`)
	return func(b []byte) []byte { return re.ReplaceAll(b, []byte(`"`+field+`":0`)) }
}

func gcj(p orb.Point) orb.Point { return crs.WGS84ToGCJ02(p) }

func bboxQuery(a, b orb.Point) string {
	return fmt.Sprintf("%.10f,%.10f,%.10f,%.10f", a[0], a[1], b[0], b[1])
}

func goldenReadCases() []goldenCase {
	var cs []goldenCase
	for _, group := range [][]goldenCase{goldenQueryCases(), goldenCoverageCases(), goldenReportCases(),
		goldenPlanCases(), goldenListingCases(), goldenErrorCases(), goldenServiceCases()} {
		cs = append(cs, group...)
	}
	return cs
}

// goldenQueryCases: nearest, route and isochrone.
func goldenQueryCases() []goldenCase {
	n := "/api/v1/nearest?"
	return []goldenCase{
		getCase("nearest-level-community", n+pointQuery(node(2, 7))+"&level=community", 200, ctJSON),
		getCase("nearest-level-community-off-node", n+pointQuery(offset(node(2, 7), 30, 50))+"&level=community&k=1", 200, ctJSON),
		getCase("nearest-level-any-k3-geometry", n+pointQuery(node(4, 6))+"&level=any&k=3&geometry=true", 200, ctJSON),
		getCase("nearest-level-any-tie", n+pointQuery(node(5, 5))+"&level=any&k=2", 200, ctJSON),
		getCase("nearest-level-street-chinese", n+pointQuery(node(8, 3))+"&level="+url.QueryEscape("街道"), 200, ctJSON),
		getCase("nearest-category-supermarket-k2-geometry", n+pointQuery(node(3, 3))+"&category=supermarket&k=2&geometry=true", 200, ctJSON),
		getCase("nearest-category-chinese", n+pointQuery(node(0, 9))+"&category="+url.QueryEscape("超市"), 200, ctJSON),
		getCase("nearest-category-without-outlets", n+pointQuery(node(5, 5))+"&category=bank", 200, ctJSON),
		getCase("nearest-gcj02-geometry", n+pointQuery(gcj(node(2, 7)))+"&level=community&geometry=true&crs=gcj02", 200, ctJSON),
		getCase("nearest-bd09", n+pointQuery(crs.WGS84ToBD09(node(6, 6)))+"&level=any&crs=bd09", 200, ctJSON),
		getCase("route-east-and-north", "/api/v1/route?from="+pairQuery(node(3, 1))+"&to="+pairQuery(node(7, 4)), 200, ctGeoJSON),
		getCase("route-off-node", "/api/v1/route?from="+pairQuery(offset(node(1, 1), 20, 35))+"&to="+pairQuery(offset(node(9, 8), -40, 10)), 200, ctGeoJSON),
		getCase("route-same-point", "/api/v1/route?from="+pairQuery(node(4, 4))+"&to="+pairQuery(node(4, 4)), 200, ctGeoJSON),
		getCase("route-gcj02", "/api/v1/route?crs=gcj02&from="+pairQuery(gcj(node(1, 1)))+"&to="+pairQuery(gcj(node(6, 4))), 200, ctGeoJSON),
		getCase("isochrone-default", "/api/v1/isochrone?"+pointQuery(node(5, 5)), 200, ctGeoJSON),
		getCase("isochrone-minutes-3-7", "/api/v1/isochrone?"+pointQuery(node(2, 2))+"&minutes=3,7", 200, ctGeoJSON),
		getCase("isochrone-gcj02", "/api/v1/isochrone?crs=gcj02&minutes=5&"+pointQuery(gcj(node(8, 8))), 200, ctGeoJSON),
	}
}

// goldenCoverageCases: coverage, coverage/cells and gaps.
func goldenCoverageCases() []goldenCase {
	c, cells, g := "/api/v1/coverage?", "/api/v1/coverage/cells?", "/api/v1/gaps?"
	box := bboxQuery(node(0, 0), node(4, 4))
	return []goldenCase{
		getCase("coverage-level-any", c+"level=any", 200, ctJSON),
		getCase("coverage-level-community-5min", c+"level=community&minutes=5", 200, ctJSON),
		getCase("coverage-category-supermarket-12min", c+"category=supermarket&minutes=12", 200, ctJSON),
		getCase("coverage-category-without-outlets", c+"category=bank", 200, ctJSON),
		getCase("coverage-community-west", c+"level=any&minutes=10&community="+westCode, 200, ctJSON),
		getCase("coverage-street", c+"level=street&minutes=10&street=510104001", 200, ctJSON),
		getCase("coverage-csv", c+"level=community&minutes=8&format=csv", 200, ctCSV),
		getCase("coverage-csv-community-east", c+"category=pharmacy&format=csv&community="+eastCode, 200, ctCSV),
		getCase("coverage-geojson", c+"level=community&minutes=8&format=geojson", 200, ctGeoJSON),
		getCase("coverage-geojson-street", c+"level=any&format=geojson&street=510104001", 200, ctGeoJSON),
		getCase("coverage-geojson-gcj02", c+"level=street&format=geojson&crs=gcj02", 200, ctGeoJSON),
		getCase("cells-level-community-geojson", cells+"level=community", 200, ctGeoJSON),
		getCase("cells-level-any-csv", cells+"level=any&format=csv", 200, ctCSV),
		getCase("cells-bbox-geojson", cells+"category=supermarket&bbox="+box, 200, ctGeoJSON),
		getCase("cells-bbox-csv", cells+"level=street&format=csv&bbox="+box, 200, ctCSV),
		getCase("cells-gcj02-bbox-csv", cells+"level=community&format=csv&crs=gcj02&bbox="+bboxQuery(gcj(node(5, 5)), gcj(node(10, 10))), 200, ctCSV),
		getCase("gaps-level-community", g+"level=community&minutes=5", 200, ctGeoJSON),
		getCase("gaps-level-any-default", g+"level=any", 200, ctGeoJSON),
		getCase("gaps-json", g+"level=community&minutes=5&format=json", 200, ctJSON),
		getCase("gaps-limit-1", g+"category=supermarket&minutes=5&limit=1", 200, ctGeoJSON),
		getCase("gaps-json-gcj02", g+"category=pharmacy&minutes=10&format=json&crs=gcj02", 200, ctJSON),
		getCase("gaps-csv", g+"level=community&minutes=5&format=csv", 200, ctCSV),
		getCase("gaps-csv-zh", g+"level=community&minutes=5&format=csv&lang=zh", 200, ctCSV),
		getCase("coverage-csv-zh", c+"level=community&minutes=8&format=csv&lang=zh", 200, ctCSV),
	}
}

// goldenReportCases: network and standards.
func goldenReportCases() []goldenCase {
	return []goldenCase{
		getCase("network-json", "/api/v1/network", 200, ctJSON),
		getCase("network-csv", "/api/v1/network?format=csv", 200, ctCSV),
		getCase("network-csv-zh", "/api/v1/network?format=csv&lang=zh", 200, ctCSV),
		getCase("network-gcj02", "/api/v1/network?crs=gcj02", 200, ctJSON),
		getCase("standards-all", "/api/v1/standards", 200, ctJSON),
		getCase("standards-community-west", "/api/v1/standards?community="+westCode, 200, ctJSON),
		getCase("standards-csv", "/api/v1/standards?format=csv", 200, ctCSV),
		getCase("standards-csv-community-east", "/api/v1/standards?format=csv&community="+eastCode, 200, ctCSV),
		getCase("standards-gcj02", "/api/v1/standards?crs=gcj02", 200, ctJSON),
		getCase("diagnostics", "/api/v1/diagnostics", 200, ctJSON),
	}
}

// goldenPlanCases: plan/sites and scenarios.
func goldenPlanCases() []goldenCase {
	p, q, x := node(8, 2), node(3, 8), node(9, 9)
	gp := gcj(node(8, 2))
	return []goldenCase{
		postCase("plan-defaults", "/api/v1/plan/sites", `{"level": "community"}`, 200),
		postCase("plan-cells-level-community", "/api/v1/plan/sites", `{"level": "community", "minutes": 5, "k": 3, "candidates": "cells"}`, 200),
		postCase("plan-candidates-exclude", "/api/v1/plan/sites", fmt.Sprintf(
			`{"category": "pharmacy", "minutes": 6, "k": 2, "candidates": [[%.10f, %.10f], [%.10f, %.10f], [%.10f, %.10f]], "exclude": [[%.10f, %.10f]]}`,
			p[0], p[1], q[0], q[1], x[0], x[1], x[0], x[1]), 200),
		postCase("plan-gcj02-one-candidate", "/api/v1/plan/sites?crs=gcj02",
			fmt.Sprintf(`{"level": "community", "minutes": 4, "k": 1, "candidates": [[%.10f, %.10f]]}`, gp[0], gp[1]), 200),
		postCase("shared-centres-defaults", "/api/v1/plan/shared-centres", `{}`, 200),
		postCase("shared-centres-gcj02-half-pairs", "/api/v1/plan/shared-centres?crs=gcj02", `{"level": "community", "minutes": 10, "min_share": 0.5, "max_group": 2}`, 200),
		postCase("error-shared-centres-min-share", "/api/v1/plan/shared-centres", `{"min_share": 1.5}`, 400),
		postCase("error-shared-centres-unknown-field", "/api/v1/plan/shared-centres", `{"radius": 3}`, 400),
		postCase("scenario-remove-every-station", "/api/v1/scenarios", `{"remove": ["st-comm", "st-street"]}`, 200),
		postCase("scenario-add-community-station", "/api/v1/scenarios",
			fmt.Sprintf(`{"add": [{"lon": %.10f, "lat": %.10f, "level": "community", "name": "新站"}]}`, p[0], p[1]), 200),
		postCase("scenario-add-category-and-remove", "/api/v1/scenarios",
			fmt.Sprintf(`{"add": [{"lon": %.10f, "lat": %.10f, "category": "supermarket"}], "remove": ["o-super", "st-street"]}`, q[0], q[1]), 200),
		postCase("scenario-gcj02", "/api/v1/scenarios?crs=gcj02",
			fmt.Sprintf(`{"add": [{"lon": %.10f, "lat": %.10f, "level": "street"}]}`, gp[0], gp[1]), 200),
	}
}

// goldenListingCases: stations, outlets and communities.
func goldenListingCases() []goldenCase {
	st, ou, cm := "/api/v1/stations", "/api/v1/outlets", "/api/v1/communities"
	return []goldenCase{
		getCase("stations-all", st, 200, ctGeoJSON),
		getCase("stations-level-street", st+"?level=street", 200, ctGeoJSON),
		getCase("stations-level-chinese", st+"?level="+url.QueryEscape("社区"), 200, ctGeoJSON),
		getCase("stations-bbox", st+"?bbox="+bboxQuery(node(1, 1), node(3, 3)), 200, ctGeoJSON),
		getCase("stations-first-page", st+"?limit=1&level=any", 200, ctGeoJSON),
		getCase("stations-second-page", st+"?limit=1&offset=1", 200, ctGeoJSON),
		getCase("stations-past-the-end", st+"?offset=5", 200, ctGeoJSON),
		getCase("stations-gcj02", st+"?crs=gcj02&level=community", 200, ctGeoJSON),
		getCase("outlets-all", ou, 200, ctGeoJSON),
		getCase("outlets-category", ou+"?category=pharmacy", 200, ctGeoJSON),
		getCase("outlets-category-chinese", ou+"?category="+url.QueryEscape("超市"), 200, ctGeoJSON),
		getCase("outlets-bbox", ou+"?bbox="+bboxQuery(node(0, 4), node(1, 6)), 200, ctGeoJSON),
		getCase("outlets-first-page", ou+"?limit=1", 200, ctGeoJSON),
		getCase("outlets-gcj02-bbox", ou+"?crs=gcj02&bbox="+bboxQuery(gcj(node(8, 8)), gcj(offset(node(10, 10), 50, 50))), 200, ctGeoJSON),
		getCase("communities-all", cm, 200, ctGeoJSON),
		getCase("communities-street-code", cm+"?street=510104001", 200, ctGeoJSON),
		getCase("communities-street-name", cm+"?street="+url.QueryEscape("测试街道"), 200, ctGeoJSON),
		getCase("communities-unknown-street", cm+"?street=999", 200, ctGeoJSON),
		getCase("communities-bbox-east", cm+"?bbox="+bboxQuery(node(7, 1), node(9, 3)), 200, ctGeoJSON),
		getCase("communities-second-page", cm+"?limit=1&offset=1", 200, ctGeoJSON),
		getCase("communities-gcj02", cm+"?crs=gcj02", 200, ctGeoJSON),
		getCase("grids-none", "/api/v1/grids", 200, ctGeoJSON),
		getCase("grids-json-none", "/api/v1/grids?format=json", 200, ctJSON),
		getCase("grids-unknown-community", "/api/v1/grids?community=999", 400, ctJSON),
		getCase("coverage-unit-grid-none", "/api/v1/coverage?category=supermarket&unit=grid", 200, ctJSON),
	}
}

// goldenErrorCases: error answers, one of each kind.
func goldenErrorCases() []goldenCase {
	p := pointQuery(node(5, 5))
	far := pointQuery(offset(node(5, 10), 0, 800))
	big := fmt.Sprintf(`{"level": "community", "exclude": [%s[104.06, 30.66]]}`, repeat("[104.06, 30.66],", 70000))
	wrong := getCase("error-wrong-method", "/api/v1/nearest", 405, ctJSON)
	wrong.method = http.MethodPost
	noToken := getCase("error-compute-without-token", "/api/v1/compute", 401, ctJSON)
	noToken.method = http.MethodPost
	return []goldenCase{
		getCase("error-nearest-missing-lon", "/api/v1/nearest?lat=30.66&level=any", 400, ctJSON),
		getCase("error-nearest-k-over-max", "/api/v1/nearest?"+p+"&level=any&k=51", 400, ctJSON),
		getCase("error-nearest-both-targets", "/api/v1/nearest?"+p+"&level=any&category=supermarket", 400, ctJSON),
		getCase("error-nearest-unknown-crs", "/api/v1/nearest?"+p+"&level=any&crs=mars", 400, ctJSON),
		getCase("error-nearest-off-network", "/api/v1/nearest?"+far+"&level=any", 422, ctJSON),
		getCase("error-route-off-network", "/api/v1/route?from=104.06,30.66&to=104.06,30.70", 422, ctJSON),
		getCase("error-isochrone-minutes-over-60", "/api/v1/isochrone?"+p+"&minutes=5,61", 400, ctJSON),
		getCase("error-coverage-unknown-community", "/api/v1/coverage?level=any&community=999999999999", 404, ctJSON),
		getCase("error-coverage-street-and-community", "/api/v1/coverage?level=any&street=1&community=2", 400, ctJSON),
		getCase("error-cells-format-json", "/api/v1/coverage/cells?level=any&format=json", 400, ctJSON),
		getCase("error-cells-bad-bbox", "/api/v1/coverage/cells?level=any&bbox=105,31,104,30", 400, ctJSON),
		getCase("error-gaps-limit-zero", "/api/v1/gaps?level=any&limit=0", 400, ctJSON),
		getCase("error-standards-unknown-community", "/api/v1/standards?community=000000000000", 404, ctJSON),
		getCase("error-stations-limit-over-max", "/api/v1/stations?limit=1001", 400, ctJSON),
		getCase("error-outlets-unknown-category", "/api/v1/outlets?category=casino", 400, ctJSON),
		getCase("error-unknown-route", "/api/v1/nowhere", 404, ctJSON),
		getCase("error-tile-bad-y", "/tiles/14/12928/6724.png", 400, ctJSON),
		wrong, noToken,
		postCase("error-plan-malformed-body", "/api/v1/plan/sites", `{"level": `, 400),
		postCase("error-plan-unknown-field", "/api/v1/plan/sites", `{"level": "community", "radius": 3}`, 400),
		postCase("error-plan-body-too-large", "/api/v1/plan/sites", big, 413),
		postCase("error-scenario-unknown-id", "/api/v1/scenarios", `{"remove": ["no-such-station"]}`, 404),
		postCase("error-scenario-level-any", "/api/v1/scenarios", `{"add": [{"lon": 104.06, "lat": 30.66, "level": "any"}]}`, 400),
	}
}

// goldenServiceCases: vector tiles, the API's description and the probes.
func goldenServiceCases() []goldenCase {
	empty := getCase("tile-empty", "/tiles/14/0/0.mvt", 204, "")
	empty.ext = "mvt"
	return []goldenCase{
		getCase("tile-z12", "/tiles/12/3232/1681.mvt", 200, ctMVT),
		getCase("tile-z14", "/tiles/14/12928/6724.mvt", 200, ctMVT),
		getCase("tile-z15", "/tiles/15/25855/13449.mvt", 200, ctMVT),
		empty,
		getCase("openapi", "/api/openapi.json", 200, ctJSON),
		getCase("docs", "/api/docs", 200, ctHTML),
		getCase("healthz", "/healthz", 200, ctJSON),
		getCase("readyz", "/readyz", 200, ctJSON),
		getCase("regions", "/api/v1/regions", 200, ctJSON),
		getCase("region-named", "/api/v1/coverage?level=community&minutes=8&region=default", 200, ctJSON),
		getCase("error-region-unknown", "/api/v1/coverage?level=community&region=510199", 400, ctJSON),
		getCase("error-region-malformed", "/api/v1/coverage?level=community&region=51%200104", 400, ctJSON),
	}
}

// goldenMemoryCases are asked of the engine built in memory (engine.New, no database).
func goldenMemoryCases() []goldenCase {
	return []goldenCase{
		getCase("memory-nearest", "/api/v1/nearest?"+pointQuery(node(4, 6))+"&level=any&geometry=true", 200, ctJSON),
		getCase("memory-coverage", "/api/v1/coverage?level=community&minutes=8", 200, ctJSON),
		getCase("memory-cells-csv", "/api/v1/coverage/cells?level=any&format=csv", 200, ctCSV),
		getCase("memory-network", "/api/v1/network", 200, ctJSON),
		getCase("memory-standards", "/api/v1/standards", 200, ctJSON),
		getCase("memory-diagnostics", "/api/v1/diagnostics", 200, ctJSON),
		getCase("memory-stations", "/api/v1/stations", 200, ctGeoJSON),
		getCase("memory-readyz", "/readyz", 200, ctJSON),
		getCase("memory-healthz", "/healthz", 200, ctJSON),
		getCase("memory-regions", "/api/v1/regions", 200, ctJSON),
	}
}

// goldenWriteCases: imports, the recompute and what it changed, in order. The batch id of
// an import is the database sequence's next value and the recompute's seconds are its wall
// time: both are normalised to 0.
func goldenWriteCases(tb testing.TB) []goldenCase {
	p, q := node(9, 1), node(1, 9)
	good := stationCSV(fmt.Sprintf("st-new,新社区党群服务站,社区,%.8f,%.8f", p[0], p[1]), fmt.Sprintf("st-new2,小区站,小区,%.8f,%.8f", q[0], q[1]))
	bad := stationCSV("a,站,社区,104.06,95.5", "b,站,省级,104.06,30.66")
	outlets := []byte(fmt.Sprintf("id,name,category,lon,lat\no-bank,银行,bank,%.8f,%.8f\no-bad,坏,bank,104.06,\n", q[0], q[1]))
	batch := normaliseField("batch_id")
	compute := goldenCase{name: "write-compute", method: http.MethodPost, target: "/api/v1/compute",
		header: map[string]string{"Authorization": "Bearer " + testToken}, status: 200, ctype: ctJSON, normalise: normaliseField("seconds")}
	return []goldenCase{
		uploadCase(tb, "write-import-stations-upsert", "stations", "stations.csv", good, map[string]string{"mode": "upsert"}, 200, batch),
		uploadCase(tb, "write-import-stations-rejects", "stations", "bad.csv", bad, nil, 422, nil),
		uploadCase(tb, "write-import-outlets-skip-invalid", "outlets", "outlets.csv", outlets,
			map[string]string{"mode": "upsert", "skip_invalid": "true"}, 200, batch),
		uploadCase(tb, "write-import-unknown-kind", "parks", "parks.csv", good, nil, 400, nil),
		getCase("write-stations-before-compute", "/api/v1/stations", 200, ctGeoJSON),
		{name: "write-stations-confirm-all", method: http.MethodPost, target: "/api/v1/stations/confirm", body: `{"all": true}`,
			header: map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}, status: 200, ctype: ctJSON},
		compute,
		getCase("write-stations-after-compute", "/api/v1/stations", 200, ctGeoJSON),
		getCase("write-outlets-after-compute", "/api/v1/outlets", 200, ctGeoJSON),
		getCase("write-nearest-after-compute", "/api/v1/nearest?"+pointQuery(node(9, 4))+"&level=community", 200, ctJSON),
		getCase("write-coverage-after-compute", "/api/v1/coverage?category=bank&minutes=10", 200, ctJSON),
		getCase("write-readyz-after-compute", "/readyz", 200, ctJSON),
		getCase("write-regions-after-compute", "/api/v1/regions?rows=true", 200, ctJSON),
		{name: "write-delete-region-no-token", method: http.MethodDelete, target: "/api/v1/regions/default", status: 401, ctype: ctJSON},
		{name: "write-delete-region", method: http.MethodDelete, target: "/api/v1/regions/default",
			header: map[string]string{"Authorization": "Bearer " + testToken}, status: 200, ctype: ctJSON},
		getCase("write-regions-after-delete", "/api/v1/regions", 200, ctJSON),
		getCase("write-coverage-after-delete", "/api/v1/coverage?level=community", 503, ctJSON),
	}
}

// uploadCase is a multipart upload of one file to /api/v1/imports/{kind}, with the token.
func uploadCase(tb testing.TB, name, kind, file string, content []byte, fields map[string]string, status int, norm func([]byte) []byte) goldenCase {
	body, ctype := upload(tb, file, content, fields)
	return goldenCase{name: name, method: http.MethodPost, target: "/api/v1/imports/" + kind, body: body.String(),
		header: map[string]string{"Content-Type": ctype, "Authorization": "Bearer " + testToken},
		status: status, ctype: ctJSON, normalise: norm}
}

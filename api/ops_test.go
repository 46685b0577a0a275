package api_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/api"
)

// endpoints lists every API operation: the OpenAPI document must describe each.
var endpoints = []struct{ method, path, example string }{
	{"GET", "/api/v1/nearest", "/api/v1/nearest?lon=104.06&lat=30.66&level=any"},
	{"GET", "/api/v1/route", "/api/v1/route?from=104.06,30.66&to=104.061,30.66"},
	{"GET", "/api/v1/isochrone", "/api/v1/isochrone?lon=104.06&lat=30.66"},
	{"GET", "/api/v1/coverage", "/api/v1/coverage?level=any"},
	{"GET", "/api/v1/coverage/cells", "/api/v1/coverage/cells?level=any"},
	{"GET", "/api/v1/gaps", "/api/v1/gaps?level=any"},
	{"GET", "/api/v1/supply", "/api/v1/supply"},
	{"GET", "/api/v1/supply/cells", "/api/v1/supply/cells"},
	{"GET", "/api/v1/circles", "/api/v1/circles"},
	{"GET", "/api/v1/network", "/api/v1/network"},
	{"GET", "/api/v1/standards", "/api/v1/standards"},
	{"GET", "/api/v1/diagnostics", "/api/v1/diagnostics"},
	{"GET", "/api/v1/stations", "/api/v1/stations"},
	{"GET", "/api/v1/outlets", "/api/v1/outlets"},
	{"GET", "/api/v1/communities", "/api/v1/communities"},
	{"GET", "/api/v1/grids", "/api/v1/grids"},
	{"GET", "/api/v1/regions", "/api/v1/regions"},
	{"DELETE", "/api/v1/regions/{region}", "/api/v1/regions/510104"},
	{"POST", "/api/v1/plan/sites", "/api/v1/plan/sites"},
	{"POST", "/api/v1/scenarios", "/api/v1/scenarios"},
	{"POST", "/api/v1/plan/shared-centres", "/api/v1/plan/shared-centres"},
	{"POST", "/api/v1/imports/{kind}", "/api/v1/imports/stations"},
	{"POST", "/api/v1/stations/confirm", "/api/v1/stations/confirm"},
	{"POST", "/api/v1/compute", "/api/v1/compute"},
	{"GET", "/healthz", "/healthz"},
	{"GET", "/readyz", "/readyz"},
	{"GET", "/metrics", "/metrics"},
	{"GET", "/api/openapi.json", "/api/openapi.json"},
	{"GET", "/api/docs", "/api/docs"},
}

func TestOpenAPIDescribesEveryEndpoint(t *testing.T) {
	s := memoryServer(t)
	body := getOK(t, s.Handler(), "/api/openapi.json")
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	_, page := get(t, s.Handler(), "/api/docs")
	documented := 0
	for _, ep := range endpoints {
		if _, ok := doc.Paths[ep.path][strings.ToLower(ep.method)]; !ok {
			t.Errorf("%s %s is not in the OpenAPI document", ep.method, ep.path)
		}
		if !strings.Contains(string(page), ep.path) {
			t.Errorf("%s is not on the docs page", ep.path)
		}
		// and the endpoint exists: never "no such endpoint" or a wrong method.
		status, body := do(t, s.Handler(), ep.method, ep.example, strings.NewReader("{}"), map[string]string{"Content-Type": "application/json"})
		if status == http.StatusNotFound && strings.Contains(string(body), "no such endpoint") || status == http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %d %s", ep.method, ep.example, status, body)
		}
	}
	for path, ops := range doc.Paths {
		documented += len(ops)
		_ = path
	}
	if documented != len(endpoints) {
		t.Errorf("the document describes %d operations, the server has %d", documented, len(endpoints))
	}
	if strings.Contains(string(page), "http://") || strings.Contains(string(page), "https://") || strings.Contains(string(page), "<script src") {
		t.Error("the docs page loads something from elsewhere")
	}
}

func TestHealthAndReadiness(t *testing.T) {
	o := testOptions(t)
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	if status, _ := get(t, s.Handler(), "/healthz"); status != http.StatusOK {
		t.Errorf("healthz %d", status)
	}
	if status, body := get(t, s.Handler(), "/readyz"); status != http.StatusServiceUnavailable {
		t.Errorf("readyz before the engine: %d %s", status, body)
	}
	status, body := get(t, s.Handler(), "/api/v1/nearest?lon=104.06&lat=30.66&level=any")
	if code, _ := errorOf(t, body); status != http.StatusServiceUnavailable || code != "unavailable" {
		t.Errorf("nearest before the engine: %d %s", status, body)
	}
	s.SetEngine(memoryServer(t).Engine())
	status, body = get(t, s.Handler(), "/readyz")
	r := decode[map[string]any](t, body)
	if status != http.StatusOK || r["engine"] != "loaded" || r["database"] != "none" {
		t.Errorf("readyz after: %d %s", status, body)
	}
}

func TestMiddleware(t *testing.T) {
	o := testOptions(t)
	o.CORS = []string{"https://map.example.org"}
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	s.SetEngine(memoryServer(t).Engine())
	req := httptest.NewRequest(http.MethodGet, "/api/v1/coverage/cells?level=any", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Origin", "https://map.example.org")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	res := rec.Result()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("not gzipped: %v", res.Header)
	}
	if zr, err := gzip.NewReader(res.Body); err != nil {
		t.Errorf("gzip: %v", err)
	} else if b, _ := io.ReadAll(zr); !strings.HasPrefix(string(b), `{"type":"FeatureCollection"`) {
		t.Errorf("body %.60s", b)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "https://map.example.org" {
		t.Errorf("CORS header %q", res.Header.Get("Access-Control-Allow-Origin"))
	}
	if res.Header.Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
	_, metrics := get(t, s.Handler(), "/metrics")
	for _, want := range []string{`lifecircle_http_requests_total{method="GET",route="/api/v1/coverage/cells",status="200"} 1`,
		"lifecircle_http_request_duration_seconds_bucket", "lifecircle_engine_loaded_timestamp_seconds", "go_goroutines"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	get(t, s.Handler(), "/some/random/path")
	if _, m := get(t, s.Handler(), "/metrics"); !strings.Contains(string(m), `route="unmatched",status="404"`) {
		t.Error("unknown paths are not counted as unmatched")
	}
}

// TestServeLoadsAndShutsDown runs the real HTTP server: it answers /healthz at once,
// becomes ready after loading the district from PostGIS, and stops when its context ends.
func TestServeLoadsAndShutsDown(t *testing.T) {
	s, _, _ := seededServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	waitReady(t, base+"/readyz", 30*time.Second)
	res, err := http.Get(base + "/api/v1/nearest?" + pointQuery(node(2, 7)) + "&level=community")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("nearest over TCP: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
}

func waitReady(tb testing.TB, url string, limit time.Duration) map[string]any {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		res, err := http.Get(url)
		if err == nil {
			var body map[string]any
			json.NewDecoder(res.Body).Decode(&body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return body
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("%s not ready within %v", url, limit)
	return nil
}

// A database crash empties the unlogged coverage tables but not compute_runs: simulated
// by truncating them, /readyz then answers 503 "recompute needed" until a recompute.
func TestReadyzSaysRecomputeNeededAfterCoverageLoss(t *testing.T) {
	s, _, url := seededServer(t)
	ctx := context.Background()
	if _, err := s.Recompute(ctx); err != nil {
		t.Fatal(err)
	}
	if status, body := get(t, s.Handler(), "/readyz"); status != http.StatusOK {
		t.Fatalf("readyz after compute: %d %s", status, body)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, tables := range []string{"coverage_cell_sets, coverage_summary", "coverage_summary"} {
		if _, err := conn.Exec(ctx, "TRUNCATE "+tables); err != nil {
			t.Fatal(err)
		}
		status, body := get(t, s.Handler(), "/readyz")
		r := decode[map[string]any](t, body)
		msg, _ := r["coverage"].(string)
		if status != http.StatusServiceUnavailable || r["status"] != "recompute needed" || !strings.Contains(msg, "recompute needed") {
			t.Errorf("readyz after truncating %s: %d %s", tables, status, body)
		}
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		if status, body := get(t, s.Handler(), "/readyz"); status != http.StatusOK {
			t.Errorf("readyz after the recompute: %d %s", status, body)
		}
	}
}

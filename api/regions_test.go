package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/prometheus/client_golang/prometheus"
)

// memoryRegionsServer serves regions A and B (and, with overlap, a third region
// "510103" with A's district) from engines built in memory.
func memoryRegionsServer(tb testing.TB, overlap bool) *api.Server {
	tb.Helper()
	o := testOptions(tb)
	s, err := api.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	s.SetRegionEngine(regionA, regionEngine(tb, o, regionA))
	s.SetRegionEngine(regionB, regionEngine(tb, o, regionB))
	if overlap {
		s.SetRegionEngine("510103", regionEngine(tb, o, regionA))
	}
	return s
}

// answer is one request's status, region header and body.
type answer struct {
	status       int
	region, note string
	body         string
}

func ask(tb testing.TB, h http.Handler, method, target, body string) answer {
	tb.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return answer{rec.Code, rec.Header().Get(api.HeaderRegion), rec.Header().Get(api.HeaderRegionNote), rec.Body.String()}
}

// TestPointQueriesFindTheirRegion asks point queries without region= of a server with two
// regions: each answers for the region whose district holds the point, the same bytes as
// with region= naming it; a point in neither is 404 naming both.
func TestPointQueriesFindTheirRegion(t *testing.T) {
	s := memoryRegionsServer(t, false)
	h := s.Handler()
	p := node(2, 7)
	scenario := func(r geo.Region) string {
		q := inRegion(r, node(9, 1))
		return fmt.Sprintf(`{"add": [{"lon": %.10f, "lat": %.10f, "level": "community"}]}`, q[0], q[1])
	}
	for _, r := range []geo.Region{regionA, regionB} {
		at := inRegion(r, p)
		cases := []struct{ name, method, target, body string }{
			{"nearest", "GET", "/api/v1/nearest?" + pointQuery(at) + "&level=any", ""},
			{"route", "GET", "/api/v1/route?from=" + pairQuery(at) + "&to=" + pairQuery(inRegion(r, node(8, 1))), ""},
			{"isochrone", "GET", "/api/v1/isochrone?" + pointQuery(at) + "&minutes=5", ""},
			{"scenario", "POST", "/api/v1/scenarios", scenario(r)},
		}
		for _, tc := range cases {
			t.Run(string(r)+"/"+tc.name, func(t *testing.T) {
				got := ask(t, h, tc.method, tc.target, tc.body)
				sep := "?"
				if strings.Contains(tc.target, "?") {
					sep = "&"
				}
				want := ask(t, h, tc.method, tc.target+sep+"region="+string(r), tc.body)
				if got.status != http.StatusOK || got.region != string(r) || got.note != "" {
					t.Fatalf("status %d region %q note %q: %.300s", got.status, got.region, got.note, got.body)
				}
				if got.body != want.body {
					t.Errorf("without region= the answer differs from region=%s:\n%.300s\n%.300s", r, got.body, want.body)
				}
			})
		}
	}
	// A's and B's nearest differ (B's grid is elsewhere): the choice shows in the answer.
	a := decode[map[string]any](t, []byte(ask(t, h, "GET", "/api/v1/nearest?"+pointQuery(p)+"&level=any", "").body))
	b := decode[map[string]any](t, []byte(ask(t, h, "GET", "/api/v1/nearest?"+pointQuery(inRegion(regionB, p))+"&level=any", "").body))
	if a["region"] != string(regionA) || b["region"] != string(regionB) {
		t.Errorf("answers name regions %v and %v, want %s and %s", a["region"], b["region"], regionA, regionB)
	}
	out := ask(t, h, "GET", "/api/v1/nearest?lon=104.16&lat=30.66&level=any", "")
	if code, msg := errorOf(t, []byte(out.body)); out.status != http.StatusNotFound || code != "not_found" ||
		!strings.Contains(msg, "510104, 510105") || !strings.Contains(msg, "region=") {
		t.Errorf("a point between the regions: %d %s", out.status, out.body)
	}
}

// TestPointInSeveralRegions: a point both A and a third region hold answers for the first
// by code and says so in the note header.
func TestPointInSeveralRegions(t *testing.T) {
	h := memoryRegionsServer(t, true).Handler()
	got := ask(t, h, "GET", "/api/v1/nearest?"+pointQuery(node(2, 7))+"&level=any", "")
	if got.status != http.StatusOK || got.region != "510103" || !strings.Contains(got.note, "510103, 510104") {
		t.Errorf("status %d region %q note %q", got.status, got.region, got.note)
	}
	if b := ask(t, h, "GET", "/api/v1/nearest?"+pointQuery(inRegion(regionB, node(2, 7)))+"&level=any", ""); b.region != string(regionB) || b.note != "" {
		t.Errorf("a point in B only: region %q note %q", b.region, b.note)
	}
}

// TestRegionParameter: region= is checked; queries without a point need it when several
// regions are loaded; one region is used without it.
func TestRegionParameter(t *testing.T) {
	h := memoryRegionsServer(t, false).Handler()
	tests := []struct {
		name, target string
		status       int
		code, has    string // error code and a part of its message; "" for 200
		region       string
	}{
		{"none named, two loaded", "/api/v1/coverage?level=community", 400, "invalid", "2 regions (510104, 510105): give region=", ""},
		{"unknown", "/api/v1/coverage?level=community&region=510199", 400, "invalid", "known: 510104, 510105", ""},
		{"malformed", "/api/v1/network?region=5101%2004", 400, "invalid", `parameter "region"`, ""},
		{"too long", "/api/v1/network?region=" + strings.Repeat("x", 65), 400, "invalid", `parameter "region"`, ""},
		{"named A", "/api/v1/coverage?level=community&region=510104", 200, "", "", "510104"},
		{"named B", "/api/v1/gaps?level=community&format=json&region=510105", 200, "", "", "510105"},
		{"B in Chinese", "/api/v1/network?region=510105&lang=zh", 200, "", "", "510105"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ask(t, h, "GET", tc.target, "")
			if got.status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", got.status, tc.status, got.body)
			}
			if tc.code != "" {
				if code, msg := errorOf(t, []byte(got.body)); code != tc.code || !strings.Contains(msg, tc.has) {
					t.Errorf("error %s %q, want %s with %q", code, msg, tc.code, tc.has)
				}
				return
			}
			if r := decode[map[string]any](t, []byte(got.body))["region"]; got.region != tc.region || r != tc.region {
				t.Errorf("header %q, field %v, want %s", got.region, r, tc.region)
			}
		})
	}
	zh := ask(t, h, "GET", "/api/v1/coverage?level=community&lang=zh", "")
	if _, msg := errorOf(t, []byte(zh.body)); !strings.Contains(msg, "请给出 region=") {
		t.Errorf("lang=zh: %s", zh.body)
	}
}

// TestRegionsListAndProbes: /api/v1/regions, /healthz, /readyz and /metrics name both
// regions with their engines' sizes.
func TestRegionsListAndProbes(t *testing.T) {
	s := memoryRegionsServer(t, false)
	h := s.Handler()
	e := s.RegionEngine(regionB)
	list := decode[struct {
		Database string `json:"database"`
		Regions  []struct {
			Region, State string
			LocatedBy     string `json:"located_by"`
			Cells         int
		} `json:"regions"`
	}](t, getOK(t, h, "/api/v1/regions"))
	if list.Database != "none" || len(list.Regions) != 2 || list.Regions[1].Region != string(regionB) ||
		list.Regions[1].State != "loaded" || list.Regions[1].Cells != len(e.Cells) || list.Regions[1].LocatedBy != "districts" {
		t.Errorf("regions: %+v", list)
	}
	health := decode[map[string]map[string][]string](t, []byte(strings.Replace(string(getOK(t, h, "/healthz")), `"status":"ok",`, "", 1)))
	if got := strings.Join(health["regions"]["loaded"], ","); got != "510104,510105" {
		t.Errorf("healthz loaded %q", got)
	}
	ready := decode[struct {
		Status  string
		Cells   int
		Regions []struct{ Region, State string }
	}](t, getOK(t, h, "/readyz"))
	if ready.Status != "ready" || ready.Cells != len(e.Cells)+len(s.RegionEngine(regionA).Cells) || len(ready.Regions) != 2 {
		t.Errorf("readyz %+v", ready)
	}
	m := string(getOK(t, h, "/metrics"))
	for _, want := range []string{fmt.Sprintf(`lifecircle_region_engine_cells{region="510105"} %d`, len(e.Cells)),
		`lifecircle_regions{state="loaded"} 2`, `lifecircle_region_engine_loaded_timestamp_seconds{region="510104"}`} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestExtraCollectors: Options.Collectors show on /metrics; a clash is an error of New.
func TestExtraCollectors(t *testing.T) {
	o := testOptions(t)
	g := newTestGauge("lifecircle_test_jobs_done", 7)
	o.Collectors = []prometheus.Collector{g}
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	if m := string(getOK(t, s.Handler(), "/metrics")); !strings.Contains(m, "lifecircle_test_jobs_done 7") {
		t.Errorf("the extra collector is not on /metrics")
	}
	o.Collectors = []prometheus.Collector{g, newTestGauge("lifecircle_test_jobs_done", 1)}
	if _, err := api.New(o); err == nil {
		t.Error("two collectors of one name: no error")
	}
}

func newTestGauge(name string, v float64) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: "a test series"})
	g.Set(v)
	return g
}

package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// TestNearestNamesHaloRegion: a pharmacy of region B inside A's halo, nearer than A's own,
// is a hit of A's nearest that says it is B's; A's own hits name no region.
func TestNearestNamesHaloRegion(t *testing.T) {
	o := testOptions(t)
	d := regionData(regionA)
	d.Halo = &engine.Halo{HaloM: o.Engine.Halo(), Outlets: []geo.Outlet{
		{ID: "o-b", Name: "邻区药店", Category: "pharmacy", Point: node(1, 1), Source: "file", Region: regionB}}}
	nodes, edges := regionNetwork(regionA)
	e, err := engine.New(d, nodes, edges, o.Engine)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Compute(context.Background()); err != nil {
		t.Fatal(err)
	}
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	s.SetRegionEngine(regionA, e)
	got := decode[struct {
		Results []map[string]any `json:"results"`
	}](t, getOK(t, s.Handler(), "/api/v1/nearest?"+pointQuery(node(0, 0))+"&category=pharmacy&k=2"))
	if len(got.Results) != 2 {
		t.Fatalf("results %v", got.Results)
	}
	if got.Results[0]["id"] != "o-b" || got.Results[0]["region"] != string(regionB) {
		t.Errorf("the neighbour's pharmacy: %v", got.Results[0])
	}
	if r, has := got.Results[1]["region"]; got.Results[1]["id"] != "o-pharm" || has {
		t.Errorf("A's own pharmacy names region %v: %v", r, got.Results[1])
	}
}

// TestRegionRefusals: region= given twice, and a DELETE whose path and region= disagree,
// are 400; a bad region in the path gives the rule.
func TestRegionRefusals(t *testing.T) {
	h := memoryRegionsServer(t, false).Handler()
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	tests := []struct {
		name, method, target, has string
	}{
		{"twice", "GET", "/api/v1/coverage?level=community&region=510104&region=510105", "given 2 times (510104, 510105)"},
		{"twice the same", "GET", "/api/v1/coverage?level=community&region=510104&region=510104", "given 2 times"},
		{"delete disagrees", "DELETE", "/api/v1/regions/510105?region=510104", "the path says 510105 and region= says 510104"},
		{"delete bad", "DELETE", "/api/v1/regions/5101%2004", "6-digit division code (510104) or a study-area name"},
		{"delete none", "DELETE", "/api/v1/regions/%20", "none in the path (/api/v1/regions/{region}): want a 6-digit division code (510104)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := do(t, h, tc.method, tc.target, nil, auth)
			if code, msg := errorOf(t, body); status != http.StatusBadRequest || code != "invalid" || !strings.Contains(msg, tc.has) {
				t.Errorf("%d %s, want 400 with %q", status, body, tc.has)
			}
		})
	}
	if got := ask(t, h, "GET", "/api/v1/coverage?level=community&region=510105", ""); got.status != http.StatusOK {
		t.Errorf("B after the refusals: %d", got.status)
	}
}

// TestRegionNoteInChinese: the note of a point in two regions follows the language
// (lang= and Accept-Language), as the errors do.
func TestRegionNoteInChinese(t *testing.T) {
	h := memoryRegionsServer(t, true).Handler()
	target := "/api/v1/nearest?" + pointQuery(node(2, 7)) + "&level=any"
	tests := []struct{ name, query, accept, want string }{
		{"English", "", "", "the point lies in 2 regions (510103, 510104); answered for 510103"},
		{"lang=zh", "&lang=zh", "", "该点位于 2 个区域（510103, 510104）；按代码顺序取第一个 510103 作答"},
		{"Accept-Language zh", "", "zh-CN,zh;q=0.9", "该点位于 2 个区域（510103, 510104）"},
		{"lang=en beats Accept-Language", "&lang=en", "zh", "the point lies in 2 regions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", target+tc.query, nil)
			if tc.accept != "" {
				req.Header.Set("Accept-Language", tc.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if note := rec.Header().Get(api.HeaderRegionNote); rec.Code != http.StatusOK || !strings.Contains(note, tc.want) {
				t.Errorf("%d note %q, want %q", rec.Code, note, tc.want)
			}
		})
	}
}

// TestPointInANotLoadedRegion: with only A loaded and B known but not computed, a point
// in B's districts is 503 naming B (not A's answer), a point in neither is 404, and a
// point in A answers from A.
func TestPointInANotLoadedRegion(t *testing.T) {
	db, _ := postgistest.New(t)
	seedRegion(t, db, regionA)
	seedRegion(t, db, regionB)
	s := storeServer(t, db)
	if _, err := s.RecomputeRegion(context.Background(), regionA, false); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	inB := ask(t, h, "GET", "/api/v1/nearest?"+pointQuery(inRegion(regionB, node(3, 3)))+"&level=any", "")
	if code, msg := errorOf(t, []byte(inB.body)); inB.status != http.StatusServiceUnavailable || code != "unavailable" ||
		!strings.Contains(msg, "region 510105 holds this point but is not computed") {
		t.Errorf("a point in B: %d %s", inB.status, inB.body)
	}
	zh := ask(t, h, "GET", "/api/v1/route?from="+pairQuery(inRegion(regionB, node(3, 3)))+"&to="+pairQuery(inRegion(regionB, node(4, 4)))+"&lang=zh", "")
	if _, msg := errorOf(t, []byte(zh.body)); zh.status != http.StatusServiceUnavailable || !strings.Contains(msg, "该点位于区域 510105") {
		t.Errorf("route in B, in Chinese: %d %s", zh.status, zh.body)
	}
	out := ask(t, h, "GET", "/api/v1/isochrone?lon=104.16&lat=30.66&minutes=5", "")
	if code, msg := errorOf(t, []byte(out.body)); out.status != http.StatusNotFound || code != "not_found" || !strings.Contains(msg, "510105 (not computed)") {
		t.Errorf("a point in no region: %d %s", out.status, out.body)
	}
	if inA := ask(t, h, "GET", "/api/v1/nearest?"+pointQuery(node(3, 3))+"&level=any", ""); inA.status != http.StatusOK || inA.region != string(regionA) {
		t.Errorf("a point in A: %d %q %.200s", inA.status, inA.region, inA.body)
	}
}

// TestUnnamedWritesWithSeveralRegions: with A and B in the database and nothing in the
// home region, a write naming no region is 400 listing them and writes nothing; naming
// one, it goes there.
func TestUnnamedWritesWithSeveralRegions(t *testing.T) {
	s, db := regionsServer(t)
	h := s.Handler()
	before := postgistest.DumpRegion(t, db, geo.DefaultRegion)
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	p := node(9, 1)
	csv := stationCSV("st-new,新社区党群服务站,社区," + pairQuery(p))
	for _, target := range []string{"/api/v1/compute", "/api/v1/imports/stations"} {
		var status int
		var body []byte
		if strings.Contains(target, "imports") {
			status, body = uploadTo(t, h, target, "stations.csv", csv, map[string]string{"mode": "upsert"})
		} else {
			status, body = do(t, h, http.MethodPost, target, nil, auth)
		}
		if code, msg := errorOf(t, body); status != http.StatusBadRequest || code != "invalid" ||
			!strings.Contains(msg, "510104") || !strings.Contains(msg, "510105") || !strings.Contains(msg, "name the region to change") {
			t.Errorf("%s without region=: %d %s", target, status, body)
		}
	}
	if got := postgistest.DumpRegion(t, db, geo.DefaultRegion); got != before {
		t.Error("a refused write changed the default region's rows")
	}
	status, body := uploadTo(t, h, "/api/v1/imports/stations", "stations.csv", csv, map[string]string{"mode": "upsert", "region": string(regionA)})
	if status != http.StatusOK || decode[map[string]any](t, body)["region"] != string(regionA) {
		t.Errorf("import naming A in the form: %d %s", status, body)
	}
	status, body = uploadTo(t, h, "/api/v1/imports/stations?region=510105", "stations.csv", csv, map[string]string{"mode": "upsert", "region": string(regionA)})
	if code, _ := errorOf(t, body); status != http.StatusBadRequest || code != "invalid" {
		t.Errorf("query and form disagree: %d %s", status, body)
	}
}

// TestRegionDeletedElsewhere: a region deleted by another process (the store, not the
// server) is dropped at the next /readyz; the server stops answering for it.
func TestRegionDeletedElsewhere(t *testing.T) {
	s, db := regionsServer(t)
	h := s.Handler()
	if _, err := db.InRegion(regionA).DeleteRegion(context.Background()); err != nil {
		t.Fatal(err)
	}
	status, body := get(t, h, "/readyz")
	if status != http.StatusOK || strings.Contains(string(body), `"region":"510104"`) || !strings.Contains(string(body), "held in memory") {
		t.Errorf("readyz after A's deletion elsewhere: %d %s", status, body)
	}
	if got := ask(t, h, "GET", "/api/v1/coverage?level=community", ""); got.status != http.StatusOK || got.region != string(regionB) {
		t.Errorf("coverage without region= after A went: %d %q", got.status, got.region)
	}
	if s.RegionEngine(regionA) != nil {
		t.Error("A's engine is still held")
	}
	// B deleted elsewhere too: DELETE of it is 404 and the server forgets it.
	if _, err := db.InRegion(regionB).DeleteRegion(context.Background()); err != nil {
		t.Fatal(err)
	}
	status, body = do(t, h, http.MethodDelete, "/api/v1/regions/"+string(regionB), nil, map[string]string{"Authorization": "Bearer " + testToken})
	if code, _ := errorOf(t, body); status != http.StatusNotFound || code != "not_found" || s.RegionEngine(regionB) != nil {
		t.Errorf("DELETE of B gone elsewhere: %d %s (engine held: %v)", status, body, s.RegionEngine(regionB) != nil)
	}
}

// TestWritesOffSaysDeletes: with no token, the 403 of DELETE /api/v1/regions/{region}
// says that the token enables deleting regions too, in English and Chinese.
func TestWritesOffSaysDeletes(t *testing.T) {
	o := testOptions(t)
	o.Token = ""
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ query, want string }{{"", "imports, compute and deleting regions"}, {"?lang=zh", "导入、计算和删除区域"}} {
		status, body := do(t, s.Handler(), http.MethodDelete, "/api/v1/regions/510104"+tc.query, nil, nil)
		if _, msg := errorOf(t, body); status != http.StatusForbidden || !strings.Contains(msg, tc.want) {
			t.Errorf("%q: %d %s", tc.query, status, body)
		}
	}
}

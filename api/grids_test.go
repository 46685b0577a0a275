package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/paulmach/orb"
)

// The database is a GridSource: engine.Load reads its grids.
var _ engine.GridSource = (*postgis.DB)(nil)

// gridServer serves the test district with the west community split into two grids
// (south half: 1 worker; north half: no worker count) and the east community in none.
func gridServer(tb testing.TB) *api.Server {
	tb.Helper()
	d := testData()
	sw, ne := node(0, 0), node(gridN-1, gridN-1)
	mid := orb.Point{node(gridN/2, 0)[0], node(0, gridN/2)[1]}
	d.Grids = []geo.Grid{
		{Code: "W1", Name: "西一网格", CommunityCode: westCode, Households: 1000, Workers: 1, WorkersGiven: true, Polygon: rect(sw, mid)},
		{Code: "W2", Name: "西二网格", CommunityCode: westCode, Polygon: rect(orb.Point{sw[0], mid[1]}, orb.Point{mid[0], ne[1]})},
	}
	return engineServer(tb, testOptions(tb), d)
}

type gridsJSON struct {
	Grids []struct {
		Code                string   `json:"code"`
		Workers             *int     `json:"workers"`
		CellPopulation      float64  `json:"cell_population"`
		HouseholdsPerWorker *float64 `json:"households_per_worker"`
		LoadVerdict         string   `json:"load_verdict"`
		WorkersVerdict      string   `json:"workers_verdict"`
	} `json:"grids"`
	Uncovered []struct {
		Code                string  `json:"code"`
		UncoveredPopulation float64 `json:"uncovered_population"`
		Population          float64 `json:"population"`
	} `json:"uncovered_communities"`
	Rules []struct {
		Key    string `json:"key"`
		Source string `json:"source"`
	} `json:"rules"`
	WorkersUnknown int `json:"workers_unknown"`
	OverLoad       int `json:"over_load"`
}

// TestGridsEndpoint: the west grids hold all the west community's residents and the east
// community, in no grid, is uncovered with all of its residents; the rules come with
// their sources; coverage per grid adds up to the west community.
func TestGridsEndpoint(t *testing.T) {
	h := gridServer(t).Handler()
	body := getOK(t, h, "/api/v1/grids?format=json")
	g := decode[gridsJSON](t, body)
	if len(g.Grids) != 2 || g.Grids[0].Code != "W1" || g.Grids[1].Workers != nil || g.WorkersUnknown != 1 {
		t.Fatalf("grids %+v", g)
	}
	if !near(g.Grids[0].CellPopulation+g.Grids[1].CellPopulation, westPop, 1e-6) {
		t.Errorf("grid residents %.3f + %.3f, want %d", g.Grids[0].CellPopulation, g.Grids[1].CellPopulation, westPop)
	}
	if w := g.Grids[0]; w.HouseholdsPerWorker == nil || *w.HouseholdsPerWorker != 1000 || w.LoadVerdict != "warn" || w.WorkersVerdict != "ok" || g.OverLoad != 1 {
		t.Errorf("W1 %+v", w)
	}
	if len(g.Uncovered) != 1 || g.Uncovered[0].Code != eastCode || !near(g.Uncovered[0].UncoveredPopulation, eastPop, 1e-6) {
		t.Errorf("uncovered %+v, want the east community with its %d residents", g.Uncovered, eastPop)
	}
	if len(g.Rules) != 2 || g.Rules[0].Source == "" {
		t.Errorf("rules %+v", g.Rules)
	}
	code, body := get(t, h, "/api/v1/grids?format=csv&lang=zh")
	if code != http.StatusOK || !strings.Contains(string(body), "网格编码") || !strings.Contains(string(body), "西一网格") {
		t.Errorf("csv %d: %s", code, body)
	}
	code, body = get(t, h, "/api/v1/grids?community="+westCode)
	if code != http.StatusOK || !strings.Contains(string(body), `"total":2`) {
		t.Errorf("geojson %d: %s", code, body)
	}
	code, _ = get(t, h, "/api/v1/grids?community=510104009999")
	if code != http.StatusBadRequest {
		t.Errorf("unknown community: status %d, want 400", code)
	}
	body = getOK(t, h, "/api/v1/coverage?category=supermarket&minutes=15&unit=grid")
	cov := decode[struct {
		Grids []struct {
			Code       string  `json:"code"`
			Scope      string  `json:"scope"`
			Population float64 `json:"population"`
		} `json:"grids"`
	}](t, body)
	if len(cov.Grids) != 2 || cov.Grids[0].Scope != "grid" || !near(cov.Grids[0].Population+cov.Grids[1].Population, westPop, 1e-6) {
		t.Errorf("coverage grids %+v", cov.Grids)
	}
	if code, _ = get(t, h, "/api/v1/coverage?category=supermarket&unit=street"); code != http.StatusBadRequest {
		t.Errorf("unit=street: status %d, want 400", code)
	}
}

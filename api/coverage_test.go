package api_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

type coverageRowJSON struct {
	Scope            string   `json:"scope"`
	Code             string   `json:"code"`
	Cells            int      `json:"cells"`
	Population       float64  `json:"population"`
	PopulationWithin float64  `json:"population_within"`
	PopulationShare  float64  `json:"population_share"`
	MeanMin          *float64 `json:"mean_min"`
}

type coverageJSON struct {
	Target      map[string]string `json:"target"`
	Minutes     float64           `json:"minutes"`
	Total       coverageRowJSON   `json:"total"`
	Communities []coverageRowJSON `json:"communities"`
	Facilities  int               `json:"facilities"`
}

func TestCoverage(t *testing.T) {
	s, _ := dbServer(t)
	tests := []struct {
		name           string
		query          string
		wantPopulation float64 // hand-known: the communities' residents
		wantWithin     float64 // -1: cross-checked against the cells instead
		wantRows       int
	}{
		{"half an hour reaches everyone", "level=any&minutes=30", westPop + eastPop, westPop + eastPop, 2},
		{"one community", "level=any&minutes=30&community=" + westCode, westPop, westPop, 1},
		{"one street", "level=any&minutes=30&street=510104001", westPop + eastPop, westPop + eastPop, 2},
		{"a category without outlets reaches no one", "category=bank&minutes=15", westPop + eastPop, 0, 2},
		{"5 minutes to a community station", "level=community&minutes=5", westPop + eastPop, -1, 2},
		{"12 minutes to the supermarket", "category=supermarket&minutes=12", westPop + eastPop, -1, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := getOK(t, s.Handler(), "/api/v1/coverage?"+tc.query)
			c := decode[coverageJSON](t, body)
			if !near(c.Total.Population, tc.wantPopulation, 1e-6) {
				t.Errorf("population %.3f, want %.0f", c.Total.Population, tc.wantPopulation)
			}
			want := tc.wantWithin
			if want < 0 {
				want = withinFromCells(t, s.Handler(), tc.query)
			}
			if !near(c.Total.PopulationWithin, want, 1e-6) {
				t.Errorf("within %.3f, want %.3f", c.Total.PopulationWithin, want)
			}
			if len(c.Communities) != tc.wantRows {
				t.Errorf("%d community rows, want %d", len(c.Communities), tc.wantRows)
			}
			var sum float64
			for _, r := range c.Communities {
				sum += r.PopulationWithin
			}
			if !near(sum, c.Total.PopulationWithin, 1e-6) {
				t.Errorf("community rows add up to %.3f, total %.3f", sum, c.Total.PopulationWithin)
			}
		})
	}
}

// withinFromCells adds up the residents of the cells within the query's minutes, from
// /coverage/cells as CSV.
func withinFromCells(tb testing.TB, h http.Handler, query string) float64 {
	tb.Helper()
	body := getOK(tb, h, "/api/v1/coverage/cells?format=csv&"+stripParams(query, "minutes"))
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	limit := 0.0
	for _, part := range bytes.Split([]byte(query), []byte("&")) {
		if k, v, _ := bytes.Cut(part, []byte("=")); string(k) == "minutes" {
			limit, _ = strconv.ParseFloat(string(v), 64)
		}
	}
	var within float64
	for _, r := range rows[1:] {
		m, err := strconv.ParseFloat(r[col["minutes"]], 64)
		if err != nil || m > limit {
			continue
		}
		p, _ := strconv.ParseFloat(r[col["population"]], 64)
		within += p
	}
	return within
}

func TestCoverageFormats(t *testing.T) {
	s := memoryServer(t)
	status, body := get(t, s.Handler(), "/api/v1/coverage?level=community&minutes=10&format=csv")
	if status != http.StatusOK || !bytes.HasPrefix(body, []byte("\ufeffkind,key,minutes,scope")) {
		t.Fatalf("csv: %d %s", status, body)
	}
	rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("csv rows %d (want header, total, 2 communities): %v", len(rows), err)
	}
	body = getOK(t, s.Handler(), "/api/v1/coverage?level=community&minutes=10&format=geojson")
	fc := decode[collectionJSON](t, body)
	if len(fc.Features) != 2 || fc.Features[0].Geometry == nil || fc.Features[0].Geometry.Type != "MultiPolygon" {
		t.Errorf("geojson features: %s", body)
	}
}

func TestCoverageCells(t *testing.T) {
	s := memoryServer(t)
	body := getOK(t, s.Handler(), "/api/v1/coverage/cells?category=bank")
	all := decode[collectionJSON](t, body)
	if len(all.Features) == 0 {
		t.Fatal("no cells")
	}
	var pop float64
	for _, f := range all.Features {
		if m, ok := f.Properties["minutes"]; !ok || m != nil {
			t.Fatalf("cell %s: minutes %v, want null (no bank anywhere)", f.ID, m)
		}
		pop += f.Properties["population"].(float64)
		if f.Geometry == nil || f.Geometry.Type != "Polygon" {
			t.Fatalf("cell %s geometry %+v", f.ID, f.Geometry)
		}
	}
	if !near(pop, westPop+eastPop, 1e-6) {
		t.Errorf("cells hold %.3f residents, want %d", pop, westPop+eastPop)
	}
	sw, ne := node(0, 0), node(3, 3)
	body = getOK(t, s.Handler(), "/api/v1/coverage/cells?level=community&bbox="+pairQuery(sw)+","+pairQuery(ne))
	some := decode[collectionJSON](t, body)
	if len(some.Features) == 0 || len(some.Features) >= len(all.Features) {
		t.Fatalf("bbox kept %d of %d cells", len(some.Features), len(all.Features))
	}
	for _, f := range some.Features {
		lon, lat := f.Properties["lon"].(float64), f.Properties["lat"].(float64)
		if lon < sw[0] || lon > ne[0] || lat < sw[1] || lat > ne[1] {
			t.Errorf("cell %s centre (%f, %f) outside the bbox", f.ID, lon, lat)
		}
		if m, ok := f.Properties["minutes"].(float64); !ok || m > 15 || math.IsNaN(m) {
			t.Errorf("cell %s: %v minutes to the community station, want at most 15 (within 300 m + 300 m)", f.ID, f.Properties["minutes"])
		}
	}
}

func TestGaps(t *testing.T) {
	s := memoryServer(t)
	body := getOK(t, s.Handler(), "/api/v1/gaps?level=community&minutes=5&format=json&limit=5")
	g := decode[struct {
		Gaps []struct {
			Kind             string  `json:"kind"`
			Code             string  `json:"code"`
			PopulationBeyond float64 `json:"population_beyond"`
			ShareBeyond      float64 `json:"share_beyond"`
			Polygon          *struct {
				Type string `json:"type"`
			} `json:"polygon"`
		} `json:"gaps"`
	}](t, body)
	if len(g.Gaps) == 0 {
		t.Fatalf("no gaps within 5 minutes of one station on a 1 km grid: %s", body)
	}
	for i, x := range g.Gaps {
		if x.ShareBeyond < 0 || x.ShareBeyond > 1 {
			t.Errorf("gap %d share %v", i, x.ShareBeyond)
		}
		if i > 0 && x.PopulationBeyond > g.Gaps[i-1].PopulationBeyond {
			t.Errorf("gap %d not ranked: %.1f after %.1f", i, x.PopulationBeyond, g.Gaps[i-1].PopulationBeyond)
		}
	}
	// Every resident beyond 5 minutes lives in one of the community gaps.
	var beyond float64
	for _, x := range g.Gaps {
		if x.Kind == "community" {
			beyond += x.PopulationBeyond
		}
	}
	_, body = get(t, s.Handler(), "/api/v1/coverage?level=community&minutes=5")
	c := decode[coverageJSON](t, body)
	if want := c.Total.Population - c.Total.PopulationWithin; !near(beyond, want, 1e-6) {
		t.Errorf("gaps hold %.3f residents beyond 5 minutes, coverage says %.3f", beyond, want)
	}
	body = getOK(t, s.Handler(), "/api/v1/gaps?level=community&minutes=5&limit=5")
	if fc := decode[collectionJSON](t, body); len(fc.Features) != len(g.Gaps) {
		t.Errorf("geojson has %d gaps, json %d", len(fc.Features), len(g.Gaps))
	}
}

// stripParams returns the query string q without the parameters names.
func stripParams(q string, names ...string) string {
	v, err := url.ParseQuery(q)
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		v.Del(n)
	}
	return v.Encode()
}

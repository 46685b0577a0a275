package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

func TestNetwork(t *testing.T) {
	s, _ := dbServer(t)
	body := getOK(t, s.Handler(), "/api/v1/network")
	n := decode[struct {
		Formula              string   `json:"formula"`
		StreetsWithoutCentre []string `json:"streets_without_centre"`
		Streets              []struct {
			Code      string         `json:"code"`
			HasCentre bool           `json:"has_centre"`
			Stations  map[string]int `json:"stations"`
		} `json:"streets"`
	}](t, body)
	// 0 district, 1 street, 1 community + 0 compound, 0 building stations.
	if n.Formula != "0+1+1+0" {
		t.Errorf("formula %q, want 0+1+1+0", n.Formula)
	}
	if len(n.Streets) != 1 || !n.Streets[0].HasCentre || n.Streets[0].Stations["community"] != 1 || len(n.StreetsWithoutCentre) != 0 {
		t.Errorf("streets %+v, without centre %v", n.Streets, n.StreetsWithoutCentre)
	}
	status, body := get(t, s.Handler(), "/api/v1/network?format=csv")
	if status != http.StatusOK || !containsFold(string(body), "street_code,street_name,has_centre") || !containsFold(string(body), "510104001,测试街道,true") {
		t.Errorf("csv: %d %s", status, body)
	}
}

func TestStandards(t *testing.T) {
	s := memoryServer(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{westCode, eastCode}},
		{"?community=" + eastCode, []string{eastCode}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			body := getOK(t, s.Handler(), "/api/v1/standards"+tc.query)
			r := decode[struct {
				Rules       string `json:"rules"`
				Communities []struct {
					Code    string `json:"code"`
					Results []struct {
						Verdict string `json:"verdict"`
					} `json:"results"`
					Passed      int `json:"passed"`
					Failed      int `json:"failed"`
					NotAssessed int `json:"not_assessed"`
				} `json:"communities"`
			}](t, body)
			var codes []string
			for _, c := range r.Communities {
				codes = append(codes, c.Code)
				count := map[string]int{}
				for _, x := range c.Results {
					count[x.Verdict]++
				}
				if count["pass"] != c.Passed || count["fail"] != c.Failed || count["not_assessed"] != c.NotAssessed {
					t.Errorf("%s: verdicts %v, counted passed %d failed %d not assessed %d", c.Code, count, c.Passed, c.Failed, c.NotAssessed)
				}
			}
			if fmt.Sprint(codes) != fmt.Sprint(tc.want) || r.Rules == "" {
				t.Errorf("communities %v, want %v (rules %q)", codes, tc.want, r.Rules)
			}
		})
	}
}

type planJSON struct {
	Sites []struct {
		Point      [2]float64 `json:"point"`
		Gain       float64    `json:"gain"`
		Cumulative float64    `json:"cumulative"`
	} `json:"sites"`
	CoveredBefore float64   `json:"covered_before"`
	CoveredAfter  float64   `json:"covered_after"`
	Population    float64   `json:"population"`
	Curve         []float64 `json:"curve"`
}

func TestPlanSites(t *testing.T) {
	s, _ := dbServer(t)
	status, body := postJSON(t, s.Handler(), "/api/v1/plan/sites", `{"level": "community", "minutes": 5, "k": 3, "candidates": "cells"}`)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	p := decode[planJSON](t, body)
	if len(p.Sites) == 0 || len(p.Sites) > 3 || len(p.Curve) != len(p.Sites) {
		t.Fatalf("%d sites, %d curve points: %s", len(p.Sites), len(p.Curve), body)
	}
	var gains float64
	for i, site := range p.Sites {
		gains += site.Gain
		if i > 0 && p.Curve[i] < p.Curve[i-1] {
			t.Errorf("curve falls at site %d: %v", i, p.Curve)
		}
	}
	if !near(p.CoveredAfter-p.CoveredBefore, gains, 1e-6) || !near(p.Population, westPop+eastPop, 1e-6) {
		t.Errorf("before %.2f after %.2f gains %.2f population %.2f", p.CoveredBefore, p.CoveredAfter, gains, p.Population)
	}
}

// TestPlanOneCandidate checks a site's gain by hand: a community station at node (8, 2)
// is 600 m of street from the existing one, so within 4 minutes (267 m) no cell reaches
// both and the gain is everyone within 4 minutes of (8, 2): the isochrone's population.
// The candidate goes in, and the site comes back, in GCJ-02.
func TestPlanOneCandidate(t *testing.T) {
	s, _ := dbServer(t)
	site := crs.WGS84ToGCJ02(node(8, 2))
	status, body := postJSON(t, s.Handler(), "/api/v1/plan/sites?crs=gcj02",
		fmt.Sprintf(`{"level": "community", "minutes": 4, "k": 1, "candidates": [[%.10f, %.10f]]}`, site[0], site[1]))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	p := decode[planJSON](t, body)
	if len(p.Sites) != 1 {
		t.Fatalf("sites: %s", body)
	}
	if d := geo.HaversineM(orb.Point(p.Sites[0].Point), site); d > 1 {
		t.Errorf("site at %v, %.2f m from the GCJ-02 candidate %v", p.Sites[0].Point, d, site)
	}
	_, body = get(t, s.Handler(), "/api/v1/isochrone?"+pointQuery(node(8, 2))+"&minutes=4")
	want := decode[collectionJSON](t, body).Features[0].Properties["population"].(float64)
	if want == 0 || !near(p.Sites[0].Gain, want, 1e-6) {
		t.Errorf("gain %.3f, want the 4-minute isochrone's %.3f residents", p.Sites[0].Gain, want)
	}
}

type scenarioJSON struct {
	Targets []struct {
		Target struct {
			Kind string `json:"kind"`
			Key  string `json:"key"`
		} `json:"target"`
		Thresholds []float64 `json:"thresholds"`
		District   struct {
			Before []float64 `json:"before"`
			After  []float64 `json:"after"`
		} `json:"district"`
	} `json:"targets"`
}

func TestScenarios(t *testing.T) {
	s, _ := dbServer(t)
	p := node(2, 2)
	tests := []struct {
		name, body string
		key        string
		check      func(t *testing.T, before, after []float64)
	}{
		{"removing every station leaves no one covered", `{"remove": ["st-comm", "st-street"]}`, "any",
			func(t *testing.T, before, after []float64) {
				for i := range after {
					if after[i] != 0 || before[i] <= 0 {
						t.Errorf("threshold %d: before %v after %v, want after 0", i, before[i], after[i])
					}
				}
			}},
		{"a second station on the first changes nothing", fmt.Sprintf(`{"add": [{"lon": %.10f, "lat": %.10f, "level": "community"}]}`, p[0], p[1]), "community",
			func(t *testing.T, before, after []float64) {
				for i := range after {
					if !near(after[i], before[i], 1e-9) {
						t.Errorf("threshold %d: before %v after %v", i, before[i], after[i])
					}
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := postJSON(t, s.Handler(), "/api/v1/scenarios", tc.body)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			found := false
			for _, x := range decode[scenarioJSON](t, body).Targets {
				if x.Target.Kind == "level" && x.Target.Key == tc.key {
					found = true
					tc.check(t, x.District.Before, x.District.After)
					// before matches /coverage at each threshold.
					for i, m := range x.Thresholds {
						_, cb := get(t, s.Handler(), fmt.Sprintf("/api/v1/coverage?level=%s&minutes=%g", tc.key, m))
						if c := decode[coverageJSON](t, cb); !near(c.Total.PopulationShare, x.District.Before[i], 1e-9) {
							t.Errorf("%g min: before %.6f, /coverage %.6f", m, x.District.Before[i], c.Total.PopulationShare)
						}
					}
				}
			}
			if !found {
				t.Errorf("no level %s in %s", tc.key, body)
			}
		})
	}
	status, body := postJSON(t, s.Handler(), "/api/v1/scenarios", `{"remove": ["no-such-station"]}`)
	if status != http.StatusNotFound || !containsFold(string(body), "no-such-station") {
		t.Errorf("unknown id: %d %s", status, body)
	}
}

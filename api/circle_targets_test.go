package api_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// goldenCircleTargetCases pin circle= on the cells, nearest and plan endpoints, asked of
// supplyMemoryServer (the bundled circle file).
func goldenCircleTargetCases() []goldenCase {
	n := "/api/v1/nearest?" + pointQuery(node(4, 6))
	return []goldenCase{
		getCase("cells-circle-health-geojson", "/api/v1/coverage/cells?circle=health_15min&bbox="+pairQuery(node(0, 0))+","+pairQuery(node(2, 2)), 200, ctGeoJSON),
		getCase("cells-circle-gb50180-5min-csv", "/api/v1/coverage/cells?circle=gb50180_5min&format=csv", 200, ctCSV),
		getCase("nearest-circle-gb50180-5min-k2", n+"&circle=gb50180_5min&k=2", 200, ctJSON),
		getCase("nearest-circle-party-geometry", n+"&circle=party_15min&k=1&geometry=true", 200, ctJSON),
		postCase("plan-circle-health", "/api/v1/plan/sites", `{"circle": "health_15min", "k": 2}`, 200),
		getCase("error-cells-unknown-circle", "/api/v1/coverage/cells?circle=nope", 400, ctJSON),
		getCase("error-nearest-unknown-circle", n+"&circle=nope", 400, ctJSON),
		getCase("error-nearest-circle-and-level", n+"&circle=party_15min&level=any", 400, ctJSON),
		postCase("error-plan-unknown-circle", "/api/v1/plan/sites", `{"circle": "nope"}`, 400),
		postCase("error-plan-circle-and-category", "/api/v1/plan/sites", `{"circle": "health_15min", "category": "clinic"}`, 400),
	}
}

func TestGoldenCircleTargets(t *testing.T) {
	runGolden(t, supplyMemoryServer(t).Handler(), goldenCircleTargetCases())
}

// TestCircleTargetsMatchLevelAny checks circle= on the cells, nearest and plan endpoints
// against the answers for level=any: the party-mass circle's one facility is met by a
// station of any of the five levels, so its cells, nearest stations and planned sites are
// those of level=any (the plan at the circle's 15 minutes); an unknown circle is a 400
// JSON error naming the known ones on each.
func TestCircleTargetsMatchLevelAny(t *testing.T) {
	h := supplyMemoryServer(t).Handler()
	at := pointQuery(node(4, 6))
	pairs := []struct{ name, circle, level string }{
		{"cells", "/api/v1/coverage/cells?format=csv&circle=party_15min", "/api/v1/coverage/cells?format=csv&level=any"},
		{"nearest", "/api/v1/nearest?k=3&" + at + "&circle=party_15min", "/api/v1/nearest?k=3&" + at + "&level=any"},
	}
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			c1, a := get(t, h, p.circle)
			c2, b := get(t, h, p.level)
			if c1 != http.StatusOK || c2 != http.StatusOK {
				t.Fatalf("%d %s / %d %s", c1, a, c2, b)
			}
			if p.name == "cells" {
				// The same cells and minutes; a circle names no one nearest facility.
				if ga, gb := withoutColumn(t, a, 4), withoutColumn(t, b, 4); ga != gb || strings.Count(ga, "\n") < 10 {
					t.Errorf("cells of circle party_15min differ from level=any:\n%.400s\n%.400s", ga, gb)
				}
				return
			}
			type hits struct {
				Results []struct {
					ID      string  `json:"id"`
					Minutes float64 `json:"minutes"`
				} `json:"results"`
			}
			circle := decode[struct{ Facilities []hits }](t, a)
			any := decode[hits](t, b)
			if len(circle.Facilities) != 1 || len(any.Results) == 0 {
				t.Fatalf("circle answer %s, level=any %s", a, b)
			}
			g, w := circle.Facilities[0].Results, any.Results
			if len(g) != len(w) {
				t.Fatalf("circle: %d hits, level=any %d", len(g), len(w))
			}
			for i := range g {
				if g[i].ID != w[i].ID || g[i].Minutes != w[i].Minutes {
					t.Errorf("hit %d: circle %+v, level=any %+v", i, g[i], w[i])
				}
			}
		})
	}
	t.Run("plan", func(t *testing.T) {
		type plan struct {
			Sites []struct {
				Point [2]float64 `json:"point"`
				Gain  float64    `json:"gain"`
			} `json:"sites"`
			CoveredBefore float64 `json:"covered_before"`
		}
		a, b := planPost(t, h, `{"circle": "party_15min", "k": 2}`), planPost(t, h, `{"level": "any", "minutes": 15, "k": 2}`)
		pa, pb := decode[plan](t, a), decode[plan](t, b)
		if pa.CoveredBefore != pb.CoveredBefore || len(pa.Sites) != len(pb.Sites) {
			t.Fatalf("circle plan %s, level=any %s", a, b)
		}
		for i := range pa.Sites {
			if pa.Sites[i] != pb.Sites[i] {
				t.Errorf("site %d: circle %+v, level=any %+v", i, pa.Sites[i], pb.Sites[i])
			}
		}
	})
	for _, path := range []string{"/api/v1/coverage/cells?circle=nope", "/api/v1/nearest?" + at + "&circle=nope"} {
		code, body := get(t, h, path)
		if _, msg := errorOf(t, body); code != http.StatusBadRequest || !strings.Contains(msg, "party_15min") {
			t.Errorf("%s: %d %s, want 400 naming the known circles", path, code, body)
		}
	}
}

// withoutColumn returns the CSV body without its column i (0-based), one line a row.
func withoutColumn(tb testing.TB, body []byte, i int) string {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(append(append([]string{}, r[:i]...), r[i+1:]...), ",") + "\n")
	}
	return b.String()
}

// planPost posts body to /api/v1/plan/sites and returns the 200 answer.
func planPost(tb testing.TB, h http.Handler, body string) []byte {
	tb.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/plan/sites", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		tb.Fatalf("plan %s: %d %s", body, rec.Code, rec.Body)
	}
	var v json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		tb.Fatal(err)
	}
	return v
}

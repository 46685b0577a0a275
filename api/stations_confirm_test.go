package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
)

// A candidate station is listed with its status, counts nowhere until confirmed through
// POST /api/v1/stations/confirm, and counts after the next compute.
func TestConfirmStationsEndpoint(t *testing.T) {
	s, db := dbServer(t)
	p := node(9, 9)
	b := geo.Batch{Kind: "stations", FileName: "osm", Mode: geo.ModeUpsert, Source: geo.SourceOSM, Read: 1}
	if _, err := db.ImportStations(context.Background(), b, []geo.Station{{ID: "osm:n9", Name: "候选党群服务站",
		Level: geo.LevelBuilding, Point: p, Source: geo.SourceOSM}}, geo.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	compute := func() api.ComputeSummary {
		status, body := do(t, s.Handler(), http.MethodPost, "/api/v1/compute", nil, auth)
		if status != http.StatusOK {
			t.Fatalf("compute: %d %s", status, body)
		}
		return decode[api.ComputeSummary](t, body)
	}
	if sum := compute(); sum.Stations != 2 {
		t.Errorf("with a candidate: %d stations counted, want the 2 confirmed ones", sum.Stations)
	}
	if _, body := get(t, s.Handler(), "/api/v1/stations?level=building"); !strings.Contains(string(body), `"status":"candidate"`) {
		t.Errorf("the candidate is not listed as one: %s", body)
	}
	if _, body := get(t, s.Handler(), "/api/v1/nearest?"+pointQuery(node(9, 5))+"&level=building"); len(decode[nearestJSON](t, body).Results) != 0 {
		t.Errorf("the candidate is a nearest building station: %s", body)
	}
	cases := []struct {
		name, body string
		status     int
		mention    string
	}{
		{"neither ids nor all", `{}`, 400, "ids"},
		{"both", `{"ids":["osm:n9"],"all":true}`, 400, "not both"},
		{"unknown id", `{"ids":["osm:nope"]}`, 404, "osm:nope"},
		{"the candidate", `{"ids":["osm:n9"]}`, 200, `"confirmed":1`},
		{"again: nothing left", `{"all":true}`, 200, `"confirmed":0`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := do(t, s.Handler(), http.MethodPost, "/api/v1/stations/confirm", strings.NewReader(c.body), auth)
			if status != c.status || !strings.Contains(string(body), c.mention) {
				t.Errorf("%s: %d %s, want %d mentioning %s", c.body, status, body, c.status, c.mention)
			}
		})
	}
	if status, _ := do(t, s.Handler(), http.MethodPost, "/api/v1/stations/confirm", strings.NewReader(`{"all":true}`), map[string]string{"Content-Type": "application/json"}); status != http.StatusUnauthorized {
		t.Errorf("without the token: %d, want 401", status)
	}
	if sum := compute(); sum.Stations != 3 {
		t.Errorf("after confirming: %d stations counted, want 3", sum.Stations)
	}
	_, body := get(t, s.Handler(), "/api/v1/nearest?"+pointQuery(node(9, 5))+"&level=building")
	if r := decode[nearestJSON](t, body).Results; len(r) != 1 || r[0].ID != "osm:n9" {
		t.Errorf("nearest building station after confirming: %s", body)
	}
}

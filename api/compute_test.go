package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
)

// POST /api/v1/compute refuses (422) on the data health check's errors, listing the
// findings, and computes anyway with force=true, saying so.
func TestComputeForce(t *testing.T) {
	s, _ := dbServer(t)
	p := node(9, 9)
	status, body := postUpload(t, s, "stations", testToken, "s.csv",
		stationCSV(fmt.Sprintf("st-far,远站,building,%.8f,%.8f", p[0]+1, p[1])), map[string]string{"mode": "upsert"})
	if status != http.StatusOK {
		t.Fatalf("import: %d %s", status, body)
	}
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	type refusal struct {
		Error struct {
			Code     string `json:"code"`
			Findings []struct {
				Code     string `json:"code"`
				Severity string `json:"severity"`
				Subject  struct {
					ID string `json:"id"`
				} `json:"subject"`
				Figure float64 `json:"figure"`
			} `json:"findings"`
		} `json:"error"`
	}
	for _, target := range []string{"/api/v1/compute", "/api/v1/compute?force=false"} {
		status, body = do(t, s.Handler(), http.MethodPost, target, nil, auth)
		r := decode[refusal](t, body)
		found := false
		for _, f := range r.Error.Findings {
			found = found || (f.Code == "facility_outside_study_area" && f.Severity == "error" && f.Subject.ID == "st-far" && f.Figure > 90)
		}
		if status != http.StatusUnprocessableEntity || r.Error.Code != "unprocessable" || !found {
			t.Errorf("%s: %d %s; want 422 listing st-far about 96 km outside", target, status, body)
		}
	}
	status, body = do(t, s.Handler(), http.MethodPost, "/api/v1/compute?force=true", nil, auth)
	if status != http.StatusOK {
		t.Fatalf("compute?force=true: %d %s", status, body)
	}
	if sum := decode[api.ComputeSummary](t, body); !sum.Forced || sum.Errors < 1 || sum.Cells == 0 {
		t.Errorf("forced summary %+v, want forced with at least one error", sum)
	}
	if status, body = do(t, s.Handler(), http.MethodPost, "/api/v1/compute?force=maybe", nil, auth); status != http.StatusBadRequest {
		t.Errorf("force=maybe: %d %s, want 400", status, body)
	}
}

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

package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/lifecircle/lifecircle/api"
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

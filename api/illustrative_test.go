package api_test

import (
	"encoding/json"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

// TestIllustrativeDataIsSaid: coverage, gaps (JSON and GeoJSON) and network answers on
// the demo's illustrative layer say so (data.illustrative, the counts, a note in zh and en); on a
// planner's own data they carry no data member.
func TestIllustrativeDataIsSaid(t *testing.T) {
	targets := []string{"/api/v1/coverage?level=community", "/api/v1/gaps?level=community&format=json",
		"/api/v1/gaps?level=community", "/api/v1/network"}
	tests := []struct {
		name                  string
		stations, communities int // how many of the test district's to mark illustrative / derived
	}{
		{"planner's data", 0, 0},
		{"illustrative stations and derived communities", 2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := testData()
			for i := range tc.stations {
				d.Stations[i].Source = geo.SourceIllustrative
			}
			for i := range tc.communities {
				d.Communities[i].Source = geo.SourceDerived
			}
			s := engineServer(t, testOptions(t), d)
			for _, target := range targets {
				body := getOK(t, s.Handler(), target)
				var got struct {
					Data *struct {
						Illustrative       bool   `json:"illustrative"`
						Stations           int    `json:"illustrative_stations"`
						DerivedCommunities int    `json:"derived_communities"`
						NoteZH             string `json:"note_zh"`
					} `json:"data"`
				}
				if err := json.Unmarshal(body, &got); err != nil {
					t.Fatalf("%s: %v", target, err)
				}
				if tc.stations+tc.communities == 0 {
					if got.Data != nil {
						t.Errorf("%s: data %+v on a planner's data", target, *got.Data)
					}
					continue
				}
				if got.Data == nil || !got.Data.Illustrative || got.Data.Stations != tc.stations || got.Data.DerivedCommunities != tc.communities || got.Data.NoteZH == "" {
					t.Errorf("%s: data %+v, want illustrative with %d stations and %d derived communities", target, got.Data, tc.stations, tc.communities)
				}
			}
		})
	}
}

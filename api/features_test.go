package api_test

import (
	"fmt"
	"net/url"
	"testing"
)

func TestFeatureListings(t *testing.T) {
	s, _ := dbServer(t)
	sw, mid := node(0, 0), node(5, 5)
	box := fmt.Sprintf("%f,%f,%f,%f", sw[0]-1e-6, sw[1]-1e-6, mid[0], mid[1])
	tests := []struct {
		name    string
		target  string
		wantIDs []string
		total   int
	}{
		{"all stations", "/api/v1/stations", []string{"st-comm", "st-street"}, 2},
		{"stations by level", "/api/v1/stations?level=street", []string{"st-street"}, 1},
		{"stations by Chinese level", "/api/v1/stations?level=" + url.QueryEscape("社区"), []string{"st-comm"}, 1},
		{"stations in bbox", "/api/v1/stations?bbox=" + box, []string{"st-comm"}, 1},
		{"first page", "/api/v1/stations?limit=1", []string{"st-comm"}, 2},
		{"second page", "/api/v1/stations?limit=1&offset=1", []string{"st-street"}, 2},
		{"past the end", "/api/v1/stations?offset=5", nil, 2},
		{"outlets by category", "/api/v1/outlets?category=pharmacy", []string{"o-pharm"}, 1},
		{"outlets in bbox", "/api/v1/outlets?bbox=" + box, []string{"o-super"}, 1},
		{"communities", "/api/v1/communities", []string{westCode, eastCode}, 2},
		{"communities by street name", "/api/v1/communities?street=" + url.QueryEscape("测试街道"), []string{westCode, eastCode}, 2},
		{"communities in a west box", "/api/v1/communities?bbox=" + fmt.Sprintf("%f,%f,%f,%f", sw[0], sw[1], sw[0]+0.001, sw[1]+0.001), []string{westCode}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := getOK(t, s.Handler(), tc.target)
			fc := decode[collectionJSON](t, body)
			if fc.Total == nil || *fc.Total != tc.total {
				t.Errorf("total %v, want %d", fc.Total, tc.total)
			}
			var ids []string
			for _, f := range fc.Features {
				ids = append(ids, f.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tc.wantIDs) {
				t.Errorf("ids %v, want %v", ids, tc.wantIDs)
			}
		})
	}
}

func TestNextLink(t *testing.T) {
	s := memoryServer(t)
	_, body := get(t, s.Handler(), "/api/v1/stations?limit=1&level=any")
	fc := decode[collectionJSON](t, body)
	if fc.Next == "" {
		t.Fatalf("no next link: %s", body)
	}
	body = getOK(t, s.Handler(), fc.Next)
	next := decode[collectionJSON](t, body)
	if len(next.Features) != 1 || next.Features[0].ID != "st-street" || next.Next != "" {
		t.Errorf("next page %s", body)
	}
}

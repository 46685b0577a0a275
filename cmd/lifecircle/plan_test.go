package main_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// The grid district cut into a west community 300 m wide (no station) and an east one
// holding the station: from the middle, 15 minutes reach both whole, so one group.
func TestPlanSharedCentres(t *testing.T) {
	db, url := newDB(t)
	storeCleanGrid(t, db)
	dLat := 100 / (geo.EarthRadiusM * math.Pi / 180)
	dLon := dLat / math.Cos(30*math.Pi/180)
	x3, e, n := 104+3*dLon, 104+10*dLon, 30+10*dLat
	rect := func(w, e float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{w, 30}, {e, 30}, {e, n}, {w, n}, {w, 30}}}}
	}
	comms := []geo.Community{
		{Code: "510100003001", Name: "西社区", StreetCode: "510100003", StreetName: "网格街道", Population: 1500, Boundary: rect(104, x3)},
		{Code: "510100003002", Name: "东社区", StreetCode: "510100003", StreetName: "网格街道", Population: 3500, Boundary: rect(x3, e)},
	}
	if _, err := db.ImportCommunities(context.Background(), geo.Batch{Kind: "communities", FileName: "halves.geojson", Mode: geo.ModeReplace}, comms, geo.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, url, "--lang", "en", "plan", "shared-centres", "--resolution", "9")
	for _, want := range []string{"2 communities considered (1 without a centre of their own, 1 adjacent pairs)", "1 groups, 2 communities", "510100003001 西社区 (no centre)", "510100003002 东社区 (has a centre)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if zh := mustRun(t, url, "plan", "shared-centres", "--resolution", "9"); !strings.Contains(zh, "第 1 组") || !strings.Contains(zh, "已有站点") {
		t.Errorf("Chinese output:\n%s", zh)
	}
	if code, _, errOut := run(t, url, "plan", "shared-centres", "--min-share", "1.5"); code != 2 || !strings.Contains(errOut, "min_share") {
		t.Errorf("--min-share 1.5: exit %d, %s", code, errOut)
	}
}

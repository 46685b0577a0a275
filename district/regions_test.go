package district_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// storeStations stores n community stations into region r of db.
func storeStations(tb testing.TB, db *postgis.DB, r geo.Region, n int) {
	tb.Helper()
	ss := make([]geo.Station, n)
	for i := range ss {
		ss[i] = geo.Station{ID: string(r) + "-" + string(rune('a'+i)), Name: "站点", Level: geo.LevelCommunity,
			Point: orb.Point{104 + 0.001*float64(i), 30.6}}
	}
	b := geo.Batch{Kind: "stations", FileName: "stations.csv", Mode: geo.ModeReplace, Read: n}
	if _, err := db.InRegion(r).ImportStations(context.Background(), b, ss, geo.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
}

func TestChooseRegion(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		stored  []geo.Region // regions given rows, in order
		region  geo.Region
		named   bool
		use     district.RegionUse
		want    geo.Region
		only    bool
		wantErr []string // in the EINVALID message; nil: no error
	}{
		{"empty database", nil, geo.DefaultRegion, false, district.ReadRegion, geo.DefaultRegion, false, nil},
		{"default holds rows", []geo.Region{geo.DefaultRegion, "510104"}, geo.DefaultRegion, false, district.ReadRegion, geo.DefaultRegion, false, nil},
		{"the only region, reading", []geo.Region{"510104"}, geo.DefaultRegion, false, district.ReadRegion, "510104", true, nil},
		{"the only region, importing", []geo.Region{"510104"}, geo.DefaultRegion, false, district.FeedRegion, "", false, []string{"510104", "region default to start it"}},
		{"several regions, reading", []geo.Region{"510104", "试点"}, geo.DefaultRegion, false, district.ReadRegion, "", false, []string{"510104", "试点", "2 other region(s)"}},
		{"named, even empty", []geo.Region{"510104"}, "510105", true, district.FeedRegion, "510105", false, nil},
		{"default named, importing", []geo.Region{"510104", "510105"}, geo.DefaultRegion, true, district.FeedRegion, geo.DefaultRegion, false, nil},
		{"named, reading, holds nothing", []geo.Region{"510104", "510108"}, "510105", true, district.ReadRegion, "", false, []string{"region 510105 holds no rows", "510104", "510108"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := postgistest.New(t)
			for i, r := range tc.stored {
				storeStations(t, db, r, i+1)
			}
			got, err := district.ChooseRegion(ctx, db, tc.region, tc.named, tc.use)
			if tc.wantErr != nil {
				if geo.ErrorCodeOf(err) != geo.EINVALID {
					t.Fatalf("ChooseRegion = %+v, %v; want EINVALID", got, err)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("message %q does not name %q", err, w)
					}
				}
				return
			}
			if err != nil || got.Region != tc.want || got.Only != tc.only {
				t.Errorf("ChooseRegion = %+v, %v; want %s (only %v)", got, err, tc.want, tc.only)
			}
		})
	}
}

// DeleteRegion deletes nothing unless confirmed, refuses a region without rows, and
// removes exactly the region's rows: each input table's count of the region drops to
// zero by what it says it deleted, and the other region's rows stay as they were.
func TestDeleteRegion(t *testing.T) {
	ctx := context.Background()
	db, _ := postgistest.New(t)
	storeStations(t, db, "510104", 3)
	storeStations(t, db, "510105", 2)
	gone, keep := db.InRegion("510104"), postgistest.DumpRegion(t, db, "510105")
	before := postgistest.Counts(t, gone)

	if _, err := district.DeleteRegion(ctx, db.InRegion("510199"), true); geo.ErrorCodeOf(err) != geo.ENOTFOUND || !strings.Contains(err.Error(), "510104") {
		t.Errorf("deleting a region without rows: %v; want ENOTFOUND naming the regions there are", err)
	}
	d, err := district.DeleteRegion(ctx, gone, false)
	if err != nil || d.Done || d.Info.Region != "510104" || d.Info.Rows == 0 {
		t.Fatalf("unconfirmed DeleteRegion = %+v, %v; want what 510104 holds and nothing done", d, err)
	}
	if got := postgistest.Counts(t, gone); !maps.Equal(got, before) {
		t.Fatalf("an unconfirmed delete changed the counts: %v → %v", before, got)
	}

	d, err = district.DeleteRegion(ctx, gone, true)
	if err != nil || !d.Done {
		t.Fatalf("DeleteRegion = %+v, %v", d, err)
	}
	deleted := map[string]int64{}
	var total int64
	for _, tr := range d.Tables {
		deleted[tr.Table] = tr.Rows
		total += tr.Rows
	}
	for table, n := range before {
		if deleted[table] != n {
			t.Errorf("table %s: region 510104 held %d rows, DeleteRegion says it deleted %d", table, n, deleted[table])
		}
	}
	if before["stations"] != 3 || total != d.Rows || d.Rows < d.Info.Rows {
		t.Errorf("deleted %d rows (said %d, of %d held; %d stations before)", total, d.Rows, d.Info.Rows, before["stations"])
	}
	for table, n := range postgistest.Counts(t, gone) {
		if n != 0 {
			t.Errorf("table %s still holds %d rows of region 510104", table, n)
		}
	}
	if got := postgistest.DumpRegion(t, db, "510105"); got != keep {
		t.Errorf("region 510105 changed:\n%s\n---\n%s", keep, got)
	}
	rs, err := district.Regions(ctx, db)
	if err != nil || len(rs) != 1 || rs[0].Region != "510105" {
		t.Errorf("Regions after the delete = %+v, %v; want 510105 alone", rs, err)
	}
}

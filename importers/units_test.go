package importers_test

import (
	"context"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// TestDataVDistricts reads DataV's Chengdu county boundaries (GCJ-02): 20 districts with
// 6-digit codes under the city 510100, boundaries shifted back to WGS84.
func TestDataVDistricts(t *testing.T) {
	path := filepath.Join(testenv.SharedData(t), "admin", "chengdu-districts-gcj02.json")
	res, err := importers.ReadFile(context.Background(), importers.KindDistricts, path, importers.Options{CRS: crs.Ref{Offset: crs.GCJ02}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejects) > 0 {
		t.Fatalf("rejects: %v", res.Rejects[0])
	}
	if len(res.Districts) != 20 {
		t.Fatalf("%d districts, want 20", len(res.Districts))
	}
	for _, d := range res.Districts {
		if len(d.Code) != 6 || !strings.HasPrefix(d.Code, "5101") || d.ParentCode != "510100" || d.Name == "" || len(d.Boundary) == 0 {
			t.Errorf("district %+v: want a 6-digit code 5101xx, parent 510100, a name and a boundary", d)
		}
	}
	// The file's first vertex of 锦江区 is GCJ-02 (104.059956, 30.647001): stored shifted back.
	first := res.Districts[0]
	want := crs.GCJ02ToWGS84(orb.Point{104.059956, 30.647001})
	if got := first.Boundary[0][0][0]; first.Code != "510104" || planar.Distance(got, want) > 1e-9 {
		t.Errorf("district %s first vertex %v, want %v (GCJ-02 converted)", first.Code, got, want)
	}
}

// TestUnitCodes reads codes as DataV, the NBS and civil-affairs tables write them and
// rejects codes of another level, naming the record and the level.
func TestUnitCodes(t *testing.T) {
	square := `"POLYGON((117.2 31.8, 117.3 31.8, 117.3 31.9, 117.2 31.9, 117.2 31.8))"`
	cases := []struct {
		name, kind, csv string
		want            string // the code read, or "" when rejected
		reason          string // in the reject
	}{
		{"district 6 digits", "district", "adcode,name,wkt\n340103,庐阳区," + square, "340103", ""},
		{"district 12-digit form", "district", "区划代码,name,wkt\n340103000000,庐阳区," + square, "340103", ""},
		{"district spreadsheet number", "district", "code,name,wkt\n340103.0,庐阳区," + square, "340103", ""},
		{"community code as district", "district", "code,name,wkt\n340103001001,水西门," + square, "", "community (village) code (12 digits)"},
		{"street code as district", "district", "code,name,wkt\n340103001,亳州路街道," + square, "", "street (township) code (9 digits)"},
		{"street 9 digits", "streets", "统计用区划代码,name\n340103001,亳州路街道", "340103001", ""},
		{"street 12-digit form", "streets", "code,name\n340103001000,亳州路街道", "340103001", ""},
		{"community as street", "streets", "code,name\n340103001001,水西门社区居委会", "", "community (village) code (12 digits)"},
		{"street of another district", "streets", "code,name,areaCode\n340103001,亳州路街道,340122", "", "does not lie in district 340122"},
		{"community 12 digits", "communities", "code,name\n340103001001,水西门社区居委会", "340103001001", ""},
		{"district as community", "communities", "code,name\n340103,庐阳区", "", "district (county) code (6 digits)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := readOK(t, importers.Kind(tc.kind), "units.csv", tc.csv, importers.Options{})
			got := ""
			switch {
			case len(res.Districts) == 1:
				got = res.Districts[0].Code
			case len(res.Streets) == 1:
				got = res.Streets[0].Code
			case len(res.Communities) == 1:
				got = res.Communities[0].Code
			}
			if got != tc.want {
				t.Errorf("code %q, want %q (rejects %v)", got, tc.want, res.Rejects)
			}
			if tc.reason == "" {
				return
			}
			if len(res.Rejects) != 1 || res.Rejects[0].Record != 1 || !strings.Contains(res.Rejects[0].Reason, tc.reason) {
				t.Errorf("rejects %v, want one for record 1 saying %q", res.Rejects, tc.reason)
			}
		})
	}
}

// TestNBSTables reads the civil-affairs tables of two Hefei districts: streets under
// their district (areaCode), communities under their street (streetCode), no geometry.
func TestNBSTables(t *testing.T) {
	dir := filepath.Join(testenv.SharedData(t), "admin")
	for _, tc := range []struct {
		kind importers.Kind
		file string
	}{{importers.KindStreets, "hefei-luyang-feidong-streets.csv"}, {importers.KindCommunities, "hefei-luyang-feidong-communities.csv"}} {
		res, err := importers.ReadFile(context.Background(), tc.kind, filepath.Join(dir, tc.file), importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rejects) > 0 || res.Read == 0 {
			t.Fatalf("%s: read %d, rejects %v", tc.file, res.Read, res.Rejects)
		}
		for _, s := range res.Streets {
			if len(s.Code) != 9 || s.DistrictCode != s.Code[:6] || s.Name == "" {
				t.Errorf("street %+v", s)
			}
		}
		for _, c := range res.Communities {
			if len(c.Code) != 12 || c.StreetCode != c.Code[:9] || len(c.Boundary) != 0 {
				t.Errorf("community %+v", c)
			}
		}
		if got := len(res.Streets) + len(res.Communities); got != res.Read {
			t.Errorf("%s: %d units of %d rows", tc.file, got, res.Read)
		}
	}
}

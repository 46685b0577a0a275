package postgis_test

import (
	"context"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// readAdmin reads a file of ../shared/data/admin as kind, failing on any reject.
func readAdmin(tb testing.TB, kind importers.Kind, name string, opts importers.Options) *importers.Result {
	tb.Helper()
	res, err := importers.ReadFile(context.Background(), kind, testenv.SharedData(tb, filepath.Join("admin", name)), opts)
	if err != nil {
		tb.Fatal(err)
	}
	if len(res.Rejects) > 0 {
		tb.Fatalf("%s: %v", name, res.Rejects[0])
	}
	return res
}

func batchOf(kind, file string, res *importers.Result) postgis.Batch {
	return postgis.Batch{Kind: kind, FileName: file, Mode: postgis.ModeReplace, Read: res.Read}
}

// TestImportDataVDistricts stores DataV's Chengdu districts: 20 rows with 6-digit codes.
func TestImportDataVDistricts(t *testing.T) {
	res := readAdmin(t, importers.KindDistricts, "chengdu-districts-gcj02.json", importers.Options{CRS: crs.Ref{Offset: crs.GCJ02}})
	db, _ := postgistest.New(t)
	s, err := db.ImportDistricts(context.Background(), batchOf("district", "chengdu.json", res), res.Districts, postgis.ImportOptions{Records: res.Records})
	if err != nil {
		t.Fatal(err)
	}
	if s.Inserted != 20 || counts(t, db)["districts"] != 20 {
		t.Fatalf("summary %+v, %d rows; want 20 districts", s, counts(t, db)["districts"])
	}
	// PostGIS finds 4 of DataV's outlines self-intersecting (features 11, 15, 17, 20).
	if len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "4 district boundar(ies) were invalid") {
		t.Errorf("notes %q, want one saying 4 boundaries were mended", s.Notes)
	}
}

// hefei loads two districts as squares (庐阳区 at 117.2–117.3° E, 31.8–31.9° N; 肥东县
// east of it) and the NBS street table of both.
func hefei(tb testing.TB) *postgis.DB {
	tb.Helper()
	db, _ := postgistest.New(tb)
	ctx := context.Background()
	ds := []geo.District{{Code: "340103", Name: "庐阳区", Boundary: square(117.2, 31.8, 0.1)},
		{Code: "340122", Name: "肥东县", Boundary: square(117.4, 31.8, 0.1)}}
	if _, err := db.ImportDistricts(ctx, postgis.Batch{Kind: "district", FileName: "d.geojson", Mode: postgis.ModeReplace}, ds, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	res := readAdmin(tb, importers.KindStreets, "hefei-luyang-feidong-streets.csv", importers.Options{})
	s, err := db.ImportStreetFile(ctx, batchOf("streets", "streets.csv", res), res.Streets, postgis.ImportOptions{Records: res.Records})
	if err != nil {
		tb.Fatal(err)
	}
	if s.Inserted != len(res.Streets) || len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "street list") {
		tb.Fatalf("streets: %+v, want %d inserted and only the street-list note (the districts are loaded)", s, len(res.Streets))
	}
	return db
}

// TestAttributeTableJoin imports the civil-affairs community table before and after a
// boundary set of four Hefei communities: three with the table's codes or names (one
// named differently, one with another code), one the table lacks.
func TestAttributeTableJoin(t *testing.T) {
	db := hefei(t)
	ctx := context.Background()
	table := readAdmin(t, importers.KindCommunities, "hefei-luyang-feidong-communities.csv", importers.Options{})
	tb := batchOf("communities", "communities.csv", table)
	o := postgis.ImportOptions{Records: table.Records}
	s, err := db.ImportCommunityAttributes(ctx, tb, table.Communities, o)
	if err != nil {
		t.Fatal(err)
	}
	if s.Join == nil || !s.Join.Pending || s.Join.Rows != len(table.Communities) {
		t.Fatalf("before boundaries: join %+v, want %d rows pending", s.Join, len(table.Communities))
	}
	// 水西门社区居委会 340103001001 by code; 滨南社区居委会 340103001002 by name ("滨南 社区",
	// with another code); 杏花村街道's first community by code; 340103001099 unknown.
	first := map[string]geo.Community{}
	for _, c := range table.Communities {
		first[c.Code] = c
	}
	if first["340103001001"].Name != "水西门社区居委会" || first["340103001002"].Name != "滨南社区居委会" {
		t.Fatalf("the table's first rows are not the ones this test expects: %+v %+v", first["340103001001"], first["340103001002"])
	}
	third := table.Communities[len(table.Communities)/2] // some row further down
	units := []geo.Community{
		{Code: "340103001001", Name: "水西门社区", StreetCode: "340103001", Boundary: square(117.21, 31.81, 0.01)},
		{Code: "340103001098", Name: "滨南　社区", StreetCode: "340103001", Boundary: square(117.23, 31.81, 0.01)},
		{Code: third.Code, Name: third.Name, StreetCode: third.StreetCode, Boundary: square(117.25, 31.81, 0.01)},
		{Code: "340103001099", Name: "无此社区", StreetCode: "340103001", Boundary: square(117.27, 31.81, 0.01)},
	}
	if third.StreetCode[:6] == "340122" {
		units[2].Boundary = square(117.41, 31.81, 0.01)
	}
	ub := postgis.Batch{Kind: "communities", FileName: "boundaries.geojson", Mode: postgis.ModeReplace, Read: len(units)}
	s, err = db.ImportCommunities(ctx, ub, units, postgis.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	j := s.Join
	if j == nil || j.Pending || j.Matched != 3 || j.Units != 4 || len(j.Unmatched) != len(table.Communities)-3 ||
		strings.Join(j.UnitsWithout, ",") != "340103001099" {
		t.Fatalf("after boundaries: join %+v", j)
	}
	for _, r := range j.Unmatched {
		if r.Code == "340103001001" || r.Code == "340103001002" || r.Code == third.Code {
			t.Errorf("row %+v is listed unmatched but landed", r)
		}
	}
	got, err := db.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Errorf("communities: %d, want the 4 boundaries only (the table's rows are no communities of their own)", len(got))
	}
	before := counts(t, db)
	o.Strict = true
	_, err = db.ImportCommunityAttributes(ctx, tb, table.Communities, o)
	requireCode(t, err, geo.EINVALID, "--strict", "match no community boundary", "communities.csv record 3:", "more")
	if after := counts(t, db); after["unit_attributes"] != before["unit_attributes"] || after["import_batches"] != before["import_batches"] {
		t.Errorf("a strict failure changed the tables: %v → %v", before, after)
	}
}

// TestAttributeValuesLand checks that a table's counts and extra columns reach the
// boundaries they match, by code and by name.
func TestAttributeValuesLand(t *testing.T) {
	db := hefei(t)
	ctx := context.Background()
	units := []geo.Community{
		{Code: "340103001001", Name: "水西门社区", StreetCode: "340103001", Boundary: square(117.21, 31.81, 0.01)},
		{Code: "340103001002", Name: "滨南社区", StreetCode: "340103001", Boundary: square(117.23, 31.81, 0.01)},
	}
	if _, err := db.ImportCommunities(ctx, postgis.Batch{Kind: "communities", FileName: "b.geojson", Mode: postgis.ModeReplace}, units, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rows := []geo.Community{
		{Code: "340103001001", Name: "水西门社区居委会", StreetCode: "340103001", Households: 3200, Population: 8100, Attrs: map[string]string{"网格数": "12"}},
		{Name: "滨南社区居民委员会", StreetCode: "340103001", Households: 2100, Workers: 14},
	}
	s, err := db.ImportCommunityAttributes(ctx, postgis.Batch{Kind: "communities", FileName: "t.csv", Mode: postgis.ModeReplace}, rows, postgis.ImportOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Join.Matched != 2 || len(s.Join.Unmatched) != 0 || len(s.Join.UnitsWithout) != 0 {
		t.Fatalf("join %+v", s.Join)
	}
	got, err := db.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]int{"340103001001": {3200, 8100, 0}, "340103001002": {2100, 0, 14}}
	for _, c := range got {
		if w := want[c.Code]; [3]int{c.Households, c.Population, c.Workers} != w {
			t.Errorf("%s: households, population, workers %d %d %d, want %v", c.Code, c.Households, c.Population, c.Workers, w)
		}
	}
}

// TestUnitChecks: a community whose street is not loaded, a community and a street
// mostly outside the districts (with their share inside), a street of no loaded district.
func TestUnitChecks(t *testing.T) {
	db := hefei(t)
	ctx := context.Background()
	// 庐阳区 ends at 117.3° E: a square from 117.293° to 117.303° has 70 % inside.
	tests := []struct {
		name  string
		run   func() error
		want  []string
		share float64 // the share inside the message must give, or 0
	}{
		{"community of no loaded street", func() error {
			_, err := db.ImportCommunities(ctx, postgis.Batch{Kind: "communities", FileName: "c.geojson", Mode: postgis.ModeReplace},
				[]geo.Community{{Code: "340104001001", Name: "外区社区", StreetCode: "340104001", Boundary: square(117.21, 31.81, 0.01)}}, postgis.ImportOptions{Records: []int{7}})
			return err
		}, []string{"c.geojson record 7: community 340104001001 外区社区: its street 340104001 is not loaded"}, 0},
		{"community mostly outside", func() error {
			_, err := db.ImportCommunities(ctx, postgis.Batch{Kind: "communities", FileName: "c.geojson", Mode: postgis.ModeReplace},
				[]geo.Community{{Code: "340103001001", Name: "水西门社区", StreetCode: "340103001", Boundary: square(117.297, 31.85, 0.01)}}, postgis.ImportOptions{})
			return err
		}, []string{"record 1: community 340103001001 水西门社区 lies mostly outside the loaded districts"}, 30},
		{"street mostly outside", func() error {
			_, err := db.ImportStreetFile(ctx, postgis.Batch{Kind: "streets", FileName: "s.geojson", Mode: postgis.ModeUpsert},
				[]geo.Street{{Code: "340103001", Name: "亳州路街道", DistrictCode: "340103", Boundary: square(117.185, 31.85, 0.02)}}, postgis.ImportOptions{})
			return err
		}, []string{"street 340103001 亳州路街道 lies mostly outside"}, 100 * 0.005 / 0.02},
		{"street of no loaded district", func() error {
			_, err := db.ImportStreetFile(ctx, postgis.Batch{Kind: "streets", FileName: "s.csv", Mode: postgis.ModeUpsert},
				[]geo.Street{{Code: "340181001", Name: "巢湖街道", DistrictCode: "340181"}}, postgis.ImportOptions{Records: []int{4}})
			return err
		}, []string{"s.csv record 4: street 340181001 巢湖街道: its district 340181 is not loaded"}, 0},
	}
	share := regexp.MustCompile(`([0-9.]+) % of its area is inside`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := counts(t, db)
			err := tc.run()
			requireCode(t, err, geo.EINVALID, tc.want...)
			if tc.share > 0 {
				m := share.FindStringSubmatch(err.Error())
				if m == nil {
					t.Fatalf("no share in %v", err)
				}
				if got, _ := strconv.ParseFloat(m[1], 64); got < tc.share-1 || got > tc.share+1 {
					t.Errorf("share inside %v %%, want about %v %%", got, tc.share)
				}
			}
			if after := counts(t, db); after["communities"] != before["communities"] || after["streets"] != before["streets"] {
				t.Errorf("a refused import changed the tables: %v → %v", before, after)
			}
		})
	}
}

// requireCode checks that err is a *geo.Error with code whose message holds every one of
// want.
func requireCode(tb testing.TB, err error, code geo.ErrorCode, want ...string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, want %s: %v", code, want)
	}
	if got := geo.ErrorCodeOf(err); got != code {
		tb.Errorf("error code %q, want %q (%v)", got, code, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			tb.Errorf("error %q does not say %q", err, w)
		}
	}
}

package postgis_test

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

func square(lon, lat, d float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}}
}

func bowtie(lon, lat, d float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + d, lat + d}, {lon + d, lat}, {lon, lat + d}, {lon, lat}}}}
}

// counts is postgistest.Counts: the rows of each table.
func counts(tb testing.TB, db *postgis.DB) map[string]int64 { return postgistest.Counts(tb, db) }

func TestImportStationsModes(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	st := []geo.Station{
		{ID: "s1", Name: "亳州路街道党群服务中心", Level: geo.LevelStreet, Point: orb.Point{117.28, 31.87}, FloorAreaM2: 800},
		{ID: "s2", Name: "水西门社区党群服务站", Level: geo.LevelCommunity, Point: orb.Point{117.27, 31.86}},
	}
	b := postgis.Batch{Kind: "stations", FileName: "s.csv", Mode: postgis.ModeReplace, Read: 2}
	s, err := db.ImportStations(ctx, b, st, postgis.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Inserted != 2 || s.Updated != 0 || s.Deleted != 0 {
		t.Fatalf("first import: %+v", s)
	}
	tests := []struct {
		name                       string
		mode                       postgis.Mode
		stations                   []geo.Station
		inserted, updated, deleted int
		wantRows                   int64
	}{
		{"upsert updates one and adds one", postgis.ModeUpsert, []geo.Station{st[0], {ID: "s3", Name: "x", Level: geo.LevelBuilding, Point: orb.Point{117.3, 31.9}}}, 1, 1, 0, 3},
		{"replace removes the rest", postgis.ModeReplace, st[:1], 1, 0, 3, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b.Mode = tc.mode
			s, err := db.ImportStations(ctx, b, tc.stations, postgis.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Inserted != tc.inserted || s.Updated != tc.updated || s.Deleted != tc.deleted {
				t.Errorf("summary %+v, want inserted %d updated %d deleted %d", s, tc.inserted, tc.updated, tc.deleted)
			}
			if got := counts(t, db)["stations"]; got != tc.wantRows {
				t.Errorf("stations rows = %d, want %d", got, tc.wantRows)
			}
		})
	}
}

func TestImportCommunitiesInvalidPolygonChangesNothing(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	good := []geo.Community{{Code: "340103001001", Name: "水西门社区", StreetCode: "340103001", StreetName: "亳州路街道",
		Households: 3000, Boundary: square(117.27, 31.86, 0.01)}}
	b := postgis.Batch{Kind: "communities", FileName: "c.geojson", Mode: postgis.ModeReplace, Read: 1}
	if _, err := db.ImportCommunities(ctx, b, good, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	if before["streets"] != 1 {
		t.Errorf("streets derived from communities = %d, want 1", before["streets"])
	}
	bad := append(good, geo.Community{Code: "340103001002", Name: "滨南社区", Boundary: bowtie(117.28, 31.86, 0.01)})
	_, err := db.ImportCommunities(ctx, b, bad, postgis.ImportOptions{Records: []int{1, 7}})
	var ge *geo.Error
	if !errors.As(err, &ge) || ge.Code != geo.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	if want := "c.geojson feature 7"; !strings.Contains(ge.Error(), want) {
		t.Errorf("error %q does not name %q", ge.Error(), want)
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("counts changed: before %v after %v", before, after)
	}
	s, err := db.ImportCommunities(ctx, b, bad, postgis.ImportOptions{Repair: true})
	if err != nil {
		t.Fatalf("with repair: %v", err)
	}
	if s.Inserted != 2 {
		t.Errorf("with repair inserted %d, want 2", s.Inserted)
	}
}

// TestImportRefusesTextTheDatabaseCannotStore checks that text PostgreSQL would refuse
// with a raw message (SQLSTATE 22021) is named by file, record and field instead, and that
// nothing changes.
func TestImportRefusesTextTheDatabaseCannotStore(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	ok := geo.Station{ID: "s1", Name: "锦江站", Level: geo.LevelStreet, Point: orb.Point{104.08, 30.65}}
	key := make([]byte, 3000)
	for i := range key {
		key[i] = byte('a' + (i*7919)%26) // incompressible enough to overflow a B-tree entry
	}
	tests := []struct {
		name string
		bad  geo.Station
		want string
	}{
		{"NUL in a name", geo.Station{ID: "s2", Name: "a\x00b", Level: geo.LevelStreet, Point: orb.Point{104.08, 30.66}}, "s.csv record 7: field name holds a NUL byte"},
		{"invalid UTF-8 in an address", geo.Station{ID: "s2", Name: "站", Address: "\xff\xfe", Level: geo.LevelStreet, Point: orb.Point{104.08, 30.66}}, "s.csv record 7: field address is not valid UTF-8"},
		{"id of 3000 bytes", geo.Station{ID: string(key), Name: "站", Level: geo.LevelStreet, Point: orb.Point{104.08, 30.66}}, "s.csv record 7: field id is 3000 bytes long"},
	}
	before := counts(t, db)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := postgis.Batch{Kind: "stations", FileName: "s.csv", Mode: postgis.ModeReplace, Read: 2}
			_, err := db.ImportStations(ctx, b, []geo.Station{ok, tc.bad}, postgis.ImportOptions{Records: []int{3, 7}})
			if geo.ErrorCodeOf(err) != geo.EINVALID || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "SQLSTATE") {
				t.Errorf("err = %v (%s), want EINVALID saying %q", err, geo.ErrorCodeOf(err), tc.want)
			}
			if got := counts(t, db); !maps.Equal(got, before) {
				t.Errorf("tables changed: %v, were %v", got, before)
			}
		})
	}
}

package main_test

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

// Every kind of bad input fails the import with a message naming the file, the record and
// the field, exit status 2, and not one row changed in any table.
func TestBadInputChangesNothing(t *testing.T) {
	db, url := newDB(t)
	mustRun(t, url, "import", "stations", fixture("stations-wgs84.csv"))
	mustRun(t, url, "import", "outlets", fixture("outlets.csv"))
	mustRun(t, url, "import", "communities", fixture("communities.geojson"))
	before := counts(t, db)
	tests := []struct {
		name, kind, file string
		want             []string
	}{
		{"missing coordinate", "stations", "bad/stations-missing-coordinate.csv", []string{"stations-missing-coordinate.csv line 3 (record 2)", `"lat"`, "missing coordinate"}},
		{"latitude out of range", "stations", "bad/stations-lat-range.csv", []string{"stations-lat-range.csv line 14 (record 13)", "latitude out of range"}},
		{"lon/lat swapped", "stations", "bad/stations-swapped.csv", []string{"stations-swapped.csv line 5 (record 4)", "swapped"}},
		{"outside China", "stations", "bad/stations-outside-china.csv", []string{"record 6", "outside China"}},
		{"unknown level", "stations", "bad/stations-unknown-level.csv", []string{"record 2", `"level"`, "省级"}},
		{"unknown category", "outlets", "bad/outlets-unknown-category.csv", []string{"record 3", "宠物店"}},
		{"duplicate id", "stations", "bad/stations-duplicate-id.csv", []string{"record 3", `duplicate id "S1"`}},
		{"unparseable number", "communities", "bad/communities-unparseable-number.csv", []string{"record 2", `"households"`, "unparseable number"}},
		{"self-intersecting polygon", "communities", "bad/communities-self-intersecting.geojson", []string{"communities-self-intersecting.geojson", "2", "self-intersecting", "--repair"}},
		{"short ring", "compounds", "bad/compounds-short-ring.csv", []string{"record 1", "ring doesn't have enough points"}},
		{"empty file", "stations", "bad/empty.csv", []string{"empty.csv", "empty"}},
		{"wrong file type", "stations", "bad/stations.pdf", []string{"stations.pdf", "PDF"}},
		{"truncated JSON", "communities", "bad/truncated.geojson", []string{"truncated.geojson", "truncated JSON"}},
		{"binary garbage", "stations", "bad/garbage.csv", []string{"garbage.csv", "binary"}},
		{"missing column", "stations", "bad/stations-missing-column.csv", []string{"stations-missing-column.csv", `"lat"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, url, "import", tc.kind, fixture(tc.file))
			if code != 2 {
				t.Errorf("exit %d, want 2 (bad input)", code)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("message %q does not name %q", errOut, w)
				}
			}
			if after := counts(t, db); !maps.Equal(before, after) {
				t.Errorf("row counts changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestSkipInvalidLoadsTheRestAndReports(t *testing.T) {
	db, url := newDB(t)
	rejects := filepath.Join(t.TempDir(), "rejects.csv")
	out := mustRun(t, url, "import", "stations", fixture("bad/stations-lat-range.csv"), "--skip-invalid", "--rejects", rejects)
	if !strings.Contains(out, "拒绝 1") { // the summary in Chinese, the default --lang
		t.Errorf("summary %q", out)
	}
	if got := counts(t, db)["stations"]; got != 13 {
		t.Errorf("stations = %d, want the 13 good records", got)
	}
	b := readFile(t, rejects)
	if !strings.HasPrefix(b, "\xef\xbb\xbf") || !strings.Contains(b, "latitude out of range") {
		t.Errorf("rejects report %q", b)
	}
}

// The same points in WGS84, GCJ-02 and BD-09 are stored within 1 m of each other.
func TestImportCRSVariantsStoreTheSamePoints(t *testing.T) {
	db, url := newDB(t)
	ctx := context.Background()
	stored := map[string]map[string]geo.Station{}
	for _, v := range []struct{ file, crs string }{
		{"stations-wgs84.csv", "wgs84"}, {"stations-gcj02.csv", "gcj02"}, {"stations-bd09.csv", "bd09"},
	} {
		mustRun(t, url, "import", "stations", fixture(v.file), "--crs", v.crs)
		ss, err := db.Stations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		stored[v.crs] = map[string]geo.Station{}
		for _, s := range ss {
			stored[v.crs][s.ID] = s
		}
	}
	if len(stored["wgs84"]) == 0 {
		t.Fatal("nothing stored")
	}
	for id, w := range stored["wgs84"] {
		for _, sys := range []string{"gcj02", "bd09"} {
			o, ok := stored[sys][id]
			if !ok {
				t.Errorf("%s: station %s missing", sys, id)
				continue
			}
			if d := geo.HaversineM(w.Point, o.Point); d > 1 {
				t.Errorf("%s: station %s stored %.2f m from its WGS84 twin", sys, id, d)
			}
		}
	}
}

func TestImportGBKWithChineseHeaders(t *testing.T) {
	db, url := newDB(t)
	mustRun(t, url, "import", "stations", fixture("stations-gbk.csv"))
	ss, err := db.Stations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, s := range ss {
		names[s.ID] = s.Name
	}
	want := map[string]string{"G1": "亳州路街道党群服务中心", "G2": "水西门社区党群服务站"}
	for id, n := range want {
		if names[id] != n {
			t.Errorf("station %s name %q, want %q", id, names[id], n)
		}
	}
}

func TestDatabaseUnavailableExitCode(t *testing.T) {
	code, _, errOut := run(t, "host=127.0.0.1 port=1 dbname=nothing connect_timeout=2", "migrate")
	if code != 3 || !strings.Contains(errOut, "lifecircle:") {
		t.Errorf("exit %d, stderr %q; want 3 and a message", code, errOut)
	}
}

func TestImportPopulationGrid(t *testing.T) {
	db, url := newDB(t)
	dir := t.TempDir()
	good := writeFile(t, dir, "grid.csv", "h3,population\n8a40e3ce88f7fff,120\n8a40e3ce88affff,80\n")
	bad := writeFile(t, dir, "bad.csv", "h3,population\n8a40e3ce88f7fff,120\nnotacell,80\n")
	mustRun(t, url, "import", "population", good)
	before := counts(t, db)
	if before["population_grid"] != 2 {
		t.Fatalf("population_grid rows = %d, want 2", before["population_grid"])
	}
	code, _, errOut := run(t, url, "import", "population", bad)
	if code != 2 || !strings.Contains(errOut, "bad.csv line 3 (record 2)") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("counts changed: %v → %v", before, after)
	}
}

// BenchmarkImport100kOutlets runs `lifecircle import outlets` on a 100 000-row CSV, the
// whole command: parse, validate, convert, COPY, commit. The target is under 10 s.
func BenchmarkImport100kOutlets(b *testing.B) {
	_, url := newDB(b)
	path := writeOutlets(b, b.TempDir(), "o", 100_000)
	b.ResetTimer()
	for b.Loop() {
		mustRun(b, url, "import", "outlets", path, "--crs", "gcj02")
	}
}

// TestMigrateJobQueue checks that migrate also creates the job queue's tables (River's),
// so that a database set up by migrate alone takes run and worker, and that a second
// migrate applies nothing.
func TestMigrateJobQueue(t *testing.T) {
	_, url := newDB(t)
	out := mustRun(t, url, "migrate")
	if !strings.Contains(out, "job queue: applied") || strings.Contains(out, "job queue: applied 0 ") {
		t.Fatalf("first migrate: %q, want River's migrations applied", out)
	}
	var n int
	if err := connect(t, url).QueryRow(context.Background(), "SELECT count(*) FROM river_job").Scan(&n); err != nil {
		t.Fatalf("river_job after migrate: %v", err)
	}
	if out := mustRun(t, url, "migrate"); !strings.Contains(out, "applied 0 migration(s)") || !strings.Contains(out, "job queue: applied 0 River migration(s)") {
		t.Errorf("second migrate: %q, want nothing applied", out)
	}
}

package main_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// regionFiles are the files of one small district: an OpenStreetMap walk grid, a
// community over it, stations and outlets on it.
type regionFiles struct {
	osm, communities, stations, moreStations, outlets string
}

// writeRegionFiles writes, into a folder of its own, a district of n×n blocks of about
// 100 m with its south-west corner at (lon0, lat0) (WGS84): the grid as .osm XML (every
// row and column a footway), one community of 4 000 residents over it, a community
// station and a street centre on it, five outlets; moreStations adds a third station.
func writeRegionFiles(tb testing.TB, name string, lon0, lat0 float64, n int) regionFiles {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	const dLon, dLat = 0.00104, 0.0009 // ≈ 100 m at 30° N
	at := func(i, j float64) (float64, float64) { return lon0 + j*dLon, lat0 + i*dLat }
	var osm strings.Builder
	osm.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"regions_test\">\n")
	id := func(i, j int) int { return i*(n+1) + j + 1 }
	for i := 0; i <= n; i++ {
		for j := 0; j <= n; j++ {
			lon, lat := at(float64(i), float64(j))
			fmt.Fprintf(&osm, "  <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>\n", id(i, j), lat, lon)
		}
	}
	way := 1
	for k := 0; k <= n; k++ {
		for _, horizontal := range []bool{true, false} {
			fmt.Fprintf(&osm, "  <way id=\"%d\">", way)
			way++
			for m := 0; m <= n; m++ {
				if horizontal {
					fmt.Fprintf(&osm, "<nd ref=\"%d\"/>", id(k, m))
				} else {
					fmt.Fprintf(&osm, "<nd ref=\"%d\"/>", id(m, k))
				}
			}
			osm.WriteString("<tag k=\"highway\" v=\"footway\"/></way>\n")
		}
	}
	osm.WriteString("</osm>\n")
	x0, y0 := at(0, 0)
	x1, y1 := at(float64(n), float64(n))
	comm := fmt.Sprintf(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"510100003001","name":"%s社区","street_code":"510100003","street_name":"%s街道","population":4000},
"geometry":{"type":"Polygon","coordinates":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}}]}`,
		name, name, x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
	cx, cy := at(float64(n/2), float64(n/2))
	ex, ey := at(1, 1)
	fx, fy := at(float64(n-1), float64(n-1))
	stations := fmt.Sprintf("id,name,level,lon,lat\nS1,%s社区党群服务站,社区,%.7f,%.7f\nS2,%s街道党群服务中心,街道,%.7f,%.7f\n", name, cx, cy, name, ex, ey)
	more := stations + fmt.Sprintf("S3,%s新建服务站,社区,%.7f,%.7f\n", name, fx, fy)
	var outlets strings.Builder
	outlets.WriteString("id,name,category,lon,lat\n")
	for k, c := range []string{"supermarket", "pharmacy", "bank", "clinic", "kindergarten"} {
		x, y := at(float64(k+1), float64(n-k-1))
		fmt.Fprintf(&outlets, "O%d,%s网点%d,%s,%.7f,%.7f\n", k, name, k, c, x, y)
	}
	return regionFiles{
		osm:          writeFile(tb, dir, "grid.osm", osm.String()),
		communities:  writeFile(tb, dir, "communities.geojson", comm),
		stations:     writeFile(tb, dir, "stations.csv", stations),
		moreStations: writeFile(tb, dir, "more-stations.csv", more),
		outlets:      writeFile(tb, dir, "outlets.csv", outlets.String()),
	}
}

// computeArgs are the small, quick model the region tests compute with.
var computeArgs = []string{"--max-minutes", "15"}

// importRegion imports f into region r and computes it.
func importRegion(tb testing.TB, url string, r string, f regionFiles) {
	tb.Helper()
	mustRun(tb, url, "--region", r, "import", "osm", f.osm)
	mustRun(tb, url, "--region", r, "import", "communities", f.communities)
	mustRun(tb, url, "--region", r, "import", "stations", f.stations)
	mustRun(tb, url, "--region", r, "import", "outlets", f.outlets)
	mustRun(tb, url, append([]string{"--region", r, "compute"}, computeArgs...)...)
}

// regionAnswers are what a region answers: its rows (postgistest.DumpRegion), the check's
// output and the report's CSV and GeoJSON files.
type regionAnswers struct {
	dump, check string
	report      map[string]string
}

func answersOf(tb testing.TB, db *postgis.DB, url string, r geo.Region, dir string) regionAnswers {
	tb.Helper()
	a := regionAnswers{dump: postgistest.DumpRegion(tb, db, r), report: map[string]string{}}
	a.check = mustRun(tb, url, append([]string{"--region", string(r), "check", "--compute"}, computeArgs...)...)
	mustRun(tb, url, append([]string{"--region", string(r), "report", "network", "--format", "csv,geojson", "--out", dir}, computeArgs...)...)
	files, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		a.report[f.Name()] = readFile(tb, filepath.Join(dir, f.Name()))
	}
	if len(a.report) < 5 {
		tb.Fatalf("report network wrote %d files into %s, want the CSV and GeoJSON files", len(a.report), dir)
	}
	return a
}

// Two regions in one database: importing into one again, recomputing it and deleting it
// leaves the other's rows, check and report byte-identical, and the deleted one gone.
func TestRegionsAreIsolated(t *testing.T) {
	db, url := newDB(t)
	a := writeRegionFiles(t, "甲", 104.00, 30.00, 8)
	b := writeRegionFiles(t, "乙", 104.30, 30.20, 6) // ≈ 40 km away: beyond any halo
	importRegion(t, url, "510104", a)
	importRegion(t, url, "510105", b)
	reportDir := filepath.Join(t.TempDir(), "report")
	before := answersOf(t, db, url, "510105", reportDir)
	if !strings.Contains(before.dump, "510105") || !strings.Contains(before.check, "区域 510105") {
		t.Fatalf("region 510105: dump or check names no region:\n%s", before.check)
	}
	if dumpA := postgistest.DumpRegion(t, db, "510104"); dumpA == before.dump || dumpA == "" {
		t.Fatalf("region 510104's dump is empty or equals 510105's")
	}

	mustRun(t, url, "--region", "510104", "import", "stations", a.moreStations)
	mustRun(t, url, "--region", "510104", "import", "osm", a.osm)
	mustRun(t, url, append([]string{"--region", "510104", "compute"}, computeArgs...)...)
	out := mustRun(t, url, "--lang", "en", "region", "delete", "510104", "--yes")
	if !strings.Contains(out, "region 510104 deleted") || !strings.Contains(out, "walk_edges") {
		t.Errorf("region delete printed no rows per table:\n%s", out)
	}

	after := answersOf(t, db, url, "510105", filepath.Join(t.TempDir(), "report"))
	if after.dump != before.dump {
		t.Errorf("region 510105's rows changed:\n%s", firstDifference(before.dump, after.dump))
	}
	if after.check != before.check {
		t.Errorf("region 510105's check changed:\n%s\n---\n%s", before.check, after.check)
	}
	for name, text := range before.report {
		if after.report[name] != text {
			t.Errorf("region 510105's report file %s changed:\n%s", name, firstDifference(text, after.report[name]))
		}
	}
	if dump, none := postgistest.DumpRegion(t, db, "510104"), postgistest.DumpRegion(t, db, "510199"); dump != none {
		t.Errorf("region 510104 still holds rows:\n%s", firstDifference(none, dump))
	}
	out = mustRun(t, url, "--lang", "en", "regions")
	if strings.Contains(out, "510104") || !strings.Contains(out, "510105") || !strings.Contains(out, "1 region(s)") {
		t.Errorf("regions after the delete:\n%s", out)
	}
}

// firstDifference shows the first line where a and b differ.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return "(no difference)"
}

// The same file imported into two regions keeps both: a replace import into one leaves
// the other's rows as they were.
func TestSameFileInTwoRegions(t *testing.T) {
	db, url := newDB(t)
	file := fixture("stations-wgs84.csv")
	for _, r := range []string{"试点甲", "试点乙"} {
		if out := mustRun(t, url, "--region", r, "import", "stations", file); !strings.Contains(out, "区域 "+r) {
			t.Errorf("import into %s names no region:\n%s", r, out)
		}
	}
	want := len(stations(t, db.InRegion("试点甲")))
	if want == 0 {
		t.Fatal("no station stored in 试点甲")
	}
	before := postgistest.DumpRegion(t, db, "试点乙")
	mustRun(t, url, "--region", "试点甲", "import", "stations", file) // replace: the same rows again
	if got := len(stations(t, db.InRegion("试点乙"))); got != want {
		t.Errorf("试点乙 holds %d stations, want %d as 试点甲", got, want)
	}
	if after := postgistest.DumpRegion(t, db, "试点乙"); after != before {
		t.Errorf("试点乙's rows changed when 试点甲 imported again:\n%s", firstDifference(before, after))
	}
	out := mustRun(t, url, "--lang", "en", "regions")
	for _, w := range []string{"试点甲", "试点乙", "2 region(s)"} {
		if !strings.Contains(out, w) {
			t.Errorf("regions lacks %q:\n%s", w, out)
		}
	}
}

// A command that names no region, in a database whose default region is empty while
// others hold rows, names them instead of working on nothing; a reading command takes
// the only region there is, and says so.
func TestUnnamedRegion(t *testing.T) {
	_, url := newDB(t)
	file := fixture("stations-wgs84.csv")
	mustRun(t, url, "--region", "510104", "import", "stations", file)
	if out := mustRun(t, url, "--lang", "en", "status"); !strings.Contains(out, "region 510104 (the only region") {
		t.Errorf("status without --region and one region:\n%s", out)
	}
	for _, args := range [][]string{{"import", "stations", file}, {"stations", "confirm", "--all"}} {
		code, _, errOut := run(t, url, args...)
		if code != 2 || !strings.Contains(errOut, "510104") || !strings.Contains(errOut, "--region") {
			t.Errorf("%v without --region: exit %d, %s; want 2 naming region 510104 and --region", args, code, errOut)
		}
	}
	mustRun(t, url, "--region", "510105", "import", "stations", file)
	code, _, errOut := run(t, url, "status")
	if code != 2 || !strings.Contains(errOut, "510104") || !strings.Contains(errOut, "510105") {
		t.Errorf("status without --region and two regions: exit %d, %s; want 2 naming both", code, errOut)
	}
	// $LIFECIRCLE_REGION names a region as --region does
	cmd := exec.Command(binary, "--db", url, "--lang", "en", "import", "stations", file)
	cmd.Env = append(os.Environ(), "LIFECIRCLE_REGION=510105")
	if out, err := cmd.Output(); err != nil || !strings.Contains(string(out), "region 510105\n") {
		t.Errorf("import with LIFECIRCLE_REGION=510105: %v\n%s", err, out)
	}
	mustRun(t, url, "--region", "default", "import", "stations", file)
	if out := mustRun(t, url, "--lang", "en", "status"); !strings.Contains(out, "region default\n") {
		t.Errorf("status once the default region holds rows:\n%s", out)
	}
}

// --region and $LIFECIRCLE_REGION are checked; region delete asks for --yes and knows
// the regions there are; unknown subcommands and flags exit 2.
func TestRegionUsage(t *testing.T) {
	_, url := newDB(t)
	mustRun(t, url, "--region", "510104", "import", "stations", fixture("stations-wgs84.csv"))
	tests := []struct {
		name string
		env  string
		args []string
		want string // in standard error
	}{
		{"malformed --region", "", []string{"--region", "a b", "status"}, "--region"},
		{"digits not a division code", "", []string{"--region", "5101", "status"}, "6-digit"},
		{"malformed environment", "x/y", []string{"status"}, "LIFECIRCLE_REGION"},
		{"delete without --yes", "", []string{"region", "delete", "510104"}, "--yes"},
		{"delete an unknown region", "", []string{"region", "delete", "510199", "--yes"}, "510104"},
		{"delete two regions at once", "", []string{"--region", "510105", "region", "delete", "510104", "--yes"}, "once"},
		{"unknown subcommand", "", []string{"region", "rename", "510104"}, "unknown command"},
		{"delete names no region", "", []string{"region", "delete"}, "accepts 1 arg"},
		{"unknown flag", "", []string{"regions", "--all"}, "unknown flag"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(binary, append([]string{"--db", url}, tc.args...)...)
			cmd.Env = append(os.Environ(), "LIFECIRCLE_REGION="+tc.env)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d (%v), %s; want 2 naming %q", code, err, stderr.String(), tc.want)
			}
		})
	}
	if out := mustRun(t, url, "--lang", "en", "regions", "--region", "510104"); !strings.Contains(out, "1 region(s)") {
		t.Errorf("regions --region 510104:\n%s", out)
	}
}

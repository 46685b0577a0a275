package main_test

import (
	"strings"
	"testing"
)

// adminData is a file of the real-data folder's admin/ beside the repository.
func adminData(tb testing.TB, name string) string {
	tb.Helper()
	return sharedData(tb, "admin", name)
}

// TestImportUnitsCLI imports DataV's Chengdu districts, the Hefei street and community
// tables (the communities as an attribute table waiting for boundaries), and refuses a
// community code given to import district.
func TestImportUnitsCLI(t *testing.T) {
	_, url := newDB(t)
	out := mustRun(t, url, "--lang", "en", "import", "district", adminData(t, "chengdu-districts-gcj02.json"), "--crs", "gcj02")
	if !strings.Contains(out, "read 20, inserted 20") || !strings.Contains(out, "mended with ST_MakeValid") {
		t.Errorf("import district: %s", out)
	}
	// The Hefei streets lie in no loaded (Chengdu) district.
	code, _, errOut := run(t, url, "--lang", "en", "import", "streets", adminData(t, "hefei-luyang-feidong-streets.csv"))
	if code == 0 || !strings.Contains(errOut, "hefei-luyang-feidong-streets.csv record 1: street 340103001 亳州路街道: its district 340103 is not loaded") {
		t.Errorf("streets of no loaded district: exit %d, %s", code, errOut)
	}
	out = mustRun(t, url, "--lang", "en", "import", "communities", adminData(t, "hefei-luyang-feidong-communities.csv"))
	for _, want := range []string{"read 336, inserted 336", "is an attribute table", "336 row(s) kept; no community boundaries are loaded yet"} {
		if !strings.Contains(out, want) {
			t.Errorf("import communities (attribute table): %q lacks %q", out, want)
		}
	}
	dir := t.TempDir()
	wrong := writeFile(t, dir, "wrong.csv", "code,name,wkt\n340103001001,水西门社区,\"POLYGON((117.2 31.8,117.3 31.8,117.3 31.9,117.2 31.8))\"\n")
	code, _, errOut = run(t, url, "--lang", "en", "import", "district", wrong)
	if code == 0 || !strings.Contains(errOut, "wrong.csv line 2 (record 1)") || !strings.Contains(errOut, "community (village) code (12 digits)") {
		t.Errorf("a community code as a district: exit %d, %s", code, errOut)
	}
}

// TestAttributeTableCLI joins the Hefei community table to two community boundaries
// imported after it, lists the unmatched rows, and refuses the table under --strict.
func TestAttributeTableCLI(t *testing.T) {
	_, url := newDB(t)
	table := adminData(t, "hefei-luyang-feidong-communities.csv")
	mustRun(t, url, "--lang", "en", "import", "communities", table)
	dir := t.TempDir()
	bounds := writeFile(t, dir, "boundaries.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"340103001001","name":"水西门社区"},"geometry":{"type":"Polygon","coordinates":[[[117.21,31.81],[117.22,31.81],[117.22,31.82],[117.21,31.82],[117.21,31.81]]]}},
{"type":"Feature","properties":{"code":"340103001097","name":"滨南社区"},"geometry":{"type":"Polygon","coordinates":[[[117.23,31.81],[117.24,31.81],[117.24,31.82],[117.23,31.82],[117.23,31.81]]]}}]}`)
	out := mustRun(t, url, "--lang", "en", "import", "communities", bounds)
	for _, want := range []string{"attributes: 2 of 336 row(s) matched a community boundary; 334 row(s) matched none; 0 of 2 communities got no row",
		"unmatched: hefei-luyang-feidong-communities.csv record 3: 340103001003", "… and 314 more unmatched row(s)", "note: no streets loaded"} {
		if !strings.Contains(out, want) {
			t.Errorf("boundaries after the table: %q lacks %q", out, want)
		}
	}
	code, _, errOut := run(t, url, "--lang", "en", "import", "communities", table, "--strict")
	if code == 0 || !strings.Contains(errOut, "--strict: 334 of 336 attribute rows match no community boundary") || !strings.Contains(errOut, "and 314 more") {
		t.Errorf("--strict: exit %d, %s", code, errOut)
	}
}

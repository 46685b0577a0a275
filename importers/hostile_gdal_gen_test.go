package importers_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// hostileGDALFiles are the committed files ogr2ogr wrote (its output varies by version).
var hostileGDALFiles = []string{"communities-two-layers.gpkg", "compounds-two-layers.gdb.zip"}

// writeGDALFiles writes hostileGDALFiles into dir with ogr2ogr: a GeoPackage and a zipped
// FileGDB, each with two polygon layers, for the "several layers and no --layer" case.
func writeGDALFiles(tb testing.TB, dir string) {
	tb.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		tb.Fatalf("-update needs GDAL's ogr2ogr for %v: %v", hostileGDALFiles, err)
	}
	tmp := tb.TempDir()
	src := filepath.Join(tmp, "a.geojson")
	if err := os.WriteFile(src, collection(feature(`"code":"340103001001","name":"水西门社区"`, squareWKT)), 0o644); err != nil {
		tb.Fatal(err)
	}
	ogr := func(args ...string) {
		if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
			tb.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
		}
	}
	gpkg := filepath.Join(dir, hostileGDALFiles[0])
	os.Remove(gpkg)
	ogr("-f", "GPKG", "-nln", "社区", gpkg, src)
	ogr("-f", "GPKG", "-update", "-nln", "街道", gpkg, src)
	gdb := filepath.Join(tmp, "小区.gdb")
	ogr("-f", "OpenFileGDB", "-nln", "小区", gdb, src)
	ogr("-f", "OpenFileGDB", "-update", "-nln", "小区2", gdb, src)
	var parts []any
	entries, err := os.ReadDir(gdb)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(gdb, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		parts = append(parts, "小区.gdb/"+e.Name(), b)
	}
	if err := os.WriteFile(filepath.Join(dir, hostileGDALFiles[1]), zipOf(tb, parts...), 0o644); err != nil {
		tb.Fatal(err)
	}
}

package main_test

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
)

// requireGDAL skips the test when GDAL's tools are missing (fails it when CI=true).
func requireGDAL(tb testing.TB) {
	tb.Helper()
	for _, t := range []string{"ogr2ogr", "ogrinfo", "gdaltransform", "gdalsrsinfo", "gdal_translate", "gdalinfo"} {
		if _, err := exec.LookPath(t); err != nil {
			if os.Getenv("CI") == "true" {
				tb.Fatalf("CI=true but GDAL's %s is missing", t)
			}
			tb.Skipf("GDAL's %s is not installed: skipping", t)
		}
	}
}

// sharedData returns ../shared/data beside the repository root, skipping the test when it
// is missing (failing it when CI=true).
func sharedData(tb testing.TB) string {
	tb.Helper()
	data, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data"))
	if _, err := os.Stat(data); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared test data missing at %s", data)
		}
		tb.Skipf("shared test data not found at %s", data)
	}
	return data
}

// jinjiangWGS84 reads 锦江区 from the GCJ-02 district file, converted to WGS 84 by
// geo/crs, and writes it as a WGS 84 GeoJSON with Chinese field names.
func jinjiangWGS84(tb testing.TB, dir string) (orb.MultiPolygon, string) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(sharedData(tb), "admin", "chengdu-districts-gcj02.json"))
	if err != nil {
		tb.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range fc.Features {
		mp, ok := f.Geometry.(orb.MultiPolygon)
		if f.Properties["name"] != "锦江区" || !ok {
			continue
		}
		out := orb.MultiPolygon{}
		for _, poly := range mp {
			np := orb.Polygon{}
			for _, ring := range poly {
				nr := orb.Ring{}
				for _, p := range ring {
					nr = append(nr, crs.GCJ02ToWGS84(p))
				}
				np = append(np, nr)
			}
			out = append(out, np)
		}
		g := geojson.NewFeature(out)
		g.Properties = geojson.Properties{"编号": "510104001001", "名称": "锦江区"}
		b, _ := json.Marshal(geojson.NewFeatureCollection().Append(g))
		path := filepath.Join(dir, "src.geojson")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			tb.Fatal(err)
		}
		return out, path
	}
	tb.Fatal("锦江区 not in the district file")
	return nil, ""
}

func ogr2ogr(tb testing.TB, args ...string) {
	tb.Helper()
	if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
		tb.Fatalf("ogr2ogr %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// zipDir writes every file of dir into a zip at dst, under their base names.
func zipDir(tb testing.TB, dst, dir string) {
	tb.Helper()
	f, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		w, _ := zw.Create(e.Name())
		src, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(w, src)
		src.Close()
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

func geodesicArea(mp orb.MultiPolygon) float64 {
	a := 0.0
	for _, p := range mp {
		a += math.Abs(geo.Area(p))
	}
	return a
}

// gisFile makes one GIS file from the WGS 84 source with ogr2ogr and returns its path.
type gisFile struct {
	name, warn string
	make       func(tb testing.TB, dir, src string) string
}

var gisFiles = []gisFile{
	{name: "zipped Shapefile, CGCS2000 Gauss-Krüger CM 105E", make: func(tb testing.TB, dir, src string) string {
		shp := filepath.Join(dir, "shp")
		os.MkdirAll(shp, 0o755)
		ogr2ogr(tb, "-f", "ESRI Shapefile", "-t_srs", "EPSG:4544", "-lco", "ENCODING=GBK", filepath.Join(shp, "jinjiang.shp"), src)
		z := filepath.Join(dir, "jinjiang-shp.zip")
		zipDir(tb, z, shp)
		return z
	}},
	{name: "Shapefile", make: func(tb testing.TB, dir, src string) string {
		p := filepath.Join(dir, "jinjiang.shp")
		ogr2ogr(tb, "-f", "ESRI Shapefile", "-t_srs", "EPSG:4544", "-lco", "ENCODING=UTF-8", p, src)
		return p
	}},
	{name: "GeoPackage, CGCS2000", make: func(tb testing.TB, dir, src string) string {
		p := filepath.Join(dir, "jinjiang.gpkg")
		ogr2ogr(tb, "-f", "GPKG", "-t_srs", "EPSG:4490", "-nln", "jinjiang", p, src)
		return p
	}},
	{name: "FileGDB", make: func(tb testing.TB, dir, src string) string {
		p := filepath.Join(dir, "jinjiang.gdb")
		ogr2ogr(tb, "-f", "OpenFileGDB", "-t_srs", "EPSG:4544", "-nln", "jinjiang", p, src)
		return p
	}},
	{name: "KML", make: func(tb testing.TB, dir, src string) string {
		p := filepath.Join(dir, "jinjiang.kml")
		ogr2ogr(tb, "-f", "KML", p, src)
		return p
	}},
	{name: "KMZ", make: func(tb testing.TB, dir, src string) string {
		p := filepath.Join(dir, "jinjiang.kmz")
		ogr2ogr(tb, "-f", "LIBKML", p, src)
		return p
	}},
	{name: "GeoJSON with a crs member, UTM 48N", make: func(tb testing.TB, dir, src string) string {
		p := filepath.Join(dir, "jinjiang-utm.geojson")
		ogr2ogr(tb, "-f", "GeoJSON", "-lco", "RFC7946=NO", "-t_srs", "EPSG:32648", p, src)
		return p
	}},
	{name: "Beijing 1954 Gauss-Krüger GeoPackage", warn: "Beijing 1954", make: func(tb testing.TB, dir, src string) string {
		p := filepath.Join(dir, "jinjiang-bj54.gpkg")
		ogr2ogr(tb, "-f", "GPKG", "-t_srs", "EPSG:2432", "-nln", "jinjiang", p, src)
		return p
	}},
}

// TestImportGISFormats imports the real 锦江区 boundary, made into each GIS format by
// ogr2ogr, through the CLI: the communities table holds the same polygon (geodesic area
// within 0.1 % of the WGS 84 original) with its Chinese name, and a datum that PROJ shifts
// only by a ballpark is warned about.
func TestImportGISFormats(t *testing.T) {
	requireGDAL(t)
	dir := t.TempDir()
	want, src := jinjiangWGS84(t, dir)
	db, url := postgistest.New(t)
	for i, fx := range gisFiles {
		t.Run(fx.name, func(t *testing.T) {
			sub := filepath.Join(dir, fmt.Sprint(i))
			os.MkdirAll(sub, 0o755)
			path := fx.make(t, sub, src)
			out := mustRun(t, url, "import", "communities", path)
			if fx.warn != "" && !strings.Contains(out, ": warning: ") {
				t.Errorf("no warning printed:\n%s", out)
			}
			if !strings.Contains(out, fx.warn) {
				t.Errorf("output does not warn about %q:\n%s", fx.warn, out)
			}
			cs, err := db.Communities(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 1 || cs[0].Name != "锦江区" || cs[0].Code != "510104001001" {
				t.Fatalf("stored %d communities (%+v), want 锦江区 510104001001", len(cs), cs)
			}
			a, b := geodesicArea(want), geodesicArea(cs[0].Boundary)
			if rel := math.Abs(b-a) / a; rel > 0.001 {
				t.Errorf("stored area %.0f m², original %.0f m² (%.3f %% off)", b, a, 100*rel)
			}
		})
	}
}

// TestImportProjectedDeclaredWGS84 gives --crs wgs84 for a Gauss-Krüger file: refused,
// naming both readings and the --crs to give; nothing stored.
func TestImportProjectedDeclaredWGS84(t *testing.T) {
	requireGDAL(t)
	dir := t.TempDir()
	_, src := jinjiangWGS84(t, dir)
	p := filepath.Join(dir, "gk.gpkg")
	ogr2ogr(t, "-f", "GPKG", "-t_srs", "EPSG:4544", "-nln", "gk", p, src)
	db, url := postgistest.New(t)
	code, _, errOut := run(t, url, "import", "communities", p, "--crs", "wgs84")
	for _, w := range []string{"gk.gpkg", "EPSG:4326", "not degrees", "metres", "EPSG:4544 for 105°E"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("message lacks %q:\n%s", w, errOut)
		}
	}
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if n := counts(t, db)["communities"]; n != 0 {
		t.Errorf("%d communities stored", n)
	}
}

// TestImportPopulationGeoTIFF writes a 40×30 WGS 84 population raster over Chengdu (100 m
// pixels, a nodata hole, counts varying by pixel) with gdal_translate, imports it through
// the CLI, and checks that the stored grid's total equals the pixels' sum within 0.1 %,
// on resolution-10 cells; two rasters without --sum are refused.
func TestImportPopulationGeoTIFF(t *testing.T) {
	requireGDAL(t)
	dir := t.TempDir()
	var sb strings.Builder
	const cols, rows, dx = 40, 30, 0.001
	fmt.Fprintf(&sb, "ncols %d\nnrows %d\nxllcorner 104.05\nyllcorner 30.63\ncellsize %g\nNODATA_value -9999\n", cols, rows, dx)
	want := 0.0
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			v := float64((r*7+c*3)%50) + 0.5
			if r > 10 && r < 14 && c > 5 && c < 9 {
				v = -9999
			} else {
				want += v
			}
			fmt.Fprintf(&sb, "%g ", v)
		}
		sb.WriteByte('\n')
	}
	asc, tif := filepath.Join(dir, "pop.asc"), filepath.Join(dir, "pop.tif")
	os.WriteFile(asc, []byte(sb.String()), 0o644)
	if out, err := exec.Command("gdal_translate", "-q", "-ot", "Float32", "-a_srs", "EPSG:4326", asc, tif).CombinedOutput(); err != nil {
		t.Fatalf("gdal_translate: %v\n%s", err, out)
	}
	db, url := postgistest.New(t)
	out := mustRun(t, url, "import", "population", tif)
	if !strings.Contains(out, "resolution 10") {
		t.Errorf("output does not name the resolution:\n%s", out)
	}
	grid, err := db.PopulationGrid(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := 0.0
	for cell, p := range grid {
		if len(cell) != 15 || cell[1] != 'a' { // resolution 10: the second hex digit is a
			t.Fatalf("cell %s is not at resolution 10", cell)
		}
		got += p
	}
	if rel := math.Abs(got-want) / want; rel > 0.001 {
		t.Errorf("stored total %.1f, raster total %.1f (%.3f %% off)", got, want, 100*rel)
	}
	if code, _, errOut := run(t, url, "import", "population", tif, tif); code != 2 || !strings.Contains(errOut, "--sum") {
		t.Errorf("two rasters without --sum: exit %d, %q", code, errOut)
	}
	mustRun(t, url, "import", "population", "--sum", tif, tif)
	grid, _ = db.PopulationGrid(context.Background())
	got = 0
	for _, p := range grid {
		got += p
	}
	if rel := math.Abs(got-2*want) / want; rel > 0.002 {
		t.Errorf("--sum of the raster twice: %.1f, want %.1f", got, 2*want)
	}
}

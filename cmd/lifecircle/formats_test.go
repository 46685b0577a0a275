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
	"slices"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/project"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// jinjiangWGS84 reads 锦江区 from the GCJ-02 district file, converted to WGS 84 by
// geo/crs, and writes it as a WGS 84 GeoJSON with Chinese field names.
func jinjiangWGS84(tb testing.TB, dir string) (orb.MultiPolygon, string) {
	tb.Helper()
	fc, err := geojson.UnmarshalFeatureCollection([]byte(readFile(tb, sharedData(tb, "admin", "chengdu-districts-gcj02.json"))))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range fc.Features {
		if mp, ok := f.Geometry.(orb.MultiPolygon); ok && f.Properties["name"] == "锦江区" {
			wgs84 := project.MultiPolygon(mp, crs.GCJ02ToWGS84)
			g := geojson.NewFeature(wgs84)
			g.Properties = geojson.Properties{"编号": "510104001001", "名称": "锦江区"}
			b, _ := json.Marshal(geojson.NewFeatureCollection().Append(g))
			return wgs84, writeFile(tb, dir, "src.geojson", string(b))
		}
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

// gisFile is one GIS file ogr2ogr makes from the WGS 84 source.
type gisFile struct {
	name, warn string
	file       string   // the file ogr2ogr writes, in the case's folder
	args       []string // ogr2ogr's options (before the destination and the source)
	zip        string   // when not "": the file's folder is zipped to this name and the zip imported
}

var gisFiles = []gisFile{
	{name: "zipped Shapefile, CGCS2000 Gauss-Krüger CM 105E", file: "shp/jinjiang.shp", zip: "jinjiang-shp.zip",
		args: []string{"-f", "ESRI Shapefile", "-t_srs", "EPSG:4544", "-lco", "ENCODING=GBK"}},
	{name: "Shapefile", file: "jinjiang.shp", args: []string{"-f", "ESRI Shapefile", "-t_srs", "EPSG:4544", "-lco", "ENCODING=UTF-8"}},
	{name: "GeoPackage, CGCS2000", file: "jinjiang.gpkg", args: []string{"-f", "GPKG", "-t_srs", "EPSG:4490", "-nln", "jinjiang"}},
	{name: "FileGDB", file: "jinjiang.gdb", args: []string{"-f", "OpenFileGDB", "-t_srs", "EPSG:4544", "-nln", "jinjiang"}},
	{name: "KML", file: "jinjiang.kml", args: []string{"-f", "KML"}},
	{name: "KMZ", file: "jinjiang.kmz", args: []string{"-f", "LIBKML"}},
	{name: "GeoJSON with a crs member, UTM 48N", file: "jinjiang-utm.geojson", args: []string{"-f", "GeoJSON", "-lco", "RFC7946=NO", "-t_srs", "EPSG:32648"}},
	{name: "Beijing 1954 Gauss-Krüger GeoPackage", warn: "Beijing 1954", file: "jinjiang-bj54.gpkg", args: []string{"-f", "GPKG", "-t_srs", "EPSG:2432", "-nln", "jinjiang"}},
}

// make writes the file into dir from the WGS 84 source src and returns the path to import.
func (g gisFile) make(tb testing.TB, dir, src string) string {
	tb.Helper()
	p := filepath.Join(dir, g.file)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	ogr2ogr(tb, append(slices.Clone(g.args), p, src)...)
	if g.zip == "" {
		return p
	}
	z := filepath.Join(dir, g.zip)
	zipDir(tb, z, filepath.Dir(p))
	return z
}

// TestImportGISFormats imports the real 锦江区 boundary, made into each GIS format by
// ogr2ogr, through the CLI: the communities table holds the same polygon (geodesic area
// within 0.1 % of the WGS 84 original) with its Chinese name, and a datum that PROJ shifts
// only by a ballpark is warned about.
func TestImportGISFormats(t *testing.T) {
	testenv.RequireGDAL(t)
	dir := t.TempDir()
	want, src := jinjiangWGS84(t, dir)
	db, url := newDB(t)
	for i, fx := range gisFiles {
		t.Run(fx.name, func(t *testing.T) {
			path := fx.make(t, filepath.Join(dir, fmt.Sprint(i)), src)
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
	testenv.RequireGDAL(t)
	dir := t.TempDir()
	_, src := jinjiangWGS84(t, dir)
	p := filepath.Join(dir, "gk.gpkg")
	ogr2ogr(t, "-f", "GPKG", "-t_srs", "EPSG:4544", "-nln", "gk", p, src)
	db, url := newDB(t)
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
	testenv.RequireGDAL(t)
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
	writeFile(t, dir, "pop.asc", sb.String())
	if out, err := exec.Command("gdal_translate", "-q", "-ot", "Float32", "-a_srs", "EPSG:4326", asc, tif).CombinedOutput(); err != nil {
		t.Fatalf("gdal_translate: %v\n%s", err, out)
	}
	db, url := newDB(t)
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

// poiWant is one POI of an export and where and how it must land.
type poiWant struct {
	id, cat  string
	lon, lat float64 // in the export's CRS
}

// TestImportPOIExports imports an Amap export (GBK CSV, GCJ-02 "location", typecodes), a
// Baidu one (JSON array, BD-09 nested location, tag paths) and a Tencent one (CSV, GCJ-02,
// ':' category paths): each POI lands in its category at the WGS84 point geo/crs converts
// it to (≤ 1 m), the assumed CRS is said, and the unmapped type is counted and written.
func TestImportPOIExports(t *testing.T) {
	dir := t.TempDir()
	enc := simplifiedchinese.GBK.NewEncoder()
	amap, _ := enc.String("id,name,type,typecode,address,location,pname,cityname,adname\n" +
		"B001,永辉超市(春熙店),购物服务;超级市场;超市,060400,春熙路1号,\"104.081,30.657\",四川省,成都市,锦江区\n" +
		"B002,沃尔玛(红星店),购物服务;超级市场;沃尔玛,060402,红星路2号,\"104.083,30.659\",四川省,成都市,锦江区\n" +
		"B003,中国银行,金融保险服务;银行;中国银行,160101,东大街3号,\"104.085,30.651\",四川省,成都市,锦江区\n" +
		"B004,川菜馆,餐饮服务;中餐厅;四川菜(川菜),050102,总府路4号,\"104.079,30.655\",四川省,成都市,锦江区\n")
	baidu := `[{"uid":"u1","name":"红旗连锁","tag":"购物;便利店","location":{"lat":30.663,"lng":104.091}},
{"uid":"u2","name":"老百姓大药房","tag":"医疗;药店","location":{"lat":30.665,"lng":104.093}}]`
	tencent := "id,title,category,location\nt1,锦江区人民医院,医疗保健:综合医院,\"104.071,30.645\"\nt2,惠民便利店,购物:便利店,\"104.073,30.647\"\nt3,小龙坎火锅,美食:火锅,\"104.075,30.649\"\n"
	files := []struct {
		name, text string
		conv       func(orb.Point) orb.Point
		assumed    string
		want       []poiWant
		unmapped   int
	}{
		{"amap.csv", amap, crs.GCJ02ToWGS84, "gcj02", []poiWant{{"B001", "supermarket", 104.081, 30.657}, {"B002", "supermarket", 104.083, 30.659}, {"B003", "bank", 104.085, 30.651}}, 1},
		{"baidu.json", baidu, crs.BD09ToWGS84, "bd09", []poiWant{{"u1", "convenience", 104.091, 30.663}, {"u2", "pharmacy", 104.093, 30.665}}, 0},
		{"tencent.csv", tencent, crs.GCJ02ToWGS84, "gcj02", []poiWant{{"t1", "hospital", 104.071, 30.645}, {"t2", "convenience", 104.073, 30.647}}, 1},
	}
	db, url := newDB(t)
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			path, unm := writeFile(t, dir, f.name, f.text), filepath.Join(dir, f.name+".unmapped.csv")
			out := mustRun(t, url, "import", "outlets", path, "--unmapped", unm)
			if !strings.Contains(out, "assumed to be "+f.assumed) || !strings.Contains(out, fmt.Sprintf("%d of no category", f.unmapped)) {
				t.Errorf("summary does not say the CRS assumed or the unmapped count:\n%s", out)
			}
			got := map[string]poiWant{}
			outs, err := db.Outlets(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range outs {
				got[o.ID] = poiWant{o.ID, o.Category, o.Point[0], o.Point[1]}
			}
			if len(got) != len(f.want) {
				t.Errorf("%d outlets stored, want %d: %v", len(got), len(f.want), got)
			}
			for _, w := range f.want {
				g, ok := got[w.id]
				p := f.conv(orb.Point{w.lon, w.lat})
				if !ok || g.cat != w.cat || geo.Distance(p, orb.Point{g.lon, g.lat}) > 1 {
					t.Errorf("%s stored as %+v, want %s at %v", w.id, g, w.cat, p)
				}
			}
			if f.unmapped > 0 {
				b := readFile(t, unm)
				if !strings.Contains(b, "050102") && !strings.Contains(b, "美食:火锅") {
					t.Errorf("--unmapped file lacks the unmapped type:\n%s", b)
				}
			}
		})
	}
}

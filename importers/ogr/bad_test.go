package ogr_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers/ogr"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
)

// shapefileDir writes the district as a Shapefile in EPSG:zone into dir/shp and returns
// the .shp's path.
func shapefileDir(tb testing.TB, dir, src string, zone int) string {
	tb.Helper()
	shp := filepath.Join(dir, "shp", "jinjiang.shp")
	os.MkdirAll(filepath.Dir(shp), 0o755)
	gdal(tb, "ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", fmt.Sprintf("EPSG:%d", zone), "-lco", "ENCODING=GBK", shp, src)
	return shp
}

func sidecars(shp string, exts ...string) []string {
	var out []string
	for _, e := range exts {
		out = append(out, strings.TrimSuffix(shp, ".shp")+e)
	}
	return out
}

// rawZip writes a zip with one entry whose header declares size bytes while the data
// inflates to data.
func rawZip(tb testing.TB, path, name string, size uint64, data []byte) {
	tb.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, UncompressedSize64: size, CompressedSize64: uint64(comp.Len())})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	f.Close()
}

func TestBadInputs(t *testing.T) {
	testenv.RequireGDAL(t)
	d := jinjiang(t)
	zone := gkZone(t, d)
	cases := []struct {
		name  string
		make  func(tb testing.TB, dir, src string) string
		opts  ogr.Options
		code  geo.ErrorCode
		wants []string
	}{
		{"shp without dbf", func(tb testing.TB, dir, src string) string {
			shp := shapefileDir(tb, dir, src, zone)
			z := filepath.Join(dir, "nodbf.zip")
			zipFiles(tb, z, sidecars(shp, ".shp", ".shx", ".prj")...)
			return z
		}, ogr.Options{}, geo.EINVALID, []string{"nodbf.zip", "jinjiang.shp has no .dbf"}},
		{"shp without shx", func(tb testing.TB, dir, src string) string {
			shp := shapefileDir(tb, dir, src, zone)
			os.Remove(sidecars(shp, ".shx")[0])
			return shp
		}, ogr.Options{}, geo.EINVALID, []string{"jinjiang.shp: jinjiang.shp has no .shx"}},
		{"dbf record count disagrees with the shp", func(tb testing.TB, dir, src string) string {
			shp := shapefileDir(tb, dir, src, zone)
			two := filepath.Join(dir, "two.shp")
			gdal(tb, "ogr2ogr", "-f", "ESRI Shapefile", two, shp)
			gdal(tb, "ogr2ogr", "-append", two, shp)
			os.Rename(sidecars(shp, ".dbf")[0], sidecars(two, ".dbf")[0])
			return two
		}, ogr.Options{}, geo.EINVALID, []string{"two.shp has 2 shapes but two.dbf has 1 records"}},
		{"truncated shp", func(tb testing.TB, dir, src string) string {
			shp := shapefileDir(tb, dir, src, zone)
			b, _ := os.ReadFile(shp)
			os.WriteFile(shp, b[:len(b)-40], 0o644)
			return shp
		}, ogr.Options{}, geo.EINVALID, []string{"jinjiang.shp: jinjiang.shp: truncated"}},
		{"zip bomb by the directory's sizes", func(tb testing.TB, dir, src string) string {
			z := filepath.Join(dir, "bomb.zip")
			rawZip(tb, z, "big.shp", 8<<20, make([]byte, 8<<20))
			return z
		}, ogr.Options{MaxUnzipped: 1 << 20}, geo.EINVALID, []string{"bomb.zip", "more than 1.0 MiB", "zip bomb"}},
		{"zip entry inflating past its declared size", func(tb testing.TB, dir, src string) string {
			z := filepath.Join(dir, "liar.zip")
			rawZip(tb, z, "small.shp", 100, make([]byte, 8<<20))
			return z
		}, ogr.Options{}, geo.EINVALID, []string{"liar.zip", "inflates past the 100 bytes"}},
		{"zip entry leaving its folder", func(tb testing.TB, dir, src string) string {
			z := filepath.Join(dir, "slip.zip")
			rawZip(tb, z, "../../evil.shp", 3, []byte("abc"))
			return z
		}, ogr.Options{}, geo.EINVALID, []string{"slip.zip", "leaves the zip's folder"}},
		{"zip without a dataset", func(tb testing.TB, dir, src string) string {
			z := filepath.Join(dir, "docs.zip")
			rawZip(tb, z, "readme.txt", 3, []byte("abc"))
			return z
		}, ogr.Options{}, geo.EINVALID, []string{"docs.zip: the zip holds no Shapefile"}},
		{"zip with two datasets", func(tb testing.TB, dir, src string) string {
			shp := shapefileDir(tb, dir, src, zone)
			gp := filepath.Join(dir, "other.gpkg")
			gdal(tb, "ogr2ogr", "-f", "GPKG", gp, src)
			z := filepath.Join(dir, "mixed.zip")
			zipFiles(tb, z, append(sidecars(shp, ".shp", ".shx", ".dbf", ".prj"), gp)...)
			return z
		}, ogr.Options{}, geo.EINVALID, []string{"several datasets", "jinjiang.shp", "other.gpkg"}},
		{"file GDAL cannot open", func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "broken.gpkg")
			os.WriteFile(p, []byte("this is not a GeoPackage"), 0o644)
			return p
		}, ogr.Options{}, geo.EINVALID, []string{"broken.gpkg: GDAL cannot read it", "Unable to open datasource"}},
		{"GeoPackage with two layers and none chosen", twoLayers, ogr.Options{}, geo.EINVALID,
			[]string{"two.gpkg: it has 2 layers", `"gk" (polygon, 1 features)`, `"lonlat" (multi polygon, 1 features)`, "--layer"}},
		{"a layer that is not there", twoLayers, ogr.Options{Layer: "streets"}, geo.EINVALID, []string{`no layer "streets"`, `"gk"`}},
		{"empty layer", func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "empty.gpkg")
			gdal(tb, "ogr2ogr", "-f", "GPKG", "-where", "1=0", p, src)
			return p
		}, ogr.Options{}, geo.EINVALID, []string{"empty.gpkg", "has no features"}},
		{"Gauss-Krüger metres given as WGS 84", func(tb testing.TB, dir, src string) string {
			return shapefileDir(tb, dir, src, zone)
		}, ogr.Options{CRS: crs.RefWGS84, Near: &orb.Point{104.07, 30.66}}, geo.EINVALID,
			[]string{"jinjiang.shp", "cannot be in EPSG:4326", "not degrees", "read as EPSG:4544", "give --crs EPSG:4544"}},
		{"Gauss-Krüger metres without a .prj", func(tb testing.TB, dir, src string) string {
			shp := shapefileDir(tb, dir, src, zone)
			os.Remove(sidecars(shp, ".prj")[0])
			return shp
		}, ogr.Options{}, geo.EINVALID, []string{"cannot be in EPSG:4326", "not degrees", "transverse Mercator"}},
		{"a CRS that puts the district in Europe", func(tb testing.TB, dir, src string) string {
			return shapefileDir(tb, dir, src, zone)
		}, ogr.Options{CRS: crs.EPSG(32633), Near: &orb.Point{104.07, 30.66}}, geo.EINVALID,
			[]string{"cannot be in EPSG:32633", "— outside China", "read as EPSG:4544", "(104.1", "give --crs EPSG:4544"}},
		{"degrees given as Gauss-Krüger", func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "deg.gpkg")
			gdal(tb, "ogr2ogr", "-f", "GPKG", p, src)
			return p
		}, ogr.Options{CRS: crs.EPSG(4544)}, geo.EINVALID, []string{"deg.gpkg", "cannot be in EPSG:4544", "look like degrees", "give --crs EPSG:4326"}},
		{"an EPSG code PROJ does not know", func(tb testing.TB, dir, src string) string { return src }, ogr.Options{CRS: crs.EPSG(99999)},
			geo.EINVALID, []string{"PROJ does not know the coordinate system EPSG:99999"}},
		{"an unknown encoding", func(tb testing.TB, dir, src string) string { return shapefileDir(tb, dir, src, zone) },
			ogr.Options{Encoding: "latin9"}, geo.EINVALID, []string{`unknown encoding "latin9"`}},
		{"missing file", func(tb testing.TB, dir, src string) string { return filepath.Join(dir, "nothere.shp") }, ogr.Options{},
			geo.EINVALID, []string{"cannot open", "nothere.shp"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tc.make(t, dir, d.writeGeoJSON(t, dir))
			l, err := ogr.Open(t.Context(), path, tc.opts)
			if err == nil {
				l.Close()
			}
			wantCode(t, err, tc.code, tc.wants...)
		})
	}
}

// twoLayers writes a GeoPackage with the district twice: in Gauss-Krüger and in lon/lat.
func twoLayers(tb testing.TB, dir, src string) string {
	p := filepath.Join(dir, "two.gpkg")
	gdal(tb, "ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4544", "-nln", "gk", "-nlt", "POLYGON", p, src)
	gdal(tb, "ogr2ogr", "-f", "GPKG", "-update", "-nln", "lonlat", p, src)
	return p
}

func TestLayerChosen(t *testing.T) {
	testenv.RequireGDAL(t)
	d := jinjiang(t)
	dir := t.TempDir()
	p := twoLayers(t, dir, d.writeGeoJSON(t, dir))
	for _, name := range []string{"gk", "LonLat"} {
		t.Run(name, func(t *testing.T) {
			l := openLayer(t, p, ogr.Options{Layer: name})
			sameFeatures(t, l, d.wgs84)
		})
	}
}

// TestOldDatumWarns reads a Xi'an 1980 Gauss-Krüger Shapefile: it opens, with the
// ballpark warning naming the datum and PROJ's words.
func TestOldDatumWarns(t *testing.T) {
	testenv.RequireGDAL(t)
	d := jinjiang(t)
	dir := t.TempDir()
	shp := shapefileDir(t, dir, d.writeGeoJSON(t, dir), 2380)
	l := openLayer(t, shp, ogr.Options{})
	w := strings.Join(l.Warnings(), "\n")
	for _, want := range []string{"EPSG:2380 (Xian 1980 / 3-degree Gauss-Kruger CM 105E)", "Ballpark geographic offset from Xian 1980 to WGS 84", "100 m"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q do not mention %q", w, want)
		}
	}
}

// TestOffsetOverride reads a lon/lat file said to be GCJ-02: the coordinates come out
// unchanged, marked GCJ02, for the importers to convert.
func TestOffsetOverride(t *testing.T) {
	testenv.RequireGDAL(t)
	d := jinjiang(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "amap.kml")
	gdal(t, "ogr2ogr", "-f", "KML", p, d.writeGeoJSON(t, dir))
	l := openLayer(t, p, ogr.Options{CRS: crs.Ref{Offset: crs.GCJ02}})
	if l.Output != crs.GCJ02 {
		t.Errorf("output %q, want gcj02", l.Output)
	}
	sameFeatures(t, l, d.wgs84)
}

// TestCancel: a cancelled context stops Open and a stream with EUNAVAILABLE; breaking out
// of Features ends it without an error.
func TestCancel(t *testing.T) {
	testenv.RequireGDAL(t)
	d := jinjiang(t)
	dir := t.TempDir()
	src := d.writeGeoJSON(t, dir)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := ogr.Open(ctx, src, ogr.Options{})
	wantCode(t, err, geo.EUNAVAILABLE, "cancelled")
	l := openLayer(t, src, ogr.Options{})
	for _, err := range l.Features(ctx) {
		wantCode(t, err, geo.EUNAVAILABLE, "cancelled")
	}
	for _, err := range l.Features(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
}

// withPROJ has ogr.CheckExtent ask PROJ what the importers ask it: the stated CRS's reading
// of the extent when projected and known to PROJ, and the candidates' readings of its
// centre; it returns crs.Plausible's verdict on the result.
func withPROJ(tb testing.TB, c crs.ExtentCheck) error {
	tb.Helper()
	testenv.RequireGDAL(tb)
	srs := ""
	if !c.Geographic && c.WGS84.IsZero() && c.Stated.EPSG != 0 && c.Stated.EPSG < 1000000 {
		srs = c.Stated.String()
	}
	_, err := ogr.CheckExtent(tb.Context(), c, srs)
	return err
}

// The points below are central Chengdu, (104.0657, 30.6595) WGS 84 / CGCS2000, projected
// by gdaltransform (PROJ): EPSG:4544 (410452.97, 3393596.59), EPSG:4523 (35410452.97,
// 3393596.59), EPSG:3857 (11584540.73, 3588607.24).
var (
	chengduDeg  = box(104.0, 30.6, 104.13, 30.72)
	chengdu4544 = box(405000, 3388000, 416000, 3399000)
	chengdu4523 = box(35405000, 3388000, 35416000, 3399000)
	chengdu3857 = box(11580000, 3584000, 11589000, 3593000)
	near        = &orb.Point{104.07, 30.66}
)

func box(x0, y0, x1, y1 float64) orb.Bound {
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

func TestPlausibleAccepts(t *testing.T) {
	cases := []struct {
		name string
		c    crs.ExtentCheck
	}{
		{"WGS 84 degrees", crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengduDeg}},
		{"GCJ-02 degrees", crs.ExtentCheck{Stated: crs.Ref{Offset: crs.GCJ02}, Geographic: true, Extent: chengduDeg}},
		{"Gauss-Kruger metres", crs.ExtentCheck{Stated: crs.EPSG(4544), Extent: chengdu4544}},
		{"zone-numbered metres", crs.ExtentCheck{Stated: crs.EPSG(4523), Extent: chengdu4523}},
		{"Web Mercator", crs.ExtentCheck{Stated: crs.EPSG(3857), Extent: chengdu3857}},
		{"one stray record at (0, 0)", crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: box(0, 0, 104.1, 30.7)}},
		{"unknown projection, PROJ's reading in China", crs.ExtentCheck{Stated: crs.EPSG(2000000), Extent: chengdu4544, WGS84: chengduDeg}},
		{"unknown projection, no reading", crs.ExtentCheck{Stated: crs.EPSG(2000000), Extent: chengdu4544}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := withPROJ(t, tc.c); err != nil {
				t.Errorf("CheckExtent: %v", err)
			}
		})
	}
}

func TestPlausibleRejects(t *testing.T) {
	cases := []struct {
		name     string
		c        crs.ExtentCheck
		mentions []string
	}{
		{"metres given as degrees, zone known from the district",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengdu4544, Near: near},
			[]string{"cannot be in EPSG:4326", "(410500.0, 3393500.0) — not degrees", "read as EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E)", "(104.06", "30.65", "give --crs EPSG:4544", "EPSG:32648"}},
		{"metres given as degrees, zone unknown",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengdu4544},
			[]string{"not degrees", "transverse Mercator", "90 km west", "30.66°N", "EPSG:4544 for 105°E"}},
		{"zone-numbered metres given as degrees",
			crs.ExtentCheck{Stated: crs.Ref{Offset: crs.GCJ02}, Geographic: true, Extent: chengdu4523},
			[]string{"cannot be in gcj02", "3° zone number 35", "give --crs EPSG:4523"}},
		{"Web Mercator given as degrees",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengdu3857},
			[]string{"not degrees", "give --crs EPSG:3857", "(104.06"}},
		{"degrees given with a projected CRS",
			crs.ExtentCheck{Stated: crs.EPSG(4544), Extent: chengduDeg},
			[]string{"cannot be in EPSG:4544", "look like degrees, not metres", "read as EPSG:4326 (WGS 84) (or gcj02 / bd09", "(104.06500, 30.66000)", "give --crs EPSG:4326"}},
		{"latitude and longitude swapped",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: box(30.6, 104.0, 30.72, 104.13)},
			[]string{"not degrees", "(latitude, longitude) order", "(104.06500, 30.66000)"}},
		{"a projection that puts Chengdu in Europe",
			crs.ExtentCheck{Stated: crs.EPSG(32633), Extent: chengdu4544, Near: near},
			[]string{"EPSG:32633 (WGS 84 / UTM zone 33N)", "(14.0", "outside China", "give --crs EPSG:4544"}},
		{"PROJ's reading outside China",
			crs.ExtentCheck{Stated: crs.EPSG(2000000), Name: "Local grid", Extent: chengdu4544, WGS84: box(-3, 50, -2.9, 50.1)},
			[]string{"cannot be in Local grid", "(-2.95000, 50.05000) — outside China"}},
		{"degrees outside China",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: box(13.3, 52.4, 13.5, 52.6)},
			[]string{"outside China", "no coordinate system this program knows puts them in China"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantCode(t, withPROJ(t, tc.c), geo.EINVALID, tc.mentions...)
		})
	}
}

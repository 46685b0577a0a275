package ogr_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/ogr"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// fixture is one file made from the district by GDAL, and what reading it must say.
type fixture struct {
	name     string
	make     func(tb testing.TB, dir, src string) string // returns the path to open
	epsg     int                                         // the source CRS GDAL must find
	encoding string                                      // in Layer.Encoding ("" for non-Shapefiles)
	warning  string                                      // in Layer.Warnings
}

// gkZone returns the CGCS2000 3° Gauss-Krüger zone of the district, checking with
// projinfo that the zone's area of use holds the district's centre.
func gkZone(tb testing.TB, d district) int {
	tb.Helper()
	c := d.wgs84.Bound().Center()
	code, ok := crs.GaussKruger3(c[0])
	if !ok {
		tb.Fatalf("no 3° zone for %v", c)
	}
	wkt := gdal(tb, "projinfo", fmt.Sprintf("EPSG:%d", code), "-o", "WKT2:2019", "-q")
	m := regexp.MustCompile(`BBOX\[([-0-9.]+),([-0-9.]+),([-0-9.]+),([-0-9.]+)\]`).FindStringSubmatch(wkt)
	if m == nil {
		tb.Fatalf("projinfo gave no BBOX for EPSG:%d:\n%s", code, wkt)
	}
	west, _ := strconv.ParseFloat(m[2], 64)
	east, _ := strconv.ParseFloat(m[4], 64)
	if c[0] < west || c[0] > east || !strings.Contains(wkt, "CGCS2000 / 3-degree Gauss-Kruger CM 105E") {
		tb.Fatalf("EPSG:%d (%s–%s°E) does not hold the district's centre %v", code, m[2], m[4], c)
	}
	return code
}

func shapefile(tb testing.TB, dir, src string, zone int, cpg bool) string {
	shp := filepath.Join(dir, "shp", "jinjiang.shp")
	os.MkdirAll(filepath.Dir(shp), 0o755)
	gdal(tb, "ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", fmt.Sprintf("EPSG:%d", zone), "-lco", "ENCODING=GBK", shp, src)
	base := strings.TrimSuffix(shp, ".shp")
	dbf, err := os.ReadFile(base + ".dbf")
	if err != nil {
		tb.Fatal(err)
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("锦江区")
	if !bytes.Contains(dbf, []byte(gbk)) {
		tb.Fatal("the .dbf GDAL wrote does not hold 锦江区 in GBK")
	}
	files := []string{shp, base + ".shx", base + ".dbf", base + ".prj"}
	if cpg {
		files = append(files, base+".cpg")
	}
	zipPath := filepath.Join(dir, "jinjiang-shp.zip")
	zipFiles(tb, zipPath, files...)
	return zipPath
}

func fixtures(zone int) []fixture {
	return []fixture{
		{name: "zipped Shapefile, GBK .dbf with .cpg, CGCS2000 Gauss-Krüger", epsg: zone, encoding: "GBK (from jinjiang.cpg)",
			make: func(tb testing.TB, dir, src string) string { return shapefile(tb, dir, src, zone, true) }},
		{name: "zipped Shapefile, GBK .dbf without .cpg", epsg: zone, encoding: "gb18030 (detected)", warning: "states no encoding",
			make: func(tb testing.TB, dir, src string) string { return shapefile(tb, dir, src, zone, false) }},
		{name: "GeoPackage in CGCS2000 lon/lat", epsg: 4490, make: func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "jinjiang.gpkg")
			gdal(tb, "ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4490", "-nln", "jinjiang", p, src)
			return p
		}},
		{name: "KML", epsg: 4326, make: func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "jinjiang.kml")
			gdal(tb, "ogr2ogr", "-f", "KML", p, src)
			return p
		}},
		{name: "KMZ", epsg: 4326, make: func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "jinjiang.kmz")
			gdal(tb, "ogr2ogr", "-f", "LIBKML", p, src)
			return p
		}},
		{name: "FileGDB folder in Gauss-Krüger", epsg: zone, make: func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "jinjiang.gdb")
			gdal(tb, "ogr2ogr", "-f", "OpenFileGDB", "-t_srs", fmt.Sprintf("EPSG:%d", zone), "-nln", "jinjiang", p, src)
			return p
		}},
		{name: "zipped FileGDB", epsg: zone, make: func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "gdb", "jinjiang.gdb")
			os.MkdirAll(filepath.Dir(p), 0o755)
			gdal(tb, "ogr2ogr", "-f", "OpenFileGDB", "-t_srs", fmt.Sprintf("EPSG:%d", zone), "-nln", "jinjiang", p, src)
			z := filepath.Join(dir, "jinjiang.gdb.zip")
			zipFiles(tb, z, p)
			return z
		}},
		{name: "GeoJSON with the old crs member, UTM 48N", epsg: 32648, make: func(tb testing.TB, dir, src string) string {
			p := filepath.Join(dir, "jinjiang-utm.geojson")
			gdal(tb, "ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO", "-t_srs", "EPSG:32648", p, src)
			if b, _ := os.ReadFile(p); !bytes.Contains(b, []byte("urn:ogc:def:crs:EPSG::32648")) {
				tb.Fatal("GDAL wrote no crs member")
			}
			return p
		}},
	}
}

// TestFormatsReadBack makes each format from the real district with GDAL and checks that
// it reads back to the same polygon: area within 0.1 % and every vertex within 1 m of the
// WGS 84 original, with the Chinese name intact.
func TestFormatsReadBack(t *testing.T) {
	testenv.RequireGDAL(t)
	d := jinjiang(t)
	zone := gkZone(t, d)
	for _, fx := range fixtures(zone) {
		t.Run(fx.name, func(t *testing.T) {
			dir := t.TempDir()
			path := fx.make(t, dir, d.writeGeoJSON(t, dir))
			l := openLayer(t, path, ogr.Options{})
			if l.SourceCRS.EPSG != fx.epsg || l.Count != 1 || l.Output != crs.WGS84 {
				t.Errorf("layer %s: source EPSG:%d, %d features, output %s; want EPSG:%d, 1, wgs84", l, l.SourceCRS.EPSG, l.Count, l.Output, fx.epsg)
			}
			if !strings.Contains(l.Encoding, fx.encoding) {
				t.Errorf("encoding %q, want %q", l.Encoding, fx.encoding)
			}
			if fx.warning != "" && !strings.Contains(strings.Join(l.Warnings(), "\n"), fx.warning) {
				t.Errorf("warnings %q do not mention %q", l.Warnings(), fx.warning)
			}
			n := 0
			for f, err := range l.Features(t.Context()) {
				if err != nil {
					t.Fatal(err)
				}
				n++
				if f.Num != 1 || f.Properties["名称"] != d.name || fmt.Sprint(f.Properties["编号"]) != d.code {
					t.Errorf("feature %d (FID %d): properties %v", f.Num, f.FID, f.Properties)
				}
				sameShape(t, d.wgs84, f.Geometry)
			}
			if n != 1 {
				t.Errorf("%d features streamed, want 1", n)
			}
		})
	}
}

// openLayer opens path with opts, failing the test on an error; the layer is closed when
// the test ends.
func openLayer(tb testing.TB, path string, opts ogr.Options) *ogr.Layer {
	tb.Helper()
	l, err := ogr.Open(tb.Context(), path, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

// sameFeatures checks that every feature l streams has the shape of want (sameShape).
func sameFeatures(tb testing.TB, l *ogr.Layer, want orb.MultiPolygon) {
	tb.Helper()
	for f, err := range l.Features(tb.Context()) {
		if err != nil {
			tb.Fatal(err)
		}
		sameShape(tb, want, f.Geometry)
	}
}

// sameShape checks got against the WGS 84 original: same number of vertices, each within
// 1 m of an original vertex, and the geodesic area within 0.1 %.
func sameShape(tb testing.TB, want orb.MultiPolygon, got orb.Geometry) {
	tb.Helper()
	var mp orb.MultiPolygon
	switch g := got.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	default:
		tb.Fatalf("geometry %T, want a polygon", got)
	}
	wantPts, gotPts := vertices(want), vertices(mp)
	if len(gotPts) != len(wantPts) {
		tb.Errorf("%d vertices, want %d", len(gotPts), len(wantPts))
	}
	worst := 0.0
	for _, p := range gotPts {
		best := math.Inf(1)
		for _, q := range wantPts {
			best = math.Min(best, geo.Distance(p, q))
		}
		worst = math.Max(worst, best)
	}
	if worst > 1 {
		tb.Errorf("a vertex is %.2f m from every original vertex (want ≤ 1 m)", worst)
	}
	a, b := area(want), area(mp)
	if rel := math.Abs(b-a) / a; rel > 0.001 {
		tb.Errorf("area %.0f m², original %.0f m² (%.3f %% off, want ≤ 0.1 %%)", b, a, 100*rel)
	}
}

func vertices(mp orb.MultiPolygon) []orb.Point {
	var out []orb.Point
	for _, poly := range mp {
		for _, ring := range poly {
			out = append(out, ring[:len(ring)-1]...)
		}
	}
	return out
}

func area(mp orb.MultiPolygon) float64 {
	a := 0.0
	for _, poly := range mp {
		a += math.Abs(geo.Area(poly))
	}
	return a
}

// TestGeoJSONFeedsTheImporters reads the zipped GBK Shapefile through Layer.GeoJSON into
// the importers' GeoJSON record path: one community, its Chinese name and code intact.
func TestGeoJSONFeedsTheImporters(t *testing.T) {
	testenv.RequireGDAL(t)
	d := jinjiang(t)
	dir := t.TempDir()
	path := shapefile(t, dir, d.writeGeoJSON(t, dir), gkZone(t, d), true)
	l := openLayer(t, path, ogr.Options{})
	r := l.GeoJSON(t.Context())
	defer r.Close()
	res, err := importers.Read(t.Context(), importers.KindCommunities, "jinjiang.geojson", r, importers.Options{CRS: crs.Ref{Offset: l.Output}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rej := range res.Rejects {
		t.Errorf("reject: %s", rej)
	}
	if len(res.Communities) != 1 {
		t.Fatalf("%d communities", len(res.Communities))
	}
	c := res.Communities[0]
	if c.Name != d.name || c.Code != d.code {
		t.Errorf("community %q %q, want %q %q", c.Code, c.Name, d.code, d.name)
	}
	sameShape(t, d.wgs84, c.Boundary)
	if fid, ok := l.FID(1); !ok || fid != 0 {
		t.Errorf("FID(1) = %d, %v; want 0 (a Shapefile's first record)", fid, ok)
	}
}

package importers_test

import (
	"archive/zip"
	"bytes"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
)

// gisCommunities is two communities in WGS 84, the second without its code.
const gisCommunities = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"510104001001","name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[104.08,30.65],[104.09,30.65],[104.09,30.66],[104.08,30.66],[104.08,30.65]]]}},
{"type":"Feature","properties":{"code":"","name":"乙"},"geometry":{"type":"Polygon","coordinates":[[[104.10,30.65],[104.11,30.65],[104.11,30.66],[104.10,30.66],[104.10,30.65]]]}}]}`

// TestGISFileRejectsNameTheFeature reads a Shapefile made by ogr2ogr, from its path and as
// an uploaded zip: the bad feature's reject reads "x.shp feature 2" (or the zip's name),
// the good one is read, and the CRS read in is the .prj's.
func TestGISFileRejectsNameTheFeature(t *testing.T) {
	testenv.RequireGDAL(t) // skips outside CI when GDAL is missing, fails under CI=true
	dir := t.TempDir()
	src := filepath.Join(dir, "src.geojson")
	os.WriteFile(src, []byte(gisCommunities), 0o644)
	shp := filepath.Join(dir, "shp", "x.shp")
	os.MkdirAll(filepath.Dir(shp), 0o755)
	if out, err := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4544", "-lco", "ENCODING=UTF-8", shp, src).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	entries, _ := os.ReadDir(filepath.Dir(shp))
	for _, e := range entries {
		w, _ := zw.Create(e.Name())
		b, _ := os.ReadFile(filepath.Join(filepath.Dir(shp), e.Name()))
		w.Write(b)
	}
	zw.Close()
	tests := []struct {
		name string
		read func() (*importers.Result, error)
		want string
	}{
		{"Shapefile path", func() (*importers.Result, error) {
			return importers.ReadFile(t.Context(), importers.KindCommunities, shp, importers.Options{})
		}, "x.shp feature 2: "},
		{"zip upload", func() (*importers.Result, error) {
			return importers.Read(t.Context(), importers.KindCommunities, "x.zip", bytes.NewReader(zbuf.Bytes()), importers.Options{})
		}, "x.zip feature 2: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.read()
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Communities) != 1 || res.Communities[0].Name != "甲" || res.CRS != "EPSG:4544" {
				t.Errorf("communities %+v, CRS %q; want 甲 read in EPSG:4544", res.Communities, res.CRS)
			}
			if len(res.Rejects) != 1 || !strings.HasPrefix(res.Rejects[0].String(), tc.want) {
				t.Errorf("rejects %v, want one starting %q", res.Rejects, tc.want)
			}
		})
	}
}

// TestPOIExportRejects reads an Amap CSV export with a bad location and a repeated id:
// both are rejects naming the record and field, the good POI is an outlet.
func TestPOIExportRejects(t *testing.T) {
	csv := "id,name,type,typecode,address,location,pname,cityname,adname\n" +
		"B1,超市甲,购物服务;超级市场;超市,060400,,\"104.08,30.65\",,,\n" +
		"B2,超市乙,购物服务;超级市场;超市,060400,,\"104.08;30.65\",,,\n" +
		"B1,超市丙,购物服务;超级市场;超市,060400,,\"104.09,30.66\",,,\n"
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	res, err := importers.Read(t.Context(), importers.KindOutlets, "amap.csv", strings.NewReader(csv), importers.Options{Categories: cats})
	if err != nil {
		t.Fatal(err)
	}
	if res.POIService != importers.POIAmap || len(res.Outlets) != 1 || res.Outlets[0].Category != "supermarket" {
		t.Errorf("service %q, outlets %+v; want amap, one supermarket", res.POIService, res.Outlets)
	}
	want := []string{`amap.csv record 2: field "location"`, `amap.csv record 3: field "id" = "B1": the same id as record 1`}
	if len(res.Rejects) != len(want) {
		t.Fatalf("rejects %v, want %d", res.Rejects, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(res.Rejects[i].String(), w) {
			t.Errorf("reject %d = %q, want it to start %q", i, res.Rejects[i].String(), w)
		}
	}
}

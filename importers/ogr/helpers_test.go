package ogr_test

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers/internal/importtest"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// district is a real district boundary in WGS 84, with the attributes the fixtures carry.
type district struct {
	name, code string
	wgs84      orb.MultiPolygon
}

// jinjiang reads 锦江区 (Jinjiang, Chengdu) from the GCJ-02 district file and converts its
// vertices to WGS 84 with geo/crs.
func jinjiang(tb testing.TB) district {
	tb.Helper()
	fc := importtest.Load(tb, filepath.Join(testenv.SharedData(tb), "admin", "chengdu-districts-gcj02.json"), geojson.UnmarshalFeatureCollection)
	for _, f := range fc.Features {
		if f.Properties["name"] != "锦江区" {
			continue
		}
		mp, ok := f.Geometry.(orb.MultiPolygon)
		if !ok {
			tb.Fatalf("锦江区 is a %s", f.Geometry.GeoJSONType())
		}
		out := make(orb.MultiPolygon, len(mp))
		for i, poly := range mp {
			out[i] = make(orb.Polygon, len(poly))
			for j, ring := range poly {
				out[i][j] = make(orb.Ring, len(ring))
				for k, p := range ring {
					out[i][j][k] = crs.GCJ02ToWGS84(p)
				}
			}
		}
		return district{name: "锦江区", code: "510104001001", wgs84: out}
	}
	tb.Fatal("锦江区 not in the district file")
	return district{}
}

// writeGeoJSON writes the district as a WGS 84 GeoJSON file with Chinese field names and
// returns its path.
func (d district) writeGeoJSON(tb testing.TB, dir string) string {
	tb.Helper()
	f := geojson.NewFeature(d.wgs84)
	f.Properties = geojson.Properties{"编号": d.code, "名称": d.name}
	fc := geojson.NewFeatureCollection().Append(f)
	b, err := json.Marshal(fc)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "jinjiang-wgs84.geojson")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// gdal runs a GDAL tool, failing the test with its output.
func gdal(tb testing.TB, tool string, args ...string) string {
	tb.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// zipFiles writes the files (or folders, recursively) into a zip at dst, under their base
// names.
func zipFiles(tb testing.TB, dst string, paths ...string) {
	tb.Helper()
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, p := range paths {
		root := filepath.Dir(p)
		err := filepath.Walk(p, func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			w, err := zw.Create(filepath.ToSlash(rel))
			if err != nil {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// wantCode fails unless err is a *geo.Error of the code whose message has every want.
func wantCode(tb testing.TB, err error, code geo.ErrorCode, want ...string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, want %s mentioning %q", code, want)
	}
	if got := geo.ErrorCodeOf(err); got != code {
		tb.Errorf("error code %q, want %q: %v", got, code, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			tb.Errorf("error %q\ndoes not mention %q", err, w)
		}
	}
}

package ogr

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

// The fuzz targets of what this package parses itself, in memory: ogrinfo's summary, the
// GeoJSON text sequence ogr2ogr writes, a GeoJSON's legacy "crs" member, a CRS's WKT, and a
// zip's directory and entries (checked and inflated under the declared size, as unzip
// does, into io.Discard rather than a folder). GDAL's own parsing runs in a child process.

func FuzzParseOgrinfo(f *testing.F) {
	f.Add("INFO: Open of `x.shp'\n      using driver `ESRI Shapefile' successful.\n\nLayer name: 社区\nGeometry: Polygon\nFeature Count: 2\n" +
		"Extent: (117.280000, 31.860000) - (117.290000, 31.870000)\nLayer SRS WKT:\nGEOGCRS[\"WGS 84\",\n    ID[\"EPSG\",4326]]\ncode: String (20.0)\nname: String (80.0)\n")
	f.Add("Layer name: a\nExtent: (1e308, -1e308) - (NaN, Inf)\nFeature Count: -5\nLayer SRS WKT:\nPROJCRS[\"x\",[[[[\n")
	f.Add("Layer name: \nLayer name: b\nGeometry: None\nFeature Count: 99999999999999999999\n")
	f.Fuzz(func(t *testing.T, out string) {
		info := parseOgrinfo(out)
		for _, l := range info.Layers {
			if l.HasExtent && (math.IsNaN(l.Extent.Min[0]) || math.IsNaN(l.Extent.Max[1])) {
				t.Fatalf("layer %q: a NaN extent %v taken as one", l.Name, l.Extent)
			}
			ParseWKT(l.WKT).Describe()
		}
	})
}

func FuzzDecodeSeq(f *testing.F) {
	f.Add([]byte("\x1e{\"type\":\"Feature\",\"id\":1,\"properties\":{\"code\":\"340103001001\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[117.28,31.86]}}\n"))
	f.Add([]byte(`{"type":"Feature","properties":null,"geometry":null}{"type":"Feature","id":"x"}`))
	f.Add([]byte("{\"type\":\"Feature\",\"properties\":{\"a\":1e999}}\n\x1e\x1e{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l := &Layer{File: "fuzz.shp"}
		n, err := decodeSeq(bytes.NewReader(data), func(num int, raw *rawFeature) error {
			if _, err := l.decode(num, raw); err != nil {
				return err
			}
			fid(raw.ID)
			return nil
		})
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code != geo.EINVALID {
				t.Fatalf("after %d features: %v is not an EINVALID *geo.Error", n, err)
			}
		}
	})
}

func FuzzLegacyCRS(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[]}`))
	f.Add([]byte(`{"crs":{"type":"EPSG","properties":{"code":4326}}}`))
	f.Add([]byte(`{"crs":5}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if name, ok := LegacyCRS(data); !ok && name != "" {
			t.Fatalf("LegacyCRS = %q, false", name)
		}
	})
}

// FuzzZip checks a zip as unzip does — the directory (sizes, entry count, names), then
// every entry inflated at most one byte past its declared size — into io.Discard.
func FuzzZip(f *testing.F) {
	for _, seed := range fuzzZipSeeds(f) {
		f.Add(seed)
	}
	const limit = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if err := checkZip("fuzz.zip", zr.File, limit); err != nil {
			return
		}
		var total uint64
		for _, zf := range zr.File {
			rel, err := safeName(zf.Name)
			if err != nil || rel == ".." || strings.HasPrefix(rel, "../") || strings.HasPrefix(rel, "/") {
				t.Fatalf("checkZip let %q (%q) through", zf.Name, rel)
			}
			rc, err := zf.Open()
			if err != nil {
				continue
			}
			n, _ := io.Copy(io.Discard, io.LimitReader(rc, int64(zf.UncompressedSize64)+1))
			rc.Close()
			total += uint64(n)
			if total > limit+uint64(len(zr.File)) {
				t.Fatalf("inflated %d bytes past the %d checked", total, limit)
			}
		}
	})
}

func fuzzZipSeeds(tb testing.TB) [][]byte {
	zipOf := func(names ...string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
			if err != nil {
				tb.Fatal(err)
			}
			w.Write([]byte("shape " + n))
		}
		zw.Close()
		return buf.Bytes()
	}
	return [][]byte{zipOf("社区.shp", "社区.shx", "社区.dbf"), zipOf("../evil.shp"), zipOf("a/", "a/b.gdb/", "a/b.gdb/x"), zipOf(`C:\x.shp`)}
}

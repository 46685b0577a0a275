package ogr_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/ogr"
	"github.com/lifecircle/lifecircle/internal/testenv"
)

// benchFeatures writes n square communities (5 vertices, Chinese attributes) around
// Chengdu as a GeoJSON Sequence, a GeoJSON FeatureCollection and a CSV with a WKT column,
// and returns the three paths.
func benchFeatures(b *testing.B, dir string, n int) (seq, fc, csv string) {
	b.Helper()
	seq, fc, csv = filepath.Join(dir, "c.geojsons"), filepath.Join(dir, "c.geojson"), filepath.Join(dir, "c.csv")
	var ws, wf, wc bytes.Buffer
	wf.WriteString(`{"type":"FeatureCollection","features":[`)
	wc.WriteString("编号,名称,wkt\n")
	for i := range n {
		x, y, d := 103.9+float64(i%400)*0.0006, 30.5+float64(i/400)*0.0006, 0.0005
		f := fmt.Sprintf(`{"type":"Feature","properties":{"编号":"5101040%05d","名称":"社区%d"},"geometry":{"type":"Polygon","coordinates":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}}`,
			i, i, x, y, x+d, y, x+d, y+d, x, y+d, x, y)
		ws.WriteString(f + "\n")
		if i > 0 {
			wf.WriteByte(',')
		}
		wf.WriteString(f)
		fmt.Fprintf(&wc, "5101040%05d,社区%d,\"POLYGON((%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f))\"\n", i, i, x, y, x+d, y, x+d, y+d, x, y+d, x, y)
	}
	wf.WriteString("]}")
	for path, buf := range map[string]*bytes.Buffer{seq: &ws, fc: &wf, csv: &wc} {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return seq, fc, csv
}

// BenchmarkShapefile100k reads 100 000 polygons from a Shapefile (made by ogr2ogr from a
// generated GeoJSONSeq) through ogr.Open and Layer.GeoJSON into importers.Read, and in the
// same run the same features from a GeoJSON file through importers.ReadFile; it reports
// both times and their ratio, and the time of the layer's stream alone (GDAL's part). The CRS case adds PROJ's transformation from CGCS2000
// Gauss-Krüger and a GBK .dbf.
func BenchmarkShapefile100k(b *testing.B) {
	testenv.RequireGDAL(b)
	const n = 100000
	dir := b.TempDir()
	seq, fc, csv := benchFeatures(b, dir, n)
	for _, tc := range []struct{ name, srs, enc string }{{"wgs84", "EPSG:4326", "UTF-8"}, {"gauss-kruger-gbk", "EPSG:4544", "GBK"}} {
		shp := filepath.Join(dir, tc.name, "c.shp")
		os.MkdirAll(filepath.Dir(shp), 0o755)
		gdal(b, "ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", tc.srs, "-lco", "ENCODING="+tc.enc, shp, seq)
		b.Run(tc.name, func(b *testing.B) {
			var shpTime, jsonTime, csvTime, layerTime time.Duration
			for b.Loop() {
				t := time.Now()
				streamLayer(b, shp)
				layerTime += time.Since(t)
				t0 := time.Now()
				readShapefile(b, shp, n)
				t1 := time.Now()
				readCommunities(b, fc, n)
				t2 := time.Now()
				readCommunities(b, csv, n)
				shpTime, jsonTime, csvTime = shpTime+t1.Sub(t0), jsonTime+t2.Sub(t1), csvTime+time.Since(t2)
			}
			b.ReportMetric(shpTime.Seconds()/float64(b.N), "shp-s/op")
			b.ReportMetric(jsonTime.Seconds()/float64(b.N), "geojson-s/op")
			b.ReportMetric(csvTime.Seconds()/float64(b.N), "csv-s/op")
			b.ReportMetric(shpTime.Seconds()/jsonTime.Seconds(), "shp/geojson")
			b.ReportMetric(shpTime.Seconds()/csvTime.Seconds(), "shp/csv")
			b.ReportMetric(layerTime.Seconds()/float64(b.N), "layer-only-s/op")
		})
	}
}

// streamLayer opens the Shapefile and streams its GeoJSON to nowhere: GDAL's part alone.
func streamLayer(b *testing.B, shp string) {
	_, r, done := openStream(b, shp)
	defer done()
	if _, err := io.Copy(io.Discard, r); err != nil {
		b.Fatal(err)
	}
}

func readShapefile(b *testing.B, shp string, n int) {
	l, r, done := openStream(b, shp)
	defer done()
	res, err := importers.Read(b.Context(), importers.KindCommunities, "c.geojson", r, importers.Options{CRS: crs.Ref{Offset: l.Output}})
	if err != nil || len(res.Communities) != n || len(res.Rejects) != 0 {
		b.Fatalf("Shapefile: %v, %d communities, %d rejects", err, len(res.Communities), len(res.Rejects))
	}
}

// openStream opens the Shapefile's layer and its GeoJSON stream; done closes both.
func openStream(b *testing.B, shp string) (l *ogr.Layer, r io.ReadCloser, done func()) {
	l, err := ogr.Open(b.Context(), shp, ogr.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r = l.GeoJSON(b.Context())
	return l, r, func() { r.Close(); l.Close() }
}

// readCommunities reads the GeoJSON or WKT CSV at path through importers.ReadFile.
func readCommunities(b *testing.B, path string, n int) {
	res, err := importers.ReadFile(b.Context(), importers.KindCommunities, path, importers.Options{})
	if err != nil || len(res.Communities) != n || len(res.Rejects) != 0 {
		b.Fatalf("%s: %v, %d communities, %d rejects", filepath.Base(path), err, len(res.Communities), len(res.Rejects))
	}
}

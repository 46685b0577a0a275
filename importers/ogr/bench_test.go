package ogr_test

import (
	"bufio"
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
// Chengdu as a GeoJSON Sequence and as a GeoJSON FeatureCollection, and returns both paths.
func benchFeatures(b *testing.B, dir string, n int) (seq, fc string) {
	b.Helper()
	seq, fc = filepath.Join(dir, "c.geojsons"), filepath.Join(dir, "c.geojson")
	fs, err := os.Create(seq)
	if err != nil {
		b.Fatal(err)
	}
	ff, err := os.Create(fc)
	if err != nil {
		b.Fatal(err)
	}
	ws, wf := bufio.NewWriter(fs), bufio.NewWriter(ff)
	wf.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		x, y, d := 103.9+float64(i%400)*0.0006, 30.5+float64(i/400)*0.0006, 0.0005
		f := fmt.Sprintf(`{"type":"Feature","properties":{"编号":"5101040%05d","名称":"社区%d"},"geometry":{"type":"Polygon","coordinates":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}}`,
			i, i, x, y, x+d, y, x+d, y+d, x, y+d, x, y)
		ws.WriteString(f + "\n")
		if i > 0 {
			wf.WriteByte(',')
		}
		wf.WriteString(f)
	}
	wf.WriteString("]}")
	for _, c := range []func() error{ws.Flush, wf.Flush, fs.Close, ff.Close} {
		if err := c(); err != nil {
			b.Fatal(err)
		}
	}
	return seq, fc
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
	seq, fc := benchFeatures(b, dir, n)
	for _, tc := range []struct{ name, srs, enc string }{{"wgs84", "EPSG:4326", "UTF-8"}, {"gauss-kruger-gbk", "EPSG:4544", "GBK"}} {
		shp := filepath.Join(dir, tc.name, "c.shp")
		os.MkdirAll(filepath.Dir(shp), 0o755)
		gdal(b, "ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", tc.srs, "-lco", "ENCODING="+tc.enc, shp, seq)
		b.Run(tc.name, func(b *testing.B) {
			var shpTime, jsonTime, layerTime time.Duration
			for b.Loop() {
				t := time.Now()
				streamLayer(b, shp)
				layerTime += time.Since(t)
				t0 := time.Now()
				readShapefile(b, shp, n)
				t1 := time.Now()
				res, err := importers.ReadFile(b.Context(), importers.KindCommunities, fc, importers.Options{})
				if err != nil || len(res.Communities) != n {
					b.Fatalf("GeoJSON: %v, %d communities", err, len(res.Communities))
				}
				shpTime, jsonTime = shpTime+t1.Sub(t0), jsonTime+time.Since(t1)
			}
			b.ReportMetric(shpTime.Seconds()/float64(b.N), "shp-s/op")
			b.ReportMetric(jsonTime.Seconds()/float64(b.N), "geojson-s/op")
			b.ReportMetric(shpTime.Seconds()/jsonTime.Seconds(), "shp/geojson")
			b.ReportMetric(layerTime.Seconds()/float64(b.N), "layer-only-s/op")
		})
	}
}

// streamLayer opens the Shapefile and streams its GeoJSON to nowhere: GDAL's part alone.
func streamLayer(b *testing.B, shp string) {
	l, err := ogr.Open(b.Context(), shp, ogr.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	r := l.GeoJSON(b.Context())
	defer r.Close()
	if _, err := io.Copy(io.Discard, r); err != nil {
		b.Fatal(err)
	}
}

func readShapefile(b *testing.B, shp string, n int) {
	l, err := ogr.Open(b.Context(), shp, ogr.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	r := l.GeoJSON(b.Context())
	defer r.Close()
	res, err := importers.Read(b.Context(), importers.KindCommunities, "c.geojson", r, importers.Options{CRS: crs.Ref{Offset: l.Output}})
	if err != nil || len(res.Communities) != n || len(res.Rejects) != 0 {
		b.Fatalf("Shapefile: %v, %d communities, %d rejects", err, len(res.Communities), len(res.Rejects))
	}
}

package osmimport_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
)

func benchmarkRead(b *testing.B, path string, size int64) {
	cats := testCategories(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var res *osmimport.Result
	start := time.Now()
	for b.Loop() {
		var err error
		res, err = osmimport.ReadFile(context.Background(), path, osmimport.Options{Categories: cats})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(res.Edges)), "edges")
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/file")
}

func fileSize(b *testing.B, path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return st.Size()
}

func BenchmarkReadChengduPBF(b *testing.B) {
	path := testenv.SharedData(b, "osm", "chengdu-central.osm.pbf")
	benchmarkRead(b, path, fileSize(b, path))
}

func BenchmarkReadChengduXML(b *testing.B) {
	path := testenv.SharedData(b, "osm", "chengdu-central.osm")
	benchmarkRead(b, path, fileSize(b, path))
}

// BenchmarkReadSyntheticCityXML reads a generated ~60 MB OSM XML city (a 330×330 street
// grid with POIs, apartment buildings and multipolygons). The product target is at most
// 60 s for a 60 MB city extract: see the s/file metric.
func BenchmarkReadSyntheticCityXML(b *testing.B) {
	c := syntheticCity{n: 330, segment: 9, step: 0.0005, poiEvery: 7, buildingEvery: 3, mpEvery: 50}
	path := filepath.Join(b.TempDir(), "city.osm")
	size := c.write(b, path)
	b.Logf("synthetic city: %.1f MB", float64(size)/1e6)
	b.Run("60MB", func(b *testing.B) { benchmarkRead(b, path, size) })
}

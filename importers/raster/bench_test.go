package raster_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/raster"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/uber/h3-go/v4"
)

// BenchmarkAggregate1800 aggregates a 1 800 × 1 800-pixel raster of people per pixel,
// WorldPop's 3 arc-second grid (about 80 × 90 m at Chengdu, 150 × 150 km in all, one pixel
// in nine nodata), onto H3 resolution 10 cells (about 66 m edges).
func BenchmarkAggregate1800(b *testing.B) {
	testenv.RequireGDAL(b)
	n := benchN()
	const d = 1.0 / 1200 // 3 arc-seconds
	want := 0.0
	g := grid{xll: 103.2, yll: 30.0, dx: d, srs: "EPSG:4326", typ: "Float32", nodata: -99999,
		values: values(n, n, func(c, r int) float64 {
			if (r*n+c)%9 == 0 {
				return math.NaN() // written as nodata
			}
			v := math.Round(100*(1+math.Sin(float64(c)/37)*math.Cos(float64(r)/53))) / 10
			want += v
			return v
		})}
	tif := g.write(b, b.TempDir(), "pop")
	grid := gridCSV(b, 103.2, 30.0, float64(n)*d)
	var tifTime, csvTime time.Duration
	for b.Loop() {
		t0 := time.Now()
		res, err := raster.Aggregate(b.Context(), []string{tif}, raster.Options{Resolution: 10})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		cells, rejects, err := importers.ReadPopulation(b.Context(), "grid.csv", grid, "")
		if err != nil || len(rejects) > 0 {
			b.Fatalf("the CSV grid: %v, %d rejects", err, len(rejects))
		}
		tifTime, csvTime = tifTime+t1.Sub(t0), csvTime+time.Since(t1)
		if math.Abs(sum(res.Cells)-want) > 1e-6*want {
			b.Fatalf("cells hold %.1f people, the raster %.1f", sum(res.Cells), want)
		}
		b.ReportMetric(float64(len(res.Cells)), "cells")
		b.ReportMetric(float64(len(cells)), "csv-cells")
		b.ReportMetric(float64(res.Files[0].Split), "split-pixels")
	}
	b.ReportMetric(tifTime.Seconds()/float64(b.N), "tif-s/op")
	b.ReportMetric(csvTime.Seconds()/float64(b.N), "csv-s/op")
	b.ReportMetric(tifTime.Seconds()/csvTime.Seconds(), "tif/csv")
	b.ReportMetric(float64(n*n)*float64(b.N)/tifTime.Seconds(), "pixels/s")
}

// gridCSV is the existing population path's input for the same area: an h3,population CSV
// of every resolution-10 cell in the square of side deg degrees from (lon, lat).
func gridCSV(b *testing.B, lon, lat, deg float64) []byte {
	b.Helper()
	ring := h3.GeoLoop{{Lat: lat, Lng: lon}, {Lat: lat, Lng: lon + deg}, {Lat: lat + deg, Lng: lon + deg}, {Lat: lat + deg, Lng: lon}}
	cells := h3.PolygonToCells(h3.GeoPolygon{GeoLoop: ring}, 10)
	var buf bytes.Buffer
	buf.WriteString("h3,population\n")
	for i, c := range cells {
		fmt.Fprintf(&buf, "%s,%d\n", c, i%37)
	}
	return buf.Bytes()
}

// benchN is the raster's side: 1 800, or LIFECIRCLE_BENCH_RASTER_N for a quick profile.
func benchN() int {
	if v, err := strconv.Atoi(os.Getenv("LIFECIRCLE_BENCH_RASTER_N")); err == nil && v > 0 {
		return v
	}
	return 1800
}

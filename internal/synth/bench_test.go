package synth_test

import (
	"io"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/paulmach/orb"
	h3 "github.com/uber/h3-go/v4"
)

// studyCells returns the H3 resolution-10 cells whose centres lie in the study area (the
// union of the community boundaries, a rectangle) and its area in km².
func studyCells(tb testing.TB, d *synth.District) (int, float64) {
	tb.Helper()
	var b orb.Bound
	for i, c := range d.Communities {
		if i == 0 {
			b = c.Boundary.Bound()
		}
		b = b.Union(c.Boundary.Bound())
	}
	loop := h3.GeoLoop{
		{Lat: b.Min[1], Lng: b.Min[0]}, {Lat: b.Min[1], Lng: b.Max[0]},
		{Lat: b.Max[1], Lng: b.Max[0]}, {Lat: b.Max[1], Lng: b.Min[0]},
	}
	cells := h3.PolygonToCells(h3.GeoPolygon{GeoLoop: loop}, 10)
	w := geo.HaversineM(b.Min, orb.Point{b.Max[0], b.Min[1]})
	h := geo.HaversineM(b.Min, orb.Point{b.Min[0], b.Max[1]})
	return len(cells), w * h / 1e6
}

// TestCellsPerNode checks the sizing target: 1M nodes cover ≈ 900 km², ≈ 60 000 H3
// resolution-10 cells, so n nodes give ≈ 0.06 n cells.
func TestCellsPerNode(t *testing.T) {
	d := generate(t, synth.Config{Seed: 1, Nodes: 100_000})
	cells, km2 := studyCells(t, d)
	want := 0.06 * float64(len(d.Nodes))
	if math.Abs(float64(cells)-want) > 0.15*want {
		t.Errorf("%d nodes over %.0f km² give %d H3 res-10 cells, want ≈ %.0f", len(d.Nodes), km2, cells, want)
	}
	t.Logf("%d nodes, %.1f km², %.0f nodes/km², %d res-10 cells", len(d.Nodes), km2, float64(len(d.Nodes))/km2, cells)
}

func benchmarkGenerate(b *testing.B, nodes int) {
	b.ReportAllocs()
	var d *synth.District
	for i := 0; i < b.N; i++ {
		d = generate(b, synth.Config{Seed: uint64(i), Nodes: nodes})
	}
	b.StopTimer()
	cells, km2 := studyCells(b, d)
	b.ReportMetric(float64(len(d.Nodes)), "nodes")
	b.ReportMetric(float64(len(d.Edges)), "edges")
	b.ReportMetric(km2, "km²")
	b.ReportMetric(float64(cells), "h3cells")
}

func BenchmarkGenerate100k(b *testing.B) { benchmarkGenerate(b, 100_000) }

func BenchmarkGenerate1M(b *testing.B) { benchmarkGenerate(b, 1_000_000) }

func BenchmarkWriteOSMXML100k(b *testing.B) {
	d := generate(b, synth.Config{Seed: 1, Nodes: 100_000})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := synth.WriteOSMXML(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

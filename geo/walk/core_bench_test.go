package walk_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

// BenchmarkCover times Cover for every outlet category and station level of the synthetic
// district of LIFECIRCLE_BENCH_NODES walk nodes (default 100 000), read at one point per
// 50 nodes, after the graph's core decomposition (timed apart: BenchmarkCoreBuild).
func BenchmarkCover(b *testing.B) {
	d := fixture.BenchDistrict(b)
	g, err := walk.Build(d.Nodes, d.Edges, geo.DefaultWalkModel())
	if err != nil {
		b.Fatal(err)
	}
	sets := map[string][]orb.Point{}
	for _, o := range d.Outlets {
		sets[o.Category] = append(sets[o.Category], o.Point)
	}
	for _, s := range d.Stations {
		sets[string(s.Level)] = append(sets[string(s.Level)], s.Point)
	}
	var snapped [][]walk.Snap
	for _, pts := range sets {
		snapped = append(snapped, g.SnapAll(pts))
	}
	var cells []orb.Point
	for i := 0; i < len(d.Nodes); i += 50 {
		cells = append(cells, d.Nodes[i].Point)
	}
	p := g.PreparePoints(g.SnapAll(cells))
	defer g.HoldBuffers()()
	g.Cover(nil, 900, p, func(int, float64, int32) {})
	cpu := startCPU()
	for b.Loop() {
		for _, s := range snapped {
			g.Cover(s, 900, p, func(int, float64, int32) {})
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(len(snapped)), "sets")
}

// BenchmarkCoreBuild times the core decomposition of the synthetic district (the first
// Cover on a graph), with the first Cover's buffers and point refs.
func BenchmarkCoreBuild(b *testing.B) {
	d := fixture.BenchDistrict(b)
	cells := []orb.Point{d.Nodes[0].Point}
	for b.Loop() {
		b.StopTimer()
		g, err := walk.Build(d.Nodes, d.Edges, geo.DefaultWalkModel())
		if err != nil {
			b.Fatal(err)
		}
		p := g.PreparePoints(g.SnapAll(cells))
		b.StartTimer()
		g.Cover(nil, 900, p, func(int, float64, int32) {})
	}
}

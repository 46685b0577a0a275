package engine_test

import (
	"context"
	"testing"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// BenchmarkSearches times the walk searches of a full compute (every category and
// station level, candidates included) on a synthetic district of LIFECIRCLE_BENCH_NODES
// walk nodes (default 100 000).
func BenchmarkSearches(b *testing.B) {
	d := fixture.BenchDistrict(b)
	deg := map[int64]int{}
	for _, ed := range d.Edges {
		deg[ed.Source]++
		deg[ed.Target]++
	}
	two := 0
	for _, k := range deg {
		if k == 2 {
			two++
		}
	}
	data := engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities, Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	e := fixture.Compute(b, data, d.Nodes, d.Edges, engine.Options{IncludeCandidates: true})
	var sets []coverage.FacilitySet
	for _, s := range e.Sets {
		if s.Key != engine.AnyLevel {
			sets = append(sets, s)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := coverage.Compute(context.Background(), e.Graph, e.Cells, e.CellSnaps, sets, e.Options.MaxMinutes*60, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(sets)), "sets")
	b.ReportMetric(float64(two)/float64(len(deg)), "deg2-share")
}

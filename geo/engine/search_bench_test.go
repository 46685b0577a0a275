package engine_test

import (
	"context"
	"testing"
	"time"

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
	// Each iteration runs main's relaxation (every labelled node queued, "plain") and the
	// core searches (walk.Cover: junctions only) in turn, so both meet the same machine
	// load; CPU seconds of each and their ratio are reported (wall time is noisy on a
	// shared machine).
	var cpu [2]time.Duration
	run := func(plain bool) {
		e.Graph.SetPlainSearch(plain)
		defer e.Graph.SetPlainSearch(false)
		t := cpuNow()
		if _, err := coverage.Compute(context.Background(), e.Graph, e.Cells, e.CellSnaps, sets, e.Options.MaxMinutes*60, 0); err != nil {
			b.Fatal(err)
		}
		k := 0
		if plain {
			k = 1
		}
		cpu[k] += cpuNow() - t
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		run(n%2 == 0)
		run(n%2 != 0)
		n++
	}
	b.ReportMetric(cpu[0].Seconds()/float64(n), "cpu-s/core")
	b.ReportMetric(cpu[1].Seconds()/float64(n), "cpu-s/plain")
	b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "plain/core")
	b.ReportMetric(float64(len(sets)), "sets")
	b.ReportMetric(float64(two)/float64(len(deg)), "deg2-share")
}

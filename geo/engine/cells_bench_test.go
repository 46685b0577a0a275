package engine_test

import (
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// BenchmarkCellsAndAggregates times Compute's in-memory phases "cells and population"
// (cells laid, population spread) and "aggregates" (units indexed, every set summarised)
// on the synthetic district of LIFECIRCLE_BENCH_NODES walk nodes, in CPU seconds per
// iteration (wall time is noisy on a shared machine).
func BenchmarkCellsAndAggregates(b *testing.B) {
	d := fixture.BenchDistrict(b)
	data := engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities, Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	e := fixture.Compute(b, data, d.Nodes, d.Edges, engine.Options{IncludeCandidates: true})
	var cells, aggs, cellsWall, aggsWall time.Duration
	b.ResetTimer()
	n := 0
	for b.Loop() {
		w := time.Now()
		t := cpuNow()
		if err := e.LayCells(); err != nil {
			b.Fatal(err)
		}
		t1, w1 := cpuNow(), time.Now()
		e.BuildUnits()
		e.Summarise()
		t2, w2 := cpuNow(), time.Now()
		cells += t1 - t
		aggs += t2 - t1
		cellsWall += w1.Sub(w)
		aggsWall += w2.Sub(w1)
		n++
	}
	b.ReportMetric(cells.Seconds()/float64(n), "cpu-s/cells")
	b.ReportMetric(aggs.Seconds()/float64(n), "cpu-s/aggregates")
	b.ReportMetric(cellsWall.Seconds()/float64(n), "wall-s/cells")
	b.ReportMetric(aggsWall.Seconds()/float64(n), "wall-s/aggregates")
	b.ReportMetric(float64(len(e.Cells)), "cells")
	b.ReportMetric(float64(len(e.Results)), "sets")
}

package assess_test

import (
	"context"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// BenchmarkSupply1M times GET /api/v1/supply's work — 2SFCA of floor area within 15
// minutes over every station, aggregated per community and street — on the 1M-node
// synthetic metro (target ≤ 2 s), and reports its ratio to the plain coverage compute of
// the same stations and cells in the same run (one multi-source search bounded at 15
// minutes, as Compute makes for level=any).
func BenchmarkSupply1M(b *testing.B) { benchmarkSupply(b, 1_000_000) }

// BenchmarkSupply100k is BenchmarkSupply1M on 100 000 nodes.
func BenchmarkSupply100k(b *testing.B) { benchmarkSupply(b, 100_000) }

func benchmarkSupply(b *testing.B, nodes int) {
	e := synthEngine(b, nodes)
	rules := fixture.Standards(b)
	k, ok := e.SetIndex(engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel})
	if !ok {
		b.Fatal("no any-level set")
	}
	const rounds = 3
	start := time.Now()
	for range rounds {
		if _, err := coverage.Compute(context.Background(), e.Graph, e.Cells, e.CellSnaps, e.Sets[k:k+1], 900, e.Options.Workers); err != nil {
			b.Fatal(err)
		}
	}
	base := time.Since(start) / rounds
	q := assess.SupplyQuery{Minutes: 15, Method: supply.Method2SFCA, Resource: assess.ResourceFloorArea}
	var rep assess.SupplyReport
	b.ResetTimer()
	for b.Loop() {
		var err error
		if rep, err = assess.Supply(context.Background(), e, q, rules); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(base.Milliseconds()), "coverage-ms")
	b.ReportMetric(float64(per)/float64(base), "x-coverage")
	b.ReportMetric(float64(len(e.Stations)), "stations")
	b.ReportMetric(float64(len(e.Cells)), "cells")
	b.ReportMetric(rep.Total.PerHouseholds, "m²/100hh")
}

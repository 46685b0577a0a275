package coverage_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// BenchmarkCompute covers a 24 km × 24 km district (about 38 000 cells) on a 100 m street
// lattice (58 000 nodes, 115 000 edges) for 8 facility sets of 40 facilities each, with a
// 15-minute search limit. Cell snapping is done once, outside the timer, as callers do.
func BenchmarkCompute(b *testing.B) {
	const n, step = 301, 100.0
	nodes, edges := gridNetwork(n, n, step)
	g, err := walk.Build(nodes, edges, geo.DefaultWalkModel())
	if err != nil {
		b.Fatal(err)
	}
	side := float64(n-1) * step
	cells, err := coverage.Cells([]orb.MultiPolygon{{{rect(0, 0, side, side)}}}, 10)
	if err != nil {
		b.Fatal(err)
	}
	snaps := g.SnapAll(centres(cells))
	rng := rand.New(rand.NewPCG(5, 6))
	sets := make([]coverage.FacilitySet, 8)
	for k := range sets {
		sets[k] = coverage.FacilitySet{Kind: "category", Key: string(rune('a' + k))}
		for range 40 {
			sets[k].Points = append(sets[k].Points, plane.LonLat(rng.Float64()*side, rng.Float64()*side))
		}
	}
	for b.Loop() {
		if _, err := coverage.Compute(context.Background(), g, cells, snaps, sets, 900, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(cells)), "cells")
}

package coverage_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// BenchmarkCompute covers a 24 km × 24 km district (about 38 000 cells) on a 100 m street
// lattice (58 000 nodes, 115 000 edges) for 8 facility sets of 40 facilities each, with a
// 15-minute search limit. Cell snapping is done once, outside the timer, as callers do.
func BenchmarkCompute(b *testing.B) {
	const n, step = 301, 100.0
	nodes, edges := gridNetwork(n, n, step)
	side := float64(n-1) * step
	g, cells, snaps := buildOn(b, nodes, edges, rect(0, 0, side, side))
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

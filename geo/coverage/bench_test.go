package coverage_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// districtArea returns one square study area of about n cells at resolution 10
// (≈ 15 000 m² each), split into a 4 × 4 grid of communities.
func districtArea(n int) []orb.MultiPolygon {
	side := math.Sqrt(float64(n) * 15047.5)
	step := side / 4
	var areas []orb.MultiPolygon
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			x, y := float64(i)*step, float64(j)*step
			areas = append(areas, orb.MultiPolygon{{rect(x, y, x+step, y+step)}})
		}
	}
	return areas
}

func BenchmarkCells(b *testing.B) {
	areas := districtArea(60000)
	var n int
	for b.Loop() {
		cells, err := coverage.Cells(areas, 10)
		if err != nil {
			b.Fatal(err)
		}
		n = len(cells)
	}
	b.ReportMetric(float64(n), "cells")
}

func BenchmarkSpreadPopulation(b *testing.B) {
	areas := districtArea(60000)
	cells, err := coverage.Cells(areas, 10)
	if err != nil {
		b.Fatal(err)
	}
	units := make([]coverage.Area, len(areas))
	for i, a := range areas {
		units[i] = coverage.Area{Population: 20000, Boundary: a}
	}
	// 3 000 residential blocks of 120 m × 80 m scattered over the district.
	rng := rand.New(rand.NewPCG(1, 2))
	side := math.Sqrt(60000 * 15047.5)
	var residential []orb.MultiPolygon
	for range 3000 {
		x, y := rng.Float64()*side, rng.Float64()*side
		residential = append(residential, orb.MultiPolygon{{rect(x, y, x+120, y+80)}})
	}
	for b.Loop() {
		coverage.SpreadPopulation(cells, units, residential, nil)
	}
}

func BenchmarkSummarise(b *testing.B) {
	cells, err := coverage.Cells(districtArea(60000), 10)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	r := coverage.Result{Seconds: make([]float32, len(cells))}
	for i := range cells {
		cells[i].Population = rng.Float64() * 300
		r.Seconds[i] = float32(rng.Float64() * 1500)
		if i%50 == 0 {
			r.Seconds[i] = float32(math.Inf(1))
		}
	}
	group := func(i int) string { return string(rune('A' + cells[i].Area)) }
	for b.Loop() {
		coverage.Summarise(cells, r, coverage.DefaultThresholdsMin(), group)
	}
}

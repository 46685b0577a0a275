package plan_test

import (
	"math/rand/v2"
	"testing"

	"github.com/lifecircle/lifecircle/geo/plan"
)

// gridProblem is a site-planning shaped problem: side×side demand points on a square grid
// with random weights, one candidate per point covering the points within radius (in grid
// steps) of it.
func gridProblem(tb testing.TB, side, radius int) plan.Problem {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	n := side * side
	p := plan.Problem{Weights: make([]float64, n), Covers: make([][]int32, n)}
	for i := range p.Weights {
		p.Weights[i] = float64(rng.IntN(100))
	}
	for y := range side {
		for x := range side {
			var cv []int32
			for dy := -radius; dy <= radius; dy++ {
				for dx := -radius; dx <= radius; dx++ {
					xx, yy := x+dx, y+dy
					if dx*dx+dy*dy <= radius*radius && xx >= 0 && yy >= 0 && xx < side && yy < side {
						cv = append(cv, int32(yy*side+xx))
					}
				}
			}
			p.Covers[y*side+x] = cv
		}
	}
	return p
}

// BenchmarkGreedyAndSwaps: 60 000 candidates of about 110 points each, k = 10 — the size
// of a 1M-node district at H3 resolution 10.
func BenchmarkGreedyAndSwaps(b *testing.B) {
	p := gridProblem(b, 245, 6)
	b.ResetTimer()
	for b.Loop() {
		s := plan.ImproveBySwaps(p, plan.Greedy(p, 10), 10)
		if len(s.Chosen) != 10 {
			b.Fatalf("%d sites", len(s.Chosen))
		}
	}
}

package plan_test

import (
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo/plan"
)

func TestOddInput(t *testing.T) {
	tests := []struct {
		name        string
		p           plan.Problem
		k           int
		wantChosen  []int
		wantCovered float64
		wantTotal   float64
	}{
		{"empty problem", plan.Problem{}, 3, nil, 0, 0},
		{"k zero", plan.Problem{Weights: []float64{1}, Covers: [][]int32{{0}}}, 0, nil, 0, 1},
		{"negative k", plan.Problem{Weights: []float64{1}, Covers: [][]int32{{0}}}, -2, nil, 0, 1},
		{"stops when everything coverable is covered", plan.Problem{Weights: []float64{2, 3}, Covers: [][]int32{{0, 1}, {0}, {1}}}, 3, []int{0}, 5, 5},
		{"out-of-range and repeated indexes", plan.Problem{Weights: []float64{1, 2}, Covers: [][]int32{{-1, 5, 1, 1, 1}, {0}}}, 1, []int{0}, 2, 3},
		{"negative, NaN and infinite weights count as 0", plan.Problem{Weights: []float64{-4, math.NaN(), math.Inf(1), 1}, Covers: [][]int32{{0, 1, 2}, {3}}}, 2, []int{1}, 1, 1},
		{"already covered points (weight 0) add nothing", plan.Problem{Weights: []float64{0, 0, 5}, Covers: [][]int32{{0, 1}, {1, 2}}}, 2, []int{1}, 5, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := plan.Greedy(tc.p, tc.k)
			s := plan.ImproveBySwaps(tc.p, g, 3)
			for _, sol := range []plan.Solution{g, s} {
				if !slices.Equal(sol.Chosen, tc.wantChosen) && !(len(sol.Chosen) == 0 && len(tc.wantChosen) == 0) {
					t.Errorf("chosen %v, want %v", sol.Chosen, tc.wantChosen)
				}
				if sol.Covered != tc.wantCovered || sol.Total != tc.wantTotal {
					t.Errorf("covered %v of %v, want %v of %v", sol.Covered, sol.Total, tc.wantCovered, tc.wantTotal)
				}
			}
		})
	}
}

func TestImproveBySwapsIgnoresBadChosen(t *testing.T) {
	p := plan.Problem{Weights: []float64{1, 1, 1, 1, 1, 1}, Covers: [][]int32{{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}}}
	s := plan.ImproveBySwaps(p, plan.Solution{Chosen: []int{0, 0, 7, -1, 1}, Swaps: 2}, 0)
	if got := slices.Sorted(slices.Values(s.Chosen)); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("chosen %v, want the optimum [1 2]", got)
	}
	if s.Covered != 6 || s.Swaps != 3 {
		t.Errorf("covered %v after %d swaps in all, want 6 after 2+1", s.Covered, s.Swaps)
	}
}

func TestMaxPassesBoundsTheWork(t *testing.T) {
	// A chain where each pass can fix one site only: with one pass the result must still be
	// at least the greedy one, and with no bound it must reach the optimum.
	p := plan.Problem{Weights: []float64{1, 1, 1, 1, 1, 1, 1, 1, 1},
		Covers: [][]int32{{1, 2, 4, 5, 7}, {0, 1, 2}, {3, 4, 5}, {6, 7, 8}}}
	g := plan.Greedy(p, 3)
	one := plan.ImproveBySwaps(p, g, 1)
	all := plan.ImproveBySwaps(p, g, 0)
	if one.Covered < g.Covered || all.Covered != 9 {
		t.Errorf("greedy %v, one pass %v, unbounded %v (want 9)", g.Covered, one.Covered, all.Covered)
	}
}

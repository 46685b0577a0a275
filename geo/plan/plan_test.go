package plan_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo/plan"
)

// coveredBy returns the weight of the points that at least one of chosen covers, counted
// directly from the problem (positive finite weights only, each point once).
func coveredBy(p plan.Problem, chosen []int) float64 {
	seen := map[int32]bool{}
	var s float64
	for _, j := range chosen {
		for _, i := range p.Covers[j] {
			if i < 0 || int(i) >= len(p.Weights) || seen[i] {
				continue
			}
			seen[i] = true
			if w := p.Weights[i]; w > 0 && !math.IsInf(w, 1) {
				s += w
			}
		}
	}
	return s
}

// bruteForce returns the best weight any min(k, candidates) candidates cover, trying every
// subset of that size.
func bruteForce(p plan.Problem, k int) float64 {
	m := len(p.Covers)
	k = min(k, m)
	best := 0.0
	idx := make([]int, k)
	var rec func(start, depth int)
	rec = func(start, depth int) {
		if depth == k {
			best = max(best, coveredBy(p, idx))
			return
		}
		for j := start; j <= m-(k-depth); j++ {
			idx[depth] = j
			rec(j+1, depth+1)
		}
	}
	rec(0, 0)
	return best
}

// naiveGreedy is the textbook greedy: every round it evaluates every candidate and keeps
// the first one with the largest gain; it stops when nothing adds weight.
func naiveGreedy(p plan.Problem, k int) []int {
	var chosen []int
	for len(chosen) < k {
		base := coveredBy(p, chosen)
		best, bestGain := -1, 0.0
		for j := range p.Covers {
			if slices.Contains(chosen, j) {
				continue
			}
			if g := coveredBy(p, append(slices.Clone(chosen), j)) - base; g > bestGain+1e-9 {
				best, bestGain = j, g
			}
		}
		if best < 0 {
			break
		}
		chosen = append(chosen, best)
	}
	return chosen
}

// randomProblem makes n points with weights 0–10 (some zero, as if already covered) and m
// candidates each covering a random subset of up to maxCover points.
func randomProblem(rng *rand.Rand, n, m, maxCover int) plan.Problem {
	p := plan.Problem{Weights: make([]float64, n), Covers: make([][]int32, m)}
	for i := range p.Weights {
		if rng.IntN(5) > 0 {
			p.Weights[i] = float64(rng.IntN(10) + 1)
		}
	}
	for j := range p.Covers {
		for range rng.IntN(maxCover + 1) {
			p.Covers[j] = append(p.Covers[j], int32(rng.IntN(n)))
		}
	}
	return p
}

// checkSolution verifies the bookkeeping of s against direct counts.
func checkSolution(t *testing.T, p plan.Problem, s plan.Solution) {
	t.Helper()
	if len(s.Gains) != len(s.Chosen) || len(s.Cumulative) != len(s.Chosen) {
		t.Fatalf("lengths: chosen %d, gains %d, cumulative %d", len(s.Chosen), len(s.Gains), len(s.Cumulative))
	}
	for i := range s.Chosen {
		want := coveredBy(p, s.Chosen[:i+1])
		if math.Abs(s.Cumulative[i]-want) > 1e-9 {
			t.Errorf("cumulative[%d] = %v, direct count %v", i, s.Cumulative[i], want)
		}
		if !(s.Gains[i] > 0) {
			t.Errorf("gain[%d] = %v: a chosen site must add weight", i, s.Gains[i])
		}
		if i > 0 && s.Gains[i] > s.Gains[i-1]+1e-9 {
			t.Errorf("gains not in greedy order: %v", s.Gains)
		}
	}
	if got := coveredBy(p, s.Chosen); math.Abs(s.Covered-got) > 1e-9 {
		t.Errorf("covered = %v, direct count %v", s.Covered, got)
	}
	if got := coveredBy(p, allCandidates(p)); s.Total < got-1e-9 {
		t.Errorf("total %v below what all candidates cover (%v)", s.Total, got)
	}
}

func allCandidates(p plan.Problem) []int {
	all := make([]int, len(p.Covers))
	for j := range all {
		all[j] = j
	}
	return all
}

func TestGreedyAndSwapsAgainstBruteForce(t *testing.T) {
	tests := []struct {
		name            string
		n, m, maxCover  int
		k, trials       int
		seed1, seed2    uint64
		wantGreedyEqual bool
	}{
		{"few points, k=1 (greedy is exact)", 10, 8, 5, 1, 200, 1, 2, true},
		{"k=2", 12, 9, 6, 2, 200, 3, 4, false},
		{"k=3 overlapping", 15, 10, 7, 3, 200, 5, 6, false},
		{"k=4 sparse", 20, 12, 4, 4, 100, 7, 8, false},
		{"k larger than candidates", 8, 3, 4, 5, 100, 9, 10, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(tc.seed1, tc.seed2))
			for trial := range tc.trials {
				p := randomProblem(rng, tc.n, tc.m, tc.maxCover)
				opt := bruteForce(p, tc.k)
				g := plan.Greedy(p, tc.k)
				checkSolution(t, p, g)
				if want := naiveGreedy(p, tc.k); !slices.Equal(g.Chosen, want) {
					t.Fatalf("trial %d: lazy greedy chose %v, plain greedy %v", trial, g.Chosen, want)
				}
				if g.Covered < (1-1/math.E)*opt-1e-9 {
					t.Errorf("trial %d: greedy %v < (1-1/e)·OPT %v", trial, g.Covered, opt)
				}
				if tc.wantGreedyEqual && math.Abs(g.Covered-opt) > 1e-9 {
					t.Errorf("trial %d: greedy %v, optimum %v", trial, g.Covered, opt)
				}
				s := plan.ImproveBySwaps(p, g, 0)
				checkSolution(t, p, s)
				if s.Covered < g.Covered-1e-9 || s.Covered > opt+1e-9 {
					t.Errorf("trial %d: swaps %v outside [greedy %v, optimum %v]", trial, s.Covered, g.Covered, opt)
				}
				if len(s.Chosen) > tc.k {
					t.Errorf("trial %d: %d sites chosen, k = %d", trial, len(s.Chosen), tc.k)
				}
			}
		})
	}
}

func TestSwapsFindOptimumWhereGreedyFails(t *testing.T) {
	tests := []struct {
		name string
		p    plan.Problem
		k    int
		opt  []int // the optimal sites, hand-checked
	}{
		{
			// The biggest set {0,1,2,3} is in no optimal pair: {0,1,4} ∪ {2,3,5} covers all six.
			name: "classic: biggest set not in the optimum",
			p:    plan.Problem{Weights: []float64{1, 1, 1, 1, 1, 1}, Covers: [][]int32{{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}}},
			k:    2,
			opt:  []int{1, 2},
		},
		{
			// Three disjoint triples cover all nine points; greedy first takes the straddling
			// five-point set and ends at 8.
			name: "three disjoint sets against a straddling one",
			p: plan.Problem{Weights: []float64{1, 1, 1, 1, 1, 1, 1, 1, 1},
				Covers: [][]int32{{1, 2, 4, 5, 7}, {0, 1, 2}, {3, 4, 5}, {6, 7, 8}}},
			k:   3,
			opt: []int{1, 2, 3},
		},
		{
			// Weighted: the heaviest site holds the two heavy points (4+4); each of the two
			// others holds one of them plus a light point (4+3), and together they hold all 14.
			name: "weighted: heavy points split between the optimal pair",
			p: plan.Problem{Weights: []float64{4, 4, 3, 3},
				Covers: [][]int32{{0, 1}, {0, 2}, {1, 3}}},
			k:   2,
			opt: []int{1, 2},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := bruteForce(tc.p, tc.k)
			if got := coveredBy(tc.p, tc.opt); got != opt {
				t.Fatalf("hand-made optimum covers %v, brute force %v", got, opt)
			}
			g := plan.Greedy(tc.p, tc.k)
			if g.Covered >= opt {
				t.Fatalf("greedy alone reaches the optimum %v; the case does not test swaps", opt)
			}
			s := plan.ImproveBySwaps(tc.p, g, 10)
			checkSolution(t, tc.p, s)
			if s.Covered != opt || s.Swaps == 0 {
				t.Errorf("after %d swaps covered %v (sites %v), optimum %v", s.Swaps, s.Covered, s.Chosen, opt)
			}
			got := slices.Sorted(slices.Values(s.Chosen))
			if !slices.Equal(got, tc.opt) {
				t.Errorf("sites %v, want %v", got, tc.opt)
			}
		})
	}
}

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

package engine

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

// searchSets returns the sets that need a walk search: every set but "any station", whose
// times are the minimum over the five levels' (see anyResult).
func searchSets(sets []coverage.FacilitySet) ([]coverage.FacilitySet, int) {
	out := make([]coverage.FacilitySet, 0, len(sets))
	anyAt := -1
	for i, s := range sets {
		if s.Kind == KindLevel && s.Key == AnyLevel {
			anyAt = i
			continue
		}
		out = append(out, s)
	}
	return out, anyAt
}

// withAnyResult puts the "any station" result at anyAt among the searched results: each
// cell's time is the least over the levels, its nearest station the one that gives it.
// This is exactly what a search from every station would find, without running it.
func (e *Engine) withAnyResult(searched []coverage.Result, anyAt int) []coverage.Result {
	if anyAt < 0 {
		return searched
	}
	// station index of the j-th member of each level's set, in the order facilitySets built them
	members := map[string][]int32{}
	for i, s := range e.reachableStations() {
		members[string(s.Level)] = append(members[string(s.Level)], int32(i))
	}
	n := len(e.Cells)
	r := coverage.Result{Kind: KindLevel, Key: AnyLevel, Seconds: make([]float32, n), Nearest: make([]int32, n)}
	for i := range n {
		r.Seconds[i], r.Nearest[i] = float32(math.Inf(1)), -1
	}
	for _, lr := range searched {
		if lr.Kind != KindLevel || !geo.Level(lr.Key).Valid() {
			continue
		}
		m := members[lr.Key]
		for i, sec := range lr.Seconds {
			switch {
			case math.IsNaN(float64(sec)):
				r.Seconds[i] = sec
			case sec < r.Seconds[i]:
				r.Seconds[i] = sec
				if j := lr.Nearest[i]; j >= 0 && int(j) < len(m) {
					r.Nearest[i] = m[j]
				}
			}
		}
		for _, j := range lr.OffNetwork {
			r.OffNetwork = append(r.OffNetwork, int(m[j]))
		}
	}
	out := make([]coverage.Result, 0, len(searched)+1)
	out = append(out, searched[:anyAt]...)
	out = append(out, r)
	return append(out, searched[anyAt:]...)
}

package plan

import (
	"math"
	"slices"
)

// Problem is a maximal covering problem. Weights holds one weight per demand point
// (residents, or m² of area; negative, NaN and infinite weights count as 0). Covers holds,
// per candidate site, the indexes into Weights of the demand points a site there would
// cover; indexes out of range are ignored and repeated ones count once.
type Problem struct {
	Weights []float64
	Covers  [][]int32
}

// Solution is a set of chosen candidates. Chosen are indexes into Problem.Covers in build
// order; Gains[i] is the weight Chosen[i] adds to the sites before it and Cumulative[i]
// the weight the first i+1 sites cover together. Covered is the weight of the demand
// points at least one chosen site covers, Total the weight of every demand point, and
// Swaps the number of improving swaps ImproveBySwaps made.
type Solution struct {
	Chosen     []int
	Gains      []float64
	Cumulative []float64
	Covered    float64
	Total      float64
	Swaps      int
}

// clean is a Problem with usable weights and sorted, duplicate-free, in-range covers.
type clean struct {
	w      []float64
	covers [][]int32
	full   []float64 // per candidate: the weight of its whole cover
	total  float64
}

// normalise returns p in clean form, copying only the covers that need repair.
func normalise(p Problem) clean {
	c := clean{w: make([]float64, len(p.Weights)), covers: make([][]int32, len(p.Covers)), full: make([]float64, len(p.Covers))}
	for i, x := range p.Weights {
		if x > 0 && !math.IsInf(x, 1) {
			c.w[i] = x
			c.total += x
		}
	}
	n := int32(len(p.Weights))
	for j, cv := range p.Covers {
		if !sortedInRange(cv, n) {
			cv = repair(cv, n)
		}
		c.covers[j] = cv
		c.full[j] = c.weightOf(cv)
	}
	return c
}

// sortedInRange reports whether cv is strictly increasing within [0, n).
func sortedInRange(cv []int32, n int32) bool {
	for i, x := range cv {
		if x < 0 || x >= n || (i > 0 && x <= cv[i-1]) {
			return false
		}
	}
	return true
}

// repair returns the in-range indexes of cv, sorted and without repeats, in a new slice.
func repair(cv []int32, n int32) []int32 {
	out := make([]int32, 0, len(cv))
	for _, x := range cv {
		if x >= 0 && x < n {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// weightOf returns the weight of the points in cv.
func (c *clean) weightOf(cv []int32) float64 {
	var s float64
	for _, i := range cv {
		s += c.w[i]
	}
	return s
}

// gainOver returns the weight of the points of cv that no chosen site covers yet
// (count[i] == 0).
func (c *clean) gainOver(cv []int32, count []int32) float64 {
	var s float64
	for _, i := range cv {
		if count[i] == 0 {
			s += c.w[i]
		}
	}
	return s
}

// add counts candidate j's points as covered once more (delta +1) or once less (−1).
func (c *clean) add(j int, count []int32, delta int32) {
	for _, i := range c.covers[j] {
		count[i] += delta
	}
}

// tolerance is the smallest improvement that counts, so that rounding noise in sums of
// weights never makes a swap look like a gain.
func (c *clean) tolerance() float64 { return 1e-9 * max(c.total, 1) }

package plan

import "sort"

// ImproveBySwaps improves s, a solution of p, by 1-swaps: for each chosen site in turn it
// looks for the unchosen candidate that, put in its place, covers the most weight, and
// makes the swap when that raises the covered weight. Passes over all chosen sites repeat
// until one makes no swap or maxPasses passes are done (maxPasses ≤ 0: until no swap
// helps; every swap strictly raises the covered weight, so this ends). The chosen set is
// then put in greedy order (the site adding most first) and Gains and Cumulative are
// recomputed in that order; sites that add nothing are dropped. Invalid or repeated
// indexes in s.Chosen are ignored. Swaps is s.Swaps plus the swaps made here.
func ImproveBySwaps(p Problem, s Solution, maxPasses int) Solution {
	c := normalise(p)
	chosen := c.validChosen(s.Chosen)
	in := make([]bool, len(c.covers))
	count := make([]int32, len(c.w))
	for _, j := range chosen {
		in[j] = true
		c.add(j, count, 1)
	}
	order := c.byFullWeight()
	swaps := 0
	for pass := 0; maxPasses <= 0 || pass < maxPasses; pass++ {
		improved := false
		for pos := range chosen {
			if c.trySwap(pos, chosen, in, count, order) {
				swaps++
				improved = true
			}
		}
		if !improved {
			break
		}
	}
	out := c.describe(c.greedy(len(chosen), chosen))
	out.Swaps = s.Swaps + swaps
	return out
}

// validChosen returns the in-range indexes of chosen, each once, in their order.
func (c *clean) validChosen(chosen []int) []int {
	seen := make(map[int]bool, len(chosen))
	out := make([]int, 0, len(chosen))
	for _, j := range chosen {
		if j >= 0 && j < len(c.covers) && !seen[j] {
			seen[j] = true
			out = append(out, j)
		}
	}
	return out
}

// byFullWeight returns the candidates that cover any weight, heaviest cover first (ties:
// lower index first).
func (c *clean) byFullWeight() []int {
	var order []int
	for j, f := range c.full {
		if f > 0 {
			order = append(order, j)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return c.full[order[a]] > c.full[order[b]] })
	return order
}

// trySwap replaces chosen[pos] by the unchosen candidate that adds the most weight in its
// place, when that beats what chosen[pos] itself adds; it reports whether it swapped.
// count holds how many chosen sites cover each point and is kept up to date. A candidate
// can add at most its whole cover's weight, so the scan of order (heaviest first) stops
// as soon as no remaining candidate can beat the best found.
func (c *clean) trySwap(pos int, chosen []int, in []bool, count []int32, order []int) bool {
	old := chosen[pos]
	c.add(old, count, -1)
	bestGain := c.gainOver(c.covers[old], count) + c.tolerance()
	best := -1
	for _, j := range order {
		if c.full[j] <= bestGain {
			break
		}
		if in[j] {
			continue
		}
		if g := c.gainOver(c.covers[j], count); g > bestGain {
			best, bestGain = j, g
		}
	}
	if best < 0 {
		c.add(old, count, 1)
		return false
	}
	in[old], in[best] = false, true
	chosen[pos] = best
	c.add(best, count, 1)
	return true
}

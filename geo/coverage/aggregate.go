package coverage

import (
	"sort"
)

// Grouping puts cells into named groups for an Aggregator: Of[i] is the index in Names of
// cell i's group, -1 for a cell in none.
type Grouping struct {
	Names []string
	Of    []int32
}

// Aggregator summarises results over several groupings of the same cells in one pass over
// the cells per result, reusing its buffers from one result to the next. Its summaries
// equal Summarise's for each grouping (the same sums in the same order, the same sorted
// times). Not safe for concurrent use: use one per goroutine.
type Aggregator struct {
	thresholdsMin []float64
	groupings     []Grouping
	order         [][]int32    // per grouping: group indexes sorted by name
	accs          [][]groupAcc // per grouping, per group
	scratch       sortScratch
}

// NewAggregator makes an Aggregator for thresholdsMin (minutes) and the groupings.
func NewAggregator(thresholdsMin []float64, groupings ...Grouping) *Aggregator {
	a := &Aggregator{thresholdsMin: thresholdsMin, groupings: groupings}
	for _, g := range groupings {
		order := make([]int32, len(g.Names))
		for i := range order {
			order[i] = int32(i)
		}
		sort.SliceStable(order, func(i, j int) bool { return g.Names[order[i]] < g.Names[order[j]] })
		a.order = append(a.order, order)
		a.accs = append(a.accs, make([]groupAcc, len(g.Names)))
	}
	return a
}

// Summarise returns, per grouping, the summaries of r over its groups that hold cells,
// sorted by name: what Summarise(cells, r, thresholdsMin, group) returns for a group
// function giving each cell its group's name, without the cells of no group.
func (a *Aggregator) Summarise(cells []Cell, r Result) [][]Summary {
	for k, g := range a.groupings {
		for j := range a.accs[k] {
			acc := &a.accs[k][j]
			acc.times, acc.keys = acc.times[:0], acc.keys[:0]
			acc.s = newGroupAcc(g.Names[j], a.thresholdsMin).s
		}
	}
	for i, c := range cells {
		t := timeAt(r, i)
		for k, g := range a.groupings {
			if j := g.Of[i]; j >= 0 {
				a.accs[k][j].add(c, t, a.thresholdsMin)
			}
		}
	}
	out := make([][]Summary, len(a.groupings))
	for k := range a.groupings {
		for _, j := range a.order[k] {
			if acc := &a.accs[k][j]; acc.s.Cells > 0 {
				out[k] = append(out[k], acc.finish(&a.scratch))
			}
		}
	}
	return out
}

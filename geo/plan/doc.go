// Package plan solves the maximal covering location problem behind site planning: given
// demand points with weights (residents not yet served) and candidate sites that each
// cover a set of those points (the ones a new facility there would reach in time), choose
// k sites covering the most weight.
//
// Greedy picks sites one by one by largest marginal gain, evaluated lazily (CELF: a
// priority queue of stale upper bounds; submodularity makes a gain only shrink), which
// guarantees at least (1 − 1/e) of the optimum. ImproveBySwaps then replaces chosen sites by
// unchosen ones while that raises the covered weight (a 1-swap local search), which
// repairs the classic cases where greedy's first, biggest pick is not in the optimum.
//
// Existing facilities are respected by the caller: the points they already serve get
// weight 0. The package is pure: it knows nothing of maps, walking or units (weights are
// whatever the caller counts, usually residents), and imports the standard library only.
package plan

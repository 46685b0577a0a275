package walk

import "slices"

// EachReached calls fn, in ascending target index, for every target of ts that f reaches
// within its bound, with the walking time in seconds exactly as At gives it for the
// target's snap (access legs of source and target included, directly along a shared
// edge). It looks only at the targets filed under the nodes the search reached and those on
// the sources' own edges, so reading one bounded search at many points costs what the
// search reached, not the number of targets. ts must be prepared (PrepareTargets) on f's
// graph; off-network targets are never reached. Nothing is called once f is released.
func (f *Field) EachReached(ts *Targets, fn func(target int, seconds float64)) {
	if f.buf == nil || ts == nil {
		return
	}
	var cand []int32
	for _, v := range f.buf.touched {
		for _, l := range ts.links[v] {
			cand = append(cand, l.target)
		}
	}
	for _, o := range f.onEdge {
		cand = append(cand, ts.byEdge[o.edge]...)
	}
	slices.Sort(cand)
	for _, j := range slices.Compact(cand) {
		if sec, _, ok := f.At(ts.snaps[j]); ok {
			fn(int(j), sec)
		}
	}
}

package siting

import (
	"cmp"
	"slices"

	"github.com/lifecircle/lifecircle/geo/engine"
)

// shareTally sums one community's (or the district's) weight within each threshold
// before and after a scenario.
type shareTally struct {
	weight        float64
	before, after []float64
}

func (a *shareTally) add(w float64, before, after float32, limits []float64) {
	if a.before == nil {
		a.before, a.after = make([]float64, len(limits)), make([]float64, len(limits))
	}
	a.weight += w
	for t, l := range limits {
		if float64(before) <= l {
			a.before[t] += w
		}
		if float64(after) <= l {
			a.after[t] += w
		}
	}
}

// row turns the sums into shares; big is the index of the largest threshold.
func (a *shareTally) row(code, name string, big, n int) ScenarioRow {
	r := ScenarioRow{Code: code, Name: name, Population: a.weight, Before: make([]float64, n), After: make([]float64, n)}
	if a.before == nil {
		return r
	}
	for t := range n {
		r.Before[t], r.After[t] = share(a.before[t], a.weight), share(a.after[t], a.weight)
	}
	r.GainedResidents = a.after[big] - a.before[big]
	return r
}

func (a *shareTally) changed() bool { return a.before != nil && !slices.Equal(a.before, a.after) }

// targetChange compares set k's coverage before (e.Results) and after (walk seconds
// per cell) by the district and by community, weighing cells by residents (by area when
// the district has none).
func targetChange(e *engine.Engine, k int, after []float32) ScenarioTarget {
	th := slices.Clone(e.Options.ThresholdsMin)
	limits := make([]float64, len(th))
	big := 0
	for t, m := range th {
		limits[t] = m * 60
		if m > th[big] {
			big = t
		}
	}
	byArea := weighByArea(e)
	before := e.Results[k].Seconds
	var district shareTally
	for i, c := range e.Cells {
		district.add(weight(c, byArea), before[i], after[i], limits)
	}
	out := ScenarioTarget{Target: engine.Target{Kind: e.Sets[k].Kind, Key: e.Sets[k].Key}, Thresholds: th,
		District: district.row("", "", big, len(th)), Communities: []ScenarioRow{}}
	for ci, c := range e.Communities {
		var comm shareTally
		for _, i := range e.Units.CommunityCells(ci) {
			comm.add(weight(e.Cells[i], byArea), before[i], after[i], limits)
		}
		if comm.changed() {
			out.Communities = append(out.Communities, comm.row(c.Code, c.Name, big, len(th)))
		}
	}
	slices.SortStableFunc(out.Communities, func(a, b ScenarioRow) int {
		if c := cmp.Compare(b.GainedResidents, a.GainedResidents); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
	return out
}

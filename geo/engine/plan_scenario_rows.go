package engine

import (
	"cmp"
	"slices"
)

// scenarioAcc sums one community's (or the district's) weight within each threshold
// before and after a scenario.
type scenarioAcc struct {
	weight        float64
	before, after []float64
}

func (a *scenarioAcc) add(w float64, before, after float32, limits []float64) {
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
func (a *scenarioAcc) row(code, name string, big, n int) ScenarioRow {
	r := ScenarioRow{Code: code, Name: name, Population: a.weight, Before: make([]float64, n), After: make([]float64, n)}
	if a.before == nil {
		return r
	}
	for t := range n {
		r.Before[t], r.After[t] = planShare(a.before[t], a.weight), planShare(a.after[t], a.weight)
	}
	r.GainedResidents = a.after[big] - a.before[big]
	return r
}

func (a *scenarioAcc) changed() bool { return a.before != nil && !slices.Equal(a.before, a.after) }

// scenarioTarget compares set k's coverage before (e.Results) and after (walk seconds
// per cell) by the district and by community, weighing cells by residents (by area when
// the district has none).
func (e *Engine) scenarioTarget(k int, after []float32) ScenarioTarget {
	th := slices.Clone(e.Options.ThresholdsMin)
	limits := make([]float64, len(th))
	big := 0
	for t, m := range th {
		limits[t] = m * 60
		if m > th[big] {
			big = t
		}
	}
	byArea := e.planByArea()
	before := e.Results[k].Seconds
	var district scenarioAcc
	comm := make([]scenarioAcc, len(e.Communities))
	for i, c := range e.Cells {
		w := planWeight(c, byArea)
		district.add(w, before[i], after[i], limits)
		if ci := e.CellComm[i]; ci >= 0 {
			comm[ci].add(w, before[i], after[i], limits)
		}
	}
	out := ScenarioTarget{Target: Target{Kind: e.Sets[k].Kind, Key: e.Sets[k].Key}, Thresholds: th,
		District: district.row("", "", big, len(th)), Communities: []ScenarioRow{}}
	for ci := range comm {
		if comm[ci].changed() {
			out.Communities = append(out.Communities, comm[ci].row(e.Communities[ci].Code, e.Communities[ci].Name, big, len(th)))
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

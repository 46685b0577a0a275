package coverage

import (
	"math"
	"sort"
)

// DefaultThresholdsMin returns the walk-time thresholds of docs/model.md, in minutes: 5, 10
// and 15.
func DefaultThresholdsMin() []float64 { return []float64{5, 10, 15} }

// Share is the part of a group within one walk-time threshold.
type Share struct {
	Minutes         float64 // the threshold, minutes
	Population      float64 // residents of cells within it
	PopulationShare float64 // Population / the group's population (0 when it has none)
	AreaM2          float64 // area of cells within it, m²
	AreaShare       float64 // AreaM2 / the group's area
}

// Summary is the coverage of one group of cells (a community, a street, or "" for the
// whole study area) for one facility set.
//
// A cell is within a threshold when its walk time is at most the threshold; off-network
// cells (NaN) and unreachable ones (+Inf, nothing within the search limit) are never
// within any. MeanMin, MedianMin and P90Min are weighted by population — by cell area
// when the group has no population. The mean is over reachable cells only (+Inf when
// none is); the median and 90th percentile count unreachable and off-network cells as
// +Inf minutes, so they are +Inf when more than half (a tenth) of the weight is
// unreachable. The weighted q-quantile is the smallest time t such that the weight of
// cells at most t is at least q of the total (no interpolation).
type Summary struct {
	Group                 string
	Cells                 int
	Population            float64 // residents
	AreaM2                float64 // m²
	OffNetworkCells       int     // cells whose centre is off the walk network
	OffNetworkPopulation  float64
	UnreachablePopulation float64   // residents of cells with no finite time (off-network included)
	Within                []Share   // one per threshold, in the order given
	BeyondPopulation      []float64 // per threshold: Population − Within[k].Population
	MeanMin               float64   // minutes
	MedianMin             float64   // minutes
	P90Min                float64   // minutes
}

// Summarise aggregates r (walk times in seconds per cell, as Compute returns them) over
// the groups that group(i) assigns to cells[i] (nil: one group ""), checking each
// threshold (minutes) separately. Summaries are sorted by group. A cell without a time in
// r (r.Seconds shorter than cells) counts as off-network.
func Summarise(cells []Cell, r Result, thresholdsMin []float64, group func(i int) string) []Summary {
	accs := map[string]*groupAcc{}
	for i, c := range cells {
		name := ""
		if group != nil {
			name = group(i)
		}
		a := accs[name]
		if a == nil {
			a = newGroupAcc(name, thresholdsMin)
			accs[name] = a
		}
		a.add(c, timeAt(r, i), thresholdsMin)
	}
	out := make([]Summary, 0, len(accs))
	var sc sortScratch
	for _, a := range accs {
		out = append(out, a.finish(&sc))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Group < out[j].Group })
	return out
}

// groupAcc accumulates one group's cells.
type groupAcc struct {
	s     Summary
	times []weighedTime
	keys  []uint64 // per time, its key (cellTime.key) above its index in times
}

type weighedTime struct{ min, pop, area float64 }

// cellTime is one cell's walk time: sec in seconds (NaN off-network, +Inf unreachable),
// and key, which orders as the times do (NaN as +Inf; see secondsKey).
type cellTime struct {
	sec float64
	key uint32
}

// timeAt returns cell i's time in r; off-network when r has none.
func timeAt(r Result, i int) cellTime {
	if i >= len(r.Seconds) {
		return cellTime{sec: math.NaN(), key: secondsKey(float32(math.Inf(1)))}
	}
	s := r.Seconds[i]
	k := s
	if s != s {
		k = float32(math.Inf(1))
	}
	return cellTime{sec: float64(s), key: secondsKey(k)}
}

func newGroupAcc(name string, thresholdsMin []float64) *groupAcc {
	a := &groupAcc{s: Summary{Group: name, Within: make([]Share, len(thresholdsMin)), BeyondPopulation: make([]float64, len(thresholdsMin))}}
	for k, t := range thresholdsMin {
		a.s.Within[k].Minutes = t
	}
	return a
}

// add counts cell c with walk time t.
func (a *groupAcc) add(c Cell, t cellTime, thresholdsMin []float64) {
	sec := t.sec
	s := &a.s
	s.Cells++
	s.Population += c.Population
	s.AreaM2 += c.AreaM2
	if math.IsNaN(sec) {
		s.OffNetworkCells++
		s.OffNetworkPopulation += c.Population
		sec = math.Inf(1)
	}
	if math.IsInf(sec, 1) {
		s.UnreachablePopulation += c.Population
	}
	for k, t := range thresholdsMin {
		if sec <= t*60 {
			s.Within[k].Population += c.Population
			s.Within[k].AreaM2 += c.AreaM2
		}
	}
	a.keys = append(a.keys, uint64(t.key)<<32|uint64(len(a.times)))
	a.times = append(a.times, weighedTime{min: sec / 60, pop: c.Population, area: c.AreaM2})
}

// finish computes the shares and the weighted statistics; sc holds reusable buffers.
func (a *groupAcc) finish(sc *sortScratch) Summary {
	s := a.s
	for k := range s.Within {
		w := &s.Within[k]
		w.PopulationShare = ratio(w.Population, s.Population)
		w.AreaShare = ratio(w.AreaM2, s.AreaM2)
		s.BeyondPopulation[k] = s.Population - w.Population
	}
	ts := sc.sortTimes(a.times, a.keys)
	byPop := s.Population > 0
	s.MeanMin = weightedMean(ts, byPop)
	s.MedianMin, s.P90Min = weightedQuantiles(ts, byPop, 0.5, 0.9)
	return s
}

func ratio(part, whole float64) float64 {
	if whole > 0 {
		return part / whole
	}
	return 0
}

// weight is t's population when byPop, else its area.
func weight(t weighedTime, byPop bool) float64 {
	if byPop {
		return t.pop
	}
	return t.area
}

// weightedMean is the weighted mean of the finite times, +Inf when none has weight.
func weightedMean(ts []weighedTime, byPop bool) float64 {
	var sum, wsum float64
	for _, t := range ts {
		if w := weight(t, byPop); !math.IsInf(t.min, 1) && w > 0 {
			sum += w * t.min
			wsum += w
		}
	}
	if wsum == 0 {
		return math.Inf(1)
	}
	return sum / wsum
}

// weightedQuantiles returns the weighted q1- and q2-quantiles (q1 ≤ q2) of ts, sorted
// by time, in one pass: for each, the smallest time whose cumulative weight reaches q of
// the total; +Inf when the total weight is 0.
func weightedQuantiles(ts []weighedTime, byPop bool, q1, q2 float64) (float64, float64) {
	var total float64
	for _, t := range ts {
		total += weight(t, byPop)
	}
	if !(total > 0) {
		return math.Inf(1), math.Inf(1)
	}
	target1, target2 := q1*total-1e-9*total, q2*total-1e-9*total
	v1, v2 := ts[len(ts)-1].min, ts[len(ts)-1].min
	found1 := false
	var cum float64
	for _, t := range ts {
		w := weight(t, byPop)
		cum += w
		if !(w > 0) {
			continue
		}
		if !found1 && cum >= target1 {
			v1, found1 = t.min, true
		}
		if cum >= target2 {
			v2 = t.min
			break
		}
	}
	return v1, v2
}

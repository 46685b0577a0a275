package coverage

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// refSummarise is Summarise as it was before the specialised sort (one slices.SortFunc
// with a closure per group, a closure per weight, one pass per quantile), kept as the
// reference the faster code must equal bit for bit.
func refSummarise(cells []Cell, r Result, thresholdsMin []float64, group func(i int) string) []Summary {
	accs := map[string]*refAcc{}
	for i, c := range cells {
		name := ""
		if group != nil {
			name = group(i)
		}
		a := accs[name]
		if a == nil {
			a = &refAcc{s: newGroupAcc(name, thresholdsMin).s}
			accs[name] = a
		}
		sec := math.NaN()
		if i < len(r.Seconds) {
			sec = float64(r.Seconds[i])
		}
		a.add(c, sec, thresholdsMin)
	}
	out := make([]Summary, 0, len(accs))
	for _, a := range accs {
		out = append(out, a.finish())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Group < out[j].Group })
	return out
}

type refAcc struct {
	s     Summary
	times []weighedTime
}

func (a *refAcc) add(c Cell, sec float64, thresholdsMin []float64) {
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
	a.times = append(a.times, weighedTime{min: sec / 60, pop: c.Population, area: c.AreaM2})
}

func (a *refAcc) finish() Summary {
	s := a.s
	for k := range s.Within {
		w := &s.Within[k]
		w.PopulationShare = ratio(w.Population, s.Population)
		w.AreaShare = ratio(w.AreaM2, s.AreaM2)
		s.BeyondPopulation[k] = s.Population - w.Population
	}
	weight := func(t weighedTime) float64 { return t.pop }
	if !(s.Population > 0) {
		weight = func(t weighedTime) float64 { return t.area }
	}
	slices.SortFunc(a.times, func(x, y weighedTime) int { return cmp.Compare(x.min, y.min) })
	s.MeanMin = refMean(a.times, weight)
	s.MedianMin = refQuantile(a.times, weight, 0.5)
	s.P90Min = refQuantile(a.times, weight, 0.9)
	return s
}

func refMean(ts []weighedTime, weight func(weighedTime) float64) float64 {
	var sum, wsum float64
	for _, t := range ts {
		if w := weight(t); !math.IsInf(t.min, 1) && w > 0 {
			sum += w * t.min
			wsum += w
		}
	}
	if wsum == 0 {
		return math.Inf(1)
	}
	return sum / wsum
}

func refQuantile(ts []weighedTime, weight func(weighedTime) float64, q float64) float64 {
	var total float64
	for _, t := range ts {
		total += weight(t)
	}
	if !(total > 0) {
		return math.Inf(1)
	}
	target := q*total - 1e-9*total
	var cum float64
	for _, t := range ts {
		cum += weight(t)
		if cum >= target && weight(t) > 0 {
			return t.min
		}
	}
	return ts[len(ts)-1].min
}

// randomDistrict returns n cells in groups of about size cells (group "" for about a
// tenth), with populations (a share of them 0, or all 0 when noPop) and areas, and a
// result whose times repeat often (few distinct values), with unreachable and
// off-network cells.
func randomDistrict(r *rand.Rand, n, size, distinct int, noPop bool) ([]Cell, Result, []string) {
	cells := make([]Cell, n)
	groups := make([]string, n)
	res := Result{Seconds: make([]float32, n)}
	vals := make([]float32, distinct)
	for k := range vals {
		vals[k] = float32(r.Float64() * 1800)
	}
	for i := range cells {
		cells[i] = Cell{Area: -1, AreaM2: 14000 + r.Float64()*2000}
		if !noPop && r.IntN(8) != 0 {
			cells[i].Population = r.Float64() * 300
		}
		if r.IntN(10) != 0 {
			groups[i] = fmt.Sprintf("g%04d", r.IntN(max(1, n/size)))
		}
		switch r.IntN(12) {
		case 0:
			res.Seconds[i] = float32(math.Inf(1))
		case 1:
			res.Seconds[i] = float32(math.NaN())
		default:
			res.Seconds[i] = vals[r.IntN(distinct)]
		}
	}
	return cells, res, groups
}

// TestSummariesMatchReference checks Summarise and the Aggregator against refSummarise,
// field for field and bit for bit, on districts with many equal walk times.
func TestSummariesMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	cases := []struct {
		name                string
		n, size, distinct   int
		noPop, shortSeconds bool
	}{
		{"tiny groups", 300, 3, 10, false, false},
		{"communities", 20000, 60, 2000, false, false},
		{"streets, many ties", 30000, 3000, 50, false, false},
		{"no population", 5000, 100, 500, true, false},
		{"distinct times", 20000, 500, 1 << 20, false, false},
		{"result shorter than cells", 2000, 50, 100, false, true},
	}
	th := DefaultThresholdsMin()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cells, res, groups := randomDistrict(r, c.n, c.size, c.distinct, c.noPop)
			if c.shortSeconds {
				res.Seconds = res.Seconds[:len(res.Seconds)*3/4]
			}
			byGroup := func(i int) string { return groups[i] }
			for _, g := range []func(int) string{nil, byGroup} {
				sameSummaries(t, "Summarise", Summarise(cells, res, th, g), refSummarise(cells, res, th, g))
			}
			agg := NewAggregator(th, aggGrouping(groups, false), aggGrouping(groups, true))
			for rep := 0; rep < 2; rep++ { // the second run reuses the buffers
				by := agg.Summarise(cells, res)
				sameSummaries(t, "Aggregator all", by[0], refSummarise(cells, res, th, func(int) string { return "all" }))
				var named []Summary
				for _, s := range refSummarise(cells, res, th, byGroup) {
					if s.Group != "" {
						named = append(named, s)
					}
				}
				sameSummaries(t, "Aggregator groups", by[1], named)
			}
		})
	}
}

// aggGrouping makes an Aggregator grouping: every cell in one group "all", or the cells
// by their group names ("" in none).
func aggGrouping(groups []string, byName bool) Grouping {
	g := Grouping{Of: make([]int32, len(groups))}
	if !byName {
		g.Names = []string{"all"}
		return g
	}
	at := map[string]int32{}
	for i, name := range groups {
		j, ok := at[name]
		if !ok {
			j = int32(len(g.Names))
			at[name] = j
			g.Names = append(g.Names, name)
		}
		g.Of[i] = j
		if name == "" {
			g.Of[i] = -1
		}
	}
	return g
}

func sameSummaries(t *testing.T, what string, got, want []Summary) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d summaries, reference %d", what, len(got), len(want))
	}
	for i := range want {
		if g, w := fmt.Sprintf("%#v", bitsOf(got[i])), fmt.Sprintf("%#v", bitsOf(want[i])); g != w {
			t.Fatalf("%s: summary %d differs:\n got %s\nwant %s", what, i, g, w)
		}
	}
}

// bitsOf lists s's fields with every float as its bits, so that equal means identical.
func bitsOf(s Summary) []any {
	f := math.Float64bits
	out := []any{s.Group, s.Cells, f(s.Population), f(s.AreaM2), s.OffNetworkCells, f(s.OffNetworkPopulation), f(s.UnreachablePopulation), f(s.MeanMin), f(s.MedianMin), f(s.P90Min)}
	for k, w := range s.Within {
		out = append(out, f(w.Minutes), f(w.Population), f(w.PopulationShare), f(w.AreaM2), f(w.AreaShare), f(s.BeyondPopulation[k]))
	}
	return out
}

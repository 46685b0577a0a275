package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/lifecircle/lifecircle/geo"
)

// Community figures. Most communities meet the standards (one worker per 200–300
// households, ≥ 30 m² of service space per 100 households); a share are deliberately
// under-served on either count so reports have something to flag.
const (
	householdsMin     = 2000
	householdsMax     = 6000
	personsPerHomeMin = 2.45
	personsPerHomeMax = 2.75
	underServedShare  = 0.18
)

// fillCommunities sets every community's households, population, workers and service
// area, and shares its households and people among its compounds by area.
func (e *gen) fillCommunities(rng *rand.Rand) {
	for ci := range e.adm.comm {
		c := &e.adm.comm[ci]
		st := e.adm.streets[c.street]
		h := householdsMin + rng.IntN(householdsMax-householdsMin+1)
		pop := int(math.Round(float64(h) * uniform(rng, personsPerHomeMin, personsPerHomeMax)))
		perWorker := uniform(rng, 180, 290)
		if chance(rng, underServedShare) {
			perWorker = uniform(rng, 310, 480) // > 300 households per worker
		}
		per100 := uniform(rng, 32, 80)
		if chance(rng, underServedShare) {
			per100 = uniform(rng, 10, 28) // < 30 m² per 100 households
		}
		c.unit = geo.Community{
			Code: c.code, Name: c.name, StreetCode: st.code, StreetName: st.name,
			Households: h, Population: pop,
			Workers:       max(1, int(math.Round(float64(h)/perWorker))),
			ServiceAreaM2: math.Round(float64(h) / 100 * per100),
			Boundary:      e.b.f.polygon(c.r),
			Source:        "synth",
		}
		e.shareHomes(rng, c)
	}
}

// shareHomes names the community's compounds and shares its households and population
// among them in proportion to their areas (largest remainder, so the sums are exact).
func (e *gen) shareHomes(rng *rand.Rand, c *communityPlan) {
	weights := make([]float64, len(c.compounds))
	for k, ci := range c.compounds {
		weights[k] = e.comps[ci].r.area()
	}
	hs := apportion(c.unit.Households, weights)
	ps := apportion(c.unit.Population, weights)
	for k, ci := range c.compounds {
		p := &e.comps[ci]
		p.id = fmt.Sprintf("%s-%03d", c.code, k+1)
		p.name = e.names.compound(rng)
		p.households, p.population = hs[k], ps[k]
	}
}

// apportion splits total into whole parts proportional to weights (largest remainder).
func apportion(total int, weights []float64) []int {
	out := make([]int, len(weights))
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 || len(weights) == 0 {
		return out
	}
	type rem struct {
		k int
		f float64
	}
	rems := make([]rem, len(weights))
	given := 0
	for k, w := range weights {
		exact := float64(total) * w / sum
		out[k] = int(exact)
		given += out[k]
		rems[k] = rem{k, exact - float64(out[k])}
	}
	for given < total {
		best := 0
		for k := range rems {
			if rems[k].f > rems[best].f {
				best = k
			}
		}
		out[rems[best].k]++
		rems[best].f = -1
		given++
	}
	return out
}

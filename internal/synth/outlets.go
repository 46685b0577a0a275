package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// Outlet placement, metres.
const (
	shopSetbackMin = 8  // shop fronts stand this far from the arterial's centre line
	shopSetbackMax = 25 //
	clusterShare   = 0.5
	outletInsetM   = 10 // outlets inside compounds keep this far from the walls
)

// outletPlacer draws outlet positions: shop frontages, compounds by area, park blocks.
type outletPlacer struct {
	e      *gen
	fronts frontages
	comps  []float64 // cumulative compound area
	parks  []rect
}

// placeOutlets spreads cfg.Outlets outlets over the categories in proportion to their
// weights (at least one each, so rare categories such as elderly_canteen leave gaps).
func (e *gen) placeOutlets(rng *rand.Rand, fronts frontages) []geo.Outlet {
	op := outletPlacer{e: e, fronts: fronts}
	total := 0.0
	for _, c := range e.comps {
		total += c.r.area()
		op.comps = append(op.comps, total)
	}
	for j := 0; j < e.g.rows(); j++ {
		for i := 0; i < e.g.cols(); i++ {
			if e.g.kind[i+j*e.g.cols()] == blockPark {
				op.parks = append(op.parks, e.g.block(i, j).inset(parkInsetM+outletInsetM))
			}
		}
	}
	keys := e.cfg.Categories
	weights := make([]float64, len(keys))
	for k, key := range keys {
		weights[k] = specOf(key).weight
	}
	counts := apportion(e.cfg.Outlets-len(keys), weights)
	out := make([]geo.Outlet, 0, e.cfg.Outlets)
	for k, key := range keys {
		spec := specOf(key)
		for n := 0; n <= counts[k]; n++ {
			out = append(out, geo.Outlet{
				ID:   fmt.Sprintf("O%07d", len(out)+1),
				Name: e.names.any(rng) + spec.suffix, Category: key,
				Point: e.b.f.lonLat(op.place(rng, spec.place)), Source: "synth",
			})
		}
	}
	return out
}

// place returns a local point for an outlet placed as pl.
func (op *outletPlacer) place(rng *rand.Rand, pl placement) orb.Point {
	switch {
	case pl == inPark && len(op.parks) > 0:
		return randomIn(rng, op.parks[rng.IntN(len(op.parks))])
	case pl == inCompound || pl == inPark:
		x := rng.Float64() * op.comps[len(op.comps)-1]
		k := min(sort.SearchFloat64s(op.comps, x), len(op.comps)-1)
		return randomIn(rng, op.e.comps[k].r.inset(outletInsetM))
	}
	f := op.fronts.sample(rng)
	t := rng.Float64()
	if chance(rng, clusterShare) {
		t = clusterCentre(f) + 0.06*rng.NormFloat64()
	}
	t = math.Min(0.97, math.Max(0.03, t))
	return op.e.g.point(f, t, uniform(rng, shopSetbackMin, shopSetbackMax))
}

// clusterCentre returns where along frontage f its shops crowd together: a fixed
// fraction in [0.2, 0.8) derived from the frontage (a golden-ratio hash).
func clusterCentre(f frontage) float64 {
	h := float64(f.i*7919+f.j*104729+f.side*31) * 0.6180339887498949
	return 0.2 + 0.6*(h-math.Floor(h))
}

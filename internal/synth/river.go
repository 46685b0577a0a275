package synth

import (
	"math/rand/v2"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// River bank layout, metres.
const (
	bankSetbackM = 30 // the riverside path runs this far inside the river row
	bankStepM    = 60 // node spacing along it
	bankBendM    = 5  // how far it meanders between nodes
)

// buildRiverPaths adds a meandering riverside footway along each bank of the river row,
// tied to every intersection of the bank road by a short footway or flight of steps.
// The river itself has no walkable way: only the bridges cross it.
func (e *gen) buildRiverPaths(rng *rand.Rand) {
	g := &e.g
	nx := len(g.xs)
	for _, bank := range []struct {
		line int     // horizontal line of the bank road
		y    float64 // y of the path
	}{
		{g.river, g.ys[g.river].at + bankSetbackM},
		{g.river + 1, g.ys[g.river+1].at - bankSetbackM},
	} {
		anchors := make([]int32, nx)
		for i := range anchors {
			anchors[i] = e.b.node(orb.Point{g.xs[i].at, bank.y})
		}
		for i := 0; i < nx-1; {
			e.b.beginWay(wayMeta{highway: geo.HighwayFootway}, anchors[i])
			for r := 0; r < 3 && i < nx-1; r++ {
				bend := float64(bankBendM)
				if i%2 == 1 {
					bend = -bend
				}
				d := e.dist(anchors[i], anchors[i+1])
				e.b.legTo(rng, anchors[i+1], leg{n: pieces(rng, d, bankStepM*0.8, bankStepM*1.2), bend: bend})
				i++
			}
			e.b.endWay()
		}
		for i, a := range anchors {
			hw := geo.HighwayFootway
			if chance(rng, 0.35) {
				hw = geo.HighwaySteps // down the embankment
			}
			e.b.beginWay(wayMeta{highway: hw}, e.inter[i+bank.line*nx])
			e.b.legTo(rng, a, leg{n: 1})
			e.b.endWay()
		}
	}
}

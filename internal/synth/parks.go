package synth

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// Park layout, metres.
const (
	parkShare   = 0.09 // home blocks turned into parks (at most one per community)
	parkInsetM  = 35   // the ring path keeps this far from the arterials' centre lines
	parkRingM   = 45   // node spacing along the ring
	parkPathM   = 45   // and along the other paths
	parkMinRing = 8
)

// choosePark turns parkShare of the home blocks into parks, one block each in randomly
// chosen communities with at least two home blocks, so every community keeps homes. The
// share is exact, not drawn, so that the node count stays close to the target.
func (e *gen) choosePark(rng *rand.Rand) {
	g := &e.g
	homes := make([][]int, len(e.adm.comm))
	total := 0
	for j := 0; j < g.rows(); j++ {
		for i := 0; i < g.cols(); i++ {
			if k := i + j*g.cols(); g.kind[k] == blockHomes {
				c := e.adm.communityOf(i, j)
				homes[c] = append(homes[c], k)
				total++
			}
		}
	}
	want := int(math.Round(parkShare * float64(total)))
	for _, c := range rng.Perm(len(homes)) {
		if want == 0 {
			break
		}
		if blocks := homes[c]; len(blocks) >= 2 {
			g.kind[blocks[rng.IntN(len(blocks))]] = blockPark
			want--
		}
	}
}

// buildPark lays out park block (i, j): a curved ring path (two ways), a path across it
// and footways (one of them perhaps steps) from the ring to two to four arterials.
func (e *gen) buildPark(rng *rand.Rand, i, j int) {
	r := e.g.block(i, j).inset(parkInsetM)
	c := r.centre()
	ax, ay := r.w()/2, r.h()/2
	m := max(parkMinRing, int(math.Round(math.Pi*(ax+ay)/parkRingM)))
	m += m % 2
	phase := uniform(rng, 0, 2*math.Pi)
	ring := make([]int32, m)
	for k := range ring {
		t := phase + 2*math.Pi*float64(k)/float64(m)
		ring[k] = e.b.node(orb.Point{c[0] + ax*math.Cos(t), c[1] + ay*math.Sin(t)})
	}
	sag := sagitta((ax+ay)/2, 2*math.Pi*(ax+ay)/2/float64(m))
	for half := 0; half < 2; half++ {
		e.b.beginWay(wayMeta{highway: geo.HighwayFootway}, ring[half*m/2])
		for k := half * m / 2; k < (half+1)*m/2; k++ {
			e.b.legTo(rng, ring[(k+1)%m], leg{n: 1, bend: -sag}) // counter-clockwise: outward is right
		}
		e.b.endWay()
	}
	across := rng.IntN(m / 2)
	e.b.beginWay(wayMeta{highway: geo.HighwayPath}, ring[across])
	e.b.legTo(rng, ring[across+m/2], leg{n: pieces(rng, 2*math.Min(ax, ay), parkPathM*0.8, parkPathM*1.2), bend: uniform(rng, -20, 20)})
	e.b.endWay()
	e.parkEntrances(rng, i, j, ring)
}

// parkEntrances joins the ring to two to four of the block's arterials.
func (e *gen) parkEntrances(rng *rand.Rand, i, j int, ring []int32) {
	sides := e.blockSides(i, j)
	order := rng.Perm(4)
	n := 2 + rng.IntN(3)
	steps := chance(rng, 0.3)
	for _, s := range order[:n] {
		side := sides[s]
		mid := e.b.xy[side[len(side)/2]]
		from := e.nearestNode(ring, mid)
		to := e.nearestNode(inner(side), e.b.xy[from])
		hw := geo.HighwayFootway
		if steps {
			hw, steps = geo.HighwaySteps, false
		}
		e.b.beginWay(wayMeta{highway: hw}, from)
		e.b.legTo(rng, to, leg{n: pieces(rng, e.dist(from, to), parkPathM*0.8, parkPathM*1.2), bend: uniform(rng, -6, 6)})
		e.b.endWay()
	}
}

// sagitta returns how far an arc of radius r bulges beyond a chord of length c.
func sagitta(r, c float64) float64 {
	if c >= 2*r {
		return r
	}
	return r - math.Sqrt(r*r-c*c/4)
}

package synth

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"
)

// Arterial layout, metres.
const (
	crossJitterM    = 4   // how far interior intersections stray from the lattice
	arterialJitterM = 1.5 // sideways jitter of nodes along interior arterials
	arterialStepMin = 55  // node spacing along arterials
	arterialStepMax = 80
)

// pieces returns into how many edges to cut d metres so that they are about
// uniform(lo, hi) metres each.
func pieces(rng *rand.Rand, d, lo, hi float64) int {
	return max(1, int(math.Round(d/uniform(rng, lo, hi))))
}

// buildArterials adds the intersections and the arterial ways: vertical lines are cut by
// the river except at bridges (each bridge its own way, bridge=yes); every arterial is
// split into ways of two to five blocks.
func (e *gen) buildArterials(rng *rand.Rand) {
	g := &e.g
	nx, ny := len(g.xs), len(g.ys)
	e.inter = make([]int32, nx*ny)
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			p := orb.Point{g.xs[i].at, g.ys[j].at}
			if i > 0 && i < nx-1 {
				p[0] += uniform(rng, -crossJitterM, crossJitterM)
			}
			if j > 0 && j < ny-1 {
				p[1] += uniform(rng, -crossJitterM, crossJitterM)
			}
			e.inter[i+j*nx] = e.b.node(p)
		}
	}
	e.vside = make([][]int32, nx*(ny-1))
	for i := 0; i < nx; i++ {
		exists := func(j int) bool { return j != g.river || g.bridge[i] }
		at := func(j int) int32 { return e.inter[i+j*nx] }
		side := func(j int) *[]int32 { return &e.vside[i+j*nx] }
		e.arterialLine(rng, g.xs[i], i == 0 || i == nx-1, ny-1, exists, func(j int) bool { return j == g.river }, at, side)
	}
	e.hside = make([][]int32, (nx-1)*ny)
	for j := 0; j < ny; j++ {
		at := func(i int) int32 { return e.inter[i+j*nx] }
		side := func(i int) *[]int32 { return &e.hside[i+j*(nx-1)] }
		always := func(int) bool { return true }
		e.arterialLine(rng, g.ys[j], j == 0 || j == ny-1, nx-1, always, func(int) bool { return false }, at, side)
	}
}

// arterialLine builds the ways of one arterial of n blocks: block k runs from
// intersection at(k) to at(k+1) and is recorded in *side(k); blocks that do not exist
// (the river) break the line, and bridge blocks form ways of their own.
func (e *gen) arterialLine(rng *rand.Rand, ln line, edge bool, n int, exists, bridge func(int) bool,
	at func(int) int32, side func(int) *[]int32) {
	jitter := arterialJitterM
	if edge {
		jitter = 0 // the district's outer roads lie exactly on its boundary
	}
	for k := 0; k < n; {
		if !exists(k) {
			k++
			continue
		}
		run := 2 + rng.IntN(4)
		e.b.beginWay(wayMeta{highway: ln.highway, name: ln.name, bridge: bridge(k)}, at(k))
		for r := 0; r < run && k < n && exists(k); r++ {
			if r > 0 && (bridge(k) || bridge(k-1)) {
				break
			}
			d := e.dist(at(k), at(k+1))
			*side(k) = e.b.legTo(rng, at(k+1), leg{n: pieces(rng, d, arterialStepMin, arterialStepMax), jitter: jitter})
			k++
		}
		e.b.endWay()
	}
}

// dist returns the local distance in metres between nodes u and v.
func (e *gen) dist(u, v int32) float64 {
	a, b := e.b.xy[u], e.b.xy[v]
	return math.Hypot(b[0]-a[0], b[1]-a[1])
}

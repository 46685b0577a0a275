package synth

import (
	"math"
	"math/rand/v2"

	"github.com/lifecircle/lifecircle/geo"
)

// Superblock layout, metres.
const (
	roadSetbackM  = 12 // compounds start this far from an arterial's centre line
	roadGapM      = 10 // and from a branch road's
	footGapM      = 5  // and from a footway's
	wallGapM      = 3  // two compounds back to back
	splitMinM     = 300
	dividerStepM  = 50 // node spacing along branch roads
	footwayStepM  = 40 // and footways
	stepsLengthM  = 25 // a flight of steps at the end of some footways
	minCompoundSq = 40 // a compound narrower than this gets no lanes
)

// Compass sides of a rectangle, in the order compoundPlan.sides uses.
const (
	south = iota
	east
	north
	west
)

// roadRef is what lies beyond one side of a compound: the nodes of a road in order
// (nil for a wall), and the highway value of gates onto it.
type roadRef struct {
	nodes []int32
	gate  geo.Highway
}

// compoundPlan is a residential compound while the district is being built.
type compoundPlan struct {
	r          rect // local metres
	block      int
	community  int
	sides      [4]roadRef
	name, id   string
	households int
	population int
}

// buildBlocks fills every superblock: compounds and lanes, or park paths. Each block
// draws from its own random stream.
func (e *gen) buildBlocks() {
	g := &e.g
	for j := 0; j < g.rows(); j++ {
		for i := 0; i < g.cols(); i++ {
			k := i + j*g.cols()
			rng := stream(e.cfg.Seed, 1000+uint64(k))
			switch g.kind[k] {
			case blockHomes:
				e.buildHomes(rng, i, j)
			case blockPark:
				e.buildPark(rng, i, j)
			}
		}
	}
}

// blockSides returns the arterial node lists around superblock (i, j), ordered S, E, N,
// W; each runs west→east or south→north.
func (e *gen) blockSides(i, j int) [4][]int32 {
	nx, cols := len(e.g.xs), e.g.cols()
	return [4][]int32{
		south: e.hside[i+j*cols], east: e.vside[i+1+j*nx],
		north: e.hside[i+(j+1)*cols], west: e.vside[i+j*nx],
	}
}

// buildHomes splits superblock (i, j) by an optional branch road or footway and walls
// into two to four compounds (sometimes one), and gives each its lanes and gates.
func (e *gen) buildHomes(rng *rand.Rand, i, j int) {
	sides := e.blockSides(i, j)
	whole := compoundPlan{r: e.g.block(i, j).inset(roadSetbackM), block: i + j*e.g.cols(), community: e.adm.communityOf(i, j)}
	for s := range sides {
		whole.sides[s] = roadRef{nodes: sides[s], gate: geo.HighwayService}
	}
	vertical := whole.r.w() >= whole.r.h()
	var halves []compoundPlan
	switch u := rng.Float64(); {
	case u < 0.45:
		hw := geo.HighwayResidential
		if chance(rng, 0.5) {
			hw = geo.HighwayTertiary
		}
		halves = e.divide(rng, whole, sides, vertical, hw)
	case u < 0.7:
		halves = e.divide(rng, whole, sides, vertical, geo.HighwayFootway)
	case u < 0.85:
		halves = []compoundPlan{whole}
	default:
		at := lerpAxis(whole.r, vertical, uniform(rng, 0.4, 0.6))
		a, b := splitPlan(whole, vertical, at, wallGapM, roadRef{})
		halves = []compoundPlan{a, b}
	}
	for _, h := range halves {
		long := math.Max(h.r.w(), h.r.h())
		if long > splitMinM && chance(rng, 0.5) {
			v := h.r.w() >= h.r.h()
			a, b := splitPlan(h, v, lerpAxis(h.r, v, uniform(rng, 0.4, 0.6)), wallGapM, roadRef{})
			e.addCompound(rng, a)
			e.addCompound(rng, b)
			continue
		}
		e.addCompound(rng, h)
	}
}

// divide runs a branch road or footway (highway hw) across the block between the
// arterial nodes nearest its middle, and returns the two halves it leaves.
func (e *gen) divide(rng *rand.Rand, whole compoundPlan, sides [4][]int32, vertical bool, hw geo.Highway) []compoundPlan {
	from, to, axis := sides[south], sides[north], 0
	if !vertical {
		from, to, axis = sides[west], sides[east], 1
	}
	target := lerpAxis(whole.r, vertical, uniform(rng, 0.4, 0.6))
	a := e.nearestOnAxis(from, axis, target)
	z := e.nearestOnAxis(to, axis, e.b.xy[a][axis])
	bend := 0.0
	if hw == geo.HighwayFootway && chance(rng, 0.4) {
		bend = uniform(rng, -12, 12)
	}
	ids := e.dividerWay(rng, a, z, hw, bend)
	at := (e.b.xy[a][axis] + e.b.xy[z][axis]) / 2
	gap, gate := float64(roadGapM), geo.HighwayService
	if hw == geo.HighwayFootway {
		gap, gate = footGapM, geo.HighwayFootway
	}
	// keep the compounds clear of a slanting or curving divider
	gap += math.Abs(e.b.xy[a][axis]-e.b.xy[z][axis])/2 + math.Abs(bend)
	l, r := splitPlan(whole, vertical, at, gap, roadRef{nodes: ids, gate: gate})
	return []compoundPlan{l, r}
}

// dividerWay builds the branch road or footway from node a to node z and returns its
// nodes; footways may curve (bend metres) and some end in a flight of steps.
func (e *gen) dividerWay(rng *rand.Rand, a, z int32, hw geo.Highway, bend float64) []int32 {
	d := e.dist(a, z)
	if hw != geo.HighwayFootway {
		e.b.beginWay(wayMeta{highway: hw, name: e.names.any(rng) + "巷"}, a)
		ids := e.b.legTo(rng, z, leg{n: pieces(rng, d, dividerStepM*0.8, dividerStepM*1.2), jitter: 1})
		e.b.endWay()
		return ids
	}
	if !chance(rng, 0.3) || d < 3*stepsLengthM {
		e.b.beginWay(wayMeta{highway: hw}, a)
		ids := e.b.legTo(rng, z, leg{n: pieces(rng, d, footwayStepM*0.8, footwayStepM*1.2), bend: bend})
		e.b.endWay()
		return ids
	}
	pa, pz := e.b.xy[a], e.b.xy[z]
	f := 1 - stepsLengthM/d
	mid := e.b.node([2]float64{pa[0] + (pz[0]-pa[0])*f, pa[1] + (pz[1]-pa[1])*f})
	e.b.beginWay(wayMeta{highway: hw}, a)
	ids := e.b.legTo(rng, mid, leg{n: pieces(rng, d*f, footwayStepM*0.8, footwayStepM*1.2), bend: bend})
	e.b.endWay()
	e.b.beginWay(wayMeta{highway: geo.HighwaySteps}, mid)
	e.b.legTo(rng, z, leg{n: 1})
	e.b.endWay()
	return append(ids, z)
}

// nearestOnAxis returns the node of side (not its end intersections, when it has others)
// whose coordinate on axis (0 = x, 1 = y) is nearest target.
func (e *gen) nearestOnAxis(side []int32, axis int, target float64) int32 {
	cands := inner(side)
	best := cands[0]
	for _, n := range cands[1:] {
		if math.Abs(e.b.xy[n][axis]-target) < math.Abs(e.b.xy[best][axis]-target) {
			best = n
		}
	}
	return best
}

// lerpAxis returns the coordinate at fraction t across r: along x when vertical (a cut
// running north–south), else along y.
func lerpAxis(r rect, vertical bool, t float64) float64 {
	if vertical {
		return r.x0 + t*r.w()
	}
	return r.y0 + t*r.h()
}

// splitPlan cuts p at coordinate at (x when vertical, else y), leaving gap metres on each
// side of the cut, which faces road mid from both parts.
func splitPlan(p compoundPlan, vertical bool, at, gap float64, mid roadRef) (compoundPlan, compoundPlan) {
	a, b := p, p
	if vertical {
		a.r.x1, b.r.x0 = at-gap, at+gap
		a.sides[east], b.sides[west] = mid, mid
	} else {
		a.r.y1, b.r.y0 = at-gap, at+gap
		a.sides[north], b.sides[south] = mid, mid
	}
	return a, b
}

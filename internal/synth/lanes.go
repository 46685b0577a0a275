package synth

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// Compound lane layout, metres.
const (
	laneWallM    = 8  // lanes stop this far from the compound wall
	branchPitchA = 26 // spacing of the branch lanes along the spine
	branchPitchB = 36
	armStepA     = 24 // node spacing along branch lanes
	armStepB     = 34
	islandShare  = 0.01 // compounds whose lanes never reach a road
	stubShare    = 0.4  // branch-lane nodes with a footway to a building entrance
	stubMinM     = 8    // length of those footways
	stubMaxM     = 14
)

// laneFrame maps a compound's lane coordinates (u along the spine, v across it) to the
// local plane, and tells which compass side each end of u and v faces.
type laneFrame struct {
	r       rect
	along   bool // spine runs west–east
	l, w    float64
	sideOfU [2]int // sides at u = 0 and u = l
	sideOfV [2]int // sides at v = 0 and v = w
}

func newLaneFrame(r rect) laneFrame {
	if r.w() >= r.h() {
		return laneFrame{r: r, along: true, l: r.w(), w: r.h(), sideOfU: [2]int{west, east}, sideOfV: [2]int{south, north}}
	}
	return laneFrame{r: r, l: r.h(), w: r.w(), sideOfU: [2]int{south, north}, sideOfV: [2]int{west, east}}
}

func (f laneFrame) at(u, v float64) orb.Point {
	if f.along {
		return orb.Point{f.r.x0 + u, f.r.y0 + v}
	}
	return orb.Point{f.r.x0 + v, f.r.y0 + u}
}

// addCompound records compound p and lays out its lanes: a spine along its length,
// branch lanes across it every few tens of metres (tree-like, ending in dead ends) and
// one to three gates onto the roads beside it (never onto a wall).
func (e *gen) addCompound(rng *rand.Rand, p compoundPlan) {
	e.comps = append(e.comps, p)
	c := &e.comps[len(e.comps)-1]
	e.adm.comm[c.community].compounds = append(e.adm.comm[c.community].compounds, len(e.comps)-1)
	if c.r.w() < minCompoundSq || c.r.h() < minCompoundSq {
		return
	}
	ends := e.lanes(rng, newLaneFrame(c.r))
	if !chance(rng, islandShare) {
		e.gates(rng, c, ends)
	}
}

// lanes builds the spine and branches of one compound and returns the dead-end nodes by
// the compass side they face.
func (e *gen) lanes(rng *rand.Rand, f laneFrame) [4][]int32 {
	var ends [4][]int32
	vs := f.w/2 + uniform(rng, -0.1, 0.1)*f.w
	var us []float64
	for u := uniform(rng, 12, 20); u <= f.l-12; u += uniform(rng, branchPitchA, branchPitchB) {
		us = append(us, u)
	}
	hw := geo.HighwayService
	if f.l > 300 {
		hw = geo.HighwayResidential
	}
	start := e.b.node(f.at(laneWallM, vs))
	ends[f.sideOfU[0]] = append(ends[f.sideOfU[0]], start)
	e.b.beginWay(wayMeta{highway: hw}, start)
	type junction struct {
		u  float64
		id int32
	}
	junctions := make([]junction, 0, len(us))
	for _, u := range us {
		if u-laneWallM < 8 || f.l-laneWallM-u < 8 {
			continue
		}
		junctions = append(junctions, junction{u, e.b.legToNew(rng, f.at(u, vs), leg{n: 1})[1]})
	}
	end := e.b.legToNew(rng, f.at(f.l-laneWallM, vs), leg{n: 1})[1]
	e.b.endWay()
	ends[f.sideOfU[1]] = append(ends[f.sideOfU[1]], end)
	for _, jn := range junctions {
		lo, hi := e.branch(rng, f, jn.u, vs, jn.id)
		if lo >= 0 {
			ends[f.sideOfV[0]] = append(ends[f.sideOfV[0]], lo)
		}
		if hi >= 0 {
			ends[f.sideOfV[1]] = append(ends[f.sideOfV[1]], hi)
		}
	}
	return ends
}

// branch builds the branch lane crossing the spine at junction jn (lane coordinates u,
// vs): one way through the junction, with one or both arms, some curved. It returns the
// arms' dead-end nodes, -1 for a missing arm.
func (e *gen) branch(rng *rand.Rand, f laneFrame, u, vs float64, jn int32) (int32, int32) {
	hw := geo.HighwayService
	switch x := rng.Float64(); {
	case x < 0.25:
		hw = geo.HighwayFootway
	case x < 0.4:
		hw = geo.HighwayResidential
	}
	downLen, upLen := vs-laneWallM, f.w-laneWallM-vs
	down, up := downLen >= 12, upLen >= 12
	if down && up && chance(rng, 0.1) {
		if chance(rng, 0.5) {
			down = false
		} else {
			up = false
		}
	}
	lo, hi := int32(-1), int32(-1)
	var downIDs, upIDs []int32
	if down {
		lo = e.b.node(f.at(u, laneWallM))
		e.b.beginWay(wayMeta{highway: hw}, lo)
		downIDs = e.b.legTo(rng, jn, leg{n: pieces(rng, downLen, armStepA, armStepB), jitter: 1})
	} else {
		e.b.beginWay(wayMeta{highway: hw}, jn)
	}
	if up {
		bend := 0.0
		if chance(rng, 0.2) {
			bend = uniform(rng, -0.5, 0.5) * math.Min(20, f.l/4)
		}
		upIDs = e.b.legToNew(rng, f.at(u, f.w-laneWallM), leg{n: pieces(rng, upLen, armStepA, armStepB), bend: bend, jitter: 1})
		hi = upIDs[len(upIDs)-1]
	}
	e.b.endWay()
	for _, ids := range [][]int32{downIDs, upIDs} {
		if len(ids) > 2 {
			e.entrances(rng, f, ids[1:len(ids)-1])
		}
	}
	return lo, hi
}

// entrances gives some of the branch-lane nodes a short footway (its own way) to a
// building entrance beside the lane, along the spine's direction.
func (e *gen) entrances(rng *rand.Rand, f laneFrame, nodes []int32) {
	for _, n := range nodes {
		if !chance(rng, stubShare) {
			continue
		}
		du := uniform(rng, stubMinM, stubMaxM)
		if chance(rng, 0.5) {
			du = -du
		}
		p := e.b.xy[n]
		q := orb.Point{p[0], p[1] + du}
		if f.along {
			q = orb.Point{p[0] + du, p[1]}
		}
		e.b.beginWay(wayMeta{highway: geo.HighwayFootway}, n)
		e.b.legToNew(rng, q, leg{n: 1})
		e.b.endWay()
	}
}

// gates joins the compound's lanes to one to three of the roads beside it, each gate a
// short service lane (or footway, onto footways) from a dead end to the nearest road
// node.
func (e *gen) gates(rng *rand.Rand, c *compoundPlan, ends [4][]int32) {
	var open []int
	for s, rd := range c.sides {
		if len(rd.nodes) > 0 && len(ends[s]) > 0 {
			open = append(open, s)
		}
	}
	rng.Shuffle(len(open), func(a, b int) { open[a], open[b] = open[b], open[a] })
	want := 1
	switch x := rng.Float64(); {
	case x > 0.9:
		want = 3
	case x > 0.55:
		want = 2
	}
	for _, s := range open[:min(want, len(open))] {
		from := ends[s][rng.IntN(len(ends[s]))]
		to := e.nearestNode(inner(c.sides[s].nodes), e.b.xy[from])
		e.b.beginWay(wayMeta{highway: c.sides[s].gate}, from)
		e.b.legTo(rng, to, leg{n: 1})
		e.b.endWay()
	}
}

// inner returns a road's nodes without its two ends (where it meets other roads), unless
// it has no others.
func inner(nodes []int32) []int32 {
	if len(nodes) > 2 {
		return nodes[1 : len(nodes)-1]
	}
	return nodes
}

// nearestNode returns the node of nodes nearest local point p.
func (e *gen) nearestNode(nodes []int32, p orb.Point) int32 {
	best, bestD := nodes[0], math.Inf(1)
	for _, n := range nodes {
		q := e.b.xy[n]
		if d := math.Hypot(q[0]-p[0], q[1]-p[1]); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

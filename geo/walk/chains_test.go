package walk_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// spurNetwork makes a seeded network of what the bounded searches walk past instead of
// queueing: a grid of streets whose blocks are split into chains of two-way nodes, dead-end
// spurs (single ways and chains of them) off grid and chain nodes, a loop, and an isolated
// way of two dead ends.
func spurNetwork(seed uint64) *network {
	rng := rand.New(rand.NewPCG(seed, 3))
	nw := newNetwork()
	base := orb.Point{121.40, 31.20}
	id, eid := int64(1), int64(1)
	newNode := func(x, y float64) int64 {
		nw.node(id, east(north(base, y), x))
		id++
		return id - 1
	}
	way := func(a, b int64) {
		nw.edge(eid, a, b, "footway", 0)
		eid++
	}
	const side, step = 5, 200.0
	grid := map[[2]int]int64{}
	for i := range side {
		for j := range side {
			grid[[2]int{i, j}] = newNode(float64(i)*step, float64(j)*step)
		}
	}
	chainTo := func(a, b int64, ax, ay, bx, by float64) {
		prev := a
		for k := 1; k < 1+rng.IntN(4); k++ {
			t := float64(k) / 5
			v := newNode(ax+t*(bx-ax)+rng.Float64()*5, ay+t*(by-ay)+rng.Float64()*5)
			way(prev, v)
			if rng.IntN(3) == 0 { // a spur off the chain: one dead end or a chain of them
				s := newNode(ax+t*(bx-ax)+20, ay+t*(by-ay)+25)
				way(v, s)
				if rng.IntN(2) == 0 {
					way(s, newNode(ax+t*(bx-ax)+40, ay+t*(by-ay)+50))
				}
			}
			prev = v
		}
		way(prev, b)
	}
	for i := range side {
		for j := range side {
			x, y := float64(i)*step, float64(j)*step
			if i+1 < side {
				chainTo(grid[[2]int{i, j}], grid[[2]int{i + 1, j}], x, y, x+step, y)
			}
			if j+1 < side {
				chainTo(grid[[2]int{i, j}], grid[[2]int{i, j + 1}], x, y, x, y+step)
			}
			if rng.IntN(2) == 0 {
				way(grid[[2]int{i, j}], newNode(x-15, y+30))
			}
		}
	}
	nw.edge(eid, grid[[2]int{2, 2}], grid[[2]int{2, 2}], "footway", 0, east(north(base, 2*step+30), 2*step+30)) // a loop
	eid++
	way(newNode(300, -60), newNode(330, -60)) // two dead ends of one way
	return nw
}

// TestBoundedSearchWalksChains compares the bounded multi-source search, which walks
// chains and labels dead ends after the search, with the reference Dijkstra and with
// main's relaxation that queues every node (SetPlainSearch): times equal to the bit and the
// same nearest source for every node, sources on chains, spurs and dead ends included.
func TestBoundedSearchWalksChains(t *testing.T) {
	m := geo.DefaultWalkModel()
	for _, seed := range []uint64{1, 2, 3, 4} {
		for _, limit := range []float64{120, 600, 3000} {
			t.Run(fmt.Sprintf("seed %d limit %v", seed, limit), func(t *testing.T) {
				nw := spurNetwork(seed)
				g := nw.build(t, m)
				ref := newRef(t, nw.nodes, nw.edges, m)
				pts := onNetwork(seed, nw, 8)
				var sources []walk.Snap
				var refSources []refSnap
				for _, p := range pts {
					sources, refSources = append(sources, g.Snap(p)), append(refSources, ref.snap(p))
				}
				want := ref.nodeTimes(refSources)
				f := g.MultiSource(sources, limit)
				defer f.Release()
				g.SetPlainSearch(true)
				plain := g.MultiSource(sources, limit)
				g.SetPlainSearch(false)
				defer plain.Release()
				reached := 0
				for v := range int32(g.NumNodes()) {
					got, ok := f.NodeSeconds(v)
					pg, pok := plain.NodeSeconds(v)
					if ok != pok || (ok && got != pg) {
						t.Fatalf("node %d: %v (%v), main's relaxation %v (%v)", g.NodeID(v), got, ok, pg, pok)
					}
					w := want[ref.index[g.NodeID(v)]]
					if math.Abs(w-limit) < 1e-6 {
						continue
					}
					if wok := w <= limit; ok != wok || (ok && !near(got, w, 1e-6*math.Max(1, w))) {
						t.Fatalf("node %d: %.9f (%v); reference %.9f", g.NodeID(v), got, ok, w)
					}
					if ok {
						reached++
					}
				}
				for _, p := range append(samplePoints(seed+90, nw, 40), onNetwork(seed+1, nw, 40)...) {
					s := g.Snap(p)
					sec, src, ok := f.At(s)
					psec, psrc, pok := plain.At(s)
					if ok != pok || sec != psec || src != psrc {
						t.Fatalf("point %v: %v from %d (%v), main's relaxation %v from %d (%v)", p, sec, src, ok, psec, psrc, pok)
					}
				}
				if reached == 0 {
					t.Fatal("nothing reached: the case tests nothing")
				}
			})
		}
	}
}

// onNetwork returns n points on nw: on ways (dead-end spurs often among them) and at nodes.
func onNetwork(seed uint64, nw *network, n int) []orb.Point {
	rng := rand.New(rand.NewPCG(seed, 5))
	var ps []orb.Point
	for k := range n {
		if k%3 == 2 {
			ps = append(ps, nw.nodes[rng.IntN(len(nw.nodes))].Point)
			continue
		}
		g := nw.edges[rng.IntN(len(nw.edges))].Geometry
		t := rng.Float64()
		ps = append(ps, orb.Point{g[0][0] + t*(g[1][0]-g[0][0]), g[0][1] + t*(g[1][1]-g[0][1])})
	}
	return ps
}

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

// forestNetwork makes a seeded network of everything Cover's core decomposition tells
// apart: a small grid core whose streets are chains, deep branching trees hanging off
// junctions and chain interiors (spurs of spurs), a lollipop (a chain from a junction back
// to itself with a tree on it), parallel ways between two junctions, a component that is
// only a tree, one that is only a cycle, a one-node loop and a lone node with no way.
func forestNetwork(seed uint64) *network {
	rng := rand.New(rand.NewPCG(seed, 11))
	nw := newNetwork()
	base := orb.Point{104.06, 30.66}
	id, eid := int64(1), int64(1)
	at := func(x, y float64) int64 {
		nw.node(id, east(north(base, y), x))
		id++
		return id - 1
	}
	way := func(a, b int64) {
		nw.edge(eid, a, b, "footway", 0)
		eid++
	}
	pos := map[int64][2]float64{}
	node := func(x, y float64) int64 { v := at(x, y); pos[v] = [2]float64{x, y}; return v }
	var tree func(from int64, depth int)
	tree = func(from int64, depth int) {
		p := pos[from]
		for k := range 1 + rng.IntN(2) {
			v := node(p[0]+15+rng.Float64()*20, p[1]+float64(k*20)-10+rng.Float64()*10)
			way(from, v)
			if depth > 0 && rng.IntN(3) > 0 {
				tree(v, depth-1)
			}
		}
	}
	const side, step = 4, 300.0
	grid := map[[2]int]int64{}
	for i := range side {
		for j := range side {
			grid[[2]int{i, j}] = node(float64(i)*step, float64(j)*step)
		}
	}
	for i := range side {
		for j := range side {
			for _, d := range [][2]int{{1, 0}, {0, 1}} {
				b, ok := grid[[2]int{i + d[0], j + d[1]}]
				if !ok {
					continue
				}
				prev := grid[[2]int{i, j}]
				for k := 1; k < 1+rng.IntN(4); k++ {
					t := float64(k) / 5
					v := node((float64(i)+t*float64(d[0]))*step, (float64(j)+t*float64(d[1]))*step)
					way(prev, v)
					if rng.IntN(2) == 0 {
						tree(v, 3)
					}
					prev = v
				}
				way(prev, b)
			}
			if rng.IntN(2) == 0 {
				tree(grid[[2]int{i, j}], 4)
			}
		}
	}
	hub := grid[[2]int{0, 0}]
	l1, l2 := node(-40, -20), node(-60, 10) // a lollipop off the hub, a tree on it
	way(hub, l1)
	way(l1, l2)
	way(l2, hub)
	tree(l1, 2)
	a, b := grid[[2]int{1, 1}], grid[[2]int{2, 1}]
	nw.edge(eid, a, b, "footway", 0, east(north(base, step+40), 1.5*step)) // parallel to the chain a–b
	eid++
	t0 := node(2000, 0) // a component that is only a tree
	tree(t0, 4)
	c0, c1, c2 := node(2500, 0), node(2600, 0), node(2550, 80) // one that is only a cycle
	way(c0, c1)
	way(c1, c2)
	way(c2, c0)
	tree(c1, 1)
	o := node(3000, 0) // a one-node loop
	nw.edge(eid, o, o, "footway", 0, east(north(base, 40), 3000), east(north(base, 40), 3040))
	eid++
	node(3500, 0) // a lone node
	return nw
}

// TestCoverMatchesReference checks Cover, which searches only the core's junctions,
// against the reference Dijkstra's best trip to every point (sources and points in trees,
// on chains and at junctions, every component kind), and against MultiSource's EachPoint:
// the same points reached, times within 1e-9 s, the same nearest source unless two are
// within 1e-6 s.
func TestCoverMatchesReference(t *testing.T) {
	m := geo.DefaultWalkModel()
	nets := []struct {
		name string
		nw   func(seed uint64) *network
	}{
		{"forest", forestNetwork},
		{"spurs", spurNetwork},
		{"random", func(seed uint64) *network { return randomNetwork(seed, 90) }},
	}
	for _, n := range nets {
		for _, seed := range []uint64{1, 2, 3} {
			for _, limit := range []float64{90, 400, 2000, math.Inf(1)} {
				t.Run(fmt.Sprintf("%s seed %d limit %v", n.name, seed, limit), func(t *testing.T) {
					checkCover(t, n.nw(seed), m, seed, limit)
				})
			}
		}
	}
}

func checkCover(t *testing.T, nw *network, m geo.WalkModel, seed uint64, limit float64) {
	t.Helper()
	g := nw.build(t, m)
	ref := newRef(t, nw.nodes, nw.edges, m)
	var sources []walk.Snap
	var refSources []refSnap
	for _, p := range onWays(seed, nw, 10) {
		sources, refSources = append(sources, g.Snap(p)), append(refSources, ref.snap(p))
	}
	pts := append(onWays(seed+7, nw, 150), samplePoints(seed+9, nw, 60)...)
	snaps := g.SnapAll(pts)
	prepared := g.PreparePoints(snaps)
	type got struct {
		sec float64
		src int32
	}
	cover, field := map[int]got{}, map[int]got{}
	g.Cover(sources, limit, prepared, func(i int, sec float64, src int32) { cover[i] = got{sec, src} })
	f := g.MultiSource(sources, limit)
	f.EachPoint(prepared, func(i int, sec float64, src int32) { field[i] = got{sec, src} })
	f.Release()
	reached := 0
	for i, p := range pts {
		rp := ref.snap(p)
		best, second, bestJ := math.Inf(1), math.Inf(1), -1
		for j, rs := range refSources {
			if sec, _ := ref.trip(rs, rp); sec < best {
				best, second, bestJ = sec, best, j
			} else if sec < second {
				second = sec
			}
		}
		c, ok := cover[i]
		fv, fok := field[i]
		if math.Abs(best-limit) < 1e-6 {
			continue
		}
		if want := best <= limit && !math.IsInf(best, 1); ok != want || fok != want {
			t.Fatalf("point %d %v: Cover reached %v (%.9f), EachPoint %v; reference %.9f, limit %v", i, p, ok, c.sec, fok, best, limit)
		}
		if !ok {
			continue
		}
		reached++
		if !near(c.sec, best, 1e-6*math.Max(1, best)) || math.Abs(c.sec-fv.sec) > 1e-9 {
			t.Fatalf("point %d %v: Cover %.12f s, EachPoint %.12f s; reference %.12f s", i, p, c.sec, fv.sec, best)
		}
		if second-best > 1e-6 && (int(c.src) != bestJ || c.src != fv.src) {
			t.Fatalf("point %d %v: Cover's nearest source %d, EachPoint's %d; reference %d", i, p, c.src, fv.src, bestJ)
		}
	}
	if reached == 0 {
		t.Fatal("nothing reached: the case tests nothing")
	}
}

// onWays returns n points on nw: on its edges' first segments and at its nodes.
func onWays(seed uint64, nw *network, n int) []orb.Point {
	rng := rand.New(rand.NewPCG(seed, 5))
	var ps []orb.Point
	for k := range n {
		if k%3 == 2 {
			ps = append(ps, nw.nodes[rng.IntN(len(nw.nodes))].Point)
			continue
		}
		e := nw.edges[rng.IntN(len(nw.edges))]
		a, b := nw.at[e.Source], nw.at[e.Target]
		if len(e.Geometry) >= 2 {
			a, b = e.Geometry[0], e.Geometry[1]
		}
		t := rng.Float64()
		ps = append(ps, orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
	}
	return ps
}

// TestCoverSourceless checks that a Cover without usable sources reaches nothing, and
// that points prepared on another graph are not read.
func TestCoverSourceless(t *testing.T) {
	m := geo.DefaultWalkModel()
	nw := forestNetwork(5)
	g, other := nw.build(t, m), nw.build(t, m)
	pts := g.PreparePoints(g.SnapAll(onNetwork(5, nw, 20)))
	calls := 0
	g.Cover(nil, 900, pts, func(int, float64, int32) { calls++ })
	g.Cover([]walk.Snap{{}}, 900, pts, func(int, float64, int32) { calls++ })
	other.Cover([]walk.Snap{g.Snap(nw.nodes[0].Point)}, 900, pts, func(int, float64, int32) { calls++ })
	if calls != 0 {
		t.Fatalf("%d points reached without usable sources or on another graph", calls)
	}
	g.Cover([]walk.Snap{g.Snap(nw.nodes[0].Point)}, 900, pts, func(int, float64, int32) { calls++ })
	if calls == 0 {
		t.Fatal("a usable source reaches nothing: the case tests nothing")
	}
}

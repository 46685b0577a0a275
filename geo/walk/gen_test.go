package walk_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// north returns p moved m metres along its meridian.
func north(p orb.Point, m float64) orb.Point {
	return orb.Point{p[0], p[1] + m/local.MetresPerDegreeLat}
}

// east returns p moved m metres along its parallel.
func east(p orb.Point, m float64) orb.Point {
	return orb.Point{p[0] + m/local.MetresPerDegreeLon(p[1]), p[1]}
}

// network collects nodes and edges for a test graph.
type network struct {
	nodes []geo.WalkNode
	edges []geo.WalkEdge
	at    map[int64]orb.Point
}

func newNetwork() *network { return &network{at: map[int64]orb.Point{}} }

func (n *network) node(id int64, p orb.Point) {
	n.nodes = append(n.nodes, geo.WalkNode{ID: id, Point: p})
	n.at[id] = p
}

// edge adds an edge whose geometry runs src, bends..., dst. lengthM 0 means "measure it".
func (n *network) edge(id, src, dst int64, highway string, lengthM float64, bends ...orb.Point) {
	g := orb.LineString{n.at[src]}
	g = append(g, bends...)
	g = append(g, n.at[dst])
	if lengthM == 0 {
		lengthM = geo.LineLengthM(g)
	}
	n.edges = append(n.edges, geo.WalkEdge{ID: id, Source: src, Target: dst, LengthM: lengthM, Highway: highway, Geometry: g})
}

func (n *network) build(tb testing.TB, m geo.WalkModel) *walk.Graph {
	tb.Helper()
	g, err := walk.Build(n.nodes, n.edges, m)
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return g
}

// randomNetwork makes a seeded irregular network of about n nodes in a 1.5 km square near
// Shanghai: links to near neighbours, some bent polylines, some steps, some edges without
// geometry, parallel edges, a loop, and a separate island 2 km east.
func randomNetwork(seed uint64, n int) *network {
	rng := rand.New(rand.NewPCG(seed, 7))
	base := orb.Point{121.40, 31.20}
	nw := newNetwork()
	for i := 0; i < n; i++ {
		x, y := rng.Float64()*1500, rng.Float64()*1500
		if i >= n-8 { // island
			x, y = 3500+rng.Float64()*300, rng.Float64()*300
		}
		nw.node(int64(1000+i), east(north(base, y), x))
	}
	id := int64(1)
	for i := 0; i < n; i++ {
		links := nearestOf(nw, i, 1+rng.IntN(3))
		if j := nearestBefore(nw, i, n-8); j >= 0 && !contains(links, j) {
			links = append(links, j) // keeps the main part and the island each in one piece
		}
		for _, j := range links {
			nw.randomEdge(rng, id, int64(1000+i), int64(1000+j))
			id++
		}
	}
	nw.randomEdge(rng, id, nw.nodes[0].ID, nw.nodes[0].ID) // a loop
	return nw
}

// randomEdge adds an edge between src and dst with random shape and kind.
func (n *network) randomEdge(rng *rand.Rand, id, src, dst int64) {
	a, b := n.at[src], n.at[dst]
	var bends []orb.Point
	if src == dst || rng.IntN(3) == 0 {
		for k := 0; k < 1+rng.IntN(3); k++ {
			t := float64(k+1) / 4
			mid := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
			bends = append(bends, east(north(mid, rng.Float64()*80-40), rng.Float64()*80-40))
		}
	}
	hw := "residential"
	if rng.IntN(8) == 0 {
		hw = "steps"
	}
	n.edge(id, src, dst, hw, 0, bends...)
	if len(bends) == 0 && rng.IntN(4) == 0 {
		n.edges[len(n.edges)-1].Geometry = nil // the straight line between the nodes
	}
}

// nearestBefore returns the node before i nearest to it on the same side of split (the
// island starts at split), or -1.
func nearestBefore(n *network, i, split int) int {
	lo := 0
	if i >= split {
		lo = split
	}
	best, bd := -1, math.Inf(1)
	for j := lo; j < i; j++ {
		if d := geo.HaversineM(n.nodes[i].Point, n.nodes[j].Point); d < bd {
			best, bd = j, d
		}
	}
	return best
}

// nearestOf returns the indexes of the k nodes nearest to node i.
func nearestOf(n *network, i, k int) []int {
	var out []int
	for len(out) < k {
		best, bd := -1, math.Inf(1)
		for j := range n.nodes {
			if j == i || contains(out, j) {
				continue
			}
			if d := geo.HaversineM(n.nodes[i].Point, n.nodes[j].Point); d < bd {
				best, bd = j, d
			}
		}
		if best < 0 {
			break
		}
		out = append(out, best)
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// samplePoints returns seeded test points for n: random ones around the network (some
// off-network), nodes, geometry vertices and segment midpoints.
func samplePoints(seed uint64, n *network, count int) []orb.Point {
	rng := rand.New(rand.NewPCG(seed, 11))
	base := orb.Point{121.40, 31.20}
	var ps []orb.Point
	for i := 0; i < count; i++ {
		if i%8 == 7 { // around the island, or far out
			ps = append(ps, east(north(base, rng.Float64()*1400-600), rng.Float64()*1900+2900))
			continue
		}
		ps = append(ps, east(north(base, rng.Float64()*2300-400), rng.Float64()*2300-400))
	}
	for i := 0; i < count/8; i++ {
		ps = append(ps, n.nodes[rng.IntN(len(n.nodes))].Point)
		e := n.edges[rng.IntN(len(n.edges))]
		if len(e.Geometry) > 1 {
			k := rng.IntN(len(e.Geometry) - 1)
			a, b := e.Geometry[k], e.Geometry[k+1]
			ps = append(ps, a, orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2})
		}
	}
	return ps
}

// gridNetwork makes a benchmark network: a side × side grid at about 80 m spacing with
// jitter, about 65% of the grid links kept (≈1.3 edges per node), every fifth edge bent,
// every fiftieth steps; nodes and edges shuffled.
func gridNetwork(side int, seed uint64) ([]geo.WalkNode, []geo.WalkEdge) {
	rng := rand.New(rand.NewPCG(seed, 3))
	const spacing = 80.0
	lat0, lon0 := 31.0, 121.0
	dLat := spacing / local.MetresPerDegreeLat
	dLon := spacing / local.MetresPerDegreeLon(lat0)
	nodes := make([]geo.WalkNode, 0, side*side)
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			p := orb.Point{lon0 + (float64(x)+rng.Float64()*0.3)*dLon, lat0 + (float64(y)+rng.Float64()*0.3)*dLat}
			nodes = append(nodes, geo.WalkNode{ID: int64(y*side + x + 1), Point: p})
		}
	}
	edges := make([]geo.WalkEdge, 0, side*side*13/10)
	add := func(a, b int) {
		if rng.Float64() > 0.65 {
			return
		}
		pa, pb := nodes[a].Point, nodes[b].Point
		g := orb.LineString{pa, pb}
		if len(edges)%5 == 0 {
			mid := orb.Point{(pa[0]+pb[0])/2 + (rng.Float64()-0.5)*dLon*0.2, (pa[1]+pb[1])/2 + (rng.Float64()-0.5)*dLat*0.2}
			g = orb.LineString{pa, mid, pb}
		}
		hw := "residential"
		if len(edges)%50 == 0 {
			hw = "steps"
		}
		edges = append(edges, geo.WalkEdge{ID: int64(len(edges) + 1), Source: nodes[a].ID, Target: nodes[b].ID,
			LengthM: geo.LineLengthM(g), Highway: hw, Geometry: g})
	}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			i := y*side + x
			if x+1 < side {
				add(i, i+1)
			}
			if y+1 < side {
				add(i, i+side)
			}
		}
	}
	// Real inputs come in no useful order.
	rng.Shuffle(len(nodes), func(i, j int) { nodes[i], nodes[j] = nodes[j], nodes[i] })
	rng.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
	return nodes, edges
}

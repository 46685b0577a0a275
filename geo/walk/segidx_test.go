package walk_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// segidxGraphs are the graphs the segment index is checked on, built and read back from
// their snapshot.
func segidxGraphs(t *testing.T) []struct {
	name string
	g    *walk.Graph
} {
	t.Helper()
	m := geo.DefaultWalkModel()
	nodes, edges := gridNetwork(120, 9)
	grid, err := walk.Build(nodes, edges, m)
	if err != nil {
		t.Fatal(err)
	}
	out := []struct {
		name string
		g    *walk.Graph
	}{
		{"random 300", randomNetwork(3, 300).build(t, m)},
		{"random 60", randomNetwork(11, 60).build(t, m)},
		{"grid 120 × 120", grid},
	}
	for _, c := range out[:len(out):len(out)] {
		var buf bytes.Buffer
		if err := c.g.WriteSnapshot(&buf); err != nil {
			t.Fatal(err)
		}
		h, err := walk.ReadSnapshot(&buf, m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, struct {
			name string
			g    *walk.Graph
		}{c.name + ", read back", h})
	}
	return out
}

// The segment index files every segment under the cells gridindex.NewPolylines does, in
// the same order, whether built or read from a snapshot.
func TestSegIndexCellsMatchGridindex(t *testing.T) {
	for _, c := range segidxGraphs(t) {
		t.Run(c.name, func(t *testing.T) {
			cells, filings, err := walk.CheckIndexCells(c.g)
			if err != nil {
				t.Fatal(err)
			}
			if cells < 4 || filings < c.g.NumEdges() {
				t.Fatalf("%d cells, %d filings for %d edges: the case tests nothing", cells, filings, c.g.NumEdges())
			}
		})
	}
}

// The segment index's nearest search finds the same segment, foot and distance, bit for
// bit, as gridindex's Index.Nearest did, on random points inside, around and far outside
// the network, on nodes and on geometry vertices.
func TestSegIndexNearestMatchesGridindex(t *testing.T) {
	for _, c := range segidxGraphs(t) {
		t.Run(c.name, func(t *testing.T) {
			ref, err := walk.ReferenceNearest(c.g)
			if err != nil || ref == nil {
				t.Fatalf("reference: %v (nil %v)", err, ref == nil)
			}
			for i, p := range segidxPoints(c.g, 6000, 4) {
				s, f, d := walk.IndexNearest(c.g, p)
				rs, rf, rd := ref(p)
				if s != rs || f != rf || d != rd {
					t.Fatalf("point %d %v: segment %d foot %v at %v m; gridindex %d %v %v", i, p, s, f, d, rs, rf, rd)
				}
			}
		})
	}
}

// segidxPoints returns seeded points: uniform over g's bounds widened by a tenth of their size
// on every side, a few far away, the graph's node points and points just off them.
func segidxPoints(g *walk.Graph, count int, seed uint64) []orb.Point {
	rng := rand.New(rand.NewPCG(seed, 13))
	b := g.Bounds()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	ps := []orb.Point{{0, 0}, {179.9, 89.9}, {-179.9, -89.9}, {b.Min[0] - 1, b.Max[1] + 1}}
	for range count {
		ps = append(ps, orb.Point{b.Min[0] - w/10 + rng.Float64()*1.2*w, b.Min[1] - h/10 + rng.Float64()*1.2*h})
	}
	for i := int32(0); i < int32(g.NumNodes()); i += max(1, int32(g.NumNodes()/500)) {
		p := g.NodePoint(i)
		ps = append(ps, p, orb.Point{p[0] + (rng.Float64()-0.5)*1e-4, p[1] + (rng.Float64()-0.5)*1e-4})
	}
	return ps
}

package synth_test

import (
	"sort"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// generate builds a district or fails the test.
func generate(tb testing.TB, cfg synth.Config) *synth.District {
	tb.Helper()
	d, err := synth.Generate(cfg)
	if err != nil {
		tb.Fatalf("Generate(%+v): %v", cfg, err)
	}
	return d
}

// unionFind is a disjoint-set forest over node indices.
type unionFind struct{ parent, size []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n), size: make([]int, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = i, 1
	}
	return u
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b int) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
}

// components returns the sizes of the connected components of d's network, largest
// first, leaving out the edges skip rejects.
func components(tb testing.TB, d *synth.District, skip func(geo.WalkEdge) bool) []int {
	tb.Helper()
	index := make(map[int64]int, len(d.Nodes))
	for i, n := range d.Nodes {
		index[n.ID] = i
	}
	u := newUnionFind(len(d.Nodes))
	for _, e := range d.Edges {
		if skip != nil && skip(e) {
			continue
		}
		a, okA := index[e.Source]
		b, okB := index[e.Target]
		if !okA || !okB {
			tb.Fatalf("edge %d joins unknown nodes %d–%d", e.ID, e.Source, e.Target)
		}
		u.union(a, b)
	}
	var sizes []int
	for i := range u.parent {
		if u.find(i) == i {
			sizes = append(sizes, u.size[i])
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
	return sizes
}

// planarArea returns mp's area in square degrees (orb/planar, an independent measure).
func planarArea(mp orb.MultiPolygon) float64 { return planar.Area(mp) }

// planarContains reports whether p lies in mp (orb/planar).
func planarContains(mp orb.MultiPolygon, p orb.Point) bool { return planar.MultiPolygonContains(mp, p) }

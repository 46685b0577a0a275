package synth_test

import (
	"maps"
	"slices"
	"sort"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/fixture"
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

// components returns the sizes of the connected components of d's network, largest
// first, leaving out the edges skip rejects (fixture.Components' union-find).
func components(tb testing.TB, d *synth.District, skip func(geo.WalkEdge) bool) []int {
	tb.Helper()
	known := make(map[int64]bool, len(d.Nodes))
	for _, n := range d.Nodes {
		known[n.ID] = true
	}
	var edges []geo.WalkEdge
	for _, e := range d.Edges {
		if skip != nil && skip(e) {
			continue
		}
		if !known[e.Source] || !known[e.Target] {
			tb.Fatalf("edge %d joins unknown nodes %d–%d", e.ID, e.Source, e.Target)
		}
		edges = append(edges, e)
	}
	_, size := fixture.Components(d.Nodes, edges)
	sizes := slices.Collect(maps.Values(size))
	sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
	return sizes
}

// planarArea returns mp's area in square degrees (orb/planar, an independent measure).
func planarArea(mp orb.MultiPolygon) float64 { return planar.Area(mp) }

// planarContains reports whether p lies in mp (orb/planar).
func planarContains(mp orb.MultiPolygon, p orb.Point) bool { return planar.MultiPolygonContains(mp, p) }

package walk_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// TestMultiSourceNearMatchesMultiSource compares MultiSourceNear with MultiSource on
// random networks (bends, steps, an island): at every sample point within the disc the
// answers are the same to the bit, and some points are answered and some pruned away.
func TestMultiSourceNearMatchesMultiSource(t *testing.T) {
	for _, tc := range []struct {
		seed            uint64
		limit, radiusM  float64
		centreAt, nSrcs int
	}{
		{1, 1200, 400, 0, 6}, {2, 900, 150, 5, 8}, {3, 900, 250, 9, 10}, {4, 1200, 600, 3, 12},
	} {
		t.Run(fmt.Sprint(tc.seed), func(t *testing.T) {
			nw := randomNetwork(tc.seed, 90)
			g := nw.build(t, geo.DefaultWalkModel())
			sources := g.SnapAll(samplePoints(tc.seed+100, nw, 16)[:tc.nSrcs])
			centre := nw.nodes[tc.centreAt].Point
			all := g.MultiSource(sources, tc.limit)
			defer all.Release()
			near := g.MultiSourceNear(sources, tc.limit, centre, tc.radiusM)
			defer near.Release()
			inside, reached := 0, 0
			for _, p := range samplePoints(tc.seed+200, nw, 400) {
				if geo.HaversineM(p, centre) > tc.radiusM {
					continue
				}
				inside++
				s := g.Snap(p)
				a, _, okA := all.At(s)
				b, _, okB := near.At(s)
				if okA != okB || math.Float64bits(a) != math.Float64bits(b) {
					t.Fatalf("point %v: MultiSource %v (%v), MultiSourceNear %v (%v)", p, a, okA, b, okB)
				}
				if okA {
					reached++
				}
			}
			if inside == 0 || reached == 0 {
				t.Fatalf("%d sample points in the disc, %d reached: the case tests too little", inside, reached)
			}
			if pruned := labelled(g, all) - labelled(g, near); pruned <= 0 {
				t.Errorf("MultiSourceNear labelled %d nodes fewer than MultiSource: nothing was pruned", pruned)
			}
		})
	}
}

// labelled counts the nodes f reached.
func labelled(g *walk.Graph, f *walk.Field) int {
	n := 0
	for i := range g.NumNodes() {
		if _, ok := f.NodeSeconds(int32(i)); ok {
			n++
		}
	}
	return n
}

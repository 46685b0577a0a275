package walk_test

import (
	"fmt"

	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// TestEachPointMatchesReference reads prepared points from fields searched while the
// graph holds its buffers (each search reusing the last one's) and checks every point
// against the independent reference walker, and against At bit for bit.
func TestEachPointMatchesReference(t *testing.T) {
	for _, seed := range []uint64{21, 22} {
		for _, limit := range []float64{600, 1500} {
			t.Run(fmt.Sprintf("seed %d limit %v", seed, limit), func(t *testing.T) {
				checkEachPoint(t, seed, limit)
			})
		}
	}
}

func checkEachPoint(t *testing.T, seed uint64, limit float64) {
	nw := randomNetwork(seed, 90)
	m := geo.DefaultWalkModel()
	g := nw.build(t, m)
	ref := newRef(t, nw.nodes, nw.edges, m)
	pts := samplePoints(seed+200, nw, 120)
	snaps := g.SnapAll(pts)
	prepared := g.PreparePoints(snaps)
	if prepared.Len() != len(snaps) {
		t.Fatalf("Len %d, want %d", prepared.Len(), len(snaps))
	}
	release := g.HoldBuffers()
	defer release()
	reached := 0
	for round, srcPts := range [][]int{{0, 1, 2}, {3, 4, 5, 6, 7, 8}, {9}} {
		all := samplePoints(seed+100+uint64(round), nw, 16)
		var sources []walk.Snap
		var refSources []refSnap
		for _, k := range srcPts {
			sources, refSources = append(sources, g.Snap(all[k])), append(refSources, ref.snap(all[k]))
		}
		f := g.MultiSource(sources, limit)
		got := map[int][2]float64{}
		f.EachPoint(prepared, func(i int, sec float64, src int32) { got[i] = [2]float64{sec, float64(src)} })
		for i, s := range snaps {
			sec, src, ok := f.At(s)
			e, seen := got[i]
			if ok != seen || (ok && (e[0] != sec || int32(e[1]) != src)) {
				t.Fatalf("point %d: EachPoint %v (%v); At %v from %d (%v)", i, e, seen, sec, src, ok)
			}
			if checkAt(t, g, ref, f, sources, refSources, pts[i], limit) {
				reached++
			}
		}
		f.Release()
	}
	if reached < len(pts)/4 {
		t.Fatalf("only %d point readings reached: the case tests too little", reached)
	}
}

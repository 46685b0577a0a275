package walk_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// The field's answers equal a fresh nearest search's (itself checked against brute force)
// to float32 precision, for random points on random networks with steps, bends, islands.
func TestNearestFieldMatchesSearch(t *testing.T) {
	tests := []struct {
		name  string
		k     int
		limit float64
	}{
		{"k=1 unbounded", 1, math.Inf(1)},
		{"k=3 unbounded", 3, math.Inf(1)},
		{"k=3 within 600 s", 3, 600},
		{"k=5 within 300 s", 5, 300},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(9, uint64(tc.k)))
			for trial := 0; trial < 10; trial++ {
				nw := randomNetwork(uint64(200+trial), 80)
				g := nw.build(t, geo.DefaultWalkModel())
				pick := func() walk.Snap {
					p := nw.nodes[rng.IntN(len(nw.nodes))].Point
					return g.Snap(orb.Point{p[0] + (rng.Float64()-0.5)*2e-3, p[1] + (rng.Float64()-0.5)*2e-3})
				}
				var sources []walk.Snap
				for i := 0; i < 12; i++ {
					sources = append(sources, pick())
				}
				kf := g.NearestField(sources, tc.k, tc.limit)
				for q := 0; q < 30; q++ {
					from := pick()
					want := g.Nearest(from, sources, tc.k, tc.limit)
					got := kf.Nearest(from, tc.k)
					compareHits(t, trial, q, got, want)
				}
			}
		})
	}
}

func compareHits(t *testing.T, trial, q int, got, want []walk.Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("trial %d query %d: %d hits, search found %d (%v vs %v)", trial, q, len(got), len(want), got, want)
	}
	for i := range want {
		if math.Abs(got[i].Seconds-want[i].Seconds) > 1e-3*math.Max(1, want[i].Seconds/100) {
			t.Errorf("trial %d query %d hit %d: %.4f s, search %.4f s", trial, q, i, got[i].Seconds, want[i].Seconds)
		}
		if got[i].Index != want[i].Index && math.Abs(got[i].Seconds-want[i].Seconds) > 1e-3 {
			t.Errorf("trial %d query %d hit %d: source %d, search %d", trial, q, i, got[i].Index, want[i].Index)
		}
		if math.Abs(got[i].Metres-want[i].Metres) > 1e-2*math.Max(1, want[i].Metres/100) && got[i].Index == want[i].Index {
			t.Errorf("trial %d query %d hit %d: %.3f m, search %.3f m", trial, q, i, got[i].Metres, want[i].Metres)
		}
	}
}

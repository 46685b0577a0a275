package siting

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// TestPlanGridNearAgainstScan compares pointGrid.near with a scan of every point by
// great-circle distance: it must find every point within r and none beyond its margin.
func TestPlanGridNearAgainstScan(t *testing.T) {
	tests := []struct {
		name        string
		lat         float64
		spanDeg     float64
		n           int
		cellM, rM   float64
		queryBeyond float64 // how far outside the points' box queries may fall, degrees
	}{
		{"Chengdu district", 30.6, 0.1, 3000, 500, 1000, 0.01},
		{"small radius, fine buckets", 30.6, 0.02, 2000, 50, 50, 0.001},
		{"Harbin, high latitude", 45.8, 0.2, 2000, 1000, 2500, 0.05},
		{"southern hemisphere", -33.9, 0.1, 1000, 300, 700, 0.02},
		{"few points, huge buckets requested", 30, 0.5, 10, 100, 20000, 0.1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(tc.n)))
			pts := make([]orb.Point, tc.n)
			for i := range pts {
				pts[i] = orb.Point{104 + rng.Float64()*tc.spanDeg, tc.lat + rng.Float64()*tc.spanDeg}
			}
			g := newPointGrid(pts, tc.cellM)
			box := g.around(tc.rM)
			for q := range 300 {
				p := orb.Point{104 - tc.queryBeyond + rng.Float64()*(tc.spanDeg+2*tc.queryBeyond), tc.lat - tc.queryBeyond + rng.Float64()*(tc.spanDeg+2*tc.queryBeyond)}
				got := g.near(p, tc.rM, nil)
				for i, x := range pts {
					d := geo.HaversineM(p, x)
					found := slices.Contains(got, int32(i))
					if d <= tc.rM && !box.Contains(p) {
						t.Fatalf("query %d: point %d at %.2f m ≤ %.0f m, but the query is outside the reach box", q, i, d, tc.rM)
					}
					if d <= tc.rM && !found {
						t.Fatalf("query %d: point %d at %.2f m ≤ %.0f m not found", q, i, d, tc.rM)
					}
					if found && d > tc.rM*1.02+2 {
						t.Fatalf("query %d: point %d at %.2f m returned for r = %.0f m", q, i, d, tc.rM)
					}
				}
			}
		})
	}
}

func TestPlanTranspose(t *testing.T) {
	lists := [][]int32{{0, 2}, nil, {1, 2, 3}, {2}}
	want := [][]int32{{0}, {2}, {0, 2, 3}, {2}, nil}
	got := transpose(lists, 5)
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("target %d: %v, want %v", i, got[i], want[i])
		}
	}
}

package importers

import (
	"cmp"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// bruteSelfIntersects is the O(n²) reference for ringSelfIntersection on integer
// coordinates, with exact int64 arithmetic: non-adjacent edges may not share a point,
// adjacent edges may share only their common vertex.
func bruteSelfIntersects(r [][2]int64) bool {
	n := len(r) - 1
	cross := func(a, b, c [2]int64) int64 { return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0]) }
	sign := func(v int64) int { return cmp.Compare(v, 0) }
	on := func(a, b, c [2]int64) bool { // c on segment ab
		return cross(a, b, c) == 0 && min(a[0], b[0]) <= c[0] && c[0] <= max(a[0], b[0]) &&
			min(a[1], b[1]) <= c[1] && c[1] <= max(a[1], b[1])
	}
	meet := func(a, b, c, d [2]int64) bool {
		d1, d2 := sign(cross(c, d, a)), sign(cross(c, d, b))
		d3, d4 := sign(cross(a, b, c)), sign(cross(a, b, d))
		if d1*d2 < 0 && d3*d4 < 0 {
			return true
		}
		return on(c, d, a) || on(c, d, b) || on(a, b, c) || on(a, b, d)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			a, b, c, d := r[i], r[i+1], r[j], r[j+1]
			switch {
			case j == i+1: // b == c is shared: overlap iff a on cd (beyond b) or d on ab
				if (on(c, d, a) && a != b) || (on(a, b, d) && d != b) {
					return true
				}
			case i == 0 && j == n-1: // a == d is shared
				if (on(c, d, b) && b != a) || (on(a, b, c) && c != a) {
					return true
				}
			default:
				if meet(a, b, c, d) {
					return true
				}
			}
		}
	}
	return false
}

// closeRing closes the integer ring pts and returns it with its orb.Ring.
func closeRing(pts [][2]int64) ([][2]int64, orb.Ring) {
	pts = append(pts, pts[0])
	ring := make(orb.Ring, len(pts))
	for i, p := range pts {
		ring[i] = orb.Point{float64(p[0]), float64(p[1])}
	}
	return pts, ring
}

func TestRingSelfIntersectionAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	disagree := 0
	for trial := range 40000 {
		n := 3 + rng.IntN(12)
		if trial%4 == 0 {
			n = 3 + rng.IntN(60) // longer rings, many collinear and touching edges
		}
		grid := int64(3 + rng.IntN(8))
		var pts [][2]int64
		for len(pts) < n {
			p := [2]int64{rng.Int64N(grid), rng.Int64N(grid)}
			if len(pts) > 0 && pts[len(pts)-1] == p {
				continue
			}
			pts = append(pts, p)
		}
		if pts[0] == pts[len(pts)-1] {
			continue
		}
		pts, ring := closeRing(pts)
		want := bruteSelfIntersects(pts)
		for _, bruteMax := range []int{1 << 30, 0} { // every pair, the sweep
			if _, got, _ := ringSelfIntersectionUpTo(context.Background(), ring, bruteMax); got != want {
				disagree++
				if disagree < 5 {
					t.Errorf("trial %d ring %v (brute max %d): got %v, brute force %v", trial, pts, bruteMax, got, want)
				}
			}
		}
	}
	if disagree > 0 {
		t.Errorf("%d disagreements", disagree)
	}
}

func TestRingSelfIntersectionCases(t *testing.T) {
	tests := []struct {
		name string
		ring orb.Ring
		at   *orb.Point // where it crosses or touches itself, as ringSelfIntersection names it; nil: simple
	}{
		{"square", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, nil},
		{"bow-tie", orb.Ring{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}, &orb.Point{0.5, 0.5}},
		{"touches itself at a vertex", orb.Ring{{0, 0}, {2, 0}, {1, 1}, {2, 2}, {0, 2}, {1, 1}, {0, 0}}, &orb.Point{1, 1}},
		{"spike folding back", orb.Ring{{0, 0}, {2, 0}, {2, 2}, {2, 1}, {0, 2}, {0, 0}}, &orb.Point{2, 2}},
		{"flat triangle", orb.Ring{{0, 0}, {1, 0}, {2, 0}, {0, 0}}, &orb.Point{2, 0}},
		{"concave but simple", orb.Ring{{0, 0}, {4, 0}, {4, 4}, {2, 1}, {0, 4}, {0, 0}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.at != nil
			at, got, _ := ringSelfIntersection(context.Background(), tc.ring)
			if got != want || (got && at != *tc.at) {
				t.Errorf("got %v at %v, want %v at %v", got, at, want, tc.at)
			}
			if _, swept, _ := ringSelfIntersectionUpTo(context.Background(), tc.ring, 0); swept != want {
				t.Errorf("the sweep says %v, want %v", swept, want)
			}
		})
	}
}

// comb returns a simple comb of teeth long thin teeth (4 vertices each), height high,
// turned by angle radians: the shape that made the old grid check O(n²), every tooth in
// the same cells.
func comb(teeth int, high, angle float64) orb.Ring {
	ring := make(orb.Ring, 0, 4*teeth+3)
	for i := range teeth {
		x := float64(i)
		ring = append(ring, orb.Point{x, 0}, orb.Point{x, high}, orb.Point{x + 0.5, high}, orb.Point{x + 0.5, 0})
	}
	ring = append(ring, orb.Point{float64(teeth), 0}, orb.Point{float64(teeth), -1}, orb.Point{0, -1}, orb.Point{0, 0})
	sin, cos := math.Sincos(angle)
	for i, p := range ring {
		ring[i] = orb.Point{p[0]*cos - p[1]*sin, p[0]*sin + p[1]*cos}
	}
	return ring
}

func TestRingSelfIntersectionLargeShapes(t *testing.T) {
	crossed := comb(5000, 1000, 0)
	crossed[len(crossed)-3] = orb.Point{2500.25, 500} // the corner moves up into the teeth
	tests := []struct {
		name string
		ring orb.Ring
		want bool
	}{
		{"comb", comb(5000, 1000, 0), false},
		{"comb turned 45°", comb(5000, 1000, math.Pi/4), false},
		{"comb turned 90°", comb(5000, 1000, math.Pi/2), false},
		{"comb with a crossing", crossed, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, got, err := ringSelfIntersection(context.Background(), tc.ring); got != tc.want || err != nil {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, _, err := ringSelfIntersection(ctx, comb(5000, 1000, 0)); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// BenchmarkRingSelfIntersectionComb checks the 200 000-vertex comb a hostile probe sent
// (the grid check was still running after 120 s): target well under a second.
func BenchmarkRingSelfIntersectionComb(b *testing.B) {
	ring := comb(50000, 1000, 0)
	for b.Loop() {
		if _, bad, _ := ringSelfIntersection(context.Background(), ring); bad {
			b.Fatal("comb reported self-intersecting")
		}
	}
	b.ReportMetric(float64(len(ring)-1), "vertices")
}

func BenchmarkRingSelfIntersection(b *testing.B) {
	// a simple, wavy ring of 100 000 vertices, like a long traced boundary: the sweep must
	// keep the test near O(n log n).
	const n = 100000
	rng := rand.New(rand.NewPCG(1, 1))
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / n
		r := 1 + 0.05*math.Sin(13*a) + 1e-5*rng.Float64()
		ring = append(ring, orb.Point{r * math.Cos(a), r * math.Sin(a)})
	}
	ring = append(ring, ring[0])
	b.ResetTimer()
	for b.Loop() {
		if _, bad, _ := ringSelfIntersection(context.Background(), ring); bad {
			b.Fatal("star ring reported self-intersecting")
		}
	}
}

// FuzzRingSelfIntersection checks the sweep against the brute-force reference on rings
// of small integer coordinates read from the fuzzer's bytes (two bytes a vertex, 0–15
// each: many collinear and touching edges).
func FuzzRingSelfIntersection(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 1, 0, 0, 1})             // bow-tie
	f.Add([]byte{0, 0, 4, 0, 4, 4, 2, 1, 0, 4})       // concave, simple
	f.Add([]byte{0, 0, 2, 0, 1, 1, 2, 2, 0, 2, 1, 1}) // touches itself at a vertex
	f.Fuzz(func(t *testing.T, data []byte) {
		var pts [][2]int64
		for i := 0; i+1 < len(data) && len(pts) < 200; i += 2 {
			p := [2]int64{int64(data[i] & 15), int64(data[i+1] & 15)}
			if len(pts) == 0 || pts[len(pts)-1] != p {
				pts = append(pts, p)
			}
		}
		if len(pts) < 3 || pts[0] == pts[len(pts)-1] {
			return
		}
		pts, ring := closeRing(pts)
		want := bruteSelfIntersects(pts)
		if _, got, _ := ringSelfIntersectionUpTo(context.Background(), ring, 0); got != want {
			t.Fatalf("ring %v: the sweep says %v, brute force %v", pts, got, want)
		}
	})
}

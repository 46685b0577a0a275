package coverage

import (
	"math"
	"testing"
)

func TestClipConvexArea(t *testing.T) {
	square := func(x0, y0, x1, y1 float64) []xy { return []xy{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} }
	// An L of three unit squares: [0,2]×[0,1] plus [0,1]×[1,2].
	ell := []xy{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}}
	cases := []struct {
		name             string
		subject, clipper []xy
		want             float64 // hand-computed area
	}{
		{"overlapping squares", square(0, 0, 2, 2), square(1, 1, 3, 3), 1},
		{"subject inside", square(1, 1, 2, 2), square(0, 0, 3, 3), 1},
		{"clipper inside", square(0, 0, 3, 3), square(1, 1, 2, 2), 1},
		{"disjoint", square(0, 0, 1, 1), square(2, 2, 3, 3), 0},
		{"touching edge", square(0, 0, 1, 1), square(1, 0, 2, 1), 0},
		{"clockwise subject", []xy{{0, 0}, {0, 2}, {2, 2}, {2, 0}}, square(1, 1, 3, 3), 1},
		{"concave subject, notch inside clipper", ell, square(0.5, 0.5, 2, 2), 0.5 + 0.5 + 0.25},
		{"triangle clipper", square(0, 0, 2, 2), []xy{{0, 0}, {2, 0}, {0, 2}}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s [2][]xy
			got := math.Abs(signedArea(clipConvex(tc.subject, tc.clipper, &s)))
			if math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("area %v, want %v", got, tc.want)
			}
		})
	}
}

package walkref_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/walkref"
)

// TestTimesFromHandChecked walks a triangle whose sides are set by hand (LengthM, not
// geometry): A–B 100 m of footway, B–C 200 m of steps, A–C 600 m of footway, at 4 km/h
// (1.111 m/s) and steps ×1.5. The points sit on the nodes (access 0), so every time is a
// hand sum of edge times.
func TestTimesFromHandChecked(t *testing.T) {
	a, b, c := orb.Point{104, 30}, orb.Point{104.001, 30}, orb.Point{104.001, 30.002}
	nodes := []geo.WalkNode{{ID: 1, Point: a}, {ID: 2, Point: b}, {ID: 3, Point: c}}
	edges := []geo.WalkEdge{
		{ID: 10, Source: 1, Target: 2, LengthM: 100, Highway: "footway"},
		{ID: 11, Source: 2, Target: 3, LengthM: 200, Highway: "steps"},
		{ID: 12, Source: 1, Target: 3, LengthM: 600, Highway: "footway"},
	}
	ref := walkref.New(nodes, edges, geo.DefaultWalkModel())
	v := 4000.0 / 3600
	ab, bc, ac := 100/v, 200*1.5/v, 600/v
	cases := []struct {
		name     string
		from, to orb.Point
		want     float64
	}{
		{"a to b along one edge", a, b, ab},
		{"a to c: the steps (360 s) beat the long footway (540 s)", a, c, math.Min(ab+bc, ac)},
		{"c to a, the same way back", c, a, math.Min(ab+bc, ac)},
		{"b to c", b, c, bc},
		{"a to itself", a, a, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ref.TimesFrom(ref.Snap(tc.from), []walkref.Snap{ref.Snap(tc.to)})[0]
			if math.Abs(got-tc.want) > 1e-6 {
				t.Errorf("got %.6f s, want %.6f s", got, tc.want)
			}
		})
	}
}

// TestOffNetwork: a point farther than MaxSnapM (500 m) from every edge is off the
// network and reaches nothing.
func TestOffNetwork(t *testing.T) {
	nodes := []geo.WalkNode{{ID: 1, Point: orb.Point{104, 30}}, {ID: 2, Point: orb.Point{104.001, 30}}}
	edges := []geo.WalkEdge{{ID: 1, Source: 1, Target: 2, LengthM: 96, Highway: "footway"}}
	ref := walkref.New(nodes, edges, geo.DefaultWalkModel())
	far := ref.Snap(orb.Point{104, 30.01}) // about 1.1 km north
	if far.OnNetwork() {
		t.Fatal("a point 1.1 km from the only edge is on the network")
	}
	near := ref.Snap(orb.Point{104.0005, 30})
	if got := ref.TimesFrom(far, []walkref.Snap{near})[0]; !math.IsInf(got, 1) {
		t.Errorf("off-network source reaches a point in %.1f s", got)
	}
}

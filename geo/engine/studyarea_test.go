package engine_test

import (
	"context"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// TestStudyAreaIsTheDistricts: with a district loaded over the western half of the 2 km
// street, cells lie only inside it — with community boundaries, and without them (then
// the district replaces the network's extent) — while walking still uses the whole street.
func TestStudyAreaIsTheDistricts(t *testing.T) {
	nodes, edges, d := fixture.LineDistrict(20)
	west := nodes[10].Point[0] // 1 km east of the start
	district := orb.MultiPolygon{{{{103.99, 29.99}, {west, 29.99}, {west, 30.01}, {103.99, 30.01}, {103.99, 29.99}}}}
	d.Districts = []geo.District{{Code: "510104", Name: "锦江区", Boundary: district}}
	d.Outlets = []geo.Outlet{{ID: "o1", Name: "超市", Category: "supermarket", Point: nodes[15].Point}} // outside
	noComm := d
	noComm.Communities = nil
	whole := d
	whole.Districts = nil
	unclipped := compute(t, whole, nodes, edges)
	if n := len(inside(unclipped.Cells, district)); n == 0 || n == len(unclipped.Cells) {
		t.Fatalf("%d of the %d community cells lie in the district: the test needs some inside and some out", n, len(unclipped.Cells))
	}
	districtCells, err := coverage.Cells([]orb.MultiPolygon{district}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data engine.Data
		want []coverage.Cell // the cells expected, by H3 index
	}{
		{"communities clipped", d, inside(unclipped.Cells, district)},
		{"district instead of the network's extent", noComm, districtCells},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := compute(t, tc.data, nodes, edges)
			if len(e.Cells) == 0 || len(e.Cells) != len(tc.want) {
				t.Fatalf("%d cells, want %d", len(e.Cells), len(tc.want))
			}
			for i, c := range e.Cells {
				if c.H3 != tc.want[i].H3 || !planar.MultiPolygonContains(district, c.Center) {
					t.Fatalf("cell %d: %v at %v, want %v inside the district", i, c.H3, c.Center, tc.want[i].H3)
				}
			}
			// The only outlet lies 500 m east of the district: cells reach it along the street.
			reached := 0
			for _, s := range e.Results[0].Seconds {
				if s < 1e9 {
					reached++
				}
			}
			if reached == 0 {
				t.Errorf("no cell reaches the outlet outside the district: walking must use the whole network")
			}
		})
	}
}

func compute(tb testing.TB, d engine.Data, nodes []geo.WalkNode, edges []geo.WalkEdge) *engine.Engine {
	tb.Helper()
	e, err := engine.New(d, nodes, edges, engine.Options{Categories: []string{"supermarket"}, MaxMinutes: 60})
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.Compute(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return e
}

func inside(cells []coverage.Cell, mp orb.MultiPolygon) []coverage.Cell {
	var out []coverage.Cell
	for _, c := range cells {
		if planar.MultiPolygonContains(mp, c.Center) {
			out = append(out, c)
		}
	}
	return out
}

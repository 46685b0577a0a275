package assess_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// TestNetworkCompoundsHandChecked counts by hand on baseData's streets (south y = 0, west
// x = 0, north y = 600; 4 km/h = 66.7 m/min) from each compound's centroid: k1 (1 500, 0),
// k2 (1 800, 600), k3 (100, 0). p1 stands in k1 and c1 in k3. Walks: district d1 (1 000,
// 0) — k1 500 m, k3 900 m, k2 3 400 m; street s1 (0, 200) — k3 300 m, k1 1 700 m, k2
// 2 200 m; community c1 — k3 0, k1 1 400 m; compound p1 — k1 0, k3 1 400 m; building x1
// (1 000, 600) — k2 800 m, k3 1 600 m. -1: too close to a threshold to check by hand.
func TestNetworkCompoundsHandChecked(t *testing.T) {
	rep := assess.Network(newDistrict(t))
	want := map[string]struct {
		stations, inside int
		within           [3]int // 5, 10, 15 min
		none             int
	}{
		"district":  {1, 0, [3]int{0, 1, 2}, 1},
		"street":    {1, 0, [3]int{-1, 1, 1}, 2},
		"community": {1, 1, [3]int{1, 1, 1}, 2},
		"compound":  {1, 1, [3]int{1, 1, 1}, 2},
		"building":  {1, 0, [3]int{0, 0, 1}, 2},
		"any":       {5, 2, [3]int{2, 2, 3}, 0},
	}
	c := rep.Compounds
	if c.Compounds != 3 || c.WithoutPolygon != 0 || len(c.ByLevel) != len(want) {
		t.Fatalf("compounds %d, without polygon %d, %d rows; want 3, 0, %d", c.Compounds, c.WithoutPolygon, len(c.ByLevel), len(want))
	}
	for _, r := range c.ByLevel {
		w := want[r.Key]
		if r.Stations != w.stations || r.WithStation != w.inside || r.ReachedByNone != w.none || len(r.Within) != 3 {
			t.Errorf("%s: %+v, want %+v", r.Key, r, w)
			continue
		}
		for k, m := range []float64{5, 10, 15} {
			if r.Within[k].Minutes != m || (w.within[k] >= 0 && r.Within[k].Compounds != w.within[k]) {
				t.Errorf("%s within %v: %+v, want %d", r.Key, m, r.Within[k], w.within[k])
			}
		}
	}
}

func TestNetworkCompoundsWithoutPolygon(t *testing.T) {
	e := newDistrict(t, func(d *engine.Data) { d.Compounds[1].Polygon = nil })
	c := assess.Network(e).Compounds
	if c.Compounds != 2 || c.WithoutPolygon != 1 {
		t.Errorf("compounds %d, without polygon %d; want 2, 1", c.Compounds, c.WithoutPolygon)
	}
}

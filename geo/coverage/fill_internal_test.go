package coverage

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// TestFillQuartersMatchesWholeFill checks the fallback that fills a polygon by quarters
// when H3 fills it short: quartering must give the same cells as one fill.
func TestFillQuartersMatchesWholeFill(t *testing.T) {
	cases := []struct {
		name string
		poly orb.Polygon
	}{
		{"rectangle", orb.Polygon{{{104.05, 30.65}, {104.08, 30.65}, {104.08, 30.67}, {104.05, 30.67}, {104.05, 30.65}}}},
		{"triangle with hole", orb.Polygon{
			{{104.05, 30.65}, {104.09, 30.65}, {104.07, 30.69}, {104.05, 30.65}},
			{{104.065, 30.66}, {104.075, 30.66}, {104.075, 30.665}, {104.065, 30.665}, {104.065, 30.66}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			whole := dedupe(h3.PolygonToCells(toGeoPolygon(tc.poly), 10))
			split := dedupe(fillQuarters(tc.poly, 10, 0))
			// A centre exactly on a quarter line could fall on either side; allow none here.
			if !slices.Equal(whole, split) {
				t.Errorf("quartered fill has %d cells, whole fill %d", len(split), len(whole))
			}
			if tooFew(tc.poly, len(whole), 10) {
				t.Errorf("a complete fill of %d cells is judged too few", len(whole))
			}
			if !tooFew(tc.poly, len(whole)/4, 10) {
				t.Errorf("a quarter of the cells (%d) is not judged too few", len(whole)/4)
			}
		})
	}
}

func dedupe(cs []h3.Cell) []h3.Cell {
	slices.Sort(cs)
	return slices.Compact(cs)
}

func TestBoundCellEstimate(t *testing.T) {
	b := orb.Bound{Min: orb.Point{104.05, 30.65}, Max: orb.Point{104.08, 30.67}}
	got := boundCellEstimate(b, 10)
	n := float64(len(h3.PolygonToCells(toGeoPolygon(b.ToPolygon()), 10)))
	if math.Abs(got-n) > 0.15*n {
		t.Errorf("estimate %.0f cells, fill gives %.0f", got, n)
	}
}

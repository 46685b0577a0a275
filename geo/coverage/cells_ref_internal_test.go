package coverage

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/local"
)

// refCells is Cells as it was before the merge by sort: the filled cells owned through a
// map (first area in order wins), then sorted, centres and areas computed one by one.
func refCells(areas []orb.MultiPolygon, res int) []Cell {
	owner := map[h3.Cell]int{}
	for ai, mp := range areas {
		for _, poly := range mp {
			if len(poly) == 0 || len(poly[0]) == 0 {
				continue
			}
			for _, c := range fillPolygon(poly, res, 0) {
				if _, seen := owner[c]; !seen {
					owner[c] = ai
				}
			}
		}
	}
	var ids []h3.Cell
	for c := range owner {
		ids = append(ids, c)
	}
	slices.Sort(ids)
	cells := make([]Cell, len(ids))
	for i, c := range ids {
		ll := h3.CellToLatLng(c)
		cells[i] = Cell{H3: c, Center: orb.Point{ll.Lng, ll.Lat}, Area: owner[c], AreaM2: h3.CellAreaM2(c)}
	}
	return cells
}

// refWeightedLand is weightedLand as it was before the list of pairs: two walks over the
// polygons and the cells near them, the hexagons of the second walk's cells computed
// first, the clipped areas summed in the second walk.
func refWeightedLand(cells []Cell, residential []orb.MultiPolygon, factor []float64, keep func(k, i int) bool) []float64 {
	land := make([]float64, len(cells))
	if len(cells) == 0 {
		return land
	}
	ix := newCellIndex(cells)
	reach := 1.5 * cellEdgeDeg(cells[0].H3)
	each := func(fn func(k, i int, f float64, poly orb.Polygon)) {
		for k, mp := range residential {
			f := 1.0
			if factor != nil {
				f = factor[k]
			}
			for _, poly := range mp {
				if len(poly) == 0 || checkPolygon(poly) != nil {
					continue
				}
				b := poly.Bound()
				lonReach := reach / math.Max(0.01, local.LonScale(b.Center()[1]))
				b.Min = orb.Point{b.Min[0] - lonReach, b.Min[1] - reach}
				b.Max = orb.Point{b.Max[0] + lonReach, b.Max[1] + reach}
				ix.query(b, func(i int) {
					if keep == nil || keep(k, i) {
						fn(k, i, f, poly)
					}
				})
			}
		}
	}
	hexes := make([][]xy, len(cells))
	each(func(_, i int, _ float64, _ orb.Polygon) {
		if hexes[i] == nil {
			hexes[i] = cellHexagon(cells[i])
		}
	})
	var s landScratch
	each(func(_, i int, f float64, poly orb.Polygon) {
		land[i] += f * s.polygonInHexagon(poly, cells[i].Center, hexes[i])
	})
	return land
}

// square returns the polygon of a square of side m metres centred at (x, y) metres east
// and north of the test plane's origin, rotated by turn radians, with a square hole of
// side hole metres (none when 0).
func square(x, y, m, turn, hole float64) orb.Polygon {
	ring := func(side float64, ccw bool) orb.Ring {
		var r orb.Ring
		for k := 0; k < 4; k++ {
			a := turn + float64(k)*math.Pi/2
			if !ccw {
				a = turn - float64(k)*math.Pi/2
			}
			r = append(r, refPlane.LonLat(x+side/math.Sqrt2*math.Cos(a), y+side/math.Sqrt2*math.Sin(a)))
		}
		return append(r, r[0])
	}
	p := orb.Polygon{ring(m, true)}
	if hole > 0 {
		p = append(p, ring(hole, false))
	}
	return p
}

// TestCellsMatchReference checks Cells against the map-based merge, bit for bit, on
// overlapping areas (the first wins), an area of two overlapping polygons, and a hole.
func TestCellsMatchReference(t *testing.T) {
	areas := []orb.MultiPolygon{
		{square(0, 0, 1500, 0.3, 0)},
		{square(900, 200, 1400, 0, 400), square(1300, 600, 900, 0.7, 0)},
		{square(-800, 900, 1200, 1.1, 0)},
		{square(0, 0, 3000, 0.1, 0)},
		nil,
	}
	got, err := Cells(areas, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := refCells(areas, 10)
	if len(got) != len(want) || len(got) < 500 {
		t.Fatalf("%d cells, reference %d", len(got), len(want))
	}
	for i := range want {
		if g, w := got[i], want[i]; g.H3 != w.H3 || g.Area != w.Area || !sameBits(g.Center[0], w.Center[0]) || !sameBits(g.Center[1], w.Center[1]) || !sameBits(g.AreaM2, w.AreaM2) {
			t.Fatalf("cell %d: %+v, reference %+v", i, g, w)
		}
	}
}

// TestWeightedLandMatchesReference checks the residential and floor land against the
// two-walk reference, bit for bit, with overlapping polygons, holes, factors and keep,
// measuring twice over the same cells (the second reuses the hexagons).
func TestWeightedLandMatchesReference(t *testing.T) {
	cells, err := Cells([]orb.MultiPolygon{{square(0, 0, 2500, 0, 0)}}, 10)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(2, 9))
	var polys []orb.MultiPolygon
	var factor []float64
	for k := 0; k < 300; k++ {
		hole := 0.0
		if k%4 == 0 {
			hole = 40
		}
		mp := orb.MultiPolygon{square(r.Float64()*2600-1300, r.Float64()*2600-1300, 30+r.Float64()*300, r.Float64(), hole)}
		if k%10 == 0 {
			mp = append(mp, square(r.Float64()*2000-1000, r.Float64()*2000-1000, 80, 0.2, 0))
		}
		polys = append(polys, mp)
		factor = append(factor, float64(1+k%9))
	}
	keep := func(k, i int) bool { return (k+i)%3 != 0 }
	lc := newLandCells(cells)
	cases := []struct {
		name   string
		factor []float64
		keep   func(k, i int) bool
	}{
		{"residential land", nil, nil},
		{"floor area, factors and keep", factor, keep},
		{"residential land again", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lc.weightedLand(polys, c.factor, c.keep)
			want := refWeightedLand(cells, polys, c.factor, c.keep)
			nonZero := 0
			for i := range want {
				if !sameBits(got[i], want[i]) {
					t.Fatalf("cell %d: %v m², reference %v m²", i, got[i], want[i])
				}
				if want[i] > 0 {
					nonZero++
				}
			}
			if nonZero < len(cells)/4 {
				t.Fatalf("only %d of %d cells hold land: the case tests little", nonZero, len(cells))
			}
		})
	}
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// refPlane is the local plane the reference tests lay their squares in (Chengdu).
var refPlane = local.NewPlane(orb.Point{104.07, 30.66})

// TestCellHexagonIsCellPolygon checks cellHexagon against CellPolygon's ring projected
// the way it used to be (planeRing, closing vertex dropped, turned counter-clockwise), bit
// for bit, for hexagons of several resolutions and a pentagon.
func TestCellHexagonIsCellPolygon(t *testing.T) {
	var cells []h3.Cell
	for _, res := range []int{8, 10, 11} {
		cells = append(cells, h3.LatLngToCell(h3.NewLatLng(30.66, 104.07), res))
	}
	for _, res := range []int{9, 10} {
		cells = append(cells, h3.Pentagons(res)[3])
	}
	for _, h := range cells {
		ll := h3.CellToLatLng(h)
		c := Cell{H3: h, Center: orb.Point{ll.Lng, ll.Lat}}
		want := planeRing(local.NewPlane(c.Center), CellPolygon(h)[0], nil)
		if signedArea(want) < 0 {
			slices.Reverse(want)
		}
		if got := cellHexagon(c); !slices.Equal(got, want) || len(got) < 5 {
			t.Errorf("cell %v: %v, CellPolygon projected %v", h, got, want)
		}
	}
}

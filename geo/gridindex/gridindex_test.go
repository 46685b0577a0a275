package gridindex_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/gridindex"
)

// chengdu is the box the random test data lie in (about 10 km × 9 km).
var chengdu = orb.Bound{Min: orb.Point{104.00, 30.60}, Max: orb.Point{104.10, 30.68}}

func randomPoint(rng *rand.Rand, b orb.Bound) orb.Point {
	return orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
}

// randomBound returns a box inside b (or reaching a little beyond it) up to size degrees
// across.
func randomBound(rng *rand.Rand, b orb.Bound, size float64) orb.Bound {
	p := randomPoint(rng, orb.Bound{Min: orb.Point{b.Min[0] - size, b.Min[1] - size}, Max: b.Max})
	return orb.Bound{Min: p, Max: orb.Point{p[0] + rng.Float64()*size, p[1] + rng.Float64()*size}}
}

// queries returns seeded query boxes around chengdu plus awkward ones.
func queries(rng *rand.Rand) []orb.Bound {
	qs := []orb.Bound{
		chengdu,
		{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}},
		{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}},                   // far away
		{Min: orb.Point{104.05, 30.65}, Max: orb.Point{104.05, 30.65}}, // a point
		{Min: orb.Point{104.06, 30.6}, Max: orb.Point{104.04, 30.7}},   // min beyond max
		{Min: orb.Point{math.NaN(), 30.6}, Max: orb.Point{104.1, 30.7}},
		{Min: orb.Point{math.Inf(-1), 30.6}, Max: orb.Point{math.Inf(1), 30.7}},
	}
	for range 300 {
		qs = append(qs, randomBound(rng, chengdu, 0.02))
	}
	return qs
}

// collect returns how often each item came out of a query.
func collect(run func(fn func([]int32))) map[int32]int {
	got := map[int32]int{}
	run(func(items []int32) {
		for _, i := range items {
			got[i]++
		}
	})
	return got
}

// TestNewGrid checks NewGrid's errors on bad input and, on good input, that the cells
// cover the bound, stay within maxCells and are cellM square unless capped.
func TestNewGrid(t *testing.T) {
	const invalid = -1 // wantM of the inputs NewGrid must reject with EINVALID
	cases := []struct {
		name     string
		b        orb.Bound
		cellM    float64
		maxCells int
		wantM    float64 // expected cell side, metres; 0 when capped; invalid
	}{
		{"zero cell", chengdu, 0, 100, invalid},
		{"negative cell", chengdu, -5, 100, invalid},
		{"NaN cell", chengdu, math.NaN(), 100, invalid},
		{"infinite cell", chengdu, math.Inf(1), 100, invalid},
		{"no cells allowed", chengdu, 100, 0, invalid},
		{"NaN bound", orb.Bound{Min: orb.Point{math.NaN(), 0}, Max: orb.Point{1, 1}}, 100, 100, invalid},
		{"latitude beyond the pole", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 91}}, 100, 100, invalid},
		{"min beyond max", orb.Bound{Min: orb.Point{2, 0}, Max: orb.Point{1, 1}}, 100, 100, invalid},
		{"Chengdu, 100 m", chengdu, 100, 1 << 20, 100},
		{"Harbin, 250 m", orb.Bound{Min: orb.Point{126.5, 45.7}, Max: orb.Point{126.7, 45.8}}, 250, 1 << 20, 250},
		{"capped: 10 000 cells at most", chengdu, 10, 10000, 0},
		{"capped: one cell", chengdu, 10, 1, 0},
		{"a single point", orb.Bound{Min: orb.Point{104, 30}, Max: orb.Point{104, 30}}, 50, 10, 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := gridindex.NewGrid(c.b, c.cellM, c.maxCells)
			if c.wantM == invalid {
				if geo.ErrorCodeOf(err) != geo.EINVALID {
					t.Errorf("NewGrid = %v, want an EINVALID error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			nx, ny := g.Size()
			if nx*ny > c.maxCells {
				t.Errorf("%d × %d cells, more than %d", nx, ny, c.maxCells)
			}
			cb := g.CellBound(0, 0)
			if !cb.Contains(c.b.Min) || !g.CellBound(nx-1, ny-1).Contains(c.b.Max) {
				t.Errorf("cells %v … %v do not cover the bound %v", cb, g.CellBound(nx-1, ny-1), c.b)
			}
			if c.wantM == 0 {
				return
			}
			mid := (c.b.Min[1] + c.b.Max[1]) / 2
			w := geo.HaversineM(orb.Point{cb.Min[0], mid}, orb.Point{cb.Max[0], mid})
			h := geo.HaversineM(cb.Min, orb.Point{cb.Min[0], cb.Max[1]})
			if math.Abs(w-c.wantM) > 1e-6*c.wantM || math.Abs(h-c.wantM) > 1e-6*c.wantM {
				t.Errorf("cell %.4f m × %.4f m, want %v m square", w, h, c.wantM)
			}
		})
	}
}

func TestPointsQuery(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([]orb.Point, 3000)
	for i := range pts {
		pts[i] = randomPoint(rng, chengdu)
	}
	pts[10] = orb.Point{math.NaN(), 30.65}
	pts[20] = orb.Point{104.05, 95}
	pts[30] = pts[31] // duplicates are two items
	ix, err := gridindex.NewPoints(pts, 150, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Skipped() != 2 || ix.Len() != len(pts)-2 {
		t.Errorf("Skipped %d, Len %d; want 2 and %d", ix.Skipped(), ix.Len(), len(pts)-2)
	}
	for qi, q := range queries(rng) {
		got := collect(func(fn func([]int32)) { ix.Query(q, fn) })
		for i, p := range pts {
			in := q.Min[0] <= p[0] && p[0] <= q.Max[0] && q.Min[1] <= p[1] && p[1] <= q.Max[1]
			if in && got[int32(i)] != 1 {
				t.Fatalf("query %d %v: point %d at %v found %d times, want once", qi, q, i, p, got[int32(i)])
			}
			if got[int32(i)] > 1 {
				t.Fatalf("query %d: point %d found %d times", qi, i, got[int32(i)])
			}
		}
		if got[10] > 0 || got[20] > 0 {
			t.Fatalf("query %d returns a skipped point", qi)
		}
	}
}

func TestBoundsQuery(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	bs := make([]orb.Bound, 1500)
	for i := range bs {
		bs[i] = randomBound(rng, chengdu, 0.01)
	}
	bs[5] = orb.Bound{Min: orb.Point{104.06, 30.6}, Max: orb.Point{104.05, 30.7}} // min beyond max
	bs[6] = orb.Bound{Min: orb.Point{104.06, 30.6}, Max: orb.Point{104.06, 30.6}} // a point
	ix, err := gridindex.NewBounds(bs, 200, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Skipped() != 1 {
		t.Errorf("Skipped %d, want 1", ix.Skipped())
	}
	for qi, q := range queries(rng) {
		got := collect(func(fn func([]int32)) { ix.Query(q, fn) })
		for i, b := range bs {
			if i != 5 && q.Min[0] <= q.Max[0] && q.Min[1] <= q.Max[1] && b.Intersects(q) && got[int32(i)] == 0 {
				t.Fatalf("query %d %v misses bound %d %v", qi, q, i, b)
			}
		}
		if got[5] > 0 {
			t.Fatalf("query %d returns the skipped bound", qi)
		}
	}
}

// polylines returns seeded random polylines inside chengdu, flat with offsets.
func polylines(rng *rand.Rand, n int) ([]orb.Point, []int32) {
	var pts []orb.Point
	off := []int32{0}
	for range n {
		p := randomPoint(rng, chengdu)
		for range 1 + rng.IntN(5) {
			pts = append(pts, p)
			p = orb.Point{p[0] + (rng.Float64()-0.5)*0.01, p[1] + (rng.Float64()-0.5)*0.01}
		}
		off = append(off, int32(len(pts)))
	}
	return pts, off
}

func TestPolylinesQuery(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pts, off := polylines(rng, 800)
	ix, err := gridindex.NewPolylines(pts, off, 120, 0)
	if err != nil {
		t.Fatal(err)
	}
	isStart := map[int32]bool{}
	for k := 0; k+1 < len(off); k++ {
		for i := off[k]; i+1 < off[k+1]; i++ {
			isStart[i] = true
		}
	}
	for qi, q := range queries(rng) {
		got := collect(func(fn func([]int32)) { ix.Query(q, fn) })
		for i := range got {
			if !isStart[i] {
				t.Fatalf("query %d returns %d, which starts no segment", qi, i)
			}
		}
		if !(q.Min[0] <= q.Max[0] && q.Min[1] <= q.Max[1]) {
			continue
		}
		for i := range isStart {
			seg := orb.LineString{pts[i], pts[i+1]}
			if len(clip.LineString(q, seg)) > 0 && got[i] == 0 {
				t.Fatalf("query %d %v misses segment %d %v", qi, q, i, seg)
			}
		}
	}
}

func TestPolylinesErrors(t *testing.T) {
	pts := []orb.Point{{104, 30}, {104.01, 30}, {104.02, 30.01}}
	cases := []struct {
		name string
		off  []int32
	}{
		{"no offsets", nil},
		{"not from 0", []int32{1, 3}},
		{"not to the end", []int32{0, 2}},
		{"beyond the end", []int32{0, 4}},
		{"falling", []int32{0, 2, 1, 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := gridindex.NewPolylines(pts, c.off, 10, 0); geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Errorf("NewPolylines = %v, want an EINVALID error", err)
			}
		})
	}
	ix, err := gridindex.NewPolylines([]orb.Point{{104, 30}, {math.NaN(), 30}, {104.01, 30}, {104.02, 30}}, []int32{0, 2, 4}, 10, 0)
	if err != nil || ix.Skipped() != 1 {
		t.Errorf("a segment with a NaN end: Skipped %d (%v), want 1", ix.Skipped(), err)
	}
}

func TestEmpty(t *testing.T) {
	cases := []struct {
		name string
		make func() (*gridindex.Index, error)
	}{
		{"no points", func() (*gridindex.Index, error) { return gridindex.NewPoints(nil, 100, 0) }},
		{"only bad points", func() (*gridindex.Index, error) {
			return gridindex.NewPoints([]orb.Point{{math.NaN(), 0}, {200, 0}}, 100, 0)
		}},
		{"no bounds", func() (*gridindex.Index, error) { return gridindex.NewBounds(nil, 100, 0) }},
		{"polylines of one point", func() (*gridindex.Index, error) {
			return gridindex.NewPolylines([]orb.Point{{104, 30}, {105, 31}}, []int32{0, 1, 2}, 100, 0)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix, err := c.make()
			if err != nil {
				t.Fatal(err)
			}
			calls := 0
			ix.Query(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, func([]int32) { calls++ })
			ix.Near(orb.Point{104, 30}, 1e6, func([]int32) { calls++ })
			ix.Nearest(orb.Point{104, 30}, func([]int32) float64 { calls++; return math.Inf(1) })
			if calls != 0 || ix.Len() != 0 {
				t.Errorf("an empty index called back %d times, Len %d", calls, ix.Len())
			}
		})
	}
	if _, err := gridindex.NewPoints(nil, 0, 0); geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("no points with cell size 0: %v, want EINVALID", err)
	}
}

func TestNear(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	cases := []struct {
		name string
		b    orb.Bound
	}{
		{"Chengdu", chengdu},
		{"Arctic", orb.Bound{Min: orb.Point{20, 78}, Max: orb.Point{24, 79}}},
		{"near the pole", orb.Bound{Min: orb.Point{0, 89.95}, Max: orb.Point{10, 89.99}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pts := make([]orb.Point, 2000)
			for i := range pts {
				pts[i] = randomPoint(rng, c.b)
			}
			ix, err := gridindex.NewPoints(pts, 300, 0)
			if err != nil {
				t.Fatal(err)
			}
			for range 100 {
				p, r := randomPoint(rng, c.b), rng.Float64()*3000
				got := collect(func(fn func([]int32)) { ix.Near(p, r, fn) })
				for i, q := range pts {
					if geo.HaversineM(p, q) < r && got[int32(i)] != 1 {
						t.Fatalf("Near(%v, %.0f m) finds point %d, %.1f m away, %d times", p, r, i, geo.HaversineM(p, q), got[int32(i)])
					}
				}
			}
		})
	}
}

func TestNearest(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	cases := []struct {
		name  string
		n     int
		cellM float64
		area  orb.Bound
		from  orb.Bound // where queries start
	}{
		{"dense", 5000, 100, chengdu, chengdu},
		{"sparse", 20, 50, chengdu, chengdu},
		{"one point", 1, 50, chengdu, chengdu},
		{"queries from outside", 500, 100, chengdu, orb.Bound{Min: orb.Point{103.9, 30.5}, Max: orb.Point{104.2, 30.8}}},
		{"far north", 2000, 100, orb.Bound{Min: orb.Point{20, 78}, Max: orb.Point{24, 79}}, orb.Bound{Min: orb.Point{20, 78}, Max: orb.Point{24, 79}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pts := make([]orb.Point, c.n)
			for i := range pts {
				pts[i] = randomPoint(rng, c.area)
			}
			ix, err := gridindex.NewPoints(pts, c.cellM, 0)
			if err != nil {
				t.Fatal(err)
			}
			for range 200 {
				p := randomPoint(rng, c.from)
				best, bestD, seen := int32(-1), math.Inf(1), 0
				ix.Nearest(p, func(items []int32) float64 {
					for _, i := range items {
						seen++
						if d := geo.HaversineM(p, pts[i]); d < bestD || (d == bestD && i < best) {
							best, bestD = i, d
						}
					}
					return bestD
				})
				want, wantD := int32(-1), math.Inf(1)
				for i, q := range pts {
					if d := geo.HaversineM(p, q); d < wantD {
						want, wantD = int32(i), d
					}
				}
				if best != want {
					t.Fatalf("Nearest from %v: point %d at %.2f m, brute force %d at %.2f m", p, best, bestD, want, wantD)
				}
				if c.n >= 2000 && seen > c.n/4 {
					t.Errorf("Nearest from %v looked at %d of %d points", p, seen, c.n)
				}
			}
		})
	}
}

func TestNearestInvalidPoint(t *testing.T) {
	ix, err := gridindex.NewPoints([]orb.Point{{104, 30}}, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []orb.Point{{math.NaN(), 30}, {104, -91}} {
		ix.Nearest(p, func([]int32) float64 { t.Fatalf("Nearest(%v) visited a cell", p); return 0 })
	}
}

package dissolve_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/lifecircle/lifecircle/geo/dissolve"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// square is the counter-clockwise unit square with its lower-left corner at cell (x, y)
// of a grid of 0.01° cells near Chengdu.
func square(x, y int) orb.Polygon {
	x0, y0 := 104+float64(x)*0.01, 30.5+float64(y)*0.01
	x1, y1 := 104+float64(x+1)*0.01, 30.5+float64(y+1)*0.01
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

// cells are the squares of grid cells, one MultiPolygon each.
func cells(xy ...[2]int) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(xy))
	for i, c := range xy {
		out[i] = orb.MultiPolygon{square(c[0], c[1])}
	}
	return out
}

// grid are the cells of a w×h grid except those listed.
func grid(w, h int, except ...[2]int) [][2]int {
	var out [][2]int
	for y := range h {
		for x := range w {
			skip := false
			for _, e := range except {
				skip = skip || e == [2]int{x, y}
			}
			if !skip {
				out = append(out, [2]int{x, y})
			}
		}
	}
	return out
}

func reversed(mp orb.MultiPolygon) orb.MultiPolygon {
	out := orb.MultiPolygon{}
	for _, p := range mp {
		q := orb.Polygon{}
		for _, r := range p {
			rr := append(orb.Ring(nil), r...)
			rr.Reverse()
			q = append(q, rr)
		}
		out = append(out, q)
	}
	return out
}

func TestCoverageUnion(t *testing.T) {
	lo, hi := square(0, 0)[0][0], square(2, 2)[0][2]
	hole := append(orb.Ring(nil), square(1, 1)[0]...)
	hole.Reverse()
	ringWithHole := orb.Polygon{{lo, {hi[0], lo[1]}, hi, {lo[0], hi[1]}, lo}, hole}
	inner := [][2]int{{1, 1}, {2, 1}, {3, 1}, {1, 2}, {2, 2}, {3, 2}, {1, 3}, {2, 3}, {3, 3}}
	cases := []struct {
		name         string
		in           []orb.MultiPolygon
		polys, holes int
	}{
		{"two squares sharing an edge", cells([2]int{0, 0}, [2]int{1, 0}), 1, 0},
		{"3×3 grid", cells(grid(3, 3)...), 1, 0},
		{"ring of eight squares", cells(grid(3, 3, [2]int{1, 1})...), 1, 1},
		{"a ring with an island in its hole", append(cells(grid(5, 5, inner...)...), cells([2]int{2, 2})...), 2, 1},
		{"hole touching the shell at a point", cells(grid(3, 3, [2]int{1, 1}, [2]int{0, 0})...), 1, 1},
		{"two holes touching at a point", cells(grid(4, 4, [2]int{1, 1}, [2]int{2, 2})...), 1, 2},
		{"squares meeting at a corner", cells([2]int{0, 0}, [2]int{1, 1}), 2, 0},
		{"disjoint squares", cells([2]int{0, 0}, [2]int{5, 5}), 2, 0},
		{"clockwise input", []orb.MultiPolygon{reversed(cells([2]int{0, 0})[0]), reversed(cells([2]int{0, 1})[0])}, 1, 0},
		{"a polygon's hole filled by another", []orb.MultiPolygon{{ringWithHole}, cells([2]int{1, 1})[0]}, 1, 0},
		{"one multipolygon of two squares and a neighbour", []orb.MultiPolygon{{square(0, 0), square(2, 0)}, cells([2]int{1, 0})[0]}, 1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := dissolve.Coverage(c.in)
			if !ok {
				t.Fatal("Coverage could not stitch a clean coverage")
			}
			holes := 0
			for _, p := range got {
				holes += len(p) - 1
			}
			if len(got) != c.polys || holes != c.holes {
				t.Errorf("got %d polygon(s) with %d hole(s), want %d with %d", len(got), holes, c.polys, c.holes)
			}
			checkUnion(t, c.in, got)
		})
	}
}

// checkUnion compares got with the union of in as point sets (sampled inside every
// grid cell, off the edges), and checks that its rings are closed and simple at their
// vertices, shells counter-clockwise and holes clockwise, and that areas add up.
func checkUnion(t testing.TB, in []orb.MultiPolygon, got orb.MultiPolygon) {
	t.Helper()
	var want float64
	bound := got.Bound()
	for _, mp := range in {
		want += planar.Area(mp)
		bound = bound.Union(mp.Bound())
	}
	if area := planar.Area(got); math.Abs(area-want) > 1e-9*want {
		t.Errorf("area %g, the inputs' %g", area, want)
	}
	for _, p := range got {
		for i, r := range p {
			if r[0] != r[len(r)-1] {
				t.Fatalf("ring %v is not closed", r)
			}
			if shell := planar.Area(r) > 0; shell != (i == 0) {
				t.Errorf("ring %d of a polygon turns the wrong way (counter-clockwise %v)", i, shell)
			}
			seen := map[orb.Point]bool{}
			for _, pt := range r[:len(r)-1] {
				if seen[pt] {
					t.Errorf("ring passes %v twice", pt)
				}
				seen[pt] = true
			}
		}
	}
	for x := bound.Min[0] + 0.0013; x < bound.Max[0]; x += 0.0025 {
		for y := bound.Min[1] + 0.0017; y < bound.Max[1]; y += 0.0025 {
			pt, inAny := orb.Point{x, y}, false
			for _, mp := range in {
				inAny = inAny || planar.MultiPolygonContains(mp, pt)
			}
			if planar.MultiPolygonContains(got, pt) != inAny {
				t.Fatalf("%v: in the union %v, in the result %v", pt, inAny, !inAny)
			}
		}
	}
}

// TestCoverageRandomGrids dissolves random subsets of an 8×8 grid: always a clean
// coverage, often with holes, islands and cells meeting at corners.
func TestCoverageRandomGrids(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for range 200 {
		var xy [][2]int
		for _, c := range grid(8, 8) {
			if rng.IntN(3) > 0 {
				xy = append(xy, c)
			}
		}
		in := cells(xy...)
		rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		got, ok := dissolve.Coverage(in)
		if !ok {
			t.Fatalf("cells %v: Coverage could not stitch a clean coverage", xy)
		}
		checkUnion(t, in, got)
	}
}

// TestCoverageNotACoverage: inputs that are not a clean coverage either fail or give a
// result that keeps the inputs' total area rather than their union's, which the caller's
// validity check refuses.
func TestCoverageNotACoverage(t *testing.T) {
	half := orb.Polygon{{{104.005, 30.5}, {104.015, 30.5}, {104.015, 30.51}, {104.005, 30.51}, {104.005, 30.5}}}
	long := orb.Polygon{{{104, 30.51}, {104.02, 30.51}, {104.02, 30.52}, {104, 30.52}, {104, 30.51}}}
	cases := []struct {
		name   string
		in     []orb.MultiPolygon
		stitch bool
		rings  int // rings of the result when it stitches
	}{
		{"overlapping squares", []orb.MultiPolygon{cells([2]int{0, 0})[0], {half}}, true, 2},
		{"the same square twice", cells([2]int{0, 0}, [2]int{0, 0}), false, 0},
		{"neighbours meeting at different vertices", append(cells([2]int{0, 0}, [2]int{1, 0}), orb.MultiPolygon{long}), true, 2},
		{"a ring of two points", []orb.MultiPolygon{{{{{104, 30}, {105, 30}, {104, 30}}}}}, false, 0},
		{"a coordinate that is not a number", []orb.MultiPolygon{{{{{104, 30}, {105, math.NaN()}, {105, 31}, {104, 30}}}}}, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := dissolve.Coverage(c.in)
			if ok != c.stitch {
				t.Fatalf("stitched %v, want %v", ok, c.stitch)
			}
			if !ok {
				return
			}
			rings := 0
			var want float64
			for _, p := range got {
				rings += len(p)
			}
			for _, mp := range c.in {
				want += planar.Area(mp)
			}
			if rings != c.rings {
				t.Errorf("%d rings, want %d", rings, c.rings)
			}
			if area := planar.Area(got); math.Abs(area-want) > 1e-9*want {
				t.Errorf("area %g, the inputs' total %g", area, want)
			}
		})
	}
}

package coverage_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// gridNetwork returns an nx × ny lattice of streets spaced step metres apart, its
// south-west corner at plane.Origin, each block side one edge.
func gridNetwork(nx, ny int, step float64) ([]geo.WalkNode, []geo.WalkEdge) {
	id := func(i, j int) int64 { return int64(i*ny + j + 1) }
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	for i := 0; i < nx; i++ {
		for j := 0; j < ny; j++ {
			nodes = append(nodes, geo.WalkNode{ID: id(i, j), Point: plane.LonLat(float64(i)*step, float64(j)*step)})
		}
	}
	link := func(a, b int64) {
		pa, pb := nodes[a-1].Point, nodes[b-1].Point
		edges = append(edges, geo.WalkEdge{ID: int64(len(edges) + 1), Source: a, Target: b, LengthM: geo.HaversineM(pa, pb), Highway: "residential"})
	}
	for i := 0; i < nx; i++ {
		for j := 0; j < ny; j++ {
			if i+1 < nx {
				link(id(i, j), id(i+1, j))
			}
			if j+1 < ny {
				link(id(i, j), id(i, j+1))
			}
		}
	}
	return nodes, edges
}

// layout is a hand-built network with its own, independent snapping and distances in
// the local plane (metres).
type layout struct {
	nodes []geo.WalkNode
	edges []geo.WalkEdge
	area  orb.Ring // study area
	// snap returns the nearest point of the network to (x, y) and the distance to it.
	snap func(x, y float64) (qx, qy, access float64)
	// dist is the network distance between two snapped points (valid for the facilities
	// the case uses).
	dist func(ax, ay, bx, by float64) float64
}

// streetLayout is one straight north–south street of 2 km in eight edges.
func streetLayout() layout {
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	for k := 0; k <= 8; k++ {
		nodes = append(nodes, geo.WalkNode{ID: int64(k + 1), Point: plane.LonLat(0, float64(k)*250)})
		if k > 0 {
			edges = append(edges, geo.WalkEdge{ID: int64(k), Source: int64(k), Target: int64(k + 1),
				LengthM: geo.HaversineM(nodes[k-1].Point, nodes[k].Point), Highway: "footway"})
		}
	}
	return layout{
		nodes: nodes, edges: edges, area: rect(-700, -300, 700, 2300),
		snap: func(x, y float64) (float64, float64, float64) {
			qy := math.Max(0, math.Min(2000, y))
			return 0, qy, math.Hypot(x, y-qy)
		},
		dist: func(_, ay, _, by float64) float64 { return math.Abs(ay - by) },
	}
}

// latticeLayout is an 11 × 11 lattice of 100 m blocks; facilities must sit on nodes,
// where the network distance from any point on the lattice is the Manhattan distance.
func latticeLayout() layout {
	nodes, edges := gridNetwork(11, 11, 100)
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1000, v)) }
	return layout{
		nodes: nodes, edges: edges, area: rect(-600, -600, 1600, 1600),
		snap: func(x, y float64) (float64, float64, float64) {
			vx, vy := clamp(math.Round(x/100)*100), clamp(y) // nearest north–south street
			hx, hy := clamp(x), clamp(math.Round(y/100)*100) // nearest east–west street
			dv, dh := math.Hypot(x-vx, y-vy), math.Hypot(x-hx, y-hy)
			if dv < dh {
				return vx, vy, dv
			}
			return hx, hy, dh
		},
		dist: func(ax, ay, bx, by float64) float64 { return math.Abs(ax-bx) + math.Abs(ay-by) },
	}
}

func TestComputeMatchesHandDistances(t *testing.T) {
	cases := []struct {
		name       string
		layout     layout
		sets       []coverage.FacilitySet
		offNetwork [][]int
	}{
		{"straight street", streetLayout(), []coverage.FacilitySet{
			{Kind: "category", Key: "shop", IDs: []string{"s1", "s2", "far"},
				Points: []orb.Point{plane.LonLat(100, 300), plane.LonLat(-50, 1700), plane.LonLat(5000, 0)}},
			{Kind: "level", Key: "community", Points: []orb.Point{plane.LonLat(0, 1000)}},
			{Kind: "category", Key: "none"},
		}, [][]int{{2}, nil, nil}},
		{"lattice", latticeLayout(), []coverage.FacilitySet{
			{Kind: "category", Key: "school", Points: []orb.Point{plane.LonLat(200, 300), plane.LonLat(800, 800)}},
			{Kind: "level", Key: "street", Points: []orb.Point{plane.LonLat(500, 0)}},
			{Kind: "level", Key: "district", Points: []orb.Point{plane.LonLat(-3000, 500)}},
		}, [][]int{nil, nil, {0}}},
	}
	const maxSeconds = 900
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g, cells, snaps := buildOn(t, tc.layout.nodes, tc.layout.edges, tc.layout.area)
			results, err := coverage.Compute(context.Background(), g, cells, snaps, tc.sets, maxSeconds, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(results) != len(tc.sets) {
				t.Fatalf("%d results for %d sets", len(results), len(tc.sets))
			}
			for k, r := range results {
				if r.Kind != tc.sets[k].Kind || r.Key != tc.sets[k].Key {
					t.Errorf("result %d is %s %q, want %s %q", k, r.Kind, r.Key, tc.sets[k].Kind, tc.sets[k].Key)
				}
				if !equalInts(r.OffNetwork, tc.offNetwork[k]) {
					t.Errorf("set %q: off-network facilities %v, want %v", r.Key, r.OffNetwork, tc.offNetwork[k])
				}
				checkResult(t, tc.layout, cells, tc.sets[k], r, maxSeconds)
			}
		})
	}
}

// buildOn builds the walk graph of nodes and edges (default walk model), the
// resolution-10 cells of area and the cells' centres snapped to the graph; it fails the
// test on error.
func buildOn(tb testing.TB, nodes []geo.WalkNode, edges []geo.WalkEdge, area orb.Ring) (*walk.Graph, []coverage.Cell, []walk.Snap) {
	tb.Helper()
	g, err := walk.Build(nodes, edges, geo.DefaultWalkModel())
	if err != nil {
		tb.Fatal(err)
	}
	cells, err := coverage.Cells([]orb.MultiPolygon{{{area}}}, 10)
	if err != nil {
		tb.Fatal(err)
	}
	return g, cells, g.SnapAll(centres(cells))
}

func centres(cells []coverage.Cell) []orb.Point {
	ps := make([]orb.Point, len(cells))
	for i, c := range cells {
		ps[i] = c.Center
	}
	return ps
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkResult compares every cell's time and nearest facility with the layout's hand
// computation; cells within 2 m of the snap limit or 2 s of the search limit may go
// either way.
func checkResult(tb testing.TB, l layout, cells []coverage.Cell, set coverage.FacilitySet, r coverage.Result, maxSeconds float64) {
	tb.Helper()
	mps := geo.DefaultWalkModel().MetresPerSecond()
	const tolS = 1.0
	var checked int
	for i, c := range cells {
		qx, qy, acc := l.snap(plane.XY(c.Center))
		got := float64(r.Seconds[i])
		if math.Abs(acc-500) < 2 {
			continue
		}
		if acc > 500 {
			if !math.IsNaN(got) || r.Nearest[i] != -1 {
				tb.Errorf("set %q, cell %d (%.0f m off the network): %v s, nearest %d; want NaN, -1", set.Key, i, acc, got, r.Nearest[i])
			}
			continue
		}
		best, second, nearest := math.Inf(1), math.Inf(1), int32(-1)
		for j, p := range set.Points {
			fx, fy, facc := l.snap(plane.XY(p))
			if facc > 500 {
				continue
			}
			s := (acc + l.dist(qx, qy, fx, fy) + facc) / mps
			if s < best {
				best, second, nearest = s, best, int32(j)
			} else if s < second {
				second = s
			}
		}
		switch {
		case math.Abs(best-maxSeconds) < 2:
			continue
		case best > maxSeconds:
			if !math.IsInf(got, 1) || r.Nearest[i] != -1 {
				tb.Errorf("set %q, cell %d: %v s, nearest %d; want +Inf (hand: %.1f s), -1", set.Key, i, got, r.Nearest[i], best)
			}
		default:
			if math.Abs(got-best) > tolS {
				tb.Errorf("set %q, cell %d at (%.0f, %.0f) m: %.2f s, hand computation %.2f s", set.Key, i, qx, qy, got, best)
			}
			if r.Nearest[i] != nearest && second-best > 2*tolS {
				tb.Errorf("set %q, cell %d: nearest %d, want %d", set.Key, i, r.Nearest[i], nearest)
			}
		}
		checked++
	}
	if checked < len(cells)/2 {
		tb.Errorf("set %q: only %d of %d cells checked", set.Key, checked, len(cells))
	}
}

func TestComputeWorkersAgree(t *testing.T) {
	l := latticeLayout()
	g, cells, snaps := buildOn(t, l.nodes, l.edges, l.area)
	var sets []coverage.FacilitySet
	for k := 0; k < 6; k++ {
		sets = append(sets, coverage.FacilitySet{Kind: "category", Key: string(rune('a' + k)),
			Points: []orb.Point{plane.LonLat(float64(k)*100, 1000-float64(k)*100)}})
	}
	one, err := coverage.Compute(context.Background(), g, cells, snaps, sets, 600, 1)
	if err != nil {
		t.Fatal(err)
	}
	many, err := coverage.Compute(context.Background(), g, cells, snaps, sets, 600, 0)
	if err != nil {
		t.Fatal(err)
	}
	for k := range sets {
		for i := range cells {
			a, b := one[k].Seconds[i], many[k].Seconds[i]
			if !(a == b || (a != a && b != b)) || one[k].Nearest[i] != many[k].Nearest[i] {
				t.Fatalf("set %d, cell %d: 1 worker %v/%d, GOMAXPROCS workers %v/%d", k, i, a, one[k].Nearest[i], b, many[k].Nearest[i])
			}
		}
	}
}

func TestComputeRejectsBadInput(t *testing.T) {
	l := streetLayout()
	g, cells, snaps := buildOn(t, l.nodes, l.edges, l.area)
	good := coverage.FacilitySet{Kind: "category", Key: "shop", Points: []orb.Point{plane.Origin}}
	cases := []struct {
		name       string
		g          *walk.Graph
		snaps      []walk.Snap
		sets       []coverage.FacilitySet
		maxSeconds float64
	}{
		{"no graph", nil, snaps, []coverage.FacilitySet{good}, 900},
		{"snaps not parallel to cells", g, snaps[1:], []coverage.FacilitySet{good}, 900},
		{"zero limit", g, snaps, []coverage.FacilitySet{good}, 0},
		{"NaN limit", g, snaps, []coverage.FacilitySet{good}, math.NaN()},
		{"unknown kind", g, snaps, []coverage.FacilitySet{{Kind: "shop", Key: "x"}}, 900},
		{"IDs not parallel to points", g, snaps, []coverage.FacilitySet{{Kind: "level", Key: "x", IDs: []string{"a", "b"}, Points: []orb.Point{plane.Origin}}}, 900},
		{"lat out of range", g, snaps, []coverage.FacilitySet{good, {Kind: "level", Key: "x", IDs: []string{"st-7"}, Points: []orb.Point{{30.66, 104.07}}}}, 900},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := coverage.Compute(context.Background(), tc.g, cells, tc.snaps, tc.sets, tc.maxSeconds, 1)
			if code := geo.ErrorCodeOf(err); code != geo.EINVALID {
				t.Fatalf("error %v (code %q), want EINVALID", err, code)
			}
			t.Log(err)
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := coverage.Compute(ctx, g, cells, snaps, []coverage.FacilitySet{good, good}, 900, 1)
		if !errors.Is(err, context.Canceled) || geo.ErrorCodeOf(err) != geo.EUNAVAILABLE {
			t.Fatalf("error %v, want EUNAVAILABLE wrapping context.Canceled", err)
		}
	})
}

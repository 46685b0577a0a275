package walk_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

func TestNearestHandChecked(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	// From A: R 306 s, P 54 s, Q 243 s, Off off-network, Isle unreachable, P2 from A 72+4.5.
	targets := g.SnapAll([]orb.Point{h.R, h.P, h.Q, h.Off, h.Isle, h.P2})
	from := g.Snap(h.A)
	cases := []struct {
		name  string
		k     int
		limit float64
		want  []walk.Hit
	}{
		{"two nearest", 2, math.Inf(1), []walk.Hit{{Index: 1, Seconds: 54, Metres: 60}, {Index: 5, Seconds: 76.5, Metres: 85}}},
		{"all reachable", 10, math.Inf(1), []walk.Hit{{Index: 1, Seconds: 54, Metres: 60}, {Index: 5, Seconds: 76.5, Metres: 85}, {Index: 2, Seconds: 243, Metres: 270}, {Index: 0, Seconds: 306, Metres: 330}}},
		{"within 250 s", 10, 250, []walk.Hit{{Index: 1, Seconds: 54, Metres: 60}, {Index: 5, Seconds: 76.5, Metres: 85}, {Index: 2, Seconds: 243, Metres: 270}}},
		{"k = 0", 0, math.Inf(1), nil},
		{"nothing within 50 s", 3, 50, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := g.Nearest(from, targets, c.k, c.limit)
			if len(got) != len(c.want) {
				t.Fatalf("Nearest = %+v; want %+v", got, c.want)
			}
			for i, w := range c.want {
				if got[i].Index != w.Index || !near(got[i].Seconds, w.Seconds, 1e-6) || !near(got[i].Metres, w.Metres, 1e-6) {
					t.Fatalf("hit %d = %+v; want %+v", i, got[i], w)
				}
			}
		})
	}
	// From P: P itself (both access legs, 18 s, 20 m), then P2 on the same edge directly
	// (9 + 27 + 4.5 s, 10 + 30 + 5 m).
	got := g.Nearest(g.Snap(h.P), targets, 2, math.Inf(1))
	if len(got) != 2 || got[0].Index != 1 || !near(got[0].Seconds, 18, 1e-6) || !near(got[0].Metres, 20, 1e-6) ||
		got[1].Index != 5 || !near(got[1].Seconds, 40.5, 1e-6) || !near(got[1].Metres, 45, 1e-6) {
		t.Errorf("Nearest from P = %+v; want P (index 1) at 18 s, 20 m, then P2 (index 5) at 40.5 s, 45 m", got)
	}
	if got := g.Nearest(g.Snap(h.Off), targets, 3, math.Inf(1)); got != nil {
		t.Errorf("Nearest from an off-network point = %+v; want nothing", got)
	}
}

// TestNearestMatchesReference checks ordering, times and metres of the k nearest targets
// against the reference's trips on seeded random networks.
func TestNearestMatchesReference(t *testing.T) {
	for _, seed := range []uint64{31, 32, 33} {
		for _, c := range []struct {
			k     int
			limit float64
		}{{1, math.Inf(1)}, {5, math.Inf(1)}, {40, 700}, {1000, math.Inf(1)}} {
			t.Run(fmt.Sprintf("seed %d k %d limit %v", seed, c.k, c.limit), func(t *testing.T) {
				checkNearest(t, seed, c.k, c.limit)
			})
		}
	}
}

func checkNearest(t *testing.T, seed uint64, k int, limit float64) {
	nw := randomNetwork(seed, 80)
	m := geo.DefaultWalkModel()
	g := nw.build(t, m)
	ref := newRef(t, nw.nodes, nw.edges, m)
	pts := samplePoints(seed, nw, 50)
	targets := g.SnapAll(pts)
	for _, fp := range samplePoints(seed+1, nw, 8)[:6] {
		rf := ref.snap(fp)
		type want struct {
			i      int
			sec, m float64
		}
		var ws []want
		byIndex := map[int]float64{}
		for i, p := range pts {
			if sec, mt := ref.trip(rf, ref.snap(p)); sec <= limit && !isInf(sec) {
				ws = append(ws, want{i, sec, mt})
				byIndex[i] = sec
			}
		}
		sort.SliceStable(ws, func(x, y int) bool { return ws[x].sec < ws[y].sec })
		got := g.Nearest(g.Snap(fp), targets, k, limit)
		if len(got) != min(k, len(ws)) {
			t.Fatalf("from %v: %d hits; reference %d (k %d)", fp, len(got), len(ws), k)
		}
		seen := map[int]bool{}
		for i, h := range got {
			w := ws[i]
			if !near(h.Seconds, w.sec, 1e-6*math.Max(1, w.sec)) {
				t.Fatalf("from %v hit %d: %+v; reference %+v", fp, i, h, w)
			}
			// Equal times may come in either order; the hit's own time must be right.
			if sec, ok := byIndex[h.Index]; !ok || seen[h.Index] || !near(sec, h.Seconds, 1e-6*math.Max(1, sec)) {
				t.Fatalf("from %v hit %d: index %d at %.9f s; reference time of that target %.9f s", fp, i, h.Index, h.Seconds, sec)
			}
			seen[h.Index] = true
			if h.Index == w.i && !near(h.Metres, w.m, 1e-6*math.Max(1, w.m)) {
				t.Fatalf("from %v hit %d: %.9f m; reference %.9f m", fp, i, h.Metres, w.m)
			}
		}
	}
}

// NearestPaths gives the same hits as Nearest, each with a path as long as the one Route
// finds, from the origin point to the target's.
func TestNearestPathsMatchRoutes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := 0; trial < 20; trial++ {
		nw := randomNetwork(uint64(100+trial), 60)
		g := nw.build(t, geo.DefaultWalkModel())
		pick := func() walk.Snap {
			p := nw.nodes[rng.IntN(len(nw.nodes)-8)].Point // off the island
			return g.Snap(orb.Point{p[0] + (rng.Float64()-0.5)*1e-3, p[1] + (rng.Float64()-0.5)*1e-3})
		}
		from := pick()
		var targets []walk.Snap
		for i := 0; i < 8; i++ {
			targets = append(targets, pick())
		}
		plain := g.Nearest(from, targets, 3, math.Inf(1))
		withPaths := g.NearestPaths(from, targets, 3, math.Inf(1))
		if len(plain) != len(withPaths) {
			t.Fatalf("trial %d: %d hits vs %d", trial, len(plain), len(withPaths))
		}
		for i, h := range withPaths {
			if h.Index != plain[i].Index || h.Seconds != plain[i].Seconds {
				t.Errorf("trial %d hit %d: %+v vs %+v", trial, i, h, plain[i])
			}
			r, ok := g.Route(from, targets[h.Index])
			if !ok || len(h.Path) < 2 {
				t.Fatalf("trial %d hit %d: no route or no path", trial, i)
			}
			if d := math.Abs(geo.LineLengthM(h.Path) - geo.LineLengthM(r.Path)); d > 1e-3 {
				t.Errorf("trial %d hit %d: path %.3f m, route %.3f m", trial, i, geo.LineLengthM(h.Path), geo.LineLengthM(r.Path))
			}
			if h.Path[0] != from.Origin || h.Path[len(h.Path)-1] != targets[h.Index].Origin {
				t.Errorf("trial %d hit %d: path ends %v…%v", trial, i, h.Path[0], h.Path[len(h.Path)-1])
			}
		}
	}
}

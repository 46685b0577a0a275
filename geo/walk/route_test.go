package walk_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

func TestRouteHandChecked(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	cases := []struct {
		name     string
		a, b     orb.Point
		seconds  float64 // by hand, 0.9 s/m, steps 1.5×
		metres   float64
		path     []orb.Point // expected vertices
		reachble bool
	}{
		{"P to S round the bend", h.P, h.S, 9 + 45 + 126 + 9, 10 + 50 + 140 + 10,
			[]orb.Point{h.P, north(h.A, 50), h.A, h.W1, north(h.W1, 40), h.S}, true},
		{"S to P, reversed", h.S, h.P, 9 + 126 + 45 + 9, 10 + 140 + 50 + 10,
			[]orb.Point{h.S, north(h.W1, 40), h.W1, h.A, north(h.A, 50), h.P}, true},
		{"P to P2 along the same edge", h.P, h.P2, 9 + 27 + 4.5, 10 + 30 + 5,
			[]orb.Point{h.P, north(h.A, 50), north(h.A, 80), h.P2}, true},
		{"P to R onto the steps", h.P, h.R, 9 + 45 + 180 + 27 + 9, 10 + 50 + 200 + 20 + 10,
			[]orb.Point{h.P, north(h.A, 50), h.B, h.C, north(h.C, 20), h.R}, true},
		{"A to D, node to node", h.A, h.D, 90 + 180 + 81, 360, []orb.Point{h.A, h.B, h.C, h.D}, true},
		{"to the island", h.P, h.Isle, 0, 0, nil, false},
		{"from off-network", h.Off, h.P, 0, 0, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ok := g.Route(g.Snap(c.a), g.Snap(c.b))
			if ok != c.reachble {
				t.Fatalf("ok = %v; want %v", ok, c.reachble)
			}
			if !ok {
				return
			}
			if !near(r.Seconds, c.seconds, 1e-6) || !near(r.Metres, c.metres, 1e-6) {
				t.Errorf("Route = %.9f s, %.9f m; want %v s, %v m", r.Seconds, r.Metres, c.seconds, c.metres)
			}
			if len(r.Path) != len(c.path) {
				t.Fatalf("Path = %v; want %v", r.Path, c.path)
			}
			for i := range c.path {
				if !samePoint(r.Path[i], c.path[i], 1e-6) {
					t.Fatalf("Path[%d] = %v; want %v (path %v)", i, r.Path[i], c.path[i], r.Path)
				}
			}
		})
	}
}

func TestRouteSquareDiagonalSteps(t *testing.T) {
	// A 100 m square with a 141.42 m steps diagonal from SW to NE: round the sides takes
	// 180 s; the diagonal 127.28 s × steps factor.
	diag := 100 * math.Sqrt2
	cases := []struct {
		name    string
		factor  float64
		seconds float64
	}{
		{"steps 1.5× is slower than the sides", 1.5, 180},
		{"steps 1.2× is faster than the sides", 1.2, diag * 0.9 * 1.2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sw := orb.Point{116.4, 39.9}
			n := newNetwork()
			n.node(1, sw)
			n.node(2, east(sw, 100))
			n.node(3, north(east(sw, 100), 100))
			n.node(4, north(sw, 100))
			n.edge(1, 1, 2, "footway", 100)
			n.edge(2, 2, 3, "footway", 100)
			n.edge(3, 3, 4, "footway", 100)
			n.edge(4, 4, 1, "footway", 100)
			n.edge(5, 1, 3, "steps", diag)
			m := geo.DefaultWalkModel()
			m.StepsFactor = c.factor
			g := n.build(t, m)
			r, ok := g.Route(g.Snap(n.at[1]), g.Snap(n.at[3]))
			if !ok || !near(r.Seconds, c.seconds, 1e-6) {
				t.Fatalf("Route = %.9f s (%v); want %v s", r.Seconds, ok, c.seconds)
			}
		})
	}
}

// TestRouteMatchesReference compares Route with the reference's trips on seeded random
// networks: seconds, metres, and a path from a's origin to b's whose length is the metres.
func TestRouteMatchesReference(t *testing.T) {
	for _, seed := range []uint64{21, 22, 23} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			nw := randomNetwork(seed, 90)
			m := geo.DefaultWalkModel()
			g := nw.build(t, m)
			ref := newRef(t, nw.nodes, nw.edges, m)
			ps := samplePoints(seed, nw, 60)
			routed := 0
			for i := 0; i+1 < len(ps); i++ {
				a, b := ps[i], ps[(i*7+3)%len(ps)]
				wantS, wantM := ref.trip(ref.snap(a), ref.snap(b))
				r, ok := g.Route(g.Snap(a), g.Snap(b))
				if ok == isInf(wantS) {
					t.Fatalf("%v → %v: ok %v; reference %v s", a, b, ok, wantS)
				}
				if !ok {
					continue
				}
				routed++
				if !near(r.Seconds, wantS, 1e-6*math.Max(1, wantS)) || !near(r.Metres, wantM, 1e-6*math.Max(1, wantM)) {
					t.Fatalf("%v → %v: %.9f s %.9f m; reference %.9f s %.9f m", a, b, r.Seconds, r.Metres, wantS, wantM)
				}
				if r.Path[0] != a || r.Path[len(r.Path)-1] != b {
					t.Fatalf("%v → %v: path runs %v … %v", a, b, r.Path[0], r.Path[len(r.Path)-1])
				}
				if l := geo.LineLengthM(r.Path); !near(l, r.Metres, 1e-4) {
					t.Fatalf("%v → %v: path is %.6f m long; Metres %.6f", a, b, l, r.Metres)
				}
			}
			if routed < len(ps)/2 {
				t.Fatalf("only %d of %d pairs routed: the case tests too little", routed, len(ps))
			}
		})
	}
}

// TestRouteGivenLengths uses edge lengths that differ from their geometry (LengthM is
// taken as given): times must still match the reference, which exercises the A*
// estimate's scaling.
func TestRouteGivenLengths(t *testing.T) {
	for _, seed := range []uint64{41, 42} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			nw := randomNetwork(seed, 80)
			rng := rand.New(rand.NewPCG(seed, 1))
			for i := range nw.edges {
				nw.edges[i].LengthM *= 0.5 + rng.Float64()
			}
			m := geo.DefaultWalkModel()
			g := nw.build(t, m)
			ref := newRef(t, nw.nodes, nw.edges, m)
			ps := samplePoints(seed, nw, 40)
			routed := 0
			for i := range ps {
				a, b := ps[i], ps[(i*5+1)%len(ps)]
				wantS, wantM := ref.trip(ref.snap(a), ref.snap(b))
				r, ok := g.Route(g.Snap(a), g.Snap(b))
				if ok == isInf(wantS) {
					t.Fatalf("%v → %v: ok %v; reference %v s", a, b, ok, wantS)
				}
				if !ok {
					continue
				}
				routed++
				if !near(r.Seconds, wantS, 1e-6*math.Max(1, wantS)) || !near(r.Metres, wantM, 1e-6*math.Max(1, wantM)) {
					t.Fatalf("%v → %v: %.9f s %.9f m; reference %.9f s %.9f m", a, b, r.Seconds, r.Metres, wantS, wantM)
				}
			}
			if routed < len(ps)/2 {
				t.Fatalf("only %d of %d pairs routed", routed, len(ps))
			}
		})
	}
}

// TestForgedSnaps hands the searches snaps that Snap never makes: nothing may panic, and
// none of them may count as on the network.
func TestForgedSnaps(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	good := g.Snap(h.P)
	forged := map[string]walk.Snap{
		"edge out of range":  {Edge: int32(g.NumEdges()), OnNetwork: true},
		"negative edge":      {Edge: -5, OnNetwork: true},
		"negative access":    {Edge: good.Edge, Along: 10, AccessM: -3, OnNetwork: true},
		"NaN access":         {Edge: good.Edge, Along: 10, AccessM: nan(), OnNetwork: true},
		"infinite access":    {Edge: good.Edge, Along: 10, AccessM: math.Inf(1), OnNetwork: true},
		"NaN along":          {Edge: good.Edge, Along: nan(), OnNetwork: true},
		"flagged off":        {Edge: good.Edge, Along: 10, AccessM: 3, OnNetwork: false},
		"zero value":         {},
		"along past the end": {Edge: good.Edge, Along: 1e9, AccessM: 1, OnNetwork: true},
	}
	for name, s := range forged {
		t.Run(name, func(t *testing.T) {
			f := g.MultiSource([]walk.Snap{s, good}, 1800)
			defer f.Release()
			f.At(s)
			g.PathTo(f, s)
			g.Route(s, good)
			g.Route(good, s)
			g.Nearest(s, []walk.Snap{good, s}, 2, 1800)
			g.Nearest(good, []walk.Snap{s}, 2, 1800)
			if name == "along past the end" { // clamped to the edge's end: a usable snap
				return
			}
			if _, _, ok := f.At(s); ok {
				t.Errorf("At(forged) is ok")
			}
			if _, ok := g.Route(good, s); ok {
				t.Errorf("Route to a forged snap is ok")
			}
		})
	}
}

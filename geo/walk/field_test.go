package walk_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

func TestMultiSourceHandChecked(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	// Sources: 0 at A, 1 at C, 2 off-network (ignored).
	sources := g.SnapAll([]orb.Point{h.A, h.C, h.Off})
	f := g.MultiSource(sources, math.Inf(1))
	defer f.Release()
	cases := []struct {
		name    string
		p       orb.Point
		seconds float64 // worked out by hand at 0.9 s/m, steps 1.5×
		source  int32
		ok      bool
	}{
		{"node B, nearer to A", h.B, 90, 0, true},
		{"node D over the steps from C", h.D, 81, 1, true},
		{"P beside AB", h.P, 45 + 9, 0, true},
		{"Q beside BC, nearer to C", h.Q, 50*0.9 + 18, 1, true},
		{"R on the steps", h.R, 20*0.9*1.5 + 9, 1, true},
		{"S on the bent edge", h.S, 140*0.9 + 9, 0, true},
		{"G at the end of the bent edge", h.G, 180, 0, true},
		{"off-network point", h.Off, math.Inf(1), -1, false},
		{"island, unreachable", h.Isle, math.Inf(1), -1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sec, src, ok := f.At(g.Snap(c.p))
			if ok != c.ok || src != c.source || !near(sec, c.seconds, 1e-4) {
				t.Fatalf("At = %.6f s from %d (%v); want %v s from %d (%v)", sec, src, ok, c.seconds, c.source, c.ok)
			}
		})
	}
	if d, ok := f.NodeSeconds(nodeIndex(g, 6)); ok || !isInf(d) { // node E on the island
		t.Errorf("NodeSeconds(E) = %v, %v; want +Inf, false", d, ok)
	}
}

func TestMultiSourceSameEdge(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	cases := []struct {
		name    string
		source  orb.Point
		p       orb.Point
		seconds float64
	}{
		{"P to P2 along AB", h.P, h.P2, 9 + 30*0.9 + 4.5},
		{"P2 to P along AB", h.P2, h.P, 4.5 + 30*0.9 + 9},
		{"same point", h.P, h.P, 9 + 9},
		{"R to D on the steps", h.R, h.D, 9 + 40*0.9*1.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := g.MultiSource([]walk.Snap{g.Snap(c.source)}, 3600)
			defer f.Release()
			sec, src, ok := f.At(g.Snap(c.p))
			if !ok || src != 0 || !near(sec, c.seconds, 1e-4) {
				t.Fatalf("At = %.6f s from %d (%v); want %v s from 0", sec, src, ok, c.seconds)
			}
		})
	}
}

func TestMultiSourceLimit(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	src := []walk.Snap{g.Snap(h.A)}
	cases := []struct {
		name  string
		limit float64
		p     orb.Point
		ok    bool
	}{
		{"P (54 s) within 60 s", 60, h.P, true},
		{"P (54 s) beyond 50 s", 50, h.P, false},
		{"P exactly at the limit", 54, h.P, true},
		{"B (90 s) with a NaN limit", nan(), h.B, false},
		{"A itself with a zero limit", 0, h.A, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := g.MultiSource(src, c.limit)
			defer f.Release()
			sec, _, ok := f.At(g.Snap(c.p))
			if ok != c.ok {
				t.Fatalf("At = %v, ok %v; want ok %v", sec, ok, c.ok)
			}
		})
	}
}

func TestFieldRelease(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	f := g.MultiSource([]walk.Snap{g.Snap(h.A)}, 900)
	f.Release()
	f.Release()
	if _, _, ok := f.At(g.Snap(h.P)); ok {
		t.Fatal("At after Release must not be ok")
	}
	if _, ok := f.NodeSeconds(0); ok {
		t.Fatal("NodeSeconds after Release must not be ok")
	}
	// The pooled buffers come back clean: a new search from C must not see A's labels.
	f2 := g.MultiSource([]walk.Snap{g.Snap(h.C)}, 100)
	defer f2.Release()
	if d, ok := f2.NodeSeconds(nodeIndex(g, 1)); ok {
		t.Fatalf("node A = %v s from C within 100 s; want unreached (270 s)", d)
	}
}

// TestMultiSourceMatchesReference compares node times, point times and nearest-source
// indexes with the O(V²) reference on seeded random networks.
func TestMultiSourceMatchesReference(t *testing.T) {
	for _, seed := range []uint64{11, 12, 13} {
		for _, limit := range []float64{math.Inf(1), 900} {
			t.Run(fmt.Sprintf("seed %d limit %v", seed, limit), func(t *testing.T) {
				checkFieldAgainstReference(t, seed, limit)
			})
		}
	}
}

func checkFieldAgainstReference(t *testing.T, seed uint64, limit float64) {
	nw := randomNetwork(seed, 90)
	m := geo.DefaultWalkModel()
	g := nw.build(t, m)
	ref := newRef(t, nw.nodes, nw.edges, m)
	srcPts := samplePoints(seed+100, nw, 16)[:12]
	var sources []walk.Snap
	var refSources []refSnap
	for _, p := range srcPts {
		sources, refSources = append(sources, g.Snap(p)), append(refSources, ref.snap(p))
	}
	f := g.MultiSource(sources, limit)
	defer f.Release()
	want := ref.nodeTimes(refSources)
	for gi := 0; gi < g.NumNodes(); gi++ {
		got, ok := f.NodeSeconds(int32(gi))
		i := ref.index[g.NodeID(int32(gi))]
		wantOK := want[i] <= limit && !isInf(want[i])
		if math.Abs(want[i]-limit) < 1e-6 {
			continue
		}
		if ok != wantOK || (ok && !near(got, want[i], 1e-6*math.Max(1, want[i]))) {
			t.Fatalf("node %d: %.9f (%v); reference %.9f", i, got, ok, want[i])
		}
	}
	reached, total := 0, 0
	for _, p := range samplePoints(seed+200, nw, 150) {
		if checkAt(t, g, ref, f, sources, refSources, p, limit) {
			reached++
		}
		total++
	}
	if reached < total/4 {
		t.Fatalf("only %d of %d points reached: the case tests too little", reached, total)
	}
	t.Logf("%d of %d points reached", reached, total)
}

// checkAt compares Field.At for p with the best reference trip from any source.
// It reports whether p was reached.
func checkAt(t *testing.T, g *walk.Graph, ref *refGraph, f *walk.Field, sources []walk.Snap, refSources []refSnap, p orb.Point, limit float64) bool {
	t.Helper()
	rp := ref.snap(p)
	best, second, bestJ := math.Inf(1), math.Inf(1), -1
	for j, rs := range refSources {
		sec, _ := ref.trip(rs, rp)
		if sec < best {
			best, second, bestJ = sec, best, j
		} else if sec < second {
			second = sec
		}
	}
	if math.Abs(best-limit) < 1e-6 {
		return false
	}
	s := g.Snap(p)
	got, src, ok := f.At(s)
	if ok != (best <= limit && !isInf(best)) {
		t.Fatalf("%v: At ok %v (%.9f); reference %.9f with limit %v", p, ok, got, best, limit)
	}
	if !ok {
		if src != -1 || !isInf(got) {
			t.Fatalf("%v: not ok but At = %v from %d", p, got, src)
		}
		return false
	}
	if !near(got, best, 1e-6*math.Max(1, best)) {
		t.Fatalf("%v: At %.9f s; reference %.9f s", p, got, best)
	}
	if second-best > 1e-6 && int(src) != bestJ {
		t.Fatalf("%v: nearest source %d; reference %d", p, src, bestJ)
	}
	path := g.PathTo(f, s)
	if len(path) < 1 || path[0] != sources[src].Origin || path[len(path)-1] != p {
		t.Fatalf("%v: PathTo runs %v … %v; want from source %d's origin %v to the point", p, path[0], path[len(path)-1], src, sources[src].Origin)
	}
	return true
}

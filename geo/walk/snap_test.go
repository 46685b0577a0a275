package walk_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

func TestSnapHandChecked(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	cases := []struct {
		name          string
		p             orb.Point
		edgeID        int64 // WalkEdge.ID; 0: any
		foot          orb.Point
		along, access float64
		onNetwork     bool
	}{
		{"mid-segment east of AB", h.P, 10, north(h.A, 50), 50, 10, true},
		{"mid-segment west of BC", h.Q, 11, north(h.B, 150), 150, 20, true},
		{"on the steps", h.R, 12, north(h.C, 20), 20, 10, true},
		{"second leg of the bent edge", h.S, 13, north(h.W1, 40), 140, 10, true},
		{"beyond the end of the line", north(h.D, 30), 12, h.D, 60, 30, true},
		{"exactly on a mid-segment point", north(h.B, 10), 11, north(h.B, 10), 10, 0, true},
		{"island", h.Isle, 14, north(h.E, 30), 30, 5, true},
		{"off-network, 600 m east of B", h.Off, 0, h.B, -1, 600, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := g.Snap(c.p)
			if c.edgeID != 0 && g.EdgeID(s.Edge) != c.edgeID {
				t.Errorf("edge ID = %d; want %d", g.EdgeID(s.Edge), c.edgeID)
			}
			if !samePoint(s.Point, c.foot, 1e-6) {
				t.Errorf("Point = %v; want %v (%.9f m off)", s.Point, c.foot, geo.HaversineM(s.Point, c.foot))
			}
			if c.along >= 0 && !near(s.Along, c.along, 1e-6) {
				t.Errorf("Along = %.9f; want %v", s.Along, c.along)
			}
			if !near(s.AccessM, c.access, 1e-6) || s.OnNetwork != c.onNetwork {
				t.Errorf("AccessM, OnNetwork = %.9f, %v; want %v, %v", s.AccessM, s.OnNetwork, c.access, c.onNetwork)
			}
			if s.Origin != c.p {
				t.Errorf("Origin = %v; want %v", s.Origin, c.p)
			}
		})
	}
}

func TestSnapAtNode(t *testing.T) {
	h := newHandNet()
	g := h.build(t, geo.DefaultWalkModel())
	s := g.Snap(h.B)
	if s.AccessM != 0 || s.Point != h.B || !s.OnNetwork {
		t.Fatalf("Snap(B) = %+v; want B itself with no access leg", s)
	}
	// B ends edge 10 (Along 100) and starts edge 11 (Along 0); either is fine.
	id := g.EdgeID(s.Edge)
	if !(id == 10 && near(s.Along, 100, 1e-9)) && !(id == 11 && s.Along == 0) {
		t.Fatalf("Snap(B) edge %d along %v; want edge 10 at 100 m or edge 11 at 0 m", id, s.Along)
	}
}

func TestSnapInvalidPoints(t *testing.T) {
	g := newHandNet().build(t, geo.DefaultWalkModel())
	for _, p := range []orb.Point{{nan(), 31}, {200, 31}, {121, -95}} {
		if s := g.Snap(p); s.Edge != -1 || s.OnNetwork || !isInf(s.AccessM) {
			t.Errorf("Snap(%v) = %+v; want edge -1, off-network, +Inf", p, s)
		}
	}
}

// TestSnapMatchesBruteForce compares the grid index with checking every segment, on
// seeded random networks, including points far outside the network.
func TestSnapMatchesBruteForce(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 4} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			nw := randomNetwork(seed, 120)
			g := nw.build(t, geo.DefaultWalkModel())
			ref := newRef(t, nw.nodes, nw.edges, geo.DefaultWalkModel())
			ps := samplePoints(seed, nw, 400)
			ps = append(ps, east(nw.nodes[0].Point, 40000), north(nw.nodes[0].Point, -90000))
			all := g.SnapAll(ps)
			for i, p := range ps {
				s, r := g.Snap(p), ref.snap(p)
				if s != all[i] {
					t.Fatalf("point %d: SnapAll %+v differs from Snap %+v", i, all[i], s)
				}
				checkSnap(t, g, nw, p, s, r)
			}
		})
	}
}

// checkSnap compares a graph snap with the reference's brute-force one.
func checkSnap(t *testing.T, g *walk.Graph, nw *network, p orb.Point, s walk.Snap, r refSnap) {
	t.Helper()
	if !near(s.AccessM, r.access, 1e-6) || s.OnNetwork != r.network {
		t.Fatalf("%v: AccessM %.9f on %v; brute force %.9f on %v", p, s.AccessM, s.OnNetwork, r.access, r.network)
	}
	if !samePoint(s.Point, r.foot, 1e-6) {
		t.Fatalf("%v: Point %v; brute force %v", p, s.Point, r.foot)
	}
	if g.EdgeID(s.Edge) == nw.edges[r.edge].ID {
		if !near(s.Along, r.along, 1e-6) {
			t.Fatalf("%v: Along %.9f; brute force %.9f", p, s.Along, r.along)
		}
		return
	}
	// A tie between edges (a node or a shared vertex): Along must still place Point on
	// the chosen edge.
	e := edgeByID(nw, g.EdgeID(s.Edge))
	geom := e.Geometry
	if len(geom) == 0 {
		geom = orb.LineString{nw.at[e.Source], nw.at[e.Target]}
	}
	if !samePoint(pointAlong(geom, s.Along), s.Point, 1e-6) {
		t.Fatalf("%v: Along %.6f does not lead to Point %v on edge %d", p, s.Along, s.Point, s.Edge)
	}
}

// pointAlong returns the point d metres along ls (linear within a segment).
func pointAlong(ls orb.LineString, d float64) orb.Point {
	for i := 0; i+1 < len(ls); i++ {
		l := geo.HaversineM(ls[i], ls[i+1])
		if d <= l || i+2 == len(ls) {
			t := 0.0
			if l > 0 {
				t = min(d/l, 1)
			}
			return orb.Point{ls[i][0] + t*(ls[i+1][0]-ls[i][0]), ls[i][1] + t*(ls[i+1][1]-ls[i][1])}
		}
		d -= l
	}
	return ls[len(ls)-1]
}

// edgeByID returns the edge of n with the given ID.
func edgeByID(n *network, id int64) geo.WalkEdge {
	for _, e := range n.edges {
		if e.ID == id {
			return e
		}
	}
	return geo.WalkEdge{}
}

// SnapAll gives each point the Snap that Snap gives it, in the order of the input, also
// when it snaps them in another order (more than a thousand points) and when invalid
// points are mixed in.
func TestSnapAllMatchesSnap(t *testing.T) {
	m := geo.DefaultWalkModel()
	g := randomNetwork(21, 300).build(t, m)
	cases := []struct {
		name  string
		count int
	}{
		{"a few points, snapped in order", 100},
		{"many points, snapped along a curve", 5000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := segidxPoints(g, c.count, 3)
			for i := 0; i < len(ps); i += 97 {
				ps[i] = []orb.Point{{math.NaN(), 31}, {121, math.Inf(1)}, {200, 31}, {121, -95}}[i%4]
			}
			got := g.SnapAll(ps)
			if len(got) != len(ps) {
				t.Fatalf("%d snaps for %d points", len(got), len(ps))
			}
			on := 0
			for i, p := range ps {
				want := g.Snap(p)
				if fmt.Sprintf("%+v", got[i]) != fmt.Sprintf("%+v", want) {
					t.Fatalf("point %d %v: SnapAll %+v, Snap %+v", i, p, got[i], want)
				}
				if want.OnNetwork {
					on++
				}
			}
			if on == 0 {
				t.Fatal("no point on the network: the case tests nothing")
			}
		})
	}
}

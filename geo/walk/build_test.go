package walk_test

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

func TestBuildRejectsBadInput(t *testing.T) {
	a, b := orb.Point{121, 31}, north(orb.Point{121, 31}, 100)
	nodes := []geo.WalkNode{{ID: 1, Point: a}, {ID: 2, Point: b}}
	good := geo.WalkEdge{ID: 9, Source: 1, Target: 2, LengthM: 100, Geometry: orb.LineString{a, b}}
	with := func(f func(e *geo.WalkEdge)) []geo.WalkEdge {
		e := good
		f(&e)
		return []geo.WalkEdge{e}
	}
	cases := []struct {
		name  string
		nodes []geo.WalkNode
		edges []geo.WalkEdge
		model geo.WalkModel
	}{
		{"unknown source", nodes, with(func(e *geo.WalkEdge) { e.Source = 7 }), geo.DefaultWalkModel()},
		{"unknown target", nodes, with(func(e *geo.WalkEdge) { e.Target = 7 }), geo.DefaultWalkModel()},
		{"negative length", nodes, with(func(e *geo.WalkEdge) { e.LengthM = -1 }), geo.DefaultWalkModel()},
		{"NaN length", nodes, with(func(e *geo.WalkEdge) { e.LengthM = nan() }), geo.DefaultWalkModel()},
		{"one-point geometry", nodes, with(func(e *geo.WalkEdge) { e.Geometry = e.Geometry[:1] }), geo.DefaultWalkModel()},
		{"reversed geometry", nodes, with(func(e *geo.WalkEdge) { e.Geometry = orb.LineString{b, a} }), geo.DefaultWalkModel()},
		{"bad geometry point", nodes, with(func(e *geo.WalkEdge) { e.Geometry = orb.LineString{a, {500, 0}, b} }), geo.DefaultWalkModel()},
		{"duplicate node", append(append([]geo.WalkNode{}, nodes...), geo.WalkNode{ID: 1, Point: a}), nil, geo.DefaultWalkModel()},
		{"bad node coordinate", []geo.WalkNode{{ID: 1, Point: orb.Point{31, 121}}}, nil, geo.DefaultWalkModel()},
		{"bad model", nodes, []geo.WalkEdge{good}, geo.WalkModel{SpeedKmh: 0, StepsFactor: 1.5, MaxSnapM: 500}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := walk.Build(c.nodes, c.edges, c.model)
			if err == nil || g != nil {
				t.Fatalf("Build = %v, %v; want an error", g, err)
			}
			if code := geo.ErrorCodeOf(err); code != geo.EINVALID {
				t.Fatalf("error code %q (%v); want %q", code, err, geo.EINVALID)
			}
		})
	}
}

func nan() float64 { var z float64; return z / z }

func TestBuildAccessors(t *testing.T) {
	h := newHandNet()
	h.edges[0].Geometry = nil // the straight line between the nodes
	g := h.build(t, geo.DefaultWalkModel())
	if g.NumNodes() != len(h.nodes) || g.NumEdges() != len(h.edges) {
		t.Fatalf("NumNodes, NumEdges = %d, %d; want %d, %d", g.NumNodes(), g.NumEdges(), len(h.nodes), len(h.edges))
	}
	seen := map[int64]bool{}
	for i := 0; i < g.NumNodes(); i++ {
		id := g.NodeID(int32(i))
		if seen[id] || g.NodePoint(int32(i)) != h.at[id] {
			t.Errorf("node %d = %d %v; want a new node at %v", i, id, g.NodePoint(int32(i)), h.at[id])
		}
		seen[id] = true
	}
	for e := 0; e < g.NumEdges(); e++ {
		if id := g.EdgeID(int32(e)); seen[-id] || edgeByID(h.network, id).ID != id {
			t.Errorf("EdgeID(%d) = %d: not a new edge of the input", e, id)
		}
		seen[-g.EdgeID(int32(e))] = true
	}
	want := orb.Bound{Min: orb.Point{h.W1[0], h.A[1]}, Max: orb.Point{h.E[0], h.D[1]}}
	if g.Bounds() != want {
		t.Errorf("Bounds = %v; want %v", g.Bounds(), want)
	}
	if g.Model() != geo.DefaultWalkModel() {
		t.Errorf("Model = %+v", g.Model())
	}
	if g.NodeID(-1) != 0 || g.EdgeID(int32(len(h.edges))) != 0 {
		t.Errorf("out-of-range indexes must give 0")
	}
	// The edge without geometry is walked along the straight line: a point beside it snaps.
	if s := g.Snap(h.P); g.EdgeID(s.Edge) != 10 || !near(s.Along, 50, 1e-6) || !near(s.AccessM, 10, 1e-6) {
		t.Errorf("Snap beside the straight edge = %+v; want edge 10, along 50, access 10", s)
	}
}

func TestBuildEmpty(t *testing.T) {
	g, err := walk.Build(nil, nil, geo.DefaultWalkModel())
	if err != nil {
		t.Fatal(err)
	}
	s := g.Snap(orb.Point{121, 31})
	if s.Edge != -1 || s.OnNetwork || !isInf(s.AccessM) {
		t.Fatalf("Snap on an empty graph = %+v; want edge -1, off-network, +Inf", s)
	}
	f := g.MultiSource([]walk.Snap{s}, 900)
	defer f.Release()
	if _, _, ok := f.At(s); ok {
		t.Fatal("At on an empty graph must not be ok")
	}
}

package walk_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// TestSnapshotRoundTrip reads back a written graph and checks it answers like the graph
// built from the rows: the same ids, positions, snaps and multi-source times, and the
// times of the read graph agree with the independent reference Dijkstra.
func TestSnapshotRoundTrip(t *testing.T) {
	for _, seed := range []uint64{1, 7} {
		nw := randomNetwork(seed, 120)
		m := geo.DefaultWalkModel()
		g := nw.build(t, m)
		var buf bytes.Buffer
		if err := g.WriteSnapshot(&buf); err != nil {
			t.Fatalf("WriteSnapshot: %v", err)
		}
		h, err := walk.ReadSnapshot(&buf, m)
		if err != nil {
			t.Fatalf("ReadSnapshot: %v", err)
		}
		sameGraph(t, g, h)
		ref := newRef(t, nw.nodes, nw.edges, m)
		srcPts := samplePoints(seed+100, nw, 12)
		sources := h.SnapAll(srcPts)
		var refSources []refSnap
		for _, p := range srcPts {
			refSources = append(refSources, ref.snap(p))
		}
		f, f0 := h.MultiSource(sources, 900), g.MultiSource(g.SnapAll(srcPts), 900)
		for i := range int32(h.NumNodes()) {
			a, aok := f.NodeSeconds(i)
			b, bok := f0.NodeSeconds(i)
			if aok != bok || (aok && a != b) {
				t.Fatalf("seed %d node %d: %v (%v) after the snapshot, %v (%v) built", seed, i, a, aok, b, bok)
			}
		}
		reached := 0
		for _, p := range samplePoints(seed+200, nw, 100) {
			if checkAt(t, h, ref, f, sources, refSources, p, 900) {
				reached++
			}
		}
		if reached == 0 {
			t.Fatalf("seed %d: no point reached: the case tests nothing", seed)
		}
		f.Release()
		f0.Release()
	}
}

// withTotal returns data with the total size in its header set to n.
func withTotal(data []byte, n int) []byte {
	binary.NativeEndian.PutUint64(data[16:], uint64(n))
	return data
}

// A graph read back from its snapshot snaps every point exactly as the built graph does
// (the stored segment index is the built one): same edge, foot, along and access metres
// on many random points in, around and far from the network, and on nodes.
func TestSnapshotSnapsAsBuilt(t *testing.T) {
	m := geo.DefaultWalkModel()
	nodes, edges := gridNetwork(80, 5)
	grid, err := walk.Build(nodes, edges, m)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		g    *walk.Graph
	}{
		{"random 200", randomNetwork(5, 200).build(t, m)},
		{"grid 80 × 80", grid},
		{"one edge", oneEdgeGraph(t, m, false)},
		{"one edge and a node without any", oneEdgeGraph(t, m, true)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.g.WriteSnapshot(&buf); err != nil {
				t.Fatal(err)
			}
			h, err := walk.ReadSnapshot(&buf, m)
			if err != nil {
				t.Fatal(err)
			}
			sameGraph(t, c.g, h)
			if err := walk.SameArrays(c.g, h); err != nil {
				t.Fatalf("read back: %v", err)
			}
			ps := segidxPoints(c.g, 5000, 8)
			want, got := c.g.SnapAll(ps), h.SnapAll(ps)
			on := 0
			for i := range ps {
				if got[i] != want[i] {
					t.Fatalf("point %d %v: read back %+v, built %+v", i, ps[i], got[i], want[i])
				}
				if want[i].OnNetwork {
					on++
				}
			}
			if on == 0 {
				t.Fatal("no point snapped onto the network: the case tests nothing")
			}
		})
	}
}

// oneEdgeGraph is a graph of two nodes and one straight edge, and with isolated a third
// node that no edge reaches (the snapshot then holds the node points).
func oneEdgeGraph(t *testing.T, m geo.WalkModel, isolated bool) *walk.Graph {
	t.Helper()
	nw := newNetwork()
	a := orb.Point{121.4, 31.2}
	nw.node(1, a)
	nw.node(2, east(a, 100))
	if isolated {
		nw.node(3, north(a, 70))
	}
	nw.edge(1, 1, 2, "residential", 0)
	return nw.build(t, m)
}

func sameGraph(t *testing.T, g, h *walk.Graph) {
	t.Helper()
	if g.NumNodes() != h.NumNodes() || g.NumEdges() != h.NumEdges() || g.Bounds() != h.Bounds() || g.Model() != h.Model() {
		t.Fatalf("read graph: %d nodes %d edges %v %v; built %d %d %v %v", h.NumNodes(), h.NumEdges(), h.Bounds(), h.Model(),
			g.NumNodes(), g.NumEdges(), g.Bounds(), g.Model())
	}
	for i := range int32(g.NumNodes()) {
		if g.NodeID(i) != h.NodeID(i) || g.NodePoint(i) != h.NodePoint(i) {
			t.Fatalf("node %d: read %d %v, built %d %v", i, h.NodeID(i), h.NodePoint(i), g.NodeID(i), g.NodePoint(i))
		}
	}
	for e := range int32(g.NumEdges()) {
		if g.EdgeID(e) != h.EdgeID(e) {
			t.Fatalf("edge %d: read id %d, built %d", e, h.EdgeID(e), g.EdgeID(e))
		}
	}
}

func TestSnapshotRefused(t *testing.T) {
	m := geo.DefaultWalkModel()
	g := randomNetwork(3, 40).build(t, m)
	var buf bytes.Buffer
	if err := g.WriteSnapshot(&buf); err != nil {
		t.Fatalf("WriteSnapshot: %v", err)
	}
	full := buf.Bytes()
	other := m
	other.SpeedKmh = 5
	cases := []struct {
		name     string
		data     []byte
		model    geo.WalkModel
		mismatch bool // ErrSnapshotMismatch, else EINVALID
	}{
		{"other walking model", full, other, true},
		{"other format", append([]byte("LCWALKG0"), full[8:]...), m, true},
		{"cut short", full[:len(full)/2], m, false},
		{"bytes after the last array", withTotal(append(slices.Clone(full), make([]byte, 8)...), len(full)+8), m, false},
		{"a segment index item out of range", append(slices.Clone(full[:len(full)-8]), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), m, false},
		{"empty", nil, m, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := walk.ReadSnapshot(bytes.NewReader(c.data), c.model)
			if c.mismatch != errors.Is(err, walk.ErrSnapshotMismatch) {
				t.Fatalf("err %v; want mismatch %v", err, c.mismatch)
			}
			if !c.mismatch && geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Fatalf("err %v (%s); want EINVALID", err, geo.ErrorCodeOf(err))
			}
		})
	}
}

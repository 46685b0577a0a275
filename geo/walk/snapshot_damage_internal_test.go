package walk

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// smallGraph is a way of four edges and a lone node (so the node points are stored).
func smallGraph(tb testing.TB) *Graph {
	tb.Helper()
	base := orb.Point{104.06, 30.66}
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	for i := range 5 {
		nodes = append(nodes, geo.WalkNode{ID: int64(i + 1), Point: orb.Point{base[0] + float64(i)*0.001, base[1]}})
	}
	nodes = append(nodes, geo.WalkNode{ID: 99, Point: orb.Point{base[0], base[1] + 0.01}})
	for i := range 4 {
		edges = append(edges, geo.WalkEdge{ID: int64(i + 1), Source: int64(i + 1), Target: int64(i + 2), LengthM: 96, Highway: "footway"})
	}
	g, err := Build(nodes, edges, geo.DefaultWalkModel())
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// TestSnapshotRefusesDamage checks that snapshots whose arrays are inconsistent in ways
// a search or a snap would trip over are refused when read, not accepted to panic later
// (cases found in review), and that a header claiming a huge size fails on the missing
// bytes without allocating that size first.
func TestSnapshotRefusesDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(g *Graph)
	}{
		{"no points but a segment index", func(g *Graph) { g.edges, g.edgeID, g.geomOff, g.pts = nil, nil, []int32{0}, nil }},
		{"a component below zero", func(g *Graph) { g.comp[0] = -7 }},
		{"a component past the nodes", func(g *Graph) { g.comp[1] = int32(len(g.comp)) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := smallGraph(t)
			tc.damage(g)
			var buf bytes.Buffer
			if err := g.WriteSnapshot(&buf); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadSnapshot(&buf, g.model); err == nil {
				t.Fatal("damaged snapshot read without an error")
			}
		})
	}
	t.Run("a huge size in the header", func(t *testing.T) {
		var buf bytes.Buffer
		if err := smallGraph(t).WriteSnapshot(&buf); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		binary.NativeEndian.PutUint64(b[16:], maxSnapshotBytes/8*8)
		if _, err := ReadSnapshot(bytes.NewReader(b), geo.DefaultWalkModel()); err == nil {
			t.Fatal("a snapshot cut short read without an error")
		}
	})
}

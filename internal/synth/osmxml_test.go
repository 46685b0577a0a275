package synth_test

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmxml"
)

// readOSM parses OSM XML with osmxml, failing the test on any error.
func readOSM(tb testing.TB, b []byte) (map[osm.NodeID]*osm.Node, []*osm.Way) {
	tb.Helper()
	nodes := map[osm.NodeID]*osm.Node{}
	var ways []*osm.Way
	sc := osmxml.New(context.Background(), bytes.NewReader(b))
	defer sc.Close()
	for sc.Scan() {
		switch o := sc.Object().(type) {
		case *osm.Node:
			if nodes[o.ID] != nil {
				tb.Fatalf("node %d written twice", o.ID)
			}
			nodes[o.ID] = o
		case *osm.Way:
			ways = append(ways, o)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("osmxml: %v", err)
	}
	return nodes, ways
}

func TestWriteOSMXML(t *testing.T) {
	d := generate(t, synth.Config{Seed: 3, Nodes: synth.MinNodes})
	var buf bytes.Buffer
	if err := synth.WriteOSMXML(&buf, d); err != nil {
		t.Fatal(err)
	}
	nodes, ways := readOSM(t, buf.Bytes())
	wayIDs := map[int64]bool{}
	vertices := 0
	for _, e := range d.Edges {
		wayIDs[e.OSMWayID] = true
		vertices += len(e.Geometry) - 2
	}
	if len(ways) != len(wayIDs) {
		t.Fatalf("%d ways in the file, %d distinct OSMWayIDs", len(ways), len(wayIDs))
	}
	if want := len(d.Nodes) + vertices + len(d.Stations) + len(d.Outlets); len(nodes) != want {
		t.Errorf("%d nodes in the file, want %d", len(nodes), want)
	}
	for _, n := range d.Nodes {
		o := nodes[osm.NodeID(n.ID)]
		if o == nil || math.Abs(o.Lon-n.Point[0]) > 1e-7 || math.Abs(o.Lat-n.Point[1]) > 1e-7 {
			t.Fatalf("walk node %d at %v is missing or misplaced: %+v", n.ID, n.Point, o)
		}
	}
	checkOSMWays(t, d, nodes, ways)
	checkOSMPOIs(t, d, nodes)
}

// checkOSMWays checks that every way is tagged with its highway, refers to written nodes
// only and is as long as its edges.
func checkOSMWays(t *testing.T, d *synth.District, nodes map[osm.NodeID]*osm.Node, ways []*osm.Way) {
	t.Helper()
	length := map[int64]float64{}
	for _, e := range d.Edges {
		length[e.OSMWayID] += e.LengthM
	}
	bridges := 0
	for _, w := range ways {
		if w.Tags.Find("highway") == "" {
			t.Fatalf("way %d has no highway tag", w.ID)
		}
		if w.Tags.Find("bridge") == "yes" {
			bridges++
		}
		var line orb.LineString
		for _, nd := range w.Nodes {
			n := nodes[nd.ID]
			if n == nil {
				t.Fatalf("way %d refers to missing node %d", w.ID, nd.ID)
			}
			line = append(line, orb.Point{n.Lon, n.Lat})
		}
		// 7 decimals move each node by up to ≈ 0.6 cm
		if got, want := geo.LineLengthM(line), length[int64(w.ID)]; math.Abs(got-want) > 0.015*float64(len(line)) {
			t.Fatalf("way %d measures %.3f m in the file, %.3f m as edges", w.ID, got, want)
		}
	}
	if bridges < 2 {
		t.Errorf("%d bridge ways, want at least 2", bridges)
	}
}

// checkOSMPOIs checks that stations and outlets are tagged POI nodes.
func checkOSMPOIs(t *testing.T, d *synth.District, nodes map[osm.NodeID]*osm.Node) {
	t.Helper()
	centres, categories := 0, map[string]int{}
	for _, n := range nodes {
		if n.Tags.Find("amenity") == "community_centre" {
			centres++
			if n.Tags.Find("name") == "" {
				t.Errorf("station node %d has no name", n.ID)
			}
		}
		if c := n.Tags.Find("lifecircle:category"); c != "" {
			categories[c]++
		}
	}
	if centres != len(d.Stations) {
		t.Errorf("%d community_centre nodes, %d stations", centres, len(d.Stations))
	}
	want := map[string]int{}
	for _, o := range d.Outlets {
		want[o.Category]++
	}
	for k, n := range want {
		if categories[k] != n {
			t.Errorf("category %s: %d tagged nodes, %d outlets", k, categories[k], n)
		}
	}
}

func TestWriteOSMXMLWithoutWays(t *testing.T) {
	p := func(lon, lat float64) orb.Point { return orb.Point{lon, lat} }
	d := &synth.District{
		Nodes: []geo.WalkNode{{ID: 10, Point: p(104, 30)}, {ID: 20, Point: p(104.001, 30)}, {ID: 30, Point: p(104.002, 30.001)}},
		Edges: []geo.WalkEdge{
			{ID: 1, Source: 10, Target: 20, Highway: "footway", OSMWayID: 5, Geometry: orb.LineString{p(104, 30), p(104.0005, 30.0001), p(104.001, 30)}},
			{ID: 2, Source: 20, Target: 30, Highway: "footway", OSMWayID: 5, Geometry: orb.LineString{p(104.001, 30), p(104.002, 30.001)}},
			{ID: 3, Source: 10, Target: 30, Highway: "steps", OSMWayID: 5, Geometry: orb.LineString{p(104, 30), p(104.002, 30.001)}},
		},
	}
	var buf bytes.Buffer
	if err := synth.WriteOSMXML(&buf, d); err != nil {
		t.Fatal(err)
	}
	nodes, ways := readOSM(t, buf.Bytes())
	// Edges 1 and 2 chain into way 5; edge 3 does not continue it and becomes a way of its own.
	if len(ways) != 2 || len(ways[0].Nodes) != 4 || len(ways[1].Nodes) != 2 || ways[0].ID == ways[1].ID {
		t.Fatalf("ways %+v, want way 5 with 4 nodes and another with 2", ways)
	}
	if len(nodes) != 4 || nodes[31] == nil {
		t.Errorf("nodes %v, want the three walk nodes and vertex 31", nodes)
	}
}

func TestWriteOSMXMLRejectsBrokenDistricts(t *testing.T) {
	pt := orb.Point{104, 30}
	tests := []struct {
		name string
		d    *synth.District
	}{
		{"edge to a missing node", &synth.District{
			Nodes: []geo.WalkNode{{ID: 1, Point: pt}},
			Edges: []geo.WalkEdge{{ID: 1, Source: 1, Target: 2, OSMWayID: 1, Geometry: orb.LineString{pt, pt}}},
		}},
		{"way outside the edges", &synth.District{
			Nodes: []geo.WalkNode{{ID: 1, Point: pt}, {ID: 2, Point: pt}},
			Edges: []geo.WalkEdge{{ID: 1, Source: 1, Target: 2, OSMWayID: 1, Geometry: orb.LineString{pt, pt}}},
			Ways:  []synth.Way{{ID: 1, Highway: "path", First: 0, Count: 2}},
		}},
		{"way that does not chain", &synth.District{
			Nodes: []geo.WalkNode{{ID: 1, Point: pt}, {ID: 2, Point: pt}, {ID: 3, Point: pt}},
			Edges: []geo.WalkEdge{
				{ID: 1, Source: 1, Target: 2, OSMWayID: 1, Geometry: orb.LineString{pt, pt}},
				{ID: 2, Source: 1, Target: 3, OSMWayID: 1, Geometry: orb.LineString{pt, pt}},
			},
			Ways: []synth.Way{{ID: 1, Highway: "path", First: 0, Count: 2}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := synth.WriteOSMXML(&buf, tc.d); geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Fatalf("WriteOSMXML = %v, want an EINVALID error", err)
			}
		})
	}
}

// TestWriteOSMXMLReadsBack reads the written file with lifecircle's own OSM importer: the
// same walk network (every node where it was, the same total length), stations and
// outlets come back.
func TestWriteOSMXMLReadsBack(t *testing.T) {
	d := generate(t, synth.Config{Seed: 5, Nodes: synth.MinNodes})
	var buf bytes.Buffer
	if err := synth.WriteOSMXML(&buf, d); err != nil {
		t.Fatal(err)
	}
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	rules, err := osmimport.ParseStationRules(data.Stations())
	if err != nil {
		t.Fatal(err)
	}
	res, err := osmimport.Read(context.Background(), "synthetic.osm", bytes.NewReader(buf.Bytes()), int64(buf.Len()), osmimport.Options{Categories: cats, Stations: rules})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]orb.Point{}
	for _, n := range d.Nodes {
		byID[n.ID] = n.Point
	}
	for _, n := range res.Nodes {
		p, ok := byID[n.ID]
		if !ok || math.Abs(p[0]-n.Point[0]) > 1e-7 || math.Abs(p[1]-n.Point[1]) > 1e-7 {
			t.Fatalf("imported node %d at %v; the district has it at %v (%v)", n.ID, n.Point, p, ok)
		}
	}
	var want, got float64
	for _, e := range d.Edges {
		want += e.LengthM
	}
	for _, e := range res.Edges {
		got += e.LengthM
	}
	// 7 decimals move each point by up to ≈ 0.6 cm, which changes the length by far
	// less than 10 m per 1 000 km.
	if math.Abs(got-want) > 1e-5*want {
		t.Errorf("imported network is %.3f m long, the district's %.3f m", got, want)
	}
	if len(res.Stations) != len(d.Stations) || len(res.Outlets) != len(d.Outlets) {
		t.Errorf("imported %d stations and %d outlets, the district has %d and %d", len(res.Stations), len(res.Outlets), len(d.Stations), len(d.Outlets))
	}
}

package osmimport_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/osmtest"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// alternating returns n refs A, B, A, B, ….
func alternating(a, b int64, n int) []int64 {
	refs := make([]int64, n)
	for i := range refs {
		refs[i] = a
		if i%2 == 1 {
			refs[i] = b
		}
	}
	return refs
}

func TestDuplicateElementsRefused(t *testing.T) {
	nodes := smallExtract.Nodes
	tests := []struct {
		name string
		file osmtest.File
		want string
	}{
		{"node of a way twice", osmtest.File{Nodes: append(append([]osmtest.Node{}, nodes...), nodes[1]), Ways: smallExtract.Ways}, "node 2 appears twice"},
		{"POI node twice", osmtest.File{Nodes: append(append([]osmtest.Node{}, nodes...), nodes[3]), Ways: smallExtract.Ways}, "node 4 appears twice"},
		{"walkable way twice", osmtest.File{Nodes: nodes, Ways: append(append([]osmtest.Way{}, smallExtract.Ways...), smallExtract.Ways[0])}, "way 10 appears twice"},
		{"residential way twice", osmtest.File{Nodes: nodes, Ways: []osmtest.Way{
			{ID: 20, Refs: []int64{1, 2, 3, 1}, Tags: []string{"landuse", "residential"}},
			{ID: 20, Refs: []int64{1, 2, 3, 1}, Tags: []string{"landuse", "residential"}}}}, "way 20 appears twice"},
	}
	for _, tc := range tests {
		for _, format := range []string{"pbf", "xml"} {
			t.Run(tc.name+" ("+format+")", func(t *testing.T) {
				name, data := "dup.osm.pbf", tc.file.PBF()
				if format == "xml" {
					name, data = "dup.osm", xmlOf(tc.file)
				}
				_, err := readBytes(t, name, data, osmimport.Options{})
				if geo.ErrorCodeOf(err) != geo.EINVALID || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("err = %v, want EINVALID naming %s: %s", err, name, tc.want)
				}
			})
		}
	}
}

func TestWayWalkingBackAndForth(t *testing.T) {
	tests := []struct {
		name     string
		refs     []int64
		edges    int
		repeated int64
	}{
		{"A,B,A,B,… a million times", alternating(1, 2, 1_000_000), 1, 999_998},
		{"A,B,A", []int64{1, 2, 1}, 1, 1},
		{"A,B,A,C keeps the spur and the branch", []int64{1, 2, 1, 3}, 2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := osmtest.File{Nodes: smallExtract.Nodes[:3], Ways: []osmtest.Way{{ID: 10, Refs: tc.refs, Tags: []string{"highway", "footway"}}}}
			res, err := readBytes(t, "back.osm.pbf", f.PBF(), osmimport.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Edges) != tc.edges || res.Stats.Skipped[osmimport.SkipRepeatedSegments] != tc.repeated {
				t.Fatalf("%d edges, %d repeated segments skipped; want %d and %d", len(res.Edges), res.Stats.Skipped[osmimport.SkipRepeatedSegments], tc.edges, tc.repeated)
			}
			ab := geo.HaversineM(pointOf(f.Nodes[0]), pointOf(f.Nodes[1]))
			if got := res.Edges[0].LengthM; got < ab*0.999999 || got > ab*1.000001 {
				t.Errorf("first edge %.3f m, want the one segment A–B, %.3f m", got, ab)
			}
		})
	}
}

func pointOf(n osmtest.Node) [2]float64 { return [2]float64{n.Lon, n.Lat} }

func TestNullIslandNodes(t *testing.T) {
	f := osmtest.File{Nodes: []osmtest.Node{smallExtract.Nodes[0], {ID: 2, Lat: 0, Lon: 0}, smallExtract.Nodes[2]},
		Ways: smallExtract.Ways}
	res, err := readBytes(t, "zero.osm.pbf", f.PBF(), osmimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Skipped[osmimport.SkipBadCoordinates] != 1 || len(res.Edges) != 0 {
		t.Errorf("%d edges, skipped %v; want the node at 0,0 treated as missing", len(res.Edges), res.Stats.Skipped)
	}
}

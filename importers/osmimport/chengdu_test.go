package osmimport_test

import (
	"context"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/internal/testenv"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmxml"
)

// The README of shared/data says the central Chengdu extract has "about 820 km of
// walkable ways" and lists its POIs; these tests hold the reader to those figures.

func TestChengduPBFAndXMLAgree(t *testing.T) {
	pbf := read(t, testenv.SharedData(t, "osm", "chengdu-central.osm.pbf"))
	xml := read(t, testenv.SharedData(t, "osm", "chengdu-central.osm"))
	if len(pbf.Edges) != len(xml.Edges) || len(pbf.Nodes) != len(xml.Nodes) {
		t.Fatalf("PBF %d edges %d nodes, XML %d edges %d nodes", len(pbf.Edges), len(pbf.Nodes), len(xml.Edges), len(xml.Nodes))
	}
	for i := range pbf.Edges {
		a, b := pbf.Edges[i], xml.Edges[i]
		if a.Source != b.Source || a.Target != b.Target || a.OSMWayID != b.OSMWayID || len(a.Geometry) != len(b.Geometry) {
			t.Fatalf("edge %d differs: PBF %d→%d way %d, XML %d→%d way %d", a.ID, a.Source, a.Target, a.OSMWayID, b.Source, b.Target, b.OSMWayID)
		}
	}
	if rel := math.Abs(pbf.Stats.WalkLengthM-xml.Stats.WalkLengthM) / xml.Stats.WalkLengthM; rel > 1e-6 {
		t.Errorf("total length PBF %.3f m, XML %.3f m (relative difference %.2g)", pbf.Stats.WalkLengthM, xml.Stats.WalkLengthM, rel)
	}
	pc, xc := outletCounts(pbf), outletCounts(xml)
	for k, n := range xc {
		if pc[k] != n {
			t.Errorf("category %s: PBF %d outlets, XML %d", k, pc[k], n)
		}
	}
	if len(pc) != len(xc) || len(pbf.Stations) != len(xml.Stations) || len(pbf.Residential) != len(xml.Residential) {
		t.Errorf("PBF %d categories %d stations %d residential; XML %d, %d, %d",
			len(pc), len(pbf.Stations), len(pbf.Residential), len(xc), len(xml.Stations), len(xml.Residential))
	}
}

func TestChengduNetwork(t *testing.T) {
	res := read(t, testenv.SharedData(t, "osm", "chengdu-central.osm.pbf"))
	km := res.Stats.WalkLengthM / 1000
	t.Logf("%d edges, %d nodes, %.1f km walkable", len(res.Edges), len(res.Nodes), km)
	if km < 820*0.9 || km > 820*1.1 {
		t.Errorf("walkable length %.1f km, README says about 820 km", km)
	}
	// independent total: every walkable way's node-to-node haversine lengths, a segment a
	// way walks twice once, read straight from the XML twin of the file
	if want := walkableLengthXML(t, testenv.SharedData(t, "osm", "chengdu-central.osm")); math.Abs(res.Stats.WalkLengthM-want) > 1e-6*want {
		t.Errorf("edges total %.3f m, the walkable ways total %.3f m", res.Stats.WalkLengthM, want)
	}
	checkEdgeInvariants(t, res)
	share := largestComponentShare(res)
	t.Logf("largest connected component: %.1f %% of the length", 100*share)
	if share < 0.8 {
		t.Errorf("largest component holds %.1f %% of the length, want most (≥ 80 %%)", 100*share)
	}
}

func TestChengduFeatures(t *testing.T) {
	res := read(t, testenv.SharedData(t, "osm", "chengdu-central.osm.pbf"))
	counts := outletCounts(res)
	t.Logf("outlets by category: %v; %d stations", counts, len(res.Stations))
	// loose bounds around the README's figures (83 schools counted by another rule, 23
	// marketplaces, 18 supermarkets, 16 banks, 11 convenience shops, 5 kindergartens,
	// 4 post offices, 4 pharmacies), as testdata/categories.json maps them
	bounds := []struct {
		key    string
		lo, hi int
	}{
		{"school", 40, 90}, {"vegetable_market", 10, 26}, {"supermarket", 15, 24}, {"bank", 14, 18},
		{"convenience", 9, 15}, {"kindergarten", 4, 8}, {"post_office", 3, 5}, {"pharmacy", 3, 6},
	}
	for _, b := range bounds {
		if n := counts[b.key]; n < b.lo || n > b.hi {
			t.Errorf("%d %s outlets, want %d–%d", n, b.key, b.lo, b.hi)
		}
	}
	landuse := 0
	for _, a := range res.Residential {
		if a.Kind == "landuse" {
			landuse++
		}
	}
	if landuse < 180 || landuse > 190 {
		t.Errorf("%d landuse=residential polygons, README says 186", landuse)
	}
	for _, s := range res.Stations {
		if !s.Level.Valid() || s.Source != "osm" {
			t.Errorf("station %+v", s)
		}
	}
}

func outletCounts(res *osmimport.Result) map[string]int {
	counts := map[string]int{}
	for _, o := range res.Outlets {
		counts[o.Category]++
	}
	return counts
}

// walkableLengthXML sums the haversine lengths of all walkable ways of an XML file.
func walkableLengthXML(tb testing.TB, path string) float64 {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := osmxml.New(context.Background(), f)
	defer sc.Close()
	nodes := map[osm.NodeID]orb.Point{}
	total := 0.0
	for sc.Scan() {
		switch o := sc.Object().(type) {
		case *osm.Node:
			nodes[o.ID] = orb.Point{o.Lon, o.Lat}
		case *osm.Way:
			if !osmimport.Walkable(o.Tags) {
				continue
			}
			walked := map[[2]osm.NodeID]bool{} // a segment walked again counts once
			for i := 1; i < len(o.Nodes); i++ {
				u, v := o.Nodes[i-1].ID, o.Nodes[i].ID
				a, okA := nodes[u]
				b, okB := nodes[v]
				if !okA || !okB {
					tb.Fatalf("way %d: node missing; the extract was expected complete", o.ID)
				}
				seg := [2]osm.NodeID{min(u, v), max(u, v)}
				if walked[seg] {
					tb.Logf("way %d walks %d–%d again", o.ID, u, v)
					continue
				}
				walked[seg] = true
				total += geo.HaversineM(a, b)
			}
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return total
}

// checkEdgeInvariants checks each edge against the nodes: ends where its nodes are, a
// length that is its geometry's, and every node used.
func checkEdgeInvariants(tb testing.TB, res *osmimport.Result) {
	tb.Helper()
	at := map[int64]orb.Point{}
	for _, n := range res.Nodes {
		at[n.ID] = n.Point
	}
	used := map[int64]bool{}
	for i, e := range res.Edges {
		g := e.Geometry
		if e.ID != int64(i+1) || len(g) < 2 || g[0] != at[e.Source] || g[len(g)-1] != at[e.Target] {
			tb.Fatalf("edge %d (#%d) %d→%d: geometry %v does not join its nodes", e.ID, i+1, e.Source, e.Target, g)
		}
		if math.Abs(e.LengthM-geo.LineLengthM(g)) > 1e-9 || e.LengthM <= 0 {
			tb.Fatalf("edge %d: length %.6f m, geometry %.6f m", e.ID, e.LengthM, geo.LineLengthM(g))
		}
		used[e.Source], used[e.Target] = true, true
	}
	if len(used) != len(res.Nodes) {
		tb.Errorf("%d nodes, %d used by edges", len(res.Nodes), len(used))
	}
}

// largestComponentShare returns the share of the network's length in its largest
// connected component, by union-find over the edges (fixture.Components).
func largestComponentShare(res *osmimport.Result) float64 {
	root, _ := fixture.Components(res.Nodes, res.Edges)
	length := map[int64]float64{}
	total, best := 0.0, 0.0
	for _, e := range res.Edges {
		r := root[e.Source]
		length[r] += e.LengthM
		total += e.LengthM
		best = math.Max(best, length[r])
	}
	return best / total
}

// TestChengduBundledCategories reads the extract with the project's own category file
// (data/categories.json), whose schools are split into primary and middle by tags and
// names.
func TestChengduBundledCategories(t *testing.T) {
	path := testenv.SharedData(t, "osm", "chengdu-central.osm.pbf")
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	res, err := osmimport.ReadFile(context.Background(), path, osmimport.Options{Categories: cats})
	if err != nil {
		t.Fatal(err)
	}
	counts := outletCounts(res)
	t.Logf("outlets by bundled category: %v", counts)
	for _, key := range []string{"supermarket", "bank", "vegetable_market", "kindergarten", "post_office", "pharmacy"} {
		if counts[key] == 0 {
			t.Errorf("no %s outlet with the bundled categories", key)
		}
	}
	if schools := counts["primary_school"] + counts["middle_school"]; schools < 10 {
		t.Errorf("%d primary and middle schools, want at least 10", schools)
	}
	for _, o := range res.Outlets {
		if _, ok := cats.Get(o.Category); !ok {
			t.Errorf("outlet %s has unknown category %q", o.ID, o.Category)
		}
	}
}

// TestChengduNoGovernmentStations reads every element of the extract's XML twin with
// office=government, amenity=townhall or a government word in its name (政府, 政务, 办公区)
// and checks that none became a station candidate; with the bundled rules the central
// extract holds no party-mass station name at all, so no station is found.
func TestChengduNoGovernmentStations(t *testing.T) {
	res := read(t, testenv.SharedData(t, "osm", "chengdu-central.osm.pbf"))
	stations := map[string]string{}
	for _, s := range res.Stations {
		stations[s.ID] = s.Name
		if s.Status != geo.StatusCandidate {
			t.Errorf("station %s %s has status %q, want candidate", s.ID, s.Name, s.Status)
		}
	}
	f, err := os.Open(testenv.SharedData(t, "osm", "chengdu-central.osm"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := osmxml.New(context.Background(), f)
	defer sc.Close()
	government := 0
	for sc.Scan() {
		var id, prefix string
		var tags osm.Tags
		switch o := sc.Object().(type) {
		case *osm.Node:
			prefix, id, tags = "osm:n", strconv.FormatInt(int64(o.ID), 10), o.Tags
		case *osm.Way:
			prefix, id, tags = "osm:w", strconv.FormatInt(int64(o.ID), 10), o.Tags
		case *osm.Relation:
			prefix, id, tags = "osm:r", strconv.FormatInt(int64(o.ID), 10), o.Tags
		default:
			continue
		}
		name := tags.Find("name")
		if tags.Find("office") != "government" && tags.Find("amenity") != "townhall" &&
			!strings.Contains(name, "政府") && !strings.Contains(name, "政务") && !strings.Contains(name, "办公区") {
			continue
		}
		government++
		key := prefix + id
		if n, ok := stations[key]; ok {
			t.Errorf("government feature %s %q is a station candidate", key, n)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d government features, %d station candidates", government, len(res.Stations))
	if government < 4 {
		t.Errorf("%d government features in the extract; the README's 政务服务中心, 青羊区政府, 人民政府办公区 and Housing Registration were expected", government)
	}
	if len(res.Stations) != 0 {
		t.Errorf("%d station candidates %v, want none: no name in the extract says 党群服务", len(res.Stations), stations)
	}
}

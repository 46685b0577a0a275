package synth_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/paulmach/orb"
)

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := synth.Config{Seed: 7, Nodes: 30_000}
	a, b := generate(t, cfg), generate(t, cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two districts from the same Config differ")
	}
	cfg.Seed = 8
	c := generate(t, cfg)
	if reflect.DeepEqual(a.Nodes, c.Nodes) || reflect.DeepEqual(a.Communities, c.Communities) {
		t.Fatal("districts from seeds 7 and 8 have the same nodes or communities")
	}
}

func TestGenerateSizes(t *testing.T) {
	tests := []struct {
		name  string
		cfg   synth.Config
		short bool // run in -short mode too
	}{
		{"smallest", synth.Config{Seed: 1, Nodes: synth.MinNodes}, true},
		{"smallest other seed", synth.Config{Seed: 99, Nodes: synth.MinNodes}, true},
		{"100k", synth.Config{Seed: 2, Nodes: 100_000}, true},
		{"300k", synth.Config{Seed: 3, Nodes: 300_000}, false},
		{"explicit counts", synth.Config{Seed: 4, Nodes: 50_000, Stations: 40, Outlets: 500, Categories: []string{"a", "b", "elderly_canteen"}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && !tc.short {
				t.Skip("large district skipped in -short mode")
			}
			d := generate(t, tc.cfg)
			if got, want := float64(len(d.Nodes)), float64(tc.cfg.Nodes); math.Abs(got-want) > 0.1*want {
				t.Errorf("%d nodes, want %d ± 10 %%", len(d.Nodes), tc.cfg.Nodes)
			}
			wantStations, wantOutlets := tc.cfg.Stations, tc.cfg.Outlets
			if wantStations == 0 {
				wantStations = tc.cfg.Nodes * 3 / 1000
			}
			if wantOutlets == 0 {
				wantOutlets = tc.cfg.Nodes * 30 / 1000
			}
			if len(d.Stations) != wantStations || len(d.Outlets) != wantOutlets {
				t.Errorf("%d stations and %d outlets, want %d and %d", len(d.Stations), len(d.Outlets), wantStations, wantOutlets)
			}
			keys := tc.cfg.Categories
			if len(keys) == 0 {
				keys = synth.DefaultCategories()
			}
			checkCategories(t, d, keys)
			checkLevels(t, d)
		})
	}
}

// checkCategories checks that every outlet has one of keys and every key has outlets.
func checkCategories(t *testing.T, d *synth.District, keys []string) {
	t.Helper()
	count := map[string]int{}
	for _, o := range d.Outlets {
		count[o.Category]++
	}
	for _, k := range keys {
		if count[k] == 0 {
			t.Errorf("category %q has no outlet", k)
		}
		delete(count, k)
	}
	if len(count) > 0 {
		t.Errorf("outlets of categories not asked for: %v", count)
	}
}

// checkLevels checks the "1+11+N+X" network: one district centre, one centre per
// street, community, compound and building stations, and some communities left without
// a community station.
func checkLevels(t *testing.T, d *synth.District) {
	t.Helper()
	if len(d.Streets) != 11 {
		t.Fatalf("%d streets, want 11", len(d.Streets))
	}
	perLevel := map[geo.Level]int{}
	streetCentres := map[string]int{}
	withStation := map[string]bool{}
	for _, s := range d.Stations {
		if !s.Level.Valid() {
			t.Fatalf("station %s has level %q", s.ID, s.Level)
		}
		perLevel[s.Level]++
		switch s.Level {
		case geo.LevelStreet:
			streetCentres[s.ParentCode]++
		case geo.LevelCommunity:
			withStation[s.ParentCode] = true
		}
	}
	if perLevel[geo.LevelDistrict] != 1 || perLevel[geo.LevelStreet] != 11 {
		t.Errorf("%d district and %d street stations, want 1 and 11", perLevel[geo.LevelDistrict], perLevel[geo.LevelStreet])
	}
	for _, l := range geo.Levels() {
		if perLevel[l] == 0 {
			t.Errorf("no %s station", l)
		}
	}
	for _, s := range d.Streets {
		if streetCentres[s.Code] != 1 {
			t.Errorf("street %s has %d street centres, want 1", s.Code, streetCentres[s.Code])
		}
	}
	if len(withStation) >= len(d.Communities) {
		t.Errorf("all %d communities have a station; some should lack one", len(d.Communities))
	}
}

func TestGenerateNetwork(t *testing.T) {
	d := generate(t, synth.Config{Seed: 11, Nodes: 100_000})
	walkable := map[string]bool{}
	for _, h := range []string{"primary", "secondary", "tertiary", "residential", "service", "footway", "path", "steps"} {
		walkable[h] = true
	}
	for i, n := range d.Nodes {
		if n.ID != int64(i+1) {
			t.Fatalf("node %d has ID %d, want %d", i, n.ID, i+1)
		}
	}
	perHighway := map[string]int{}
	curved := 0
	for i, e := range d.Edges {
		if e.ID != int64(i+1) || e.OSMWayID <= 0 {
			t.Fatalf("edge %d has ID %d and way %d", i, e.ID, e.OSMWayID)
		}
		if e.Source < 1 || e.Source > int64(len(d.Nodes)) || e.Target < 1 || e.Target > int64(len(d.Nodes)) {
			t.Fatalf("edge %d joins missing nodes %d–%d", e.ID, e.Source, e.Target)
		}
		if len(e.Geometry) < 2 || e.Geometry[0] != d.Nodes[e.Source-1].Point || e.Geometry[len(e.Geometry)-1] != d.Nodes[e.Target-1].Point {
			t.Fatalf("edge %d's geometry does not run from its source to its target", e.ID)
		}
		if want := geo.LineLengthM(e.Geometry); e.LengthM != want || e.LengthM <= 0 {
			t.Fatalf("edge %d: LengthM %f, geometry measures %f", e.ID, e.LengthM, want)
		}
		if !walkable[e.Highway] || !geo.WalkableWay(geo.Highway(e.Highway), "", "") {
			t.Fatalf("edge %d: highway %q (walkable by geo's rule: %v)", e.ID, e.Highway, geo.WalkableWay(geo.Highway(e.Highway), "", ""))
		}
		perHighway[e.Highway]++
		if len(e.Geometry) > 2 {
			curved++
		}
	}
	for h := range walkable {
		if perHighway[h] == 0 {
			t.Errorf("no %s edge", h)
		}
	}
	if curved == 0 || perHighway["steps"] > len(d.Edges)/50 {
		t.Errorf("%d curved edges and %d steps of %d: want some curves and a few steps", curved, perHighway["steps"], len(d.Edges))
	}
	checkWays(t, d)
}

// checkWays checks that the ways cover the edges in order, each a chain with its own ID.
func checkWays(t *testing.T, d *synth.District) {
	t.Helper()
	next := 0
	seen := map[int64]bool{}
	for _, w := range d.Ways {
		if w.First != next || w.Count < 1 || seen[w.ID] {
			t.Fatalf("way %d starts at edge %d with %d edges (want start %d), seen before: %v", w.ID, w.First, w.Count, next, seen[w.ID])
		}
		seen[w.ID] = true
		for k := w.First; k < w.First+w.Count; k++ {
			e := d.Edges[k]
			if e.OSMWayID != w.ID || e.Highway != w.Highway {
				t.Fatalf("edge %d in way %d says way %d, %s", e.ID, w.ID, e.OSMWayID, e.Highway)
			}
			if k > w.First && d.Edges[k-1].Target != e.Source {
				t.Fatalf("way %d: edge %d does not start where the previous ends", w.ID, e.ID)
			}
		}
		next += w.Count
	}
	if next != len(d.Edges) {
		t.Fatalf("ways hold %d of %d edges", next, len(d.Edges))
	}
}

func TestGenerateConnectivity(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		d := generate(t, synth.Config{Seed: seed, Nodes: 60_000})
		sizes := components(t, d, nil)
		if share := float64(sizes[0]) / float64(len(d.Nodes)); share < 0.95 {
			t.Errorf("seed %d: largest component holds %.1f %% of nodes, want ≥ 95 %%", seed, 100*share)
		}
		// Without its bridges the river splits the district in two large parts.
		bridges := map[int64]bool{}
		for _, w := range d.Ways {
			if w.Bridge {
				bridges[w.ID] = true
			}
		}
		if len(bridges) < 2 {
			t.Fatalf("seed %d: %d bridges, want at least 2", seed, len(bridges))
		}
		cut := components(t, d, func(e geo.WalkEdge) bool { return bridges[e.OSMWayID] })
		if len(cut) < 2 || float64(cut[1]) < 0.1*float64(len(d.Nodes)) {
			t.Errorf("seed %d: without bridges the two largest parts hold %v nodes; want the river to split the district", seed, cut[:min(2, len(cut))])
		}
	}
}

func TestGenerateUnits(t *testing.T) {
	d := generate(t, synth.Config{Seed: 5, Nodes: 100_000})
	area := checkTiling(t, d)
	streetOf := map[string]orb.MultiPolygon{}
	for _, s := range d.Streets {
		streetOf[s.Code] = s.Boundary
	}
	byCode := map[string]geo.Community{}
	overWorked, underSpaced := 0, 0
	for _, c := range d.Communities {
		byCode[c.Code] = c
		if len(c.Code) != 12 || c.Code[:9] != c.StreetCode || streetOf[c.StreetCode] == nil {
			t.Fatalf("community %s %s: code or street %s wrong", c.Code, c.Name, c.StreetCode)
		}
		if !containsAll(streetOf[c.StreetCode], c.Boundary[0][0]) {
			t.Errorf("community %s lies outside its street %s", c.Code, c.StreetCode)
		}
		if c.Households < 2000 || c.Households > 6000 {
			t.Errorf("community %s has %d households", c.Code, c.Households)
		}
		if r := float64(c.Population) / float64(c.Households); r < 2.4 || r > 2.8 {
			t.Errorf("community %s has %.2f persons per household", c.Code, r)
		}
		if float64(c.Households)/float64(c.Workers) > 300 {
			overWorked++
		}
		if c.ServiceAreaM2/float64(c.Households)*100 < 30 {
			underSpaced++
		}
	}
	if overWorked == 0 || underSpaced == 0 || overWorked > len(d.Communities)/2 {
		t.Errorf("%d communities with > 300 households per worker and %d with < 30 m² per 100 households of %d", overWorked, underSpaced, len(d.Communities))
	}
	checkCompounds(t, d, byCode)
	checkPointsInside(t, d, area)
}

// checkTiling checks that the communities' areas add up to the area of their union's
// bound (so they do not overlap and leave no hole in the rectangle they tile) and the
// streets' too; it returns the study area's bound.
func checkTiling(t *testing.T, d *synth.District) orb.Bound {
	t.Helper()
	var bound orb.Bound
	sum := 0.0
	for i, c := range d.Communities {
		if i == 0 {
			bound = c.Boundary.Bound()
		}
		bound = bound.Union(c.Boundary.Bound())
		sum += planarArea(c.Boundary)
	}
	whole := (bound.Max[0] - bound.Min[0]) * (bound.Max[1] - bound.Min[1])
	if math.Abs(sum-whole) > 1e-9*whole {
		t.Errorf("community areas add up to %.10f deg², their bound has %.10f", sum, whole)
	}
	streets := 0.0
	for _, s := range d.Streets {
		streets += planarArea(s.Boundary)
	}
	if math.Abs(streets-whole) > 1e-9*whole {
		t.Errorf("street areas add up to %.10f deg², the district has %.10f", streets, whole)
	}
	for i, a := range d.Communities {
		for _, b := range d.Communities[i+1:] {
			ab, bb := a.Boundary.Bound(), b.Boundary.Bound()
			if ab.Min[0] < bb.Max[0]-1e-12 && bb.Min[0] < ab.Max[0]-1e-12 && ab.Min[1] < bb.Max[1]-1e-12 && bb.Min[1] < ab.Max[1]-1e-12 {
				t.Fatalf("communities %s and %s overlap", a.Code, b.Code)
			}
		}
	}
	return bound
}

// checkCompounds checks that compounds lie in their communities and share out exactly
// the community's households and people.
func checkCompounds(t *testing.T, d *synth.District, byCode map[string]geo.Community) {
	t.Helper()
	households, people := map[string]int{}, map[string]int{}
	for _, c := range d.Compounds {
		com, ok := byCode[c.CommunityCode]
		if !ok {
			t.Fatalf("compound %s is in unknown community %s", c.ID, c.CommunityCode)
		}
		if !containsAll(com.Boundary, c.Polygon[0][0]) {
			t.Fatalf("compound %s reaches outside community %s", c.ID, com.Code)
		}
		households[c.CommunityCode] += c.Households
		people[c.CommunityCode] += c.Population
	}
	for _, com := range d.Communities {
		if households[com.Code] != com.Households || people[com.Code] != com.Population {
			t.Errorf("community %s: compounds hold %d households and %d people, community %d and %d",
				com.Code, households[com.Code], people[com.Code], com.Households, com.Population)
		}
	}
	if len(d.Residential) != len(d.Compounds) {
		t.Errorf("%d residential areas for %d compounds", len(d.Residential), len(d.Compounds))
	}
}

// checkPointsInside checks that every station and outlet lies in some community.
func checkPointsInside(t *testing.T, d *synth.District, area orb.Bound) {
	t.Helper()
	inside := func(p orb.Point) bool {
		if !area.Contains(p) {
			return false
		}
		for _, c := range d.Communities {
			if c.Boundary.Bound().Contains(p) && planarContains(c.Boundary, p) {
				return true
			}
		}
		return false
	}
	for _, s := range d.Stations {
		if !inside(s.Point) {
			t.Errorf("station %s %s at %v lies outside the study area", s.ID, s.Name, s.Point)
		}
	}
	for _, o := range d.Outlets {
		if !inside(o.Point) {
			t.Errorf("outlet %s at %v lies outside the study area", o.ID, o.Point)
		}
	}
}

// containsAll reports whether every vertex of ring lies in mp (on its edge counts).
func containsAll(mp orb.MultiPolygon, ring orb.Ring) bool {
	b := mp.Bound()
	for _, p := range ring {
		if p[0] < b.Min[0]-1e-12 || p[0] > b.Max[0]+1e-12 || p[1] < b.Min[1]-1e-12 || p[1] > b.Max[1]+1e-12 {
			return false
		}
	}
	return true
}

func TestGenerateRejectsNonsense(t *testing.T) {
	tests := []struct {
		name string
		cfg  synth.Config
	}{
		{"no nodes", synth.Config{}},
		{"too few nodes", synth.Config{Nodes: 1000}},
		{"too many nodes", synth.Config{Nodes: synth.MaxNodes + 1}},
		{"negative stations", synth.Config{Nodes: 50_000, Stations: -1}},
		{"too few stations for five levels", synth.Config{Nodes: 50_000, Stations: 12}},
		{"fewer outlets than categories", synth.Config{Nodes: 50_000, Outlets: 5}},
		{"negative outlets", synth.Config{Nodes: 50_000, Outlets: -3}},
		{"duplicate category", synth.Config{Nodes: 50_000, Categories: []string{"bank", "bank"}}},
		{"empty category", synth.Config{Nodes: 50_000, Categories: []string{"bank", ""}}},
		{"origin near the pole", synth.Config{Nodes: 50_000, Origin: orb.Point{10, 85}}},
		{"origin at the antimeridian", synth.Config{Nodes: 50_000, Origin: orb.Point{179.99, 10}}},
		{"origin not a number", synth.Config{Nodes: 50_000, Origin: orb.Point{math.NaN(), 30}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := synth.Generate(tc.cfg)
			if geo.ErrorCodeOf(err) != geo.EINVALID || d != nil {
				t.Fatalf("Generate = %v, %v; want nil and an EINVALID error", d != nil, err)
			}
		})
	}
}

func TestGenerateOrigin(t *testing.T) {
	origin := orb.Point{116.30, 39.85}
	d := generate(t, synth.Config{Seed: 1, Nodes: synth.MinNodes, Origin: origin})
	b := d.Bound()
	if math.Abs(b.Min[0]-origin[0]) > 1e-9 || math.Abs(b.Min[1]-origin[1]) > 1e-9 {
		t.Errorf("district's south-west corner is %v, want %v", b.Min, origin)
	}
	// About 18 km² at ~1 100 nodes/km²: some 4–5 km a side.
	w := geo.HaversineM(orb.Point{b.Min[0], b.Min[1]}, orb.Point{b.Max[0], b.Min[1]})
	h := geo.HaversineM(orb.Point{b.Min[0], b.Min[1]}, orb.Point{b.Min[0], b.Max[1]})
	if w < 3000 || w > 6500 || h < 3000 || h > 6500 {
		t.Errorf("district is %.0f × %.0f m, want 3–6.5 km a side", w, h)
	}
}

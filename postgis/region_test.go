package postgis_test

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// The two regions of the isolation tests: adjacent districts, the same natural keys in
// both (station s1, outlet o1, walk node 10 …).
const (
	regionA geo.Region = "510104"
	regionB geo.Region = "510105"
)

// seedRegion imports into db's region a district at lon (a 0.1° square from 30.6° N), a
// community and its attribute row, a grid, a compound, stations, outlets, a population
// cell, an OSM extract (walk network, residential land, buildings, a candidate station),
// writes a coverage run with a finding and saves a walk graph snapshot: a row in every
// table but coverage_cell_rows (the benchmark baseline's). tag goes
// into names, so that a re-import changes rows.
func seedRegion(tb testing.TB, db *postgis.DB, lon float64, tag string) {
	tb.Helper()
	ctx := context.Background()
	code := string(db.Region())
	comm := code + "001001"
	batch := func(kind string) postgis.Batch {
		return postgis.Batch{Kind: kind, FileName: kind + ".geojson", Mode: postgis.ModeReplace, Read: 1}
	}
	o := postgis.ImportOptions{}
	check := func(what string, _ postgis.Summary, err error) {
		tb.Helper()
		if err != nil {
			tb.Fatalf("%s into %s: %v", what, db.Region(), err)
		}
	}
	s, err := db.ImportDistricts(ctx, batch("districts"), []geo.District{{Code: code, Name: "区" + code, Boundary: square(lon, 30.6, 0.1)}}, o)
	check("districts", s, err)
	s, err = db.ImportCommunities(ctx, batch("communities"), []geo.Community{{Code: comm, Name: "社区" + tag, StreetCode: code + "001",
		Boundary: square(lon+0.01, 30.61, 0.02)}}, o)
	check("communities", s, err)
	s, err = db.ImportCommunityAttributes(ctx, batch("attributes"), []geo.Community{{Code: comm, Name: "社区" + tag, Households: 120}}, o)
	check("attributes", s, err)
	s, err = db.ImportGrids(ctx, batch("grids"), []geo.Grid{{Code: "g1", Name: "网格" + tag, CommunityCode: comm, Polygon: square(lon+0.012, 30.612, 0.005)}}, o)
	check("grids", s, err)
	s, err = db.ImportCompounds(ctx, batch("compounds"), []geo.Compound{{ID: "c1", Name: "小区" + tag, CommunityCode: comm, Households: 80,
		Polygon: square(lon+0.013, 30.613, 0.002)}}, o)
	check("compounds", s, err)
	s, err = db.ImportStations(ctx, batch("stations"), []geo.Station{{ID: "s1", Name: "站" + tag, Level: geo.LevelCommunity,
		Point: orb.Point{lon + 0.02, 30.62}}}, o)
	check("stations", s, err)
	s, err = db.ImportOutlets(ctx, batch("outlets"), []geo.Outlet{{ID: "o1", Name: "超市" + tag, Category: "supermarket", Point: orb.Point{lon + 0.021, 30.62}}}, o)
	check("outlets", s, err)
	s, err = db.ImportPopulation(ctx, batch("population"), []postgis.PopulationRow{{H3: "8a4194e2b46ffff", Population: 42}})
	check("population", s, err)
	a, b := orb.Point{lon + 0.02, 30.62}, orb.Point{lon + 0.021, 30.62}
	d := postgis.OSMData{
		Nodes:       []geo.WalkNode{{ID: 10, Point: a}, {ID: 20, Point: b}},
		Edges:       []geo.WalkEdge{{ID: 1, Source: 10, Target: 20, LengthM: geo.HaversineM(a, b), Highway: "footway", Geometry: orb.LineString{a, b}}},
		Stations:    []geo.Station{{ID: "osm:n2", Name: "候选站" + tag, Level: geo.LevelCommunity, Point: b}},
		Residential: []geo.ResidentialArea{{ID: "osm:w1", Kind: "landuse", Polygon: square(lon+0.011, 30.611, 0.003)}},
		Buildings:   []geo.Building{{ID: "osm:w2", Kind: "apartments", Levels: 6, Polygon: square(lon+0.0111, 30.6111, 0.0002)}},
	}
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "x.osm.pbf", Read: 6}, d, geo.DefaultWalkModel()); err != nil {
		tb.Fatalf("osm into %s: %v", db.Region(), err)
	}
	run := testRun(tb, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	run.Findings = []coverage.Finding{{Code: "demo", Severity: "info", SubjectKind: "district", SubjectID: code, MessageZH: "示例" + tag, MessageEN: "example " + tag}}
	if err := db.WriteCoverage(ctx, run); err != nil {
		tb.Fatalf("coverage of %s: %v", db.Region(), err)
	}
	v, err := db.NetworkVersion(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	err = db.SaveGraph(ctx, "graph-key", v, func(w io.Writer) error { _, err := w.Write([]byte("graph " + tag)); return err })
	if err != nil {
		tb.Fatalf("graph of %s: %v", db.Region(), err)
	}
}

// dumpRows counts the rows of each table in a postgistest.DumpRegion text.
func dumpRows(dump string) map[string]int {
	out := map[string]int{}
	table := ""
	for _, line := range strings.Split(strings.TrimSuffix(dump, "\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "== "); ok {
			table, _, _ = strings.Cut(name, " ")
			out[table] = 0
			continue
		}
		out[table]++
	}
	return out
}

// Two regions in one database: importing again into A, recomputing A and deleting A leave
// every row of B as it was, and A's rows really go.
func TestRegionsAreIsolated(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	a, b := db.InRegion(regionA), db.InRegion(regionB)
	seedRegion(t, a, 104.0, "a")
	seedRegion(t, b, 104.1, "b")
	before := postgistest.DumpRegion(t, db, regionB)
	for table, n := range dumpRows(before) {
		if n == 0 && table != "coverage_cell_rows" { // the benchmark's baseline writes it, no compute does
			t.Errorf("region B has no row in %s: the seed should fill every table", table)
		}
	}
	if before == postgistest.DumpRegion(t, db, regionA) {
		t.Fatal("the two regions' dumps are equal: the seeds should differ")
	}
	same := func(step string) {
		t.Helper()
		if after := postgistest.DumpRegion(t, db, regionB); after != before {
			t.Errorf("%s changed region B's rows:\nbefore:\n%s\nafter:\n%s", step, before, after)
		}
	}

	seedRegion(t, a, 104.0, "a2") // every import replaces, the coverage is written anew, the snapshot saved again
	same("importing into A again and recomputing A")
	if got := dumpRows(postgistest.DumpRegion(t, db, regionA)); got["walk_network_version"] != 1 || got["walk_graph_snapshots"] != 1 {
		t.Errorf("region A after its re-import: %v", got)
	}

	aRows := dumpRows(postgistest.DumpRegion(t, db, regionA))
	deleted, err := a.DeleteRegion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same("deleting A")
	for table, n := range aRows {
		if deleted[table] != int64(n) {
			t.Errorf("DeleteRegion deleted %d rows of %s, region A had %d", deleted[table], table, n)
		}
	}
	for table, n := range dumpRows(postgistest.DumpRegion(t, db, regionA)) {
		if n != 0 {
			t.Errorf("after DeleteRegion(A), %s holds %d rows of A", table, n)
		}
	}
	if _, err := a.DeleteRegion(ctx); geo.ErrorCodeOf(err) != geo.ENOTFOUND {
		t.Errorf("deleting A again: %v, want ENOTFOUND", err)
	}
	regions, err := db.Regions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 1 || regions[0].Region != regionB {
		t.Fatalf("regions after deleting A: %+v, want B only", regions)
	}
}

// Regions says what each region holds; RegionAt finds a region by a point in its
// districts.
func TestRegionsAndRegionAt(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	seedRegion(t, db.InRegion(regionA), 104.0, "a")
	b := db.InRegion(regionB)
	if _, err := b.ImportStations(ctx, postgis.Batch{Kind: "stations", FileName: "s.csv", Mode: postgis.ModeReplace},
		[]geo.Station{{ID: "s1", Name: "x", Level: geo.LevelStreet, Point: orb.Point{104.15, 30.65}}}, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Regions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	aRows := int64(0)
	for table, n := range dumpRows(postgistest.DumpRegion(t, db, regionA)) {
		if table != "regions" {
			aRows += int64(n)
		}
	}
	want := []geo.RegionInfo{
		{Region: regionA, Name: "区510104", Districts: []string{"510104"}, Rows: aRows, Computed: true, Cells: 2},
		{Region: regionB, Name: "510105", Districts: []string{}, Rows: 2, Computed: false}, // the station and its batch
	}
	if len(got) != len(want) {
		t.Fatalf("Regions: %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Region != w.Region || g.Name != w.Name || !slices.Equal(g.Districts, w.Districts) || g.Rows != w.Rows || g.Computed != w.Computed || g.Cells != w.Cells {
			t.Errorf("region %d: %+v, want %+v", i, g, w)
		}
	}
	known, err := db.KnownRegions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range known {
		if i >= len(got) || known[i].Rows != 0 || known[i].Region != got[i].Region || known[i].Name != got[i].Name || known[i].Cells != got[i].Cells {
			t.Errorf("KnownRegions %d: %+v; Regions: %+v", i, known[i], got)
		}
	}
	tests := []struct {
		name     string
		lon, lat float64
		want     []geo.Region
	}{
		{"inside A's district", 104.05, 30.65, []geo.Region{regionA}},
		{"outside every district", 105, 31, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.RegionAt(ctx, tc.lon, tc.lat)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("RegionAt(%v, %v) = %v, want %v", tc.lon, tc.lat, got, tc.want)
			}
		})
	}
}

// The same natural key is two rows in two regions: station s1 of A and s1 of B, each read
// back by its own region, and a replace in one leaves the other.
func TestSameKeyInTwoRegions(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	b := postgis.Batch{Kind: "stations", FileName: "s.csv", Mode: postgis.ModeReplace, Read: 1}
	for _, r := range []geo.Region{regionA, regionB} {
		st := []geo.Station{{ID: "s1", Name: "站 " + string(r), Level: geo.LevelCommunity, Point: orb.Point{104, 30.6}}}
		s, err := db.InRegion(r).ImportStations(ctx, b, st, postgis.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Inserted != 1 || s.Updated != 0 || s.Deleted != 0 {
			t.Errorf("import into %s: %+v, want 1 inserted", r, s)
		}
	}
	for _, r := range []geo.Region{regionA, regionB} {
		got, err := db.InRegion(r).Stations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != "s1" || got[0].Name != "站 "+string(r) {
			t.Errorf("stations of %s: %+v", r, got)
		}
	}
	if got, err := db.Stations(ctx); err != nil || len(got) != 0 {
		t.Errorf("stations of the default region: %+v, %v; want none", got, err)
	}
	// Replacing A's stations leaves B's s1.
	s, err := db.InRegion(regionA).ImportStations(ctx, b, []geo.Station{{ID: "s2", Name: "y", Level: geo.LevelStreet, Point: orb.Point{104, 30.6}}}, postgis.ImportOptions{})
	if err != nil || s.Deleted != 1 {
		t.Fatalf("replace A: %+v, %v; want s1 of A deleted", s, err)
	}
	if c := counts(t, db.InRegion(regionB)); c["stations"] != 1 {
		t.Errorf("B's stations after replacing A's: %d, want 1", c["stations"])
	}
}

// A change to one region's walk network gives that region a new version and drops its
// graph snapshots only.
func TestNetworkVersionPerRegion(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	a, b := db.InRegion(regionA), db.InRegion(regionB)
	p, q := orb.Point{104, 30.6}, orb.Point{104.001, 30.6}
	d := postgis.OSMData{Nodes: []geo.WalkNode{{ID: 10, Point: p}, {ID: 20, Point: q}},
		Edges: []geo.WalkEdge{{ID: 1, Source: 10, Target: 20, LengthM: geo.HaversineM(p, q), Highway: "footway", Geometry: orb.LineString{p, q}}}}
	osm := postgis.Batch{Kind: "osm", FileName: "x.osm.pbf"}
	for _, r := range []*postgis.DB{a, b} {
		if _, err := r.ImportOSM(ctx, osm, d, geo.DefaultWalkModel()); err != nil {
			t.Fatal(err)
		}
	}
	vb, err := b.NetworkVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SaveGraph(ctx, "k", vb, func(w io.Writer) error { _, err := w.Write([]byte("b's graph")); return err }); err != nil {
		t.Fatal(err)
	}
	va, err := a.NetworkVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportOSM(ctx, osm, d, geo.DefaultWalkModel()); err != nil {
		t.Fatal(err)
	}
	va2, err := a.NetworkVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vb2, err := b.NetworkVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if va2 == va || vb2 != vb {
		t.Errorf("after re-importing A's network: A %d → %d, B %d → %d; want A changed, B not", va, va2, vb, vb2)
	}
	var got bytes.Buffer
	found, err := b.ReadGraph(ctx, "k", vb, func(r io.Reader) error { _, err := io.Copy(&got, r); return err })
	if err != nil || !found || got.String() != "b's graph" {
		t.Errorf("B's snapshot after A's import: found %v, %q, %v", found, got.String(), err)
	}
	if v, err := db.InRegion("elsewhere").NetworkVersion(ctx); err != nil || v != 1 {
		t.Errorf("a region without a network: version %d, %v; want 1", v, err)
	}
}

// Imports of two regions run at once; two of one region still wait for each other.
func TestLocksPerRegion(t *testing.T) {
	_, url := postgistest.New(t)
	ctx := context.Background()
	holder, err := postgis.OpenWith(ctx, url, postgis.PoolOptions{LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	release := make(chan struct{})
	held := make(chan struct{})
	done := make(chan error, 1)
	// A's compute write holds A's compute lock until release (its commit hook waits).
	go func() {
		done <- holder.InRegion(regionA).WithCommitHook(func(context.Context, pgx.Tx) error {
			close(held)
			<-release
			return nil
		}).WriteCoverage(ctx, testRun(t, time.Now()))
	}()
	<-held
	waiter, err := postgis.OpenWith(ctx, url, postgis.PoolOptions{LockTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer waiter.Close()
	if err := waiter.InRegion(regionB).WriteCoverage(ctx, testRun(t, time.Now())); err != nil {
		t.Errorf("B's compute while A's runs: %v", err)
	}
	err = waiter.InRegion(regionA).WriteCoverage(ctx, testRun(t, time.Now()))
	if geo.ErrorCodeOf(err) != geo.ECONFLICT || !strings.Contains(err.Error(), "another compute in region 510104 is running") {
		t.Errorf("A's second compute while A's runs: %v, want ECONFLICT naming the region", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestDistrictOverlapIsSaid: a district imported into a second region over the first
// region's district is said in the import's notes (both regions would read each other's
// facilities there as a neighbour's); an adjacent district, sharing an edge, is not.
func TestDistrictOverlapIsSaid(t *testing.T) {
	ctx := context.Background()
	pool, _ := postgistest.New(t)
	imp := func(r geo.Region, code string, lon float64) postgis.Summary {
		t.Helper()
		s, err := pool.InRegion(r).ImportDistricts(ctx, postgis.Batch{Kind: "districts", FileName: code + ".geojson", Mode: postgis.ModeReplace, Read: 1},
			[]geo.District{{Code: code, Name: "区" + code, Boundary: square(lon, 30.6, 0.1)}}, postgis.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := imp("510104", "510104", 104.0); len(s.Notes) != 0 {
		t.Fatalf("first region: notes %q, want none", s.Notes)
	}
	if s := imp("510108", "510108", 104.1); len(s.Notes) != 0 {
		t.Errorf("adjacent district (shared edge): notes %q, want none", s.Notes)
	}
	s := imp("study", "510105", 104.05)
	if len(s.Notes) != 2 {
		t.Fatalf("overlapping both by half: notes %q, want one per region", s.Notes)
	}
	for i, want := range []string{"region 510104's district 510104", "region 510108's district 510108"} {
		if !strings.Contains(s.Notes[i], want) || !strings.Contains(s.Notes[i], "(50 % of its area)") {
			t.Errorf("note %d = %q, want %q and 50 %%", i, s.Notes[i], want)
		}
	}
}

package district_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

var _ engine.HaloSource = (*postgis.DB)(nil)

// The border test's regions: 锦江区 and 成华区 (they share the Sha river border across the
// bundled extract), and both at once.
const (
	borderA = geo.Region("510104")
	borderB = geo.Region("510108")
	borderU = geo.Region("jinjiang-chenghua")
)

// borderOwnOnly hides every optional interface of a Source (the halo among them): the region
// computed as if alone.
type borderOwnOnly struct{ engine.Source }

// TestBorderRegionsGiveTheUnionsTimes computes 锦江区 (A) and 成华区 (B) of the bundled
// Chengdu data (DataV boundaries in GCJ-02, the OpenStreetMap extract imported into each
// region) as two regions and both as a third region U, with the extract's outlets and a
// lattice of stations each stored in the region whose district holds it (all in U, kept in
// a database of its own since it overlaps A and B). Every
// cell of A and of B must have, for every facility set, U's walk time for the same H3 cell;
// some of A's and B's cells must be nearest to the other region's facilities; and without
// the halo some cells' times differ from U's (the test is sensitive). Every cell of U is a
// cell of A or B, and A's and B's cells lie in their own district only.
func TestBorderRegionsGiveTheUnionsTimes(t *testing.T) {
	ctx := context.Background()
	pair, pairURL := postgistest.New(t)
	whole, _ := postgistest.New(t) // U overlaps A and B: a database of its own, or it would be their halo
	dbs := map[geo.Region]*postgis.DB{borderA: pair.InRegion(borderA), borderB: pair.InRegion(borderB), borderU: whole.InRegion(borderU)}
	root := testenv.RepoRoot(t)
	admin := filepath.Join(root, "data", "admin", "chengdu-central-districts-gcj02.json")
	regions := map[geo.Region][]int{borderA: {510104}, borderB: {510108}, borderU: {510104, 510108}}
	for r, codes := range regions {
		importBorderDistricts(t, dbs[r], borderDistrictsFile(t, admin, codes...), len(codes))
	}
	ds, err := dbs[borderU].Districts(ctx)
	if err != nil || len(ds) != 2 {
		t.Fatalf("union districts: %d, %v", len(ds), err)
	}
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	osm, err := osmimport.ReadFile(ctx, filepath.Join(root, "data", "osm", "chengdu-central.osm.pbf"), osmimport.Options{Categories: cats})
	if err != nil {
		t.Fatal(err)
	}
	side := borderSide(ds, borderA, borderB)
	outlets, dropped := borderOutlets(osm.Outlets, side)
	stations := borderStations(borderLattice(osm.Bound, 0.006), side)
	t.Logf("outlets: A %d, B %d (%d outside both left out); stations: A %d, B %d",
		len(outlets[borderA]), len(outlets[borderB]), dropped, len(stations[borderA]), len(stations[borderB]))
	outlets[borderU] = append(append([]geo.Outlet{}, outlets[borderA]...), outlets[borderB]...)
	stations[borderU] = append(append([]geo.Station{}, stations[borderA]...), stations[borderB]...)
	for r := range regions {
		storeBorderRegion(t, dbs[r], osm, outlets[r], stations[r])
	}
	opts := engine.Options{Categories: cats.Keys(), ThresholdsMin: []float64{5, 10, 15}}
	computed := map[geo.Region]*engine.Engine{}
	for r := range regions {
		c, err := district.Recompute(ctx, dbs[r], district.RecomputeOptions{Engine: opts, Force: true})
		if err != nil {
			t.Fatalf("recompute %s: %v", r, err)
		}
		computed[r] = c.Engine
	}
	u := computed[borderU]
	for _, pair := range [][2]geo.Region{{borderA, borderB}, {borderB, borderA}} {
		r, other := pair[0], pair[1]
		e := computed[r]
		bare, err := district.Compute(ctx, borderOwnOnly{dbs[r]}, opts)
		if err != nil {
			t.Fatal(err)
		}
		checkBorderInventory(t, e, r, other, len(stations[r]), len(outlets[r]))
		f := compareBorder(t, e, u, bare.Engine, other)
		t.Logf("region %s: %d cells (U %d); halo %d stations, %d outlets of %s within %.0f m; %d cells nearest to %s's facilities in some set; without the halo %d cells (%d cell-set times) differ from U",
			r, len(e.Cells), len(u.Cells), len(e.Halo.Stations), len(e.Halo.Outlets), other, e.Halo.HaloM, f.viaOther, other, f.changedCells, f.changedTimes)
		if f.viaOther == 0 || f.changedCells == 0 {
			t.Errorf("region %s: %d cells reach %s's facilities first, %d change without the halo: want both > 0 (else the test proves nothing)", r, f.viaOther, other, f.changedCells)
		}
	}
	checkBorderCells(t, computed[borderA], computed[borderB], u)
	checkBorderStored(t, pairURL, computed)
}

// checkBorderStored: in the database of A and B, each region's stored cells are its
// engine's, every centre inside its own districts (PostGIS's ST_Contains), and its stored
// coverage names some facilities of the other region as "region:id".
func checkBorderStored(tb testing.TB, url string, computed map[geo.Region]*engine.Engine) {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, pair := range [][2]geo.Region{{borderA, borderB}, {borderB, borderA}} {
		r, other := pair[0], pair[1]
		var cells, outside, named int
		err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM cells WHERE region = $1),
			(SELECT count(*) FROM cells c WHERE c.region = $1 AND NOT EXISTS
				(SELECT 1 FROM districts d WHERE d.region = $1 AND ST_Contains(d.boundary, c.centre))),
			(SELECT count(*) FROM coverage_cells WHERE region = $1 AND starts_with(facility_id, $2))`,
			string(r), string(other)+":").Scan(&cells, &outside, &named)
		if err != nil {
			tb.Fatal(err)
		}
		if cells != len(computed[r].Cells) || outside != 0 || named == 0 {
			tb.Errorf("region %s stores %d cells (engine %d), %d with their centre outside its districts, %d coverage rows naming %s's facilities (want some)",
				r, cells, len(computed[r].Cells), outside, named, other)
		}
		tb.Logf("region %s stores %d cells, all inside its districts; %d coverage rows name a facility of %s", r, cells, named, other)
	}
}

// importBorderDistricts imports the DataV file at path (GCJ-02) into db's region.
func importBorderDistricts(tb testing.TB, db *postgis.DB, path string, want int) {
	tb.Helper()
	gcj, _ := crs.ParseRef("gcj02")
	req := district.ImportRequest{Kind: importers.KindDistricts, Path: path, Mode: geo.ModeReplace, Read: importers.Options{CRS: gcj}}
	_, s, err := district.Import(context.Background(), db, req)
	if err != nil || s.Inserted+s.Updated != want {
		tb.Fatalf("import districts into %s: %+v, %v; want %d", db.Region(), s, err, want)
	}
}

// storeBorderRegion stores the extract's walk network and residential land and the given
// outlets and stations in db's region.
func storeBorderRegion(tb testing.TB, db *postgis.DB, osm *osmimport.Result, outlets []geo.Outlet, stations []geo.Station) {
	tb.Helper()
	ctx := context.Background()
	d := geo.OSMData{Nodes: osm.Nodes, Edges: osm.Edges, Outlets: outlets, Residential: osm.Residential}
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "chengdu-central.osm.pbf", CRS: "wgs84", Read: len(osm.Edges)}, d, geo.DefaultWalkModel()); err != nil {
		tb.Fatalf("osm into %s: %v", db.Region(), err)
	}
	b := postgis.Batch{Kind: "stations", FileName: "border-lattice", Mode: geo.ModeReplace, Read: len(stations)}
	if _, err := db.ImportStations(ctx, b, stations, postgis.ImportOptions{}); err != nil {
		tb.Fatalf("stations into %s: %v", db.Region(), err)
	}
}

// borderSide returns which of the two regions holds p (lon, lat WGS84): the first district
// of ds (ordered by code) is a's, the second b's; "" for neither.
func borderSide(ds []geo.District, a, b geo.Region) func(orb.Point) geo.Region {
	return func(p orb.Point) geo.Region {
		for i, r := range []geo.Region{a, b} {
			if planar.MultiPolygonContains(ds[i].Boundary, p) {
				return r
			}
		}
		return ""
	}
}

func borderOutlets(os []geo.Outlet, side func(orb.Point) geo.Region) (map[geo.Region][]geo.Outlet, int) {
	out, dropped := map[geo.Region][]geo.Outlet{}, 0
	for _, o := range os {
		if r := side(o.Point); r != "" {
			out[r] = append(out[r], o)
		} else {
			dropped++
		}
	}
	return out, dropped
}

func borderStations(ss []geo.Station, side func(orb.Point) geo.Region) map[geo.Region][]geo.Station {
	out := map[geo.Region][]geo.Station{}
	for _, s := range ss {
		if r := side(s.Point); r != "" {
			out[r] = append(out[r], s)
		}
	}
	return out
}

// borderLattice places a community station every step degrees over b (lon, lat WGS84),
// and a street station on every third row and column.
func borderLattice(b orb.Bound, step float64) []geo.Station {
	var out []geo.Station
	for i, lat := 0, b.Min[1]+step/2; lat < b.Max[1]; i, lat = i+1, lat+step {
		for j, lon := 0, b.Min[0]+step/2; lon < b.Max[0]; j, lon = j+1, lon+step {
			level := geo.LevelCommunity
			if i%3 == 0 && j%3 == 0 {
				level = geo.LevelStreet
			}
			out = append(out, geo.Station{ID: fmt.Sprintf("lattice-%02d-%02d", i, j), Name: fmt.Sprintf("格点站%02d-%02d", i, j),
				Level: level, Point: orb.Point{lon, lat}, Status: geo.StatusConfirmed})
		}
	}
	return out
}

// checkBorderInventory: the region's stations and outlets are its own, its halo holds only
// the other region's.
func checkBorderInventory(tb testing.TB, e *engine.Engine, r, other geo.Region, stations, outlets int) {
	tb.Helper()
	if len(e.Stations) != stations || len(e.Outlets) != outlets || e.Halo == nil {
		tb.Fatalf("region %s: %d stations, %d outlets, halo %v; want its own %d and %d and a halo", r, len(e.Stations), len(e.Outlets), e.Halo != nil, stations, outlets)
	}
	for _, s := range e.Stations {
		if s.Region != "" {
			tb.Fatalf("region %s counts station %s of %s as its own", r, s.ID, s.Region)
		}
	}
	for _, s := range e.Halo.Stations {
		if s.Region != other {
			tb.Fatalf("region %s: halo station %s of region %q, want %s", r, s.ID, s.Region, other)
		}
	}
	for _, o := range e.Halo.Outlets {
		if o.Region != other {
			tb.Fatalf("region %s: halo outlet %s of region %q, want %s", r, o.ID, o.Region, other)
		}
	}
}

type borderFigures struct{ viaOther, changedCells, changedTimes int }

// compareBorder checks that every cell of e has u's time for the same H3 cell in every set
// and counts the cells nearest to the other region's facilities and those whose time
// without the halo (bare) differs from u's.
func compareBorder(tb testing.TB, e, u, bare *engine.Engine, other geo.Region) borderFigures {
	tb.Helper()
	var f borderFigures
	via, changed := map[int]bool{}, map[int]bool{}
	prefix := engine.HaloID(other, "")
	for k, s := range u.Sets {
		t := engine.Target{Kind: s.Kind, Key: s.Key}
		ke, ok := e.SetIndex(t)
		if !ok {
			tb.Fatalf("set %s %s: not computed in region", s.Kind, s.Key)
		}
		kb, okBare := bare.SetIndex(t)
		bad := 0
		for i, c := range e.Cells {
			j, ok := u.CellIndex(c.H3)
			if !ok {
				tb.Fatalf("cell %v is not a cell of the union", c.H3)
			}
			got, want := e.Results[ke].Seconds[i], u.Results[k].Seconds[j]
			if !borderSameTime(got, want) {
				if bad++; bad <= 3 {
					tb.Errorf("%s %s, cell %v: %v s, the union %v s", s.Kind, s.Key, c.H3, got, want)
				}
			}
			if n := e.Results[ke].Nearest[i]; n >= 0 && len(e.Sets[ke].IDs[n]) > len(prefix) && e.Sets[ke].IDs[n][:len(prefix)] == prefix {
				via[i] = true
			}
			if (!okBare && !math.IsInf(float64(want), 1) && !math.IsNaN(float64(want))) || (okBare && !borderSameTime(bare.Results[kb].Seconds[i], want)) {
				changed[i] = true
				f.changedTimes++
			}
		}
		if bad > 0 {
			tb.Errorf("%s %s: %d of %d cells differ from the union", s.Kind, s.Key, bad, len(e.Cells))
		}
	}
	f.viaOther, f.changedCells = len(via), len(changed)
	return f
}

// borderSameTime: equal seconds (float32), both NaN (off-network) or both +Inf (not reached).
func borderSameTime(a, b float32) bool {
	return a == b || (math.IsNaN(float64(a)) && math.IsNaN(float64(b)))
}

// checkBorderCells: every cell of u is a cell of a or of b.
func checkBorderCells(tb testing.TB, a, b, u *engine.Engine) {
	tb.Helper()
	both, missing := 0, 0
	for _, c := range u.Cells {
		_, inA := a.CellIndex(c.H3)
		_, inB := b.CellIndex(c.H3)
		switch {
		case inA && inB:
			both++
		case !inA && !inB:
			missing++
		}
	}
	if missing > 0 {
		tb.Errorf("%d of the union's %d cells are cells of neither region", missing, len(u.Cells))
	}
	tb.Logf("cells: A %d + B %d = %d, the union %d (%d in both: centres on the shared boundary)", len(a.Cells), len(b.Cells), len(a.Cells)+len(b.Cells), len(u.Cells), both)
}

// borderDistrictsFile writes the features of the DataV file at path whose adcodes are codes to a
// file of their own.
func borderDistrictsFile(tb testing.TB, path string, codes ...int) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var fc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		tb.Fatal(err)
	}
	want := map[int]bool{}
	for _, c := range codes {
		want[c] = true
	}
	var keep []json.RawMessage
	for _, f := range fc.Features {
		var p struct {
			Properties struct {
				Adcode int `json:"adcode"`
			} `json:"properties"`
		}
		if json.Unmarshal(f, &p) == nil && want[p.Properties.Adcode] {
			keep = append(keep, f)
		}
	}
	if len(keep) != len(codes) {
		tb.Fatalf("%s: %d of the districts %v", path, len(keep), codes)
	}
	fc.Features = keep
	out, _ := json.Marshal(fc)
	dst := filepath.Join(tb.TempDir(), fmt.Sprintf("districts-%d.json", codes[0]*10+len(codes)))
	if err := os.WriteFile(dst, out, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dst
}

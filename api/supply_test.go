package api_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/internal/walkref"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// supplyBox is a ≈ 1.6 × 1.5 km piece of the bundled central Chengdu extract (WGS84).
var supplyBox = orb.Bound{Min: orb.Point{104.0650, 30.6700}, Max: orb.Point{104.0820, 30.6830}}

// supplyDistrict is the extract clipped to supplyBox (edges with both ends inside), two
// communities splitting the box west/east, and seeded stations with floor area and staff.
func supplyDistrict(tb testing.TB) ([]geo.WalkNode, []geo.WalkEdge, []geo.Community, []geo.Station) {
	tb.Helper()
	res, err := osmimport.ReadFile(context.Background(), filepath.Join(testenv.RepoRoot(tb), "data", "osm", "chengdu-central.osm.pbf"), osmimport.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	at := map[int64]orb.Point{}
	for _, n := range res.Nodes {
		at[n.ID] = n.Point
	}
	used := map[int64]bool{}
	var edges []geo.WalkEdge
	for _, e := range res.Edges {
		if supplyBox.Contains(at[e.Source]) && supplyBox.Contains(at[e.Target]) {
			edges = append(edges, e)
			used[e.Source], used[e.Target] = true, true
		}
	}
	var nodes []geo.WalkNode
	for _, n := range res.Nodes {
		if used[n.ID] {
			nodes = append(nodes, n)
		}
	}
	mid := (supplyBox.Min[0] + supplyBox.Max[0]) / 2
	comms := []geo.Community{
		{Code: westCode, Name: "西社区", StreetCode: "510104001", StreetName: "测试街道", Population: 9000, Households: 3200,
			Boundary: rect(supplyBox.Min, orb.Point{mid, supplyBox.Max[1]})},
		{Code: eastCode, Name: "东社区", StreetCode: "510104001", StreetName: "测试街道", Population: 7000, Households: 2600,
			Boundary: rect(orb.Point{mid, supplyBox.Min[1]}, supplyBox.Max)},
	}
	rng := rand.New(rand.NewPCG(13, 17))
	var stations []geo.Station
	for j := range 8 {
		p := orb.Point{supplyBox.Min[0] + rng.Float64()*(supplyBox.Max[0]-supplyBox.Min[0]), supplyBox.Min[1] + rng.Float64()*(supplyBox.Max[1]-supplyBox.Min[1])}
		lvl, parent := geo.LevelCommunity, westCode
		if j%3 == 2 {
			lvl, parent = geo.LevelStreet, "510104001"
		}
		stations = append(stations, geo.Station{ID: fmt.Sprintf("st-%d", j), Name: fmt.Sprintf("站点%d", j), Level: lvl, ParentCode: parent,
			FloorAreaM2: math.Round(200 + 800*rng.Float64()), Staff: 2 + rng.IntN(8), Point: p, Source: "file"})
	}
	return nodes, edges, comms, stations
}

// supplyDBServer stores the district in a fresh PostGIS database and serves it.
func supplyDBServer(tb testing.TB) (*api.Server, *postgis.DB, []geo.Station) {
	tb.Helper()
	nodes, edges, comms, stations := supplyDistrict(tb)
	db, _ := postgistest.New(tb)
	ctx := context.Background()
	seedData(tb, db, nodes, edges, engine.Data{Communities: comms, Stations: stations})
	o := testOptions(tb)
	o.Store = db
	s, err := api.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Load(ctx); err != nil {
		tb.Fatal(err)
	}
	return s, db, stations
}

type supplyCellsBody struct {
	Cells []struct {
		H3         string  `json:"h3"`
		Population float64 `json:"population"`
		Community  string  `json:"community"`
		Value      float64 `json:"value"`
	} `json:"cells"`
}

// TestSupplyCellsAgainstReference serves supply/cells from PostGIS on a real extract and
// compares every cell with residents with 2SFCA / E2SFCA computed independently: the
// network read back from the database, brute-force snapping and textbook Dijkstra from
// every station to every cell centre (walkref), then the two steps by hand.
func TestSupplyCellsAgainstReference(t *testing.T) {
	s, db, stations := supplyDBServer(t)
	nodes, edges, err := db.LoadNetwork(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ref := walkref.New(nodes, edges, geo.DefaultWalkModel())
	cases := []struct {
		name, query string
		minutes     float64
		gaussian    bool
		level       geo.Level
		staff       bool
	}{
		{"2sfca floor area 10 min", "minutes=10", 10, false, "", false},
		{"2sfca floor area 15 min", "", 15, false, "", false},
		{"2sfca staff community level", "resource=staff&level=community", 15, false, geo.LevelCommunity, true},
		{"e2sfca gaussian 15 min", "method=e2sfca&decay=gaussian", 15, true, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := getOK(t, s.Handler(), "/api/v1/supply/cells?format=json&"+tc.query)
			got := decode[supplyCellsBody](t, body)
			checkSupplyCells(t, ref, got, stations, tc.minutes*60, tc.gaussian, tc.level, tc.staff)
		})
	}
}

func checkSupplyCells(t *testing.T, ref *walkref.Net, got supplyCellsBody, stations []geo.Station, T float64, gaussian bool, lvl geo.Level, staff bool) {
	t.Helper()
	targets := make([]walkref.Snap, len(got.Cells))
	pops := make([]float64, len(got.Cells))
	total := 0.0
	for i, c := range got.Cells {
		ll := h3.CellToLatLng(h3.Cell(h3.IndexFromString(c.H3)))
		targets[i], pops[i] = ref.Snap(orb.Point{ll.Lng, ll.Lat}), c.Population
		total += c.Population
	}
	if math.Abs(total-16000) > 1e-6 {
		t.Fatalf("the cells hold %v residents; the communities record 16 000", total)
	}
	var times [][]float64
	var supplies []float64
	for _, st := range stations {
		if lvl != "" && st.Level != lvl {
			continue
		}
		ts := ref.TimesFrom(ref.Snap(st.Point), targets)
		for i, x := range ts {
			if math.Abs(x-T) < 1e-3 {
				t.Fatalf("station %s, cell %d: %.6f s is too near the catchment; move the box", st.ID, i, x)
			}
		}
		times = append(times, ts)
		if staff {
			supplies = append(supplies, float64(st.Staff))
		} else {
			supplies = append(supplies, st.FloorAreaM2)
		}
	}
	w := func(float64) float64 { return 1 }
	if gaussian {
		w = func(x float64) float64 { return (math.Exp(-0.5*(x/T)*(x/T)) - math.Exp(-0.5)) / (1 - math.Exp(-0.5)) }
	}
	_, A := walkref.TwoStep(times, pops, supplies, T, w)
	checked, positive := 0, 0
	for i, c := range got.Cells {
		if c.Population == 0 {
			continue
		}
		checked++
		if A[i] > 0 {
			positive++
		}
		if math.Abs(c.Value-A[i]) > 0.01*math.Abs(A[i]) || (A[i] == 0) != (c.Value == 0) {
			t.Errorf("cell %s: served %.6g, reference %.6g", c.H3, c.Value, A[i])
		}
	}
	t.Logf("%d cells with residents, %d of them reach supply, %d stations", checked, positive, len(supplies))
	if checked < 100 || positive < checked/2 || positive == checked && T < 900 {
		t.Errorf("the case is too easy: %d cells with residents, %d reaching supply", checked, positive)
	}
}

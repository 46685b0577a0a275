package engine_test

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// haloLine is a 4 km street (fixture.LineDistrict(40)) cut in two districts at 2 km:
// region A (west, its own station st1 at 0 m and supermarket o1 at 1 000 m) and region B
// (east: the station b1 at 3 000 m, the supermarket bo1 at 2 500 m, the pharmacy bo2 at
// 2 200 m that A lacks, and the candidate b2 at 2 100 m).
type haloLine struct {
	nodes      []geo.WalkNode
	edges      []geo.WalkEdge
	a, b       engine.Data
	bStations  []geo.Station
	bOutlets   []geo.Outlet
	categories []string
}

func newHaloLine() haloLine {
	nodes, edges, a := fixture.LineDistrict(40)
	mid := 104 + 20*fixture.LineDLon
	east := 104 + 40*fixture.LineDLon
	a.Communities = nil
	a.Districts = []geo.District{{Code: "510104", Name: "西区", Boundary: fixture.Rect(104, fixture.LineLat-0.002, mid, fixture.LineLat+0.002)}}
	l := haloLine{nodes: nodes, edges: edges, a: a, categories: []string{"supermarket", "pharmacy"}}
	l.bStations = []geo.Station{
		{ID: "b1", Name: "东区党群服务站", Level: geo.LevelCommunity, Point: nodes[30].Point},
		{ID: "b2", Name: "东区候选", Level: geo.LevelCommunity, Point: nodes[21].Point, Status: geo.StatusCandidate},
	}
	l.bOutlets = []geo.Outlet{
		{ID: "bo1", Name: "东区超市", Category: "supermarket", Point: nodes[25].Point},
		{ID: "bo2", Name: "东区药店", Category: "pharmacy", Point: nodes[22].Point},
	}
	l.b = engine.Data{Stations: l.bStations, Outlets: l.bOutlets,
		Districts: []geo.District{{Code: "510108", Name: "东区", Boundary: fixture.Rect(mid, fixture.LineLat-0.002, east, fixture.LineLat+0.002)}}}
	return l
}

// regionA is A's engine; with halo, B's facilities as a HaloSource gives them (Region B).
func (l haloLine) regionA(t *testing.T, halo bool) *engine.Engine {
	d := l.a
	if halo {
		h := &engine.Halo{}
		for _, s := range l.bStations {
			s.Region = "510108"
			h.Stations = append(h.Stations, s)
		}
		for _, o := range l.bOutlets {
			o.Region = "510108"
			h.Outlets = append(h.Outlets, o)
		}
		d.Halo = h
	}
	return fixture.Compute(t, d, l.nodes, l.edges, engine.Options{Categories: l.categories})
}

// union is A and B computed at once: both districts, every facility its own.
func (l haloLine) union(t *testing.T) *engine.Engine {
	d := l.a
	d.Districts = append(append([]geo.District{}, l.a.Districts...), l.b.Districts...)
	d.Stations = append(append([]geo.Station{}, l.a.Stations...), l.bStations...)
	d.Outlets = append(append([]geo.Outlet{}, l.a.Outlets...), l.bOutlets...)
	return fixture.Compute(t, d, l.nodes, l.edges, engine.Options{Categories: l.categories})
}

// TestHaloGivesTheUnionsTimes: every cell of region A has, for every facility set, the
// walk time the union of A and B computes for the same H3 cell; without the halo some
// cells near the border differ (the test is sensitive), and some of A's cells are nearest
// to one of B's facilities.
func TestHaloGivesTheUnionsTimes(t *testing.T) {
	l := newHaloLine()
	a, u, bare := l.regionA(t, true), l.union(t), l.regionA(t, false)
	if len(a.Cells) == 0 || len(a.Cells) >= len(u.Cells) {
		t.Fatalf("A has %d cells, the union %d: want A's a part of the union's", len(a.Cells), len(u.Cells))
	}
	changed, viaB := 0, 0
	for k, s := range u.Sets {
		ka, ok := a.SetIndex(engine.Target{Kind: s.Kind, Key: s.Key})
		kb, okb := bare.SetIndex(engine.Target{Kind: s.Kind, Key: s.Key})
		if !ok || !okb {
			t.Fatalf("set %s %s: in A %v, in A without halo %v", s.Kind, s.Key, ok, okb)
		}
		for i, c := range a.Cells {
			j, ok := u.CellIndex(c.H3)
			if !ok {
				t.Fatalf("cell %v of A is not a cell of the union", c.H3)
			}
			got, want := a.Results[ka].Seconds[i], u.Results[k].Seconds[j]
			if !haloSameSeconds(got, want) {
				t.Errorf("%s %s, cell %v: A %v s, union %v s", s.Kind, s.Key, c.H3, got, want)
			}
			if !haloSameSeconds(bare.Results[kb].Seconds[i], want) {
				changed++
			}
			if n, m := a.Results[ka].Nearest[i], u.Results[k].Nearest[j]; n >= 0 && m >= 0 && a.Sets[ka].IDs[n] == engine.HaloID("510108", u.Sets[k].IDs[m]) {
				viaB++
			}
		}
	}
	if changed == 0 || viaB == 0 {
		t.Errorf("%d cell times differ without the halo, %d are nearest to B's facilities: want both > 0", changed, viaB)
	}
	t.Logf("A %d cells, union %d; %d (cell, set) times differ without the halo, %d nearest to B", len(a.Cells), len(u.Cells), changed, viaB)
}

// haloSameSeconds: equal seconds (float32), both NaN (off-network) or both +Inf (not reached).
func haloSameSeconds(a, b float32) bool {
	return a == b || (math.IsNaN(float64(a)) && math.IsNaN(float64(b)))
}

// TestHaloFacilitiesAreReachableNotOwn: B's station answers a nearest query from A's
// border naming its region, while A's inventory (Stations, Outlets) stays its own and the
// candidate of B counts nowhere.
func TestHaloFacilitiesAreReachableNotOwn(t *testing.T) {
	l := newHaloLine()
	a := l.regionA(t, true)
	from := l.nodes[19].Point // 1 900 m: st1 is 1 900 m west, b1 1 100 m east
	hits, err := a.Nearest(from, engine.Target{Kind: engine.KindLevel, Key: "community"}, 3, false)
	if err != nil {
		t.Fatal(err)
	}
	speed := 4000.0 / 3600
	if len(hits) != 2 || hits[0].ID != "b1" || hits[0].Region != "510108" || hits[1].ID != "st1" || hits[1].Region != "" {
		t.Fatalf("hits = %+v, want b1 (region 510108) then st1 (own)", hits)
	}
	if got, want := hits[0].Minutes*60, 1100/speed; math.Abs(got-want) > 0.5 {
		t.Errorf("b1 at %.1f s, want %.1f s", got, want)
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"own stations", len(a.Stations), 1},
		{"own outlets", len(a.Outlets), 1},
		{"own candidates listed", len(a.Candidates), 0},
		{"halo stations counted", len(a.Halo.Stations), 1},
		{"halo candidates left out", a.Halo.Candidates, 1},
		{"halo community stations", a.HaloFacilities(engine.Target{Kind: engine.KindLevel, Key: "community"}), 1},
		{"halo pharmacies", a.HaloFacilities(engine.Target{Kind: engine.KindCategory, Key: "pharmacy"}), 1},
		{"own supermarkets", len(haloFacilitiesOf(a, "supermarket")) - a.HaloFacilities(engine.Target{Kind: engine.KindCategory, Key: "supermarket"}), 1},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, tc.got, tc.want)
		}
	}
	if r, err := a.Route(from, l.nodes[30].Point); err != nil || math.Abs(r.Metres-1100) > 1 {
		t.Errorf("route across the border: %+v, %v; want 1 100 m", r, err)
	}
}

func haloFacilitiesOf(e *engine.Engine, cat string) []engine.Facility {
	fs, _ := e.Facilities(engine.Target{Kind: engine.KindCategory, Key: cat})
	return fs
}

// TestCandidatesDoNotShiftTheStationsSnaps: a candidate held back (listed first, as an
// OpenStreetMap id may sort) leaves the counted stations their own snaps, at home and in
// the halo: st1 at the west end is 2 000 m from the east end.
func TestCandidatesDoNotShiftTheStationsSnaps(t *testing.T) {
	nodes, edges, d := fixture.LineDistrict(20)
	cand := geo.Station{ID: "a-cand", Name: "候选", Level: geo.LevelCommunity, Point: nodes[20].Point, Status: geo.StatusCandidate}
	d.Stations = append([]geo.Station{cand}, d.Stations...)
	e := fixture.Compute(t, d, nodes, edges, engine.Options{})
	hits, err := e.Nearest(nodes[20].Point, engine.Target{Kind: engine.KindLevel, Key: "community"}, 1, false)
	if err != nil || len(hits) != 1 || hits[0].ID != "st1" || math.Abs(hits[0].Metres-2000) > 1 {
		t.Fatalf("hits = %+v, %v; want st1 at 2 000 m", hits, err)
	}
	if len(e.StationSnaps) != len(e.Stations) || len(e.Candidates) != 1 {
		t.Errorf("%d snaps for %d stations, %d candidates; want one snap per counted station and 1 candidate", len(e.StationSnaps), len(e.Stations), len(e.Candidates))
	}
}

// TestHaloLeavesOutFacilitiesTheRegionHas: a neighbour's facility that is one of the
// region's own (same id, same point: one OpenStreetMap object in two overlapping regions)
// or that two neighbours both hold is searched and counted once; one with the same id
// elsewhere is a different facility and stays.
func TestHaloLeavesOutFacilitiesTheRegionHas(t *testing.T) {
	l := newHaloLine()
	d := l.a
	if len(l.a.Outlets) == 0 || len(l.bOutlets) == 0 {
		t.Fatal("the line needs outlets on both sides")
	}
	own := l.a.Outlets[0]
	other := l.bOutlets[0]
	moved := other
	moved.Point[0] += 0.001 // same id, another place
	h := &engine.Halo{}
	for i, o := range []geo.Outlet{own, other, other, moved} {
		o.Region = geo.Region([]string{"510108", "510108", "510109", "510109"}[i])
		h.Outlets = append(h.Outlets, o)
	}
	d.Halo = h
	e := fixture.Compute(t, d, l.nodes, l.edges, engine.Options{Categories: l.categories})
	if e.Halo.Duplicates != 2 {
		t.Errorf("duplicates = %d, want 2 (A's own outlet, and B's outlet held by a second neighbour)", e.Halo.Duplicates)
	}
	if len(e.Halo.Outlets) != 2 {
		t.Fatalf("halo outlets = %d, want 2 (B's, and the one with B's id at another point)", len(e.Halo.Outlets))
	}
	n := 0
	for _, f := range haloFacilitiesOf(e, other.Category) {
		if f.ID == other.ID {
			n++
		}
	}
	if n != 2 {
		t.Errorf("facilities named %s among the halo's: %d, want 2 (one per point)", other.ID, n)
	}
}

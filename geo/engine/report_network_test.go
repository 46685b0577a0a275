package engine_test

import (
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// TestNetworkHandChecked checks the report on the base district against counts made by
// hand from baseData: one station per level ("1+1+2+1": community and compound make N),
// street A has its centre s1 and every station but x1 (d1, c1, p1 stand in C1), street B
// only x1 (in C2); C2 and C3 have no community or compound station; only k2's centroid
// (x = 1 800 m on the north street) is more than 5 minutes (≈ 800 m) from a station.
func TestNetworkHandChecked(t *testing.T) {
	e := repDistrict(t)
	rep := e.Network()
	if rep.Formula != "1+1+2+1" {
		t.Errorf("formula %q, want 1+1+2+1", rep.Formula)
	}
	wantLevels := []engine.LevelCount{
		{Level: geo.LevelDistrict, Tier: "1", Count: 1}, {Level: geo.LevelStreet, Tier: "11", Count: 1},
		{Level: geo.LevelCommunity, Tier: "N", Count: 1}, {Level: geo.LevelCompound, Tier: "N", Count: 1},
		{Level: geo.LevelBuilding, Tier: "X", Count: 1},
	}
	if !slices.Equal(rep.Levels, wantLevels) {
		t.Errorf("levels %v, want %v", rep.Levels, wantLevels)
	}
	if rep.OSMStationsToReview != 1 {
		t.Errorf("OSM stations %d, want 1 (x1)", rep.OSMStationsToReview)
	}
	if !slices.Equal(rep.StreetsWithoutCentre, []string{repCodeB}) {
		t.Errorf("streets without centre %v, want [%s]", rep.StreetsWithoutCentre, repCodeB)
	}
	if len(rep.Streets) != 2 {
		t.Fatalf("%d streets, want 2", len(rep.Streets))
	}
	a, b := rep.Streets[0], rep.Streets[1]
	wantA := map[geo.Level]int{geo.LevelDistrict: 1, geo.LevelStreet: 1, geo.LevelCommunity: 1, geo.LevelCompound: 1}
	if a.Code != repCodeA || !a.HasCentre || !slices.Equal(a.Centres, []string{"s1"}) || !repMapsEqual(a.Stations, wantA) ||
		a.Communities != 1 || a.CommunitiesWithStation != 1 || math.Abs(a.Population-6000) > 1e-6 {
		t.Errorf("street A = %+v", a)
	}
	if b.Code != repCodeB || b.HasCentre || len(b.Centres) != 0 || !repMapsEqual(b.Stations, map[geo.Level]int{geo.LevelBuilding: 1}) ||
		b.Communities != 2 || b.CommunitiesWithStation != 0 || math.Abs(b.Population-4000) > 1e-6 {
		t.Errorf("street B = %+v", b)
	}
	wantWithout := []engine.CommunityRef{
		{Code: repCodeC2, Name: "北社区", StreetCode: repCodeB, Population: 3000},
		{Code: repCodeC3, Name: "远村", StreetCode: repCodeB, Population: 1000},
	}
	if len(rep.CommunitiesWithoutStation) != 2 {
		t.Fatalf("communities without station %v, want %v", rep.CommunitiesWithoutStation, wantWithout)
	}
	for k, w := range wantWithout {
		if got := rep.CommunitiesWithoutStation[k]; got.Code != w.Code || got.Name != w.Name || got.StreetCode != w.StreetCode || math.Abs(got.Population-w.Population) > 1e-6 {
			t.Errorf("community without station %d = %+v, want %+v", k, got, w)
		}
	}
	repCheckCompoundsBeyond(t, e, rep.CompoundsBeyond5Min)
}

func repCheckCompoundsBeyond(t *testing.T, e *engine.Engine, got []engine.CompoundRef) {
	t.Helper()
	if len(got) != 1 || got[0].ID != "k2" || got[0].CommunityCode != repCodeC2 {
		t.Fatalf("compounds beyond 5 min %+v, want k2 only", got)
	}
	// The oracle's time from the centre of the cell holding k2's centroid (1 800, 600).
	var centre orb.Point
	best := math.Inf(1)
	for _, c := range e.Cells {
		x, y := repLocal(c.Center)
		if d := math.Hypot(x-1800, y-600); d < best {
			best, centre = d, c.Center
		}
	}
	lo, hi := repOracle(centre, repFacilities(repData(), repTAny()))
	if tol := repTolM / repSpeed; got[0].Minutes*60 < lo-tol || got[0].Minutes*60 > hi+tol {
		t.Errorf("k2 %.2f min, want %.2f–%.2f", got[0].Minutes, lo/60, hi/60)
	}
}

func repMapsEqual(a, b map[geo.Level]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// TestNetworkAttributionRules moves the street station s1 and the community station c1
// (without the compound station p1, which also stands in C1) to exercise each rule.
func TestNetworkAttributionRules(t *testing.T) {
	tests := []struct {
		name            string
		s1Parent        string
		s1At            orb.Point
		c1Parent        string
		c1At            orb.Point
		noStreetBounds  bool
		wantWithout     []string // streets without centre
		wantCommWithout []string // communities without station
	}{
		{"parent codes name the units", repCodeA, repPt(0, 200), repCodeC1, repPt(100, 0), false, []string{repCodeB}, []string{repCodeC2, repCodeC3}},
		{"no parent codes: inside the street's and the community's boundary", "", repPt(0, 200), "", repPt(100, 0), false, []string{repCodeB}, []string{repCodeC2, repCodeC3}},
		{"no parent code, inside a community of a street without boundary", "", repPt(500, 0), "", repPt(100, 0), true, []string{repCodeB}, []string{repCodeC2, repCodeC3}},
		{"parent code wins over location", repCodeB, repPt(0, 200), repCodeC2, repPt(100, 0), false, []string{repCodeA}, []string{repCodeC1, repCodeC3}},
		{"compound ID as parent gives its community", repCodeA, repPt(0, 200), "k2", repPt(100, 0), false, []string{repCodeB}, []string{repCodeC1, repCodeC3}},
		{"outside every unit", "", repPt(3000, 3000), "", repPt(3000, 3000), false, []string{repCodeA, repCodeB}, []string{repCodeC1, repCodeC2, repCodeC3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := repDistrict(t, func(d *engine.Data) {
				var keep []geo.Station
				for _, s := range d.Stations {
					switch s.ID {
					case "s1":
						s.ParentCode, s.Point = tc.s1Parent, tc.s1At
					case "c1":
						s.ParentCode, s.Point = tc.c1Parent, tc.c1At
					case "p1":
						continue
					}
					keep = append(keep, s)
				}
				d.Stations = keep
				if tc.noStreetBounds {
					for i := range d.Streets {
						d.Streets[i].Boundary = nil
					}
				}
			})
			rep := e.Network()
			if !slices.Equal(rep.StreetsWithoutCentre, tc.wantWithout) {
				t.Errorf("streets without centre %v, want %v", rep.StreetsWithoutCentre, tc.wantWithout)
			}
			var got []string
			for _, c := range rep.CommunitiesWithoutStation {
				got = append(got, c.Code)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.wantCommWithout) {
				t.Errorf("communities without station %v, want %v", got, tc.wantCommWithout)
			}
		})
	}
}

// TestNetworkStreetsFromCommunities: a street known only from its communities' codes is
// still listed, named after them.
func TestNetworkStreetsFromCommunities(t *testing.T) {
	e := repDistrict(t, func(d *engine.Data) { d.Streets = d.Streets[:1] })
	rep := e.Network()
	if len(rep.Streets) != 2 || rep.Streets[1].Code != repCodeB || rep.Streets[1].Name != "北街道" || rep.Streets[1].Communities != 2 {
		t.Errorf("streets %+v, want B listed from its communities", rep.Streets)
	}
}

// TestNetworkWithinByLevel compares the residents within 5, 10 and 15 minutes of each
// TestNetworkWithinByLevel with the oracle.
func TestNetworkWithinByLevel(t *testing.T) {
	e := repDistrict(t)
	rep := e.Network()
	d := repData()
	keys := []string{"district", "street", "community", "compound", "building", "any"}
	if len(rep.WithinByLevel) != len(keys)*3 {
		t.Fatalf("%d rows, want %d", len(rep.WithinByLevel), len(keys)*3)
	}
	all := func(orb.Point) bool { return true }
	for k, row := range rep.WithinByLevel {
		key, minutes := keys[k/3], []float64{5, 10, 15}[k%3]
		if row.Key != key || row.Minutes != minutes {
			t.Fatalf("row %d is %s %g min, want %s %g", k, row.Key, row.Minutes, key, minutes)
		}
		want := repCount(e, all, repFacilities(d, engine.Target{Kind: engine.KindLevel, Key: key}), minutes)
		if !repNear(row.Population, want.sure, want.maybe) || !repNear(row.Share, want.sure/want.pop, want.maybe/want.pop) {
			t.Errorf("%s %g min: %.1f (%.4f), want %.1f–%.1f", key, minutes, row.Population, row.Share, want.sure, want.maybe)
		}
	}
	for _, s := range rep.Streets {
		keep := func(p orb.Point) bool {
			c := repCommunityOf(p)
			return (c == repCodeC1) == (s.Code == repCodeA) && c != ""
		}
		want := repCount(e, keep, repFacilities(d, repTAny()), 15)
		if !repNear(s.PopulationWithin15, want.sure, want.maybe) {
			t.Errorf("street %s: %.1f within 15 min, want %.1f–%.1f", s.Code, s.PopulationWithin15, want.sure, want.maybe)
		}
	}
}

package assess_test

import (
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// TestNetworkHandChecked checks the report on the base district against counts made by
// hand from baseData: one station per level ("1+1+2+1": community and compound make N),
// street A has its centre s1 and every station but x1 (d1, c1, p1 stand in C1), street B
// only x1 (in C2); C2 and C3 have no community or compound station; only k2's centroid
// (x = 1 800 m on the north street) is more than 5 minutes (≈ 800 m) from a station.
func TestNetworkHandChecked(t *testing.T) {
	e := newDistrict(t)
	rep := assess.Network(e)
	if rep.Formula != "1+1+2+1" {
		t.Errorf("formula %q, want 1+1+2+1", rep.Formula)
	}
	wantLevels := []assess.LevelCount{
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
	if !slices.Equal(rep.StreetsWithoutCentre, []string{codeB}) {
		t.Errorf("streets without centre %v, want [%s]", rep.StreetsWithoutCentre, codeB)
	}
	if len(rep.Streets) != 2 {
		t.Fatalf("%d streets, want 2", len(rep.Streets))
	}
	a, b := rep.Streets[0], rep.Streets[1]
	wantA := map[geo.Level]int{geo.LevelDistrict: 1, geo.LevelStreet: 1, geo.LevelCommunity: 1, geo.LevelCompound: 1}
	if a.Code != codeA || !a.HasCentre || !slices.Equal(a.Centres, []string{"s1"}) || !mapsEqual(a.Stations, wantA) ||
		a.Communities != 1 || a.CommunitiesWithStation != 1 || math.Abs(a.Population-6000) > 1e-6 {
		t.Errorf("street A = %+v", a)
	}
	if b.Code != codeB || b.HasCentre || len(b.Centres) != 0 || !mapsEqual(b.Stations, map[geo.Level]int{geo.LevelBuilding: 1}) ||
		b.Communities != 2 || b.CommunitiesWithStation != 0 || math.Abs(b.Population-4000) > 1e-6 {
		t.Errorf("street B = %+v", b)
	}
	wantWithout := []assess.CommunityRef{
		{Code: codeC2, Name: "北社区", StreetCode: codeB, Population: 3000},
		{Code: codeC3, Name: "远村", StreetCode: codeB, Population: 1000},
	}
	if len(rep.CommunitiesWithoutStation) != 2 {
		t.Fatalf("communities without station %v, want %v", rep.CommunitiesWithoutStation, wantWithout)
	}
	for k, w := range wantWithout {
		if got := rep.CommunitiesWithoutStation[k]; got.Code != w.Code || got.Name != w.Name || got.StreetCode != w.StreetCode || math.Abs(got.Population-w.Population) > 1e-6 {
			t.Errorf("community without station %d = %+v, want %+v", k, got, w)
		}
	}
	checkCompoundsBeyond(t, e, rep.CompoundsBeyond5Min)
}

func checkCompoundsBeyond(t *testing.T, e *engine.Engine, got []assess.CompoundRef) {
	t.Helper()
	if len(got) != 1 || got[0].ID != "k2" || got[0].CommunityCode != codeC2 {
		t.Fatalf("compounds beyond 5 min %+v, want k2 only", got)
	}
	// The oracle's time from the centre of the cell holding k2's centroid (1 800, 600).
	var centre orb.Point
	best := math.Inf(1)
	for _, c := range e.Cells {
		x, y := toLocal(c.Center)
		if d := math.Hypot(x-1800, y-600); d < best {
			best, centre = d, c.Center
		}
	}
	lo, hi := oracleSeconds(centre, facilityPoints(baseData(), tAny()))
	if tol := tolM / walkSpeed; got[0].Minutes*60 < lo-tol || got[0].Minutes*60 > hi+tol {
		t.Errorf("k2 %.2f min, want %.2f–%.2f", got[0].Minutes, lo/60, hi/60)
	}
}

func mapsEqual(a, b map[geo.Level]int) bool {
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
		{"parent codes name the units", codeA, pt(0, 200), codeC1, pt(100, 0), false, []string{codeB}, []string{codeC2, codeC3}},
		{"no parent codes: inside the street's and the community's boundary", "", pt(0, 200), "", pt(100, 0), false, []string{codeB}, []string{codeC2, codeC3}},
		{"no parent code, inside a community of a street without boundary", "", pt(500, 0), "", pt(100, 0), true, []string{codeB}, []string{codeC2, codeC3}},
		{"parent code wins over location", codeB, pt(0, 200), codeC2, pt(100, 0), false, []string{codeA}, []string{codeC1, codeC3}},
		{"compound ID as parent gives its community", codeA, pt(0, 200), "k2", pt(100, 0), false, []string{codeB}, []string{codeC1, codeC3}},
		{"outside every unit", "", pt(3000, 3000), "", pt(3000, 3000), false, []string{codeA, codeB}, []string{codeC1, codeC2, codeC3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newDistrict(t, func(d *engine.Data) {
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
			rep := assess.Network(e)
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
	e := newDistrict(t, func(d *engine.Data) { d.Streets = d.Streets[:1] })
	rep := assess.Network(e)
	if len(rep.Streets) != 2 || rep.Streets[1].Code != codeB || rep.Streets[1].Name != "北街道" || rep.Streets[1].Communities != 2 {
		t.Errorf("streets %+v, want B listed from its communities", rep.Streets)
	}
}

// TestNetworkWithinByLevel compares the residents within 5, 10 and 15 minutes of each
// TestNetworkWithinByLevel with the oracle.
func TestNetworkWithinByLevel(t *testing.T) {
	e := newDistrict(t)
	rep := assess.Network(e)
	d := baseData()
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
		want := tallyCells(e, all, facilityPoints(d, engine.Target{Kind: engine.KindLevel, Key: key}), minutes)
		if !inRange(row.Population, want.sure, want.maybe) || !inRange(row.Share, want.sure/want.pop, want.maybe/want.pop) {
			t.Errorf("%s %g min: %.1f (%.4f), want %.1f–%.1f", key, minutes, row.Population, row.Share, want.sure, want.maybe)
		}
	}
	for _, s := range rep.Streets {
		keep := func(p orb.Point) bool {
			c := communityOf(p)
			return (c == codeC1) == (s.Code == codeA) && c != ""
		}
		want := tallyCells(e, keep, facilityPoints(d, tAny()), 15)
		if !inRange(s.PopulationWithin15, want.sure, want.maybe) {
			t.Errorf("street %s: %.1f within 15 min, want %.1f–%.1f", s.Code, s.PopulationWithin15, want.sure, want.maybe)
		}
	}
}

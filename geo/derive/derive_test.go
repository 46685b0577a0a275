package derive_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/derive"
	"github.com/paulmach/orb"
)

func squareBlock(x, y int, resM2 float64) derive.Block {
	lon, lat := 104+float64(x)*0.01, 30+float64(y)*0.01
	ring := orb.Ring{{lon, lat}, {lon + 0.009, lat}, {lon + 0.009, lat + 0.009}, {lon, lat + 0.009}, {lon, lat}}
	return derive.Block{Polygon: orb.MultiPolygon{{ring}}, Centre: orb.Point{lon + 0.0045, lat + 0.0045}, ResidentialM2: resM2}
}

func TestNeighbourhoods(t *testing.T) {
	var blocks []derive.Block
	for x := 0; x < 6; x++ {
		for y := 0; y < 5; y++ {
			blocks = append(blocks, squareBlock(x, y, float64(10000*(x+1))))
		}
	}
	tests := []struct {
		name        string
		blocks      []derive.Block
		streets     int
		wantStreets int
	}{
		{"30 blocks into 11 streets", blocks, 11, 11},
		{"3 blocks into at most 3 streets", blocks[:3], 11, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dv := derive.Neighbourhoods(tc.blocks, derive.NeighbourhoodOptions{Streets: tc.streets, PersonsPerHa: 200})
			comms, streets := dv.Communities, dv.Streets
			if len(streets) != tc.wantStreets || len(comms) != len(tc.blocks) {
				t.Fatalf("%d streets, %d communities; want %d, %d", len(streets), len(comms), tc.wantStreets, len(tc.blocks))
			}
			perStreet := map[string]int{}
			codes := map[string]bool{}
			var pop, want int
			for i, c := range comms {
				if len(c.Code) != 12 || c.Code[:9] != c.StreetCode || codes[c.Code] {
					t.Errorf("community %d code %q street %q", i, c.Code, c.StreetCode)
				}
				codes[c.Code] = true
				perStreet[c.StreetCode]++
				pop += c.Population
			}
			for _, b := range tc.blocks {
				want += int(b.ResidentialM2 / 1e4 * 200)
			}
			if pop != want {
				t.Errorf("population %d, want %d (200 per ha of residential land)", pop, want)
			}
			for s, n := range perStreet {
				if n < len(tc.blocks)/tc.wantStreets || n > len(tc.blocks)/tc.wantStreets+1 {
					t.Errorf("street %s has %d communities: not an even split", s, n)
				}
			}
		})
	}
}

func TestIllustrativeStations(t *testing.T) {
	var blocks []derive.Block
	for x := 0; x < 6; x++ {
		for y := 0; y < 5; y++ {
			blocks = append(blocks, squareBlock(x, y, 20000))
		}
	}
	dv := derive.Neighbourhoods(blocks, derive.NeighbourhoodOptions{})
	comms, streets := dv.Communities, dv.Streets
	res := []geo.ResidentialArea{{ID: "r1", Kind: "landuse", Polygon: blocks[0].Polygon}}
	var outlets []geo.Outlet
	for i := 0; i < 30; i++ {
		outlets = append(outlets, geo.Outlet{ID: fmt.Sprintf("b%d", i), Name: "银行", Category: "bank", Point: blocks[i].Centre})
	}
	st := derive.IllustrativeStations(comms, nil, res, outlets)
	count := map[geo.Level]int{}
	for _, s := range st {
		count[s.Level]++
		if s.Source != "illustrative" {
			t.Errorf("station %s source %q", s.ID, s.Source)
		}
	}
	if count[geo.LevelDistrict] != 1 || count[geo.LevelStreet] != len(streets) {
		t.Errorf("district %d, street %d (want 1, %d)", count[geo.LevelDistrict], count[geo.LevelStreet], len(streets))
	}
	if c := count[geo.LevelCommunity]; c == 0 || c == len(comms) {
		t.Errorf("%d of %d communities have a station: want some but not all", c, len(comms))
	}
	if count[geo.LevelCompound] != 1 || count[geo.LevelBuilding] == 0 {
		t.Errorf("compound %d, building %d", count[geo.LevelCompound], count[geo.LevelBuilding])
	}
	again := derive.IllustrativeStations(comms, nil, res, outlets)
	if fmt.Sprint(again) != fmt.Sprint(st) {
		t.Error("not deterministic")
	}
}

// twoDistricts are two districts side by side, west (x < 3) and east (x ≥ 3) of the
// squareBlock grid, with blocks on a 6×5 grid and two more blocks outside both.
func twoDistricts() ([]derive.Area, []derive.Block) {
	box := func(x0, x1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, 30}, {x1, 30}, {x1, 30.05}, {x0, 30.05}, {x0, 30}}}}
	}
	areas := []derive.Area{
		{Code: "510104", Name: "锦江区", Boundary: box(104, 104.03)},
		{Code: "510105", Name: "青羊区", Boundary: box(104.03, 104.06), Streets: 2},
	}
	var blocks []derive.Block
	for x := 0; x < 6; x++ {
		for y := 0; y < 5; y++ {
			blocks = append(blocks, squareBlock(x, y, 20000))
		}
	}
	return areas, append(blocks, squareBlock(9, 9, 20000), squareBlock(-3, 0, 20000))
}

func TestNeighbourhoodsByDistrict(t *testing.T) {
	areas, blocks := twoDistricts()
	dv := derive.Neighbourhoods(blocks, derive.NeighbourhoodOptions{Areas: areas, UnitsPerStreet: 8})
	if dv.Outside != 2 || len(dv.Communities) != 30 {
		t.Fatalf("%d units, %d outside; want 30 and 2", len(dv.Communities), dv.Outside)
	}
	streets := map[string]int{}
	for _, s := range dv.Streets {
		streets[s.DistrictCode]++
	}
	// 锦江区: 15 units at 8 a street → 2 streets; 青羊区: the 2 streets its file gave.
	if streets["990104"] != 2 || streets["990105"] != 2 || len(streets) != 2 {
		t.Errorf("streets per derived district %v, want 990104:2 990105:2", streets)
	}
	names := map[string]bool{}
	for _, c := range dv.Communities {
		west := c.Boundary.Bound().Center()[0] < 104.03
		wantPrefix := map[bool]string{true: "锦江区示例社区", false: "青羊区示例社区"}[west]
		if !strings.HasPrefix(c.Name, wantPrefix) || names[c.Name] || strings.Count(c.Name, "示例") != 1 {
			t.Errorf("unit %s named %q: want a unique name starting %s, 示例 once", c.Code, c.Name, wantPrefix)
		}
		names[c.Name] = true
		if c.Code[:9] != c.StreetCode || !strings.HasPrefix(c.StreetName, wantPrefix[:len(wantPrefix)-len("社区")]) {
			t.Errorf("unit %s in street %s %q", c.Code, c.StreetCode, c.StreetName)
		}
	}
}

// Illustrative stations: one district centre per district and one street centre per
// street, every name 示例 once, as a prefix, and no empty brackets.
func TestIllustrativeStationsNamedOnce(t *testing.T) {
	areas, blocks := twoDistricts()
	dv := derive.Neighbourhoods(blocks, derive.NeighbourhoodOptions{Areas: areas, UnitsPerStreet: 5})
	names := map[string]string{"990104": "锦江区", "990105": "青羊区"}
	outlets := []geo.Outlet{}
	for i := 0; i < 30; i++ {
		outlets = append(outlets, geo.Outlet{ID: fmt.Sprintf("b%d", i), Category: "bank", Point: blocks[i].Centre})
		outlets = append(outlets, geo.Outlet{ID: fmt.Sprintf("m%d", i), Name: "示例超市", Category: "supermarket", Point: blocks[i].Centre})
	}
	st := derive.IllustrativeStations(dv.Communities, names, nil, outlets)
	count := map[geo.Level]int{}
	var districts []string
	for _, s := range st {
		count[s.Level]++
		if !strings.HasPrefix(s.Name, "示例") || strings.Count(s.Name, "示例") != 1 || strings.Contains(s.Name, "（）") {
			t.Errorf("station %s named %q: want 示例 once, as a prefix, no empty brackets", s.ID, s.Name)
		}
		if s.Level == geo.LevelDistrict {
			districts = append(districts, s.Name)
		}
	}
	sort.Strings(districts)
	if want := []string{"示例锦江区党群服务中心", "示例青羊区党群服务中心"}; strings.Join(districts, ",") != strings.Join(want, ",") {
		t.Errorf("district centres %q, want %q", districts, want)
	}
	if count[geo.LevelStreet] != len(dv.Streets) || len(dv.Streets) != 5 {
		t.Errorf("%d street centres for %d streets (want 15 units at 5 a street + the 2 the file gave 青羊区)", count[geo.LevelStreet], len(dv.Streets))
	}
	if count[geo.LevelBuilding] == 0 {
		t.Error("no building station at a named outlet")
	}
}

package derive_test

import (
	"fmt"
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
			comms, streets := derive.Neighbourhoods(tc.blocks, derive.NeighbourhoodOptions{Streets: tc.streets, PersonsPerHa: 200})
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
	comms, streets := derive.Neighbourhoods(blocks, derive.NeighbourhoodOptions{})
	res := []geo.ResidentialArea{{ID: "r1", Kind: "landuse", Polygon: blocks[0].Polygon}}
	var outlets []geo.Outlet
	for i := 0; i < 30; i++ {
		outlets = append(outlets, geo.Outlet{ID: fmt.Sprintf("b%d", i), Name: "银行", Category: "bank", Point: blocks[i].Centre})
	}
	st := derive.IllustrativeStations(comms, res, outlets)
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
	again := derive.IllustrativeStations(comms, res, outlets)
	if fmt.Sprint(again) != fmt.Sprint(st) {
		t.Error("not deterministic")
	}
}

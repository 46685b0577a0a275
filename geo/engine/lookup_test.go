package engine_test

import (
	"context"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

func TestSetIndexAndCellAt(t *testing.T) {
	nodes, edges, d := fixture.LineDistrict(20)
	e, err := engine.New(d, nodes, edges, engine.Options{Categories: []string{"supermarket"}})
	if err != nil {
		t.Fatal(err)
	}
	market := engine.Target{Kind: engine.KindCategory, Key: "supermarket"}
	if _, ok := e.SetIndex(market); ok {
		t.Error("SetIndex found a set before Compute")
	}
	if err := e.Compute(context.Background()); err != nil {
		t.Fatal(err)
	}
	for k, s := range e.Sets {
		if got, ok := e.SetIndex(engine.Target{Kind: s.Kind, Key: s.Key}); !ok || got != k || e.Results[got].Key != s.Key {
			t.Errorf("SetIndex(%s %s) = %d, %v; want %d", s.Kind, s.Key, got, ok, k)
		}
	}
	if _, ok := e.SetIndex(engine.Target{Kind: engine.KindCategory, Key: "casino"}); ok {
		t.Error("SetIndex found an unknown category")
	}
	tests := []struct {
		name string
		p    orb.Point
		want int // -1: none
	}{
		{"a cell's centre", e.Cells[3].Center, 3},
		{"another cell's centre", e.Cells[len(e.Cells)-1].Center, len(e.Cells) - 1},
		{"far outside the study area", orb.Point{110, 35}, -1},
		{"not a lon, lat pair", orb.Point{30, 104}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := e.CellAt(tc.p)
			if (tc.want < 0 && ok) || (tc.want >= 0 && (!ok || got != tc.want)) {
				t.Errorf("CellAt(%v) = %d, %v; want %d", tc.p, got, ok, tc.want)
			}
			if tc.want >= 0 {
				if i, ok := e.CellIndex(e.Cells[tc.want].H3); !ok || i != tc.want {
					t.Errorf("CellIndex = %d, %v; want %d", i, ok, tc.want)
				}
			}
		})
	}
}

func TestCommunityPopulation(t *testing.T) {
	const pph = 3.0
	tests := []struct {
		name      string
		community geo.Community
		compounds []geo.Compound
		want      float64
	}{
		{"population given", geo.Community{Population: 5000, Households: 100}, []geo.Compound{{Population: 7}}, 5000},
		{"households only", geo.Community{Households: 100}, nil, 300},
		{"from its compounds", geo.Community{}, []geo.Compound{{Population: 70}, {Households: 10}, {CommunityCode: "other", Population: 1000}}, 100},
		{"nothing known", geo.Community{}, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nodes, edges, d := fixture.LineDistrict(20)
			tc.community.Code = "510104001009"
			d.Communities = []geo.Community{tc.community}
			for _, k := range tc.compounds {
				if k.CommunityCode == "" {
					k.CommunityCode = tc.community.Code
				}
				d.Compounds = append(d.Compounds, k)
			}
			e, err := engine.New(d, nodes, edges, engine.Options{PersonsPerHousehold: pph})
			if err != nil {
				t.Fatal(err)
			}
			if got := e.CommunityPopulation(0); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("population %g, want %g", got, tc.want)
			}
		})
	}
}

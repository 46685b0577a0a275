package siting_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

func TestAdjacency(t *testing.T) {
	const d = 0.01 // degrees, ~1 km
	gap := func(m float64) float64 { return m / local.MetresPerDegreeLat }
	tests := []struct {
		name  string
		other orb.MultiPolygon
		want  bool
	}{
		{"a shared side", fixture.Rect(104+d, 30, 104+2*d, 30+d), true},
		{"a shared side, 3 m apart", fixture.Rect(104+d+gap(3)*1.16, 30, 104+2*d, 30+d), true},
		{"15 m apart", fixture.Rect(104+d+gap(15)*1.16, 30, 104+2*d, 30+d), false},
		{"a corner only", fixture.Rect(104+d, 30+d, 104+2*d, 30+2*d), false},
		{"10 m of side", fixture.Rect(104+d, 30+d-gap(10), 104+2*d, 30+2*d), false},
		{"25 m of side", fixture.Rect(104+d, 30+d-gap(25), 104+2*d, 30+2*d), true},
		{"no boundary", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			adj, err := siting.Adjacency([]orb.MultiPolygon{fixture.Rect(104, 30, 104+d, 30+d), tc.other})
			if err != nil {
				t.Fatal(err)
			}
			want := [][]int{nil, nil}
			if tc.want {
				want = [][]int{{1}, {0}}
			}
			if !reflect.DeepEqual(adj, want) {
				t.Errorf("adjacency %v, want %v", adj, want)
			}
		})
	}
}

// quadrants is gridDistrict(9) (800 m square, 100 m streets) cut into four 400 m
// communities of 10 000 residents each; the community station stands in the south-west.
func quadrants(tb testing.TB) *engine.Engine {
	tb.Helper()
	nodes, edges, d := gridDistrict(tb, 9)
	b := d.Communities[0].Boundary.Bound()
	mid := b.Center()
	d.Communities = nil
	for k, q := range []orb.Bound{
		{Min: b.Min, Max: mid},
		{Min: orb.Point{mid[0], b.Min[1]}, Max: orb.Point{b.Max[0], mid[1]}},
		{Min: orb.Point{b.Min[0], mid[1]}, Max: orb.Point{mid[0], b.Max[1]}},
		{Min: mid, Max: b.Max},
	} {
		d.Communities = append(d.Communities, geo.Community{Code: "51010400100" + string(rune('1'+k)), Name: []string{"西南", "东南", "西北", "东北"}[k],
			StreetCode: "510104001", Population: 10000, Boundary: fixture.Rect(q.Min[0], q.Min[1], q.Max[0], q.Max[1])})
	}
	return compute(tb, d, nodes, edges)
}

func TestSharedCentresQuadrants(t *testing.T) {
	e := quadrants(t)
	tests := []struct {
		name     string
		req      siting.SharedRequest
		want     [][]string // members of each group, in choice order
		pairs    int
		centreOf bool // 西南 has a centre
	}{
		// From the middle every cell is within 800 m on the grid (12 min): one centre for
		// all four, the south-west's own centre notwithstanding.
		{"one centre for four", siting.SharedRequest{Level: geo.LevelCommunity, Minutes: 15, MinShare: 0.8, MaxGroup: 4},
			[][]string{{"510104001001", "510104001002", "510104001003", "510104001004"}}, 4, true},
		// Two per group: the north-east touches the south-west only at a corner, so it
		// pairs with a side neighbour; the group with two centreless members comes first.
		{"pairs", siting.SharedRequest{Level: geo.LevelCommunity, Minutes: 15, MinShare: 0.8, MaxGroup: 2},
			nil, 4, true},
		{"too short a walk", siting.SharedRequest{Level: geo.LevelCommunity, Minutes: 3, MinShare: 0.8, MaxGroup: 4},
			[][]string{}, 4, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := siting.SharedCentres(context.Background(), e, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Communities != 4 || res.AdjacentPairs != tc.pairs || res.WithoutCentre != 3 {
				t.Errorf("communities %d, pairs %d, without centre %d; want 4, %d, 3", res.Communities, res.AdjacentPairs, res.WithoutCentre, tc.pairs)
			}
			var got [][]string
			for _, g := range res.Groups {
				var codes []string
				for _, m := range g.Members {
					codes = append(codes, m.Code)
					if m.Share < tc.req.MinShare {
						t.Errorf("%s share %v", m.Code, m.Share)
					}
				}
				got = append(got, codes)
			}
			if tc.want == nil { // pairs: two groups, never the diagonal
				if len(got) != 2 {
					t.Fatalf("groups %v, want two pairs", got)
				}
				for _, g := range got {
					if (g[0] == "510104001001" && g[1] == "510104001004") || (g[0] == "510104001002" && g[1] == "510104001003") {
						t.Errorf("diagonal pair %v", g)
					}
				}
				if res.Groups[0].Members[0].HasCentre || res.Groups[0].Members[1].HasCentre {
					t.Errorf("the first pair %v should have two communities without a centre", got[0])
				}
				return
			}
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("groups %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSharedCentresRefusesBadRequests(t *testing.T) {
	e := quadrants(t)
	ok := siting.SharedRequest{Level: geo.LevelCommunity, Minutes: 15, MinShare: 0.8, MaxGroup: 4}
	tests := []struct {
		name string
		edit func(*siting.SharedRequest)
	}{
		{"unknown level", func(r *siting.SharedRequest) { r.Level = "any" }},
		{"minutes 0", func(r *siting.SharedRequest) { r.Minutes = 0 }},
		{"minutes beyond the computed 30", func(r *siting.SharedRequest) { r.Minutes = 45 }},
		{"share 0", func(r *siting.SharedRequest) { r.MinShare = 0 }},
		{"share above 1", func(r *siting.SharedRequest) { r.MinShare = 1.2 }},
		{"group of one", func(r *siting.SharedRequest) { r.MaxGroup = 1 }},
		{"group too large", func(r *siting.SharedRequest) { r.MaxGroup = siting.MaxGroupLimit + 1 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := ok
			tc.edit(&req)
			if _, err := siting.SharedCentres(context.Background(), e, req); geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Errorf("err %v, want invalid", err)
			}
		})
	}
}

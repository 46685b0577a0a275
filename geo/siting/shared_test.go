package siting_test

import (
	"context"
	"github.com/lifecircle/lifecircle/internal/walkref"
	"math"
	"reflect"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/synth"
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

// synthShared is a synthetic district of 40 000 walk nodes (56 communities) computed.
func synthShared(tb testing.TB) (*engine.Engine, []geo.WalkNode, []geo.WalkEdge) {
	tb.Helper()
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: 40_000})
	if err != nil {
		tb.Fatal(err)
	}
	data := engine.Data{Stations: d.Stations, Communities: d.Communities, Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	return fixture.Compute(tb, data, d.Nodes, d.Edges, engine.Options{}), d.Nodes, d.Edges
}

// TestSharedCentresBruteForce recomputes, for every returned site, each member's share of
// residents within the minutes with an independent search (internal/walkref), and checks that
// groups are disjoint, connected through shared rectangle sides (the synthetic
// communities are rectangles: sides compared directly, not through Adjacency) and hold a
// community without a centre.
func TestSharedCentresBruteForce(t *testing.T) {
	e, nodes, edges := synthShared(t)
	ref := walkref.New(nodes, edges, e.Options.Walk)
	for _, minutes := range []float64{15, 20} {
		req := siting.SharedRequest{Level: geo.LevelCommunity, Minutes: minutes, MinShare: 0.8, MaxGroup: 4}
		res, err := siting.SharedCentres(context.Background(), e, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Groups) == 0 {
			t.Fatalf("%v min: no group; the synthetic district has some", minutes)
		}
		seen := map[string]bool{}
		for g, grp := range res.Groups {
			site := ref.Snap(grp.Point)
			centreless := 0
			for _, m := range grp.Members {
				if seen[m.Code] {
					t.Errorf("%v min: %s is in two groups", minutes, m.Code)
				}
				seen[m.Code] = true
				if !m.HasCentre {
					centreless++
				}
				pop, within := bruteShare(t, e, ref, site, m.Code, minutes*60)
				if math.Abs(pop-m.Population) > 1e-6*pop || within < req.MinShare*pop*(1-1e-9) || math.Abs(within/pop-m.Share) > 0.01 {
					t.Errorf("%v min, group %d (%s), %s: brute force %.1f of %.1f (%.4f), answer %.1f of %.1f (%.4f)", minutes, g, grp.H3, m.Code, within, pop, within/pop, m.Within, m.Population, m.Share)
				}
			}
			if centreless == 0 || len(grp.Members) < 2 || len(grp.Members) > req.MaxGroup {
				t.Errorf("%v min, group %d: %d members, %d without a centre", minutes, g, len(grp.Members), centreless)
			}
			if !rectsConnected(t, e, grp.Members) {
				t.Errorf("%v min, group %d: members %v do not share sides", minutes, g, grp.Members)
			}
		}
		t.Logf("%v min: %d groups, %d communities grouped, %.0f residents newly covered, %d candidates", minutes, len(res.Groups), res.Grouped, res.NewlyCovered, res.Candidates)
	}
}

// bruteShare returns the residents of community code's cells and those whose centres
// internal/walkref reaches from site within limit seconds (0.01 s of slack for float32 costs).
func bruteShare(tb testing.TB, e *engine.Engine, ref *walkref.Net, site walkref.Snap, code string, limit float64) (pop, within float64) {
	tb.Helper()
	ci, ok := e.Units.Community(code)
	if !ok {
		tb.Fatalf("no community %s", code)
	}
	var cells []int
	var snaps []walkref.Snap
	for i, c := range e.Cells {
		if e.CellComm[i] == ci && c.Population > 0 {
			cells = append(cells, i)
			snaps = append(snaps, ref.Snap(c.Center))
		}
	}
	secs := ref.TimesFrom(site, snaps)
	for k, i := range cells {
		pop += e.Cells[i].Population
		if secs[k] <= limit+0.01 {
			within += e.Cells[i].Population
		}
	}
	return pop, within
}

// rectsConnected reports whether the members' boundary rectangles form one piece when
// two rectangles are joined by sharing at least 20 m of a side.
func rectsConnected(tb testing.TB, e *engine.Engine, ms []siting.SharedMember) bool {
	tb.Helper()
	var bs []orb.Bound
	for _, m := range ms {
		ci, _ := e.Units.Community(m.Code)
		bs = append(bs, e.Communities[ci].Boundary.Bound())
	}
	reached := map[int]bool{0: true}
	for grew := true; grew; {
		grew = false
		for a := range bs {
			for b := range bs {
				if reached[a] && !reached[b] && rectsShareSide(bs[a], bs[b]) {
					reached[b], grew = true, true
				}
			}
		}
	}
	return len(reached) == len(bs)
}

func rectsShareSide(a, b orb.Bound) bool {
	const eps = 1e-7 // degrees, ~1 cm
	mLat, mLon := local.MetresPerDegreeLat, local.MetresPerDegreeLon(a.Min[1])
	overlap := func(a0, a1, b0, b1 float64) float64 { return math.Min(a1, b1) - math.Max(a0, b0) }
	vertical := (math.Abs(a.Max[0]-b.Min[0]) < eps || math.Abs(b.Max[0]-a.Min[0]) < eps) && overlap(a.Min[1], a.Max[1], b.Min[1], b.Max[1])*mLat >= 20
	horizontal := (math.Abs(a.Max[1]-b.Min[1]) < eps || math.Abs(b.Max[1]-a.Min[1]) < eps) && overlap(a.Min[0], a.Max[0], b.Min[0], b.Max[0])*mLon >= 20
	return vertical || horizontal
}

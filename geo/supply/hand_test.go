package supply_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// plane is the local plane of a point in central Chengdu: hand-made networks are laid out
// in metres east of its origin.
var plane = local.NewPlane(orb.Point{104.07, 30.66})

// lineRoad is a straight road east from plane's origin with nodes every 250 m from 0 to 2 000 m,
// each edge given as 250 m long: 225 s at the default 4 km/h.
func lineRoad(tb testing.TB) *walk.Graph {
	tb.Helper()
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	for k := 0; k <= 8; k++ {
		nodes = append(nodes, geo.WalkNode{ID: int64(k + 1), Point: plane.LonLat(250*float64(k), 0)})
		if k > 0 {
			edges = append(edges, geo.WalkEdge{ID: int64(k), Source: int64(k), Target: int64(k + 1), LengthM: 250, Highway: "footway"})
		}
	}
	g, err := walk.Build(nodes, edges, geo.DefaultWalkModel())
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// handCells are three cells on the road at 250, 750 and 2 000 m with 100, 200 and 300
// residents, and a fourth 600 m north of it (off the network, beyond the 500 m snap).
func handCells(g *walk.Graph, pops ...float64) []supply.Cell {
	at := []orb.Point{plane.LonLat(250, 0), plane.LonLat(750, 0), plane.LonLat(2000, 0), plane.LonLat(1000, 600)}
	cells := make([]supply.Cell, len(pops))
	for i, p := range pops {
		cells[i] = supply.Cell{Center: at[i], Population: p, Snap: g.Snap(at[i])}
	}
	return cells
}

// handStations are two stations on the road, at 0 m and 1 500 m.
func handStations(g *walk.Graph, s1, s2 float64) []supply.Station {
	a, b := plane.LonLat(0, 0), plane.LonLat(1500, 0)
	return []supply.Station{
		{ID: "S1", Point: a, Snap: g.Snap(a), Supply: s1},
		{ID: "S2", Point: b, Snap: g.Snap(b), Supply: s2},
	}
}

// TestHandComputed checks R and A against values worked out by hand. Walking times on the
// road: S1–C1 225 s, S1–C2 675 s, S1–C3 1 800 s; S2–C1 1 125 s, S2–C2 675 s, S2–C3 450 s.
func TestHandComputed(t *testing.T) {
	g := lineRoad(t)
	gauss := supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900, Decay: supply.Decay{Kind: supply.DecayGaussian}}
	zones := supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900,
		Decay: supply.Decay{Kind: supply.DecayZones, Zones: []supply.Zone{{UpToSeconds: 450, Weight: 1}, {UpToSeconds: 900, Weight: 0.5}}}}
	cases := []struct {
		name     string
		params   supply.Params
		pops     []float64
		s1, s2   float64
		wantR    []float64
		wantStat []supply.Status
		wantA    []float64
		without  int // cells reaching no station
	}{
		{
			// R1 = 100 / (100 + 200), R2 = 60 / (200 + 300); A1 = R1, A2 = R1 + R2, A3 = R2
			name: "2sfca 15 min", params: supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900},
			pops: []float64{100, 200, 300}, s1: 100, s2: 60,
			wantR: []float64{1.0 / 3, 0.12}, wantA: []float64{1.0 / 3, 1.0/3 + 0.12, 0.12},
		},
		{
			// 600 s: S1 reaches C1 only, S2 C3 only. R1 = 100/100, R2 = 60/300; C2 reaches none
			name: "2sfca 10 min", params: supply.Params{Method: supply.Method2SFCA, MaxSeconds: 600},
			pops: []float64{100, 200, 300}, s1: 100, s2: 60,
			wantR: []float64{1, 0.2}, wantA: []float64{1, 0, 0.2}, without: 1,
		},
		{
			// t/T = 0.25, 0.75 (S1) and 0.75, 0.5 (S2); G(0.25) = 0.921806447482831,
			// G(0.5) = 0.701366573239004, G(0.75) = 0.376926299182696 (by hand);
			// R1 = 100 / (100 G(.25) + 200 G(.75)), R2 = 60 / (200 G(.75) + 300 G(.5))
			name: "e2sfca gaussian", params: gauss,
			pops: []float64{100, 200, 300}, s1: 100, s2: 60,
			wantR: []float64{0.596780116144569, 0.209940521471884},
			wantA: []float64{0.550115758791616, 0.304074224411074, 0.147245264128745},
		},
		{
			// weights 1 (≤ 450 s) and 0.5: R1 = 100 / (100 + 100), R2 = 60 / (100 + 300);
			// A1 = 0.5, A2 = 0.5·0.5 + 0.15·0.5, A3 = 0.15
			name: "e2sfca zones", params: zones,
			pops: []float64{100, 200, 300}, s1: 100, s2: 60,
			wantR: []float64{0.5, 0.15}, wantA: []float64{0.5, 0.325, 0.15},
		},
		{
			// S2's supply is not known: it adds nothing, and C2 and C3 reach it
			name: "unknown supply", params: supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900},
			pops: []float64{100, 200, 300}, s1: 100, s2: math.NaN(),
			wantR: []float64{1.0 / 3, 0}, wantStat: []supply.Status{supply.StatusOK, supply.StatusUnknownSupply},
			wantA: []float64{1.0 / 3, 1.0 / 3, 0},
		},
		{
			// 600 s and nobody in C3: S2 has no residents within T
			name: "no residents", params: supply.Params{Method: supply.Method2SFCA, MaxSeconds: 600},
			pops: []float64{100, 200, 0}, s1: 100, s2: 60,
			wantR: []float64{1, 0}, wantStat: []supply.Status{supply.StatusOK, supply.StatusNoResidents},
			wantA: []float64{1, 0, 0}, without: 1,
		},
		{
			// the fourth cell is off the network: A = 0, counted apart
			name: "off-network cell", params: supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900},
			pops: []float64{100, 200, 300, 50}, s1: 100, s2: 60,
			wantR: []float64{1.0 / 3, 0.12}, wantA: []float64{1.0 / 3, 1.0/3 + 0.12, 0.12, 0},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := supply.Compute(context.Background(), g, handCells(g, tc.pops...), handStations(g, tc.s1, tc.s2), tc.params)
			if err != nil {
				t.Fatal(err)
			}
			for j, want := range tc.wantR {
				st := supply.StatusOK
				if tc.wantStat != nil {
					st = tc.wantStat[j]
				}
				if got := r.Stations[j]; !near(got.Ratio, want, 1e-9) || got.Status != st {
					t.Errorf("station %d: R = %.12g (%s), want %.12g (%s)", j+1, got.Ratio, got.Status, want, st)
				}
			}
			for i, want := range tc.wantA {
				if got := r.Cells[i].Access; !near(got, want, 1e-9) {
					t.Errorf("cell %d: A = %.12g, want %.12g", i+1, got, want)
				}
			}
			if r.CellsWithoutStation != tc.without {
				t.Errorf("%d cells reach no station, want %d", r.CellsWithoutStation, tc.without)
			}
			if off := len(tc.pops) == 4; off != (r.OffNetworkCells == 1 && r.OffNetworkPopulation == 50) {
				t.Errorf("off-network cells %d (%v residents), want the fourth cell's when there is one", r.OffNetworkCells, r.OffNetworkPopulation)
			}
		})
	}
}

// TestHandLists checks what is said about stations without a ratio and the echoed
// parameters.
func TestHandLists(t *testing.T) {
	g := lineRoad(t)
	far := plane.LonLat(1000, 800) // 800 m off the road
	stations := append(handStations(g, 100, math.NaN()), supply.Station{ID: "S3", Point: far, Snap: g.Snap(far), Supply: 10})
	p := supply.Params{Method: supply.Method2SFCA, MaxSeconds: 600}
	r, err := supply.Compute(context.Background(), g, handCells(g, 100, 200, 0), stations, p)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.OffNetwork, []int{2}) || !slices.Equal(r.UnknownSupply, []int{1}) || len(r.NoResidents) != 0 {
		t.Errorf("off network %v, unknown supply %v, no residents %v; want [2], [1], []", r.OffNetwork, r.UnknownSupply, r.NoResidents)
	}
	if r.Params.Method != p.Method || r.Params.MaxSeconds != p.MaxSeconds || r.Formula == "" {
		t.Errorf("params echoed as %+v, formula %q", r.Params, r.Formula)
	}
	// C1 reaches S1 (225 s); C3 reaches S2, whose supply is unknown (450 s)
	if c := r.Cells[2]; c.Stations != 1 || c.UnknownSupply != 1 || c.Access != 0 {
		t.Errorf("cell 3: %+v, want one station in reach, of unknown supply, and A = 0", c)
	}
	if s := r.Stations[1]; s.CatchmentPopulation != 0 || s.CatchmentCells != 1 {
		t.Errorf("S2 catchment %v residents in %d cells, want 0 in 1", s.CatchmentPopulation, s.CatchmentCells)
	}
	// 300 residents, only C1's 100 have A = 1
	if !near(r.MeanAccess, 100.0/300, 1e-12) || r.Population != 300 {
		t.Errorf("mean access %v over %v residents, want 1/3 over 300", r.MeanAccess, r.Population)
	}
}

// TestDecayAtKnownTimes checks the Gaussian of Dai (2010) and the zones at times worked
// out by hand.
func TestDecayAtKnownTimes(t *testing.T) {
	e := math.Exp(-0.5) // 0.6065306597126334
	gauss := supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900, Decay: supply.Decay{Kind: supply.DecayGaussian}}
	zones := supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900,
		Decay: supply.Decay{Kind: supply.DecayZones, Zones: []supply.Zone{{UpToSeconds: 300, Weight: 1}, {UpToSeconds: 600, Weight: 0.68}, {UpToSeconds: 900, Weight: 0.22}}}}
	plain := supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900}
	cases := []struct {
		name string
		p    supply.Params
		t    float64
		want float64
	}{
		{"gaussian at 0", gauss, 0, 1},
		{"gaussian at T/2", gauss, 450, 0.701366573239004}, // (e^(−1/8) − e^(−1/2)) / (1 − e^(−1/2))
		{"gaussian at T/4", gauss, 225, 0.921806447482831},
		{"gaussian at 0.9 T", gauss, 810, (math.Exp(-0.405) - e) / (1 - e)},
		{"gaussian at T", gauss, 900, 0},
		{"gaussian beyond T", gauss, 901, 0},
		{"gaussian negative", gauss, -1, 0},
		{"zones first", zones, 300, 1},
		{"zones second", zones, 300.5, 0.68},
		{"zones last", zones, 900, 0.22},
		{"zones beyond", zones, 900.5, 0},
		{"2sfca within", plain, 900, 1},
		{"2sfca beyond", plain, 900.001, 0},
		{"NaN", plain, math.NaN(), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Weight(tc.t); !near(got, tc.want, 1e-12) {
				t.Errorf("W(%v) = %.15g, want %.15g", tc.t, got, tc.want)
			}
		})
	}
	if got := supply.Gaussian(450, 900); !near(got, 0.701366573239004, 1e-12) {
		t.Errorf("Gaussian(450, 900) = %.15g", got)
	}
}

// near reports whether got is within rel of want (absolutely near 0).
func near(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-9)
}

// TestComputeEachSharesTheSearch: ComputeEach over two resources of the same stations
// gives, for each, exactly what Compute gives alone; sets of other stations are refused.
func TestComputeEachSharesTheSearch(t *testing.T) {
	g := lineRoad(t)
	p := supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900}
	cells := handCells(g, 100, 200, 300, 50)
	floor, staff := handStations(g, 300, 600), handStations(g, 2, math.NaN())
	both, err := supply.ComputeEach(context.Background(), g, cells, [][]supply.Station{floor, staff}, p)
	if err != nil {
		t.Fatal(err)
	}
	for k, set := range [][]supply.Station{floor, staff} {
		alone, err := supply.Compute(context.Background(), g, cells, set, p)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprintf("%+v", *both[k]), fmt.Sprintf("%+v", *alone); got != want { // as text: NaN equals NaN
			t.Errorf("set %d: ComputeEach %s, Compute alone %s", k, got, want)
		}
	}
	other := handStations(g, 1, 1)[:1]
	if _, err := supply.ComputeEach(context.Background(), g, cells, [][]supply.Station{floor, other}, p); geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("sets of other stations: %v, want EINVALID", err)
	}
}

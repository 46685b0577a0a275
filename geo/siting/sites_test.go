package siting_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

var tCommunity = engine.Target{Kind: engine.KindLevel, Key: "community"}

// eastHomes is a line-district engine whose 10 000 residents all live in a 60 m
// square 50 m west of the street's east end, 30 m north of it: 1.95 km from the only
// station, far beyond any threshold.
func eastHomes(tb testing.TB) (*engine.Engine, orb.Point) {
	tb.Helper()
	nodes, _, _ := fixture.LineDistrict(20)
	east := nodes[20].Point
	home := fixture.MetresNorth(orb.Point{east[0] - (nodes[20].Point[0]-nodes[19].Point[0])/2, east[1]}, 30)
	return lineEngine(tb, []geo.ResidentialArea{square(home, 60)}), home
}

func TestPlanSitesFindsTheOnlyResidents(t *testing.T) {
	e, home := eastHomes(t)
	res, err := siting.PlanSites(context.Background(), e, siting.Request{Target: tCommunity, Minutes: 5, K: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Every resident is ~1.9 km from the station (nobody covered before) and within 5
	// minutes of a site near them, so one site covers all and nothing is left for more.
	if res.CoveredBefore != 0 || math.Abs(res.Population-10000) > 1e-6 {
		t.Fatalf("before %v of %v, want 0 of 10000", res.CoveredBefore, res.Population)
	}
	if len(res.Sites) != 1 {
		t.Fatalf("%d sites, want 1: %+v", len(res.Sites), res.Sites)
	}
	s := res.Sites[0]
	if math.Abs(s.Gain-10000) > 1e-6 || math.Abs(res.CoveredAfter-10000) > 1e-6 || math.Abs(res.Curve[0]-1) > 1e-12 {
		t.Errorf("gain %v, after %v, curve %v; want all 10000 residents", s.Gain, res.CoveredAfter, res.Curve)
	}
	if d := geo.HaversineM(s.Point, home); d > 5*60*walkSpeed {
		t.Errorf("site %v is %.0f m from the homes, more than 5 minutes' walk", s.Point, d)
	}
	if s.H3 == "" || s.Community != "测试社区" {
		t.Errorf("site cell %q, community %q", s.H3, s.Community)
	}
}

func TestPlanSitesCandidatesAndExclusions(t *testing.T) {
	e, _ := eastHomes(t)
	n := func(i int32) orb.Point { return e.Graph.NodePoint(i) }
	offNet := fixture.MetresNorth(n(10), 900)
	tests := []struct {
		name      string
		cands     []orb.Point
		exclude   []orb.Point
		wantSites []orb.Point
	}{
		// The homes are ~1.95 km east: 5 minutes (333 m) reach them only from node 19.
		{"only the candidate near the homes wins", []orb.Point{n(5), n(12), n(19), offNet}, nil, []orb.Point{n(19)}},
		{"excluding it (30 m away) leaves nothing worth building", []orb.Point{n(5), n(12), n(19)}, []orb.Point{fixture.MetresNorth(n(19), 30)}, nil},
		{"an exclusion 80 m away leaves it", []orb.Point{n(5), n(19)}, []orb.Point{fixture.MetresNorth(n(19), 80)}, []orb.Point{n(19)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := siting.PlanSites(context.Background(), e, siting.Request{Target: tCommunity, Minutes: 5, K: 2, Candidates: tc.cands, Exclude: tc.exclude})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Sites) != len(tc.wantSites) {
				t.Fatalf("sites %+v, want at %v", res.Sites, tc.wantSites)
			}
			for i, s := range res.Sites {
				if s.Point != tc.wantSites[i] || s.H3 != "" || s.Community != "测试社区" {
					t.Errorf("site %d at %v (cell %q, community %q), want the given point %v in 测试社区", i, s.Point, s.H3, s.Community, tc.wantSites[i])
				}
			}
			if len(res.Sites) == 0 && res.CoveredAfter != res.CoveredBefore {
				t.Errorf("no site but coverage %v → %v", res.CoveredBefore, res.CoveredAfter)
			}
		})
	}
}

// TestPlanSitesByAreaWithoutPopulation: a district without residents is weighed by area;
// what the station covers is checked by hand (lineSeconds).
func TestPlanSitesByAreaWithoutPopulation(t *testing.T) {
	nodes, edges, d := fixture.LineDistrict(20)
	d.Communities[0].Population = 0
	e := compute(t, d, nodes, edges)
	res, err := siting.PlanSites(context.Background(), e, siting.Request{Target: tCommunity, Minutes: 10, K: 2})
	if err != nil {
		t.Fatal(err)
	}
	var area, before float64
	for _, c := range e.Cells {
		area += c.AreaM2
		if lineSeconds(e, c.Center, 0) <= 600 {
			before += c.AreaM2
		}
	}
	if math.Abs(res.Population-area) > 1e-6*area || math.Abs(res.CoveredBefore-before) > 1e-6*area {
		t.Errorf("population %v, before %v; want the area %v m², %v m² covered", res.Population, res.CoveredBefore, area, before)
	}
	if len(res.Sites) != 2 || !(res.CoveredAfter > res.CoveredBefore) {
		t.Errorf("sites %+v, after %v", res.Sites, res.CoveredAfter)
	}
	checkCurve(t, res)
}

// TestPlanSitesAgainstBruteForce checks the cover sets and the choice on a street grid
// against walk times from Engine.Route (A*), trying every candidate (k = 1: greedy is
// exact) and every pair (k = 2: the plan must reach (1−1/e) of the best pair and its
// reported coverage must be what Route says its sites cover).
func TestPlanSitesAgainstBruteForce(t *testing.T) {
	nodes, edges, d := gridDistrict(t, 11)
	e := compute(t, d, nodes, edges)
	const minutes = 5.0
	limit := minutes * 60
	var cands []int
	for i, s := range e.CellSnaps {
		if s.OnNetwork {
			cands = append(cands, i)
		}
	}
	// Demand by Route: cells farther than 5 minutes from the community station "sw".
	weight := make([]float64, len(e.Cells))
	var before float64
	for i, c := range e.Cells {
		if routeSeconds(t, e, d.Stations[0].Point, c.Center) <= limit {
			before += c.Population
		} else {
			weight[i] = c.Population
		}
	}
	covers := make([][]int, len(e.Cells))
	for _, a := range cands {
		for b, c := range e.Cells {
			if weight[b] > 0 && routeSeconds(t, e, e.Cells[a].Center, c.Center) <= limit {
				covers[a] = append(covers[a], b)
			}
		}
	}
	gainOf := func(sites ...int) float64 {
		seen := map[int]bool{}
		var g float64
		for _, a := range sites {
			for _, b := range covers[a] {
				if !seen[b] {
					seen[b] = true
					g += weight[b]
				}
			}
		}
		return g
	}
	cellAt := map[orb.Point]int{}
	for i, c := range e.Cells {
		cellAt[c.Center] = i
	}
	// Every cell as candidate: fewer demand cells than candidates, so the searches start
	// from the demand. Every fifth cell given as points: the searches start from them.
	var fifth []orb.Point
	for x := 0; x < len(cands); x += 5 {
		fifth = append(fifth, e.Cells[cands[x]].Center)
	}
	for _, given := range [][]orb.Point{nil, fifth} {
		pool := cands
		if given != nil {
			pool = nil
			for _, p := range given {
				pool = append(pool, cellAt[p])
			}
		}
		var best1, best2 float64
		for x, a := range pool {
			best1 = max(best1, gainOf(a))
			for _, b := range pool[x+1:] {
				best2 = max(best2, gainOf(a, b))
			}
		}
		for k, best := range map[int]float64{1: best1, 2: best2} {
			res, err := siting.PlanSites(context.Background(), e, siting.Request{Target: tCommunity, Minutes: minutes, K: k, Candidates: given})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(res.CoveredBefore-before) > 1e-6 {
				t.Errorf("k=%d: covered before %v, by Route %v", k, res.CoveredBefore, before)
			}
			var sites []int
			for _, s := range res.Sites {
				sites = append(sites, cellAt[s.Point])
			}
			got := res.CoveredAfter - res.CoveredBefore
			if want := gainOf(sites...); math.Abs(got-want) > 1e-6 {
				t.Errorf("%d given, k=%d: plan says its sites add %v, Route says %v", len(given), k, got, want)
			}
			if k == 1 && math.Abs(got-best) > 1e-6 {
				t.Errorf("%d given, k=1: plan adds %v, best single site %v", len(given), got, best)
			}
			if got < (1-1/math.E)*best-1e-6 || got > best+1e-6 {
				t.Errorf("%d given, k=%d: plan adds %v, best %v", len(given), k, got, best)
			}
			checkCurve(t, res)
		}
	}
}

// checkCurve checks the running totals and the coverage curve of a result.
func checkCurve(t *testing.T, r siting.Plan) {
	t.Helper()
	var cum float64
	for i, s := range r.Sites {
		cum += s.Gain
		if math.Abs(s.Cumulative-cum) > 1e-6 {
			t.Errorf("site %d: cumulative %v, sum of gains %v", i, s.Cumulative, cum)
		}
		if want := (r.CoveredBefore + cum) / r.Population; math.Abs(r.Curve[i]-want) > 1e-12 {
			t.Errorf("curve[%d] = %v, want %v", i, r.Curve[i], want)
		}
	}
	if math.Abs(r.CoveredAfter-r.CoveredBefore-cum) > 1e-6 || len(r.Curve) != len(r.Sites) {
		t.Errorf("after %v, before %v, gains %v, curve %v", r.CoveredAfter, r.CoveredBefore, cum, r.Curve)
	}
}

func TestPlanSitesErrors(t *testing.T) {
	e, _ := eastHomes(t)
	ok := siting.Request{Target: tCommunity, Minutes: 10, K: 2}
	with := func(f func(*siting.Request)) siting.Request { r := ok; f(&r); return r }
	tests := []struct {
		name string
		req  siting.Request
		code geo.ErrorCode
		says string
	}{
		{"unknown level", with(func(r *siting.Request) { r.Target.Key = "province" }), geo.EINVALID, "province"},
		{"unknown category", with(func(r *siting.Request) { r.Target = engine.Target{Kind: engine.KindCategory, Key: "casino"} }), geo.EINVALID, "casino"},
		{"k zero", with(func(r *siting.Request) { r.K = 0 }), geo.EINVALID, "k = 0"},
		{"k too large", with(func(r *siting.Request) { r.K = 51 }), geo.EINVALID, "k = 51"},
		{"minutes too small", with(func(r *siting.Request) { r.Minutes = 0.5 }), geo.EINVALID, "0.5"},
		{"minutes beyond the computed times", with(func(r *siting.Request) { r.Minutes = 45 }), geo.EINVALID, "45"},
		{"minutes NaN", with(func(r *siting.Request) { r.Minutes = math.NaN() }), geo.EINVALID, "minutes"},
		{"bad candidate", with(func(r *siting.Request) { r.Candidates = []orb.Point{{104, 30}, {30, 104}} }), geo.EINVALID, "candidate 2"},
		{"bad exclusion", with(func(r *siting.Request) { r.Exclude = []orb.Point{{200, 30}} }), geo.EINVALID, "excluded point 1"},
		{"every candidate off the network", with(func(r *siting.Request) { r.Candidates = []orb.Point{fixture.MetresNorth(e.Graph.NodePoint(3), 700)} }), geo.EUNPROCESSABLE, "700 m"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := siting.PlanSites(context.Background(), e, tc.req)
			requireError(t, err, tc.code, tc.says)
		})
	}
}

func TestPlanSitesCancelled(t *testing.T) {
	nodes, edges, d := gridDistrict(t, 11)
	e := compute(t, d, nodes, edges)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := siting.PlanSites(ctx, e, siting.Request{Target: tCommunity, Minutes: 5, K: 2})
	if geo.ErrorCodeOf(err) != geo.EUNAVAILABLE || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want EUNAVAILABLE wrapping context.Canceled", err)
	}
}

// TestPlanSitesBaseline checks Request.Baseline (walk seconds to what exists now, e.g. a
// named circle's): the community stations' own computed seconds give the plan of the
// community target; every cell already within the threshold leaves nothing to plan; a
// baseline of the wrong length is EINVALID naming both counts.
func TestPlanSitesBaseline(t *testing.T) {
	e, _ := eastHomes(t)
	k, ok := e.SetIndex(tCommunity)
	if !ok {
		t.Fatal("no community set")
	}
	circle := engine.Target{Kind: "circle", Key: "test"}
	run := func(base []float32) (siting.Plan, error) {
		return siting.PlanSites(context.Background(), e, siting.Request{Target: circle, Minutes: 5, K: 3, Baseline: base})
	}
	own, err := siting.PlanSites(context.Background(), e, siting.Request{Target: tCommunity, Minutes: 5, K: 3})
	if err != nil {
		t.Fatal(err)
	}
	got, err := run(e.Results[k].Seconds)
	if err != nil {
		t.Fatal(err)
	}
	if got.Target != circle || len(got.Sites) != len(own.Sites) || got.CoveredAfter != own.CoveredAfter || got.Sites[0].Point != own.Sites[0].Point {
		t.Errorf("plan with the community seconds as baseline %+v, want the community plan %+v under the circle's name", got, own)
	}
	near := make([]float32, len(e.Cells)) // everyone within 0 s
	none, err := run(near)
	if err != nil || len(none.Sites) != 0 || math.Abs(none.CoveredBefore-none.Population) > 1e-6 {
		t.Errorf("baseline all within: %+v, %v; want no site and everyone covered before", none, err)
	}
	if _, err := run(near[:1]); geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("a baseline of 1 walk time for %d cells: %v, want EINVALID", len(e.Cells), err)
	}
}

package siting_test

import (
	"context"
	"math"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

var tAny = engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel}

// lineSeconds is the walk time by hand on the line district from a cell centre c to a
// facility standing on the street at node x (of 0..20): the access leg straight to the
// street (to the nearest end beyond the street's ends), then along the street, at 4 km/h.
func lineSeconds(e *engine.Engine, c orb.Point, x int32) float64 {
	west, east := e.Graph.NodePoint(0), e.Graph.NodePoint(20)
	foot := orb.Point{min(max(c[0], west[0]), east[0]), west[1]}
	return (geo.HaversineM(c, foot) + geo.HaversineM(foot, e.Graph.NodePoint(x))) / walkSpeed
}

// lineShares is the population share within each default threshold (5, 10, 15 min)
// of the line district when stations stand at the given nodes.
func lineShares(e *engine.Engine, at ...int32) []float64 {
	out := make([]float64, 3)
	var pop float64
	for _, c := range e.Cells {
		best := math.Inf(1)
		for _, x := range at {
			best = min(best, lineSeconds(e, c.Center, x))
		}
		pop += c.Population
		for t, m := range []float64{5, 10, 15} {
			if best <= m*60 {
				out[t] += c.Population
			}
		}
	}
	for t := range out {
		out[t] /= pop
	}
	return out
}

func TestScenarioAgainstHandComputedCoverage(t *testing.T) {
	e := lineEngine(t, nil)
	east := e.Graph.NodePoint(20)
	add := siting.Addition{Point: east, Kind: engine.KindLevel, Key: "community", Name: "东端站"}
	tests := []struct {
		name        string
		change      siting.Change
		before      []int32 // nodes with a station before
		after       []int32 // and after
		wantTargets []engine.Target
	}{
		{"add a station at the east end", siting.Change{Add: []siting.Addition{add}}, []int32{0}, []int32{0, 20}, []engine.Target{tCommunity, tAny}},
		{"add one mid-street", siting.Change{Add: []siting.Addition{{Point: e.Graph.NodePoint(9), Kind: engine.KindLevel, Key: "compound"}}}, []int32{0}, []int32{0, 9}, []engine.Target{{Kind: engine.KindLevel, Key: "compound"}, tAny}},
		{"remove the only station", siting.Change{Remove: []string{"st1"}}, []int32{0}, nil, []engine.Target{tCommunity, tAny}},
		{"move it to the east end", siting.Change{Add: []siting.Addition{add}, Remove: []string{"st1"}}, []int32{0}, []int32{20}, []engine.Target{tCommunity, tAny}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := siting.Scenario(context.Background(), e, tc.change)
			if err != nil {
				t.Fatal(err)
			}
			var got []engine.Target
			for _, st := range res.Targets {
				got = append(got, st.Target)
			}
			if !slices.Equal(got, tc.wantTargets) {
				t.Fatalf("targets %v, want %v", got, tc.wantTargets)
			}
			for _, st := range res.Targets {
				before, after := lineShares(e, tc.before...), lineShares(e, tc.after...)
				if st.Target.Key == "compound" { // no compound station before
					before = lineShares(e)
					after = lineShares(e, tc.after[1:]...)
				}
				checkRow(t, st.District, before, after, 10000)
				if len(st.Communities) != 1 || st.Communities[0].Code != "510104001001" {
					t.Fatalf("%v: communities %+v, want the one community", st.Target, st.Communities)
				}
				checkRow(t, st.Communities[0], before, after, 10000)
			}
		})
	}
}

// checkRow compares a row's shares with hand-computed ones and checks its gain.
func checkRow(t *testing.T, r siting.ScenarioRow, before, after []float64, pop float64) {
	t.Helper()
	if math.Abs(r.Population-pop) > 1e-6 {
		t.Errorf("population %v, want %v", r.Population, pop)
	}
	for i := range before {
		if math.Abs(r.Before[i]-before[i]) > 1e-9 || math.Abs(r.After[i]-after[i]) > 1e-9 {
			t.Errorf("threshold %d: before %.4f after %.4f, by hand %.4f → %.4f", i, r.Before[i], r.After[i], before[i], after[i])
		}
	}
	if want := (after[2] - before[2]) * pop; math.Abs(r.GainedResidents-want) > 1e-6 {
		t.Errorf("gained %v residents, by hand %v", r.GainedResidents, want)
	}
}

// TestScenarioMatchesRecomputedEngine compares a scenario with an engine built from
// scratch with the change made (Compute's summaries), on a street grid.
func TestScenarioMatchesRecomputedEngine(t *testing.T) {
	nodes, edges, d := gridDistrict(t, 13)
	e := compute(t, d, nodes, edges)
	p := func(x, y int) orb.Point { return nodes[y*13+x].Point }
	tests := []struct {
		name   string
		change siting.Change
	}{
		{"add a community station and a supermarket", siting.Change{Add: []siting.Addition{
			{Point: fixture.MetresNorth(p(8, 9), 20), Kind: engine.KindLevel, Key: "community"},
			{Point: p(2, 11), Kind: engine.KindCategory, Key: "supermarket"}}}},
		{"add a pharmacy where there is none", siting.Change{Add: []siting.Addition{{Point: p(6, 6), Kind: engine.KindCategory, Key: "pharmacy"}}}},
		{"remove the building station, add two", siting.Change{Remove: []string{"ne"}, Add: []siting.Addition{
			{Point: p(12, 0), Kind: engine.KindLevel, Key: "building"}, {Point: p(0, 12), Kind: engine.KindLevel, Key: "building"}}}},
		{"remove the supermarket", siting.Change{Remove: []string{"shop"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := siting.Scenario(context.Background(), e, tc.change)
			if err != nil {
				t.Fatal(err)
			}
			fresh := compute(t, apply(d, tc.change), nodes, edges)
			for _, st := range res.Targets {
				want := districtShares(fresh, st.Target)
				if !allClose(st.District.After, want) || !allClose(st.District.Before, districtShares(e, st.Target)) {
					t.Errorf("%v: after %v, recomputed %v", st.Target, st.District.After, want)
				}
			}
		})
	}
}

// apply returns d with the change made.
func apply(d engine.Data, c siting.Change) engine.Data {
	out := d
	out.Stations, out.Outlets = nil, nil
	for _, s := range d.Stations {
		if !slices.Contains(c.Remove, s.ID) {
			out.Stations = append(out.Stations, s)
		}
	}
	for _, o := range d.Outlets {
		if !slices.Contains(c.Remove, o.ID) {
			out.Outlets = append(out.Outlets, o)
		}
	}
	for i, a := range c.Add {
		if a.Kind == engine.KindLevel {
			out.Stations = append(out.Stations, geo.Station{ID: "new" + string(rune('a'+i)), Level: geo.Level(a.Key), Point: a.Point})
		} else {
			out.Outlets = append(out.Outlets, geo.Outlet{ID: "new" + string(rune('a'+i)), Category: a.Key, Point: a.Point})
		}
	}
	return out
}

// districtShares is the district's population share within each threshold for t, from
// the engine's own summaries.
func districtShares(e *engine.Engine, t engine.Target) []float64 {
	for _, s := range e.Summaries {
		if s.Scope == coverage.ScopeDistrict && s.Kind == t.Kind && s.Key == t.Key {
			out := make([]float64, len(s.Within))
			for i, w := range s.Within {
				out[i] = w.PopulationShare
			}
			return out
		}
	}
	return nil
}

func allClose(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestScenarioLeavesTheEngineAlone(t *testing.T) {
	e := lineEngine(t, nil)
	results := copyResults(e.Results)
	summaries := slices.Clone(e.Summaries)
	changes := []siting.Change{
		{Add: []siting.Addition{{Point: e.Graph.NodePoint(15), Kind: engine.KindLevel, Key: "street"}}},
		{Remove: []string{"st1", "o1"}},
		{Add: []siting.Addition{{Point: e.Graph.NodePoint(3), Kind: engine.KindCategory, Key: "supermarket"}}, Remove: []string{"o1"}},
	}
	first := make([]siting.ScenarioResult, len(changes))
	for i, c := range changes {
		var err error
		if first[i], err = siting.Scenario(context.Background(), e, c); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		for i, c := range changes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				again, err := siting.Scenario(context.Background(), e, c)
				if err != nil || !reflect.DeepEqual(again, first[i]) {
					t.Errorf("change %d run again concurrently: %v, results differ %v", i, err, !reflect.DeepEqual(again, first[i]))
				}
			}()
		}
	}
	wg.Wait()
	if !reflect.DeepEqual(copyResults(e.Results), results) || !reflect.DeepEqual(e.Summaries, summaries) {
		t.Error("the engine's results changed")
	}
}

// copyResults deep-copies the per-cell times (NaN compared as a bit pattern).
func copyResults(rs []coverage.Result) []resultCopy {
	out := make([]resultCopy, len(rs))
	for i, r := range rs {
		out[i] = resultCopy{Kind: r.Kind, Key: r.Key, Nearest: slices.Clone(r.Nearest)}
		for _, s := range r.Seconds {
			out[i].Bits = append(out[i].Bits, math.Float32bits(s))
		}
	}
	return out
}

type resultCopy struct {
	Kind, Key string
	Bits      []uint32
	Nearest   []int32
}

func TestScenarioErrors(t *testing.T) {
	e := lineEngine(t, nil)
	on := e.Graph.NodePoint(4)
	fac := func(kind, key string, p orb.Point) siting.Change {
		return siting.Change{Add: []siting.Addition{{Point: p, Kind: kind, Key: key, Name: "新站"}}}
	}
	tooMany := siting.Change{}
	for range 101 {
		tooMany.Add = append(tooMany.Add, fac(engine.KindLevel, "community", on).Add[0])
	}
	tests := []struct {
		name   string
		change siting.Change
		code   geo.ErrorCode
		says   string
	}{
		{"nothing to do", siting.Change{}, geo.EINVALID, "changes nothing"},
		{"unknown ids", siting.Change{Remove: []string{"st1", "nope", "gone", "nope"}}, geo.ENOTFOUND, `ids "nope", "gone"`},
		{"off the network", fac(engine.KindLevel, "community", fixture.MetresNorth(on, 650)), geo.EUNPROCESSABLE, "650 m"},
		{"not a coordinate", fac(engine.KindLevel, "community", orb.Point{30, 104}), geo.EINVALID, "longitude"},
		{"unknown kind", fac("shop", "community", on), geo.EINVALID, `kind "shop"`},
		{"unknown level", fac(engine.KindLevel, "province", on), geo.EINVALID, "province"},
		{"level any is no station", fac(engine.KindLevel, engine.AnyLevel, on), geo.EINVALID, `"any"`},
		{"unknown category", fac(engine.KindCategory, "casino", on), geo.EINVALID, "casino"},
		{"too many added", tooMany, geo.EINVALID, "at most 100"},
		{"too many removed", siting.Change{Remove: make([]string, 1001)}, geo.EINVALID, "at most 1000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := siting.Scenario(context.Background(), e, tc.change)
			requireError(t, err, tc.code, tc.says)
		})
	}
}

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
	"github.com/lifecircle/lifecircle/internal/walkref"
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
// scratch with the change made (Compute's summaries and per-cell times, to the bit),
// with the former full-recompute path and with a brute-force search per facility
// (internal/walkref), on two street grids: the small one of gridDistrict, and a 2.4 km
// one with five community stations and a 10-minute search bound, where removing a station
// changes the nearest of many cells and leaves some out of reach.
func TestScenarioMatchesRecomputedEngine(t *testing.T) {
	nodes, edges, d := gridDistrict(t, 13)
	opts := engine.Options{Categories: []string{"supermarket", "pharmacy"}}
	e := fixture.Compute(t, d, nodes, edges, opts)
	p := func(x, y int) orb.Point { return nodes[y*13+x].Point }
	mNodes, mEdges, md := manyStationsDistrict(t)
	mOpts := engine.Options{Categories: []string{"supermarket", "pharmacy"}, MaxMinutes: 10, ThresholdsMin: []float64{5, 10}}
	me := fixture.Compute(t, md, mNodes, mEdges, mOpts)
	mp := func(x, y int) orb.Point { return mNodes[y*25+x].Point }
	tests := []struct {
		name   string
		many   bool // on manyStationsDistrict
		change siting.Change
	}{
		{"add a community station and a supermarket", false, siting.Change{Add: []siting.Addition{
			{Point: fixture.MetresNorth(p(8, 9), 20), Kind: engine.KindLevel, Key: "community"},
			{Point: p(2, 11), Kind: engine.KindCategory, Key: "supermarket"}}}},
		{"add a pharmacy where there is none", false, siting.Change{Add: []siting.Addition{{Point: p(6, 6), Kind: engine.KindCategory, Key: "pharmacy"}}}},
		{"remove the building station, add two", false, siting.Change{Remove: []string{"ne"}, Add: []siting.Addition{
			{Point: p(12, 0), Kind: engine.KindLevel, Key: "building"}, {Point: p(0, 12), Kind: engine.KindLevel, Key: "building"}}}},
		{"remove the supermarket", false, siting.Change{Remove: []string{"shop"}}},
		{"remove the central community station", true, siting.Change{Remove: []string{"c"}}},
		{"remove a corner community station", true, siting.Change{Remove: []string{"sw"}}},
		{"remove two neighbours", true, siting.Change{Remove: []string{"c", "ne"}}},
		{"remove the only street station", true, siting.Change{Remove: []string{"street"}}},
		{"add a community station between two", true, siting.Change{Add: []siting.Addition{
			{Point: fixture.MetresNorth(mp(15, 15), 30), Kind: engine.KindLevel, Key: "community"}}}},
		{"move the central station east", true, siting.Change{Remove: []string{"c"}, Add: []siting.Addition{
			{Point: mp(16, 12), Kind: engine.KindLevel, Key: "community"}}}},
		{"remove a supermarket, add a pharmacy", true, siting.Change{Remove: []string{"shop1"}, Add: []siting.Addition{
			{Point: mp(20, 3), Kind: engine.KindCategory, Key: "pharmacy"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, d, nodes, edges, opts := e, d, nodes, edges, opts
			if tc.many {
				e, d, nodes, edges, opts = me, md, mNodes, mEdges, mOpts
			}
			res, err := siting.Scenario(context.Background(), e, tc.change)
			if err != nil {
				t.Fatal(err)
			}
			fresh := fixture.Compute(t, apply(d, tc.change), nodes, edges, opts)
			for _, st := range res.Targets {
				want := districtShares(fresh, st.Target)
				if !allClose(st.District.After, want) || !allClose(st.District.Before, districtShares(e, st.Target)) {
					t.Errorf("%v: after %v, recomputed %v", st.Target, st.District.After, want)
				}
			}
			if full, err := siting.ScenarioFull(context.Background(), e, tc.change); err != nil || !reflect.DeepEqual(full, res) {
				t.Errorf("the full-recompute path answers differently (%v)", err)
			}
			if changed := checkTimes(t, e, fresh, tc.change); tc.many && changed*20 < len(e.Cells) {
				t.Errorf("only %d of %d cells change time; the case is meant to change at least 5 %%", changed, len(e.Cells))
			}
			bruteTimes(t, e, walkref.New(nodes, edges, e.Options.Walk), apply(d, tc.change), tc.change)
		})
	}
}

// manyStationsDistrict is a 25×25-node street grid 100 m apart (fixture.GridNetwork) with
// one community over it, five community stations (the centre "c", the corners' quarter
// points "sw", "se", "nw", "ne"), a street station at the west edge and two supermarkets.
func manyStationsDistrict(tb testing.TB) ([]geo.WalkNode, []geo.WalkEdge, engine.Data) {
	nodes, edges, d := gridDistrict(tb, 25)
	at := func(x, y int) orb.Point { return nodes[fixture.GridID(24, y, x)-1].Point }
	d.Stations = []geo.Station{
		{ID: "c", Level: geo.LevelCommunity, Point: at(12, 12)},
		{ID: "sw", Level: geo.LevelCommunity, Point: at(6, 6)},
		{ID: "se", Level: geo.LevelCommunity, Point: at(18, 6)},
		{ID: "nw", Level: geo.LevelCommunity, Point: at(6, 18)},
		{ID: "ne", Level: geo.LevelCommunity, Point: at(18, 18)},
		{ID: "street", Level: geo.LevelStreet, Point: fixture.MetresNorth(at(0, 12), 40)},
	}
	d.Outlets = []geo.Outlet{
		{ID: "shop1", Category: "supermarket", Point: at(12, 12)},
		{ID: "shop2", Category: "supermarket", Point: at(3, 3)},
	}
	return nodes, edges, d
}

// checkTimes compares the scenario's per-cell times (incremental and by the full path)
// with those of the engine computed from scratch with the change made, to the bit, and
// returns the most cells whose time the change moves in one set other than "any".
func checkTimes(t *testing.T, e, fresh *engine.Engine, c siting.Change) int {
	t.Helper()
	inc, err := siting.ScenarioTimes(context.Background(), e, c, false)
	if err != nil {
		t.Fatal(err)
	}
	full, err := siting.ScenarioTimes(context.Background(), e, c, true)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for target, times := range inc {
		k, ok := fresh.SetIndex(target)
		if !ok {
			t.Fatalf("%v: no set in the recomputed engine", target)
		}
		want := fresh.Results[k].Seconds
		for i := range want {
			if math.Float32bits(times[i]) != math.Float32bits(want[i]) || math.Float32bits(full[target][i]) != math.Float32bits(want[i]) {
				t.Errorf("%v, cell %d: incremental %v s, full path %v s, recomputed %v s", target, i, times[i], full[target][i], want[i])
			}
		}
		if target != tAny {
			changed = max(changed, changedCells(e, target, times))
		}
	}
	return changed
}

// changedCells counts the cells whose time for t differs between e and times.
func changedCells(e *engine.Engine, t engine.Target, times []float32) int {
	k, _ := e.SetIndex(t)
	n := 0
	for i, s := range e.Results[k].Seconds {
		if math.Float32bits(s) != math.Float32bits(times[i]) {
			n++
		}
	}
	return n
}

// bruteTimes compares the scenario's per-cell times with the least over the facilities
// of after (the data with the change made) of an independent search from each
// (internal/walkref), within 0.05 s (float32 costs); +Inf beyond the search bound.
func bruteTimes(t *testing.T, e *engine.Engine, ref *walkref.Net, after engine.Data, c siting.Change) {
	t.Helper()
	inc, err := siting.ScenarioTimes(context.Background(), e, c, false)
	if err != nil {
		t.Fatal(err)
	}
	cells := make([]walkref.Snap, len(e.Cells))
	for i, cell := range e.Cells {
		cells[i] = ref.Snap(cell.Center)
	}
	limit := e.Options.MaxMinutes * 60
	for target, times := range inc {
		best := make([]float64, len(cells))
		for i := range best {
			best[i] = math.Inf(1)
		}
		for _, p := range facilityPoints(after, target) {
			for i, s := range ref.TimesFrom(ref.Snap(p), cells) {
				best[i] = min(best[i], s)
			}
		}
		for i, b := range best {
			got := float64(times[i])
			switch {
			case !cells[i].OnNetwork() || math.Abs(b-limit) < 0.05:
			case b > limit && !math.IsInf(got, 1), b <= limit && math.Abs(got-b) > 0.05:
				t.Errorf("%v, cell %d: %v s, brute force %v s (bound %v s)", target, i, got, b, limit)
			}
		}
	}
}

// facilityPoints returns the points (lon, lat) of d's facilities of t.
func facilityPoints(d engine.Data, t engine.Target) []orb.Point {
	var out []orb.Point
	for _, s := range d.Stations {
		if t.Kind == engine.KindLevel && (t.Key == engine.AnyLevel || t.Key == string(s.Level)) {
			out = append(out, s.Point)
		}
	}
	for _, o := range d.Outlets {
		if t.Kind == engine.KindCategory && t.Key == o.Category {
			out = append(out, o.Point)
		}
	}
	return out
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

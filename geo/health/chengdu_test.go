package health_test

import (
	"fmt"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/paulmach/orb"
)

// components labels the Chengdu network's nodes by component (fixture.Components).
func components(res *osmimport.Result) (root map[int64]int64, size map[int64]int) {
	return fixture.Components(res.Nodes, res.Edges)
}

func TestChengduNetworkFragmented(t *testing.T) {
	res := chengdu(t)
	_, size := components(res)
	var sizes []int
	largest := 0
	for _, s := range size {
		sizes = append(sizes, s)
		largest = max(largest, s)
	}
	t.Logf("%d nodes in %d components, the largest %d", len(res.Nodes), len(sizes), largest)
	e := load(t, engine.Data{}, res.Nodes, res.Edges, engine.Options{})
	got := e.Graph.ComponentSizes()
	slices.Sort(got)
	slices.Sort(sizes)
	if !slices.Equal(got, sizes) {
		t.Errorf("walk component sizes %v, union-find %v", got, sizes)
	}
	f := about(t, check(t, e, health.Facts{}), health.CodeNetworkFragmented, "walk")
	if f.Count != len(sizes) || f.Unit != health.UnitShare || f.Severity != health.SeverityWarning {
		t.Errorf("finding %+v, want %d components, a warning (more than 2 %% outside)", f, len(sizes))
	}
	near(t, "share outside the largest", f.Figure, float64(len(res.Nodes)-largest)/float64(len(res.Nodes)), 1e-12)
}

// TestChengduStationOnSmallComponent places stations on the midpoint of an edge of
// fragments of the real network (the second largest and the smallest, by the test's own
// union-find) and on the main component.
func TestChengduStationOnSmallComponent(t *testing.T) {
	res := chengdu(t)
	root, size := components(res)
	main, second, smallest := int64(0), int64(0), int64(0)
	for r, s := range size {
		switch {
		case main == 0 || s > size[main] || s == size[main] && r < main:
			main = r
		}
	}
	for r, s := range size {
		if r == main {
			continue
		}
		if second == 0 || s > size[second] || s == size[second] && r < second {
			second = r
		}
		if smallest == 0 || s < size[smallest] || s == size[smallest] && r < smallest {
			smallest = r
		}
	}
	on := func(comp int64) orb.Point {
		for _, e := range res.Edges {
			if root[e.Source] == comp && e.LengthM > 1 { // closed ways (one node) included
				a, b := e.Geometry[0], e.Geometry[1]
				return orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
			}
		}
		t.Fatalf("no edge on component %d", comp)
		return orb.Point{}
	}
	d := engine.Data{Stations: []geo.Station{
		{ID: "second", Name: "第二大碎片上的站", Level: geo.LevelCommunity, Point: on(second)},
		{ID: "smallest", Name: "最小碎片上的站", Level: geo.LevelCommunity, Point: on(smallest)},
		{ID: "main", Name: "主路网上的站", Level: geo.LevelCommunity, Point: on(main)},
	}}
	fs := check(t, load(t, d, res.Nodes, res.Edges, engine.Options{}), health.Facts{})
	for _, tc := range []struct {
		id   string
		comp int64
	}{{"second", second}, {"smallest", smallest}} {
		f := about(t, fs, health.CodeFacilityOnSmallComponent, tc.id)
		if f.Figure != float64(size[tc.comp]) || f.Unit != health.UnitNodes || f.Severity != health.SeverityWarning {
			t.Errorf("%s: finding %+v, want %d nodes", tc.id, f, size[tc.comp])
		}
	}
	for _, f := range fs {
		if f.Subject.ID == "main" {
			t.Errorf("station on the main component (%d nodes): %+v", size[main], f)
		}
	}
}

// networkBound is the bounding box of every node and edge geometry point, computed here
// independently of the walk package.
func networkBound(res *osmimport.Result) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	add := func(p orb.Point) {
		b.Min = orb.Point{min(b.Min[0], p[0]), min(b.Min[1], p[1])}
		b.Max = orb.Point{max(b.Max[0], p[0]), max(b.Max[1], p[1])}
	}
	for _, n := range res.Nodes {
		add(n.Point)
	}
	for _, e := range res.Edges {
		for _, p := range e.Geometry {
			add(p)
		}
	}
	return b
}

// nearestNodeM is the great-circle metres from p to the nearest node of the network.
func nearestNodeM(res *osmimport.Result, p orb.Point) float64 {
	best := math.Inf(1)
	for _, n := range res.Nodes {
		best = min(best, geo.HaversineM(p, n.Point))
	}
	return best
}

func TestChengduStationAtBeijing(t *testing.T) {
	res := chengdu(t)
	beijing := orb.Point{116.4, 39.9}
	d := engine.Data{Stations: []geo.Station{{ID: "bj", Name: "北京坐标的站", Level: geo.LevelStreet, Point: beijing, Source: "file"}}}
	fs := check(t, load(t, d, res.Nodes, res.Edges, engine.Options{}), health.Facts{})
	f := about(t, fs, health.CodeFacilityOutsideStudyArea, "bj")
	// the study area is the network's extent (there are no communities): the distance to
	// its nearest corner, by haversine
	b := networkBound(res)
	corner := orb.Point{min(max(beijing[0], b.Min[0]), b.Max[0]), min(max(beijing[1], b.Min[1]), b.Max[1])}
	want := geo.HaversineM(beijing, corner) / 1000
	t.Logf("Beijing is %.1f km from the Chengdu extract's extent, %.1f km from its nearest node", want, nearestNodeM(res, beijing)/1000)
	near(t, "km", f.Figure, want, 0.01)
	if f.Figure > nearestNodeM(res, beijing)/1000 || f.Figure < 1400 || f.Figure > 1600 {
		t.Errorf("%.1f km: more than to the nearest node, or not the about 1 500 km from Chengdu to Beijing", f.Figure)
	}
	if f.Severity != health.SeverityError || f.Unit != health.UnitKm {
		t.Errorf("finding %+v", f)
	}
	for _, g := range fs {
		if g.Subject.ID == "bj" && g.Code != health.CodeFacilityOutsideStudyArea {
			t.Errorf("a second finding about the station: %+v", g)
		}
	}
	if health.Exit(health.Summarise(fs), false) != 2 {
		t.Errorf("exit %d, want 2 for an error", health.Exit(health.Summarise(fs), false))
	}
}

func TestChengduDetectedStationsAreCandidates(t *testing.T) {
	res := chengdu(t)
	// the central extract names no party-mass station (its government offices are no
	// station candidates), so three candidates as the OSM reader makes them stand on
	// network nodes
	for i, n := range res.Nodes[:3] {
		res.Stations = append(res.Stations, geo.Station{ID: fmt.Sprintf("osm:n%d", n.ID), Name: fmt.Sprintf("测试%d社区党群服务站", i),
			Level: geo.LevelCommunity, Point: n.Point, Source: geo.SourceOSM, Status: geo.StatusCandidate})
	}
	osm := len(res.Stations)
	confirmed := map[string]bool{res.Stations[0].ID: true}
	tests := []struct {
		name      string
		candidate func(geo.Station) bool
		want      int
	}{
		{"no statuses: those from OpenStreetMap", nil, osm},
		{"one confirmed", func(s geo.Station) bool { return !confirmed[s.ID] }, len(res.Stations) - 1},
		{"all confirmed", func(geo.Station) bool { return false }, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := engine.Data{Stations: res.Stations}
			fs := withCode(check(t, load(t, d, res.Nodes, res.Edges, engine.Options{}), health.Facts{Candidate: tc.candidate}), health.CodeCandidateStationUnconfirmed)
			if tc.want == 0 {
				if len(fs) != 0 {
					t.Errorf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Figure != float64(tc.want) || fs[0].Count != tc.want || fs[0].Severity != health.SeverityWarning {
				t.Errorf("findings %+v, want one warning of %d stations", fs, tc.want)
			}
		})
	}
}

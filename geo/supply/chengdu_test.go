package supply_test

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/internal/walkref"
)

// chengduBox is a ≈ 3 × 3 km piece of the central Chengdu extract, where its network is
// densest (WGS84 lon, lat).
var chengduBox = orb.Bound{Min: orb.Point{104.0600, 30.6650}, Max: orb.Point{104.0910, 30.6920}}

// chengduNet is the walk network of chengduBox: the extract's edges with both ends inside.
type chengduNet struct {
	nodes []geo.WalkNode
	edges []geo.WalkEdge
	g     *walk.Graph
}

var (
	chengduOnce sync.Once
	chengduVal  *chengduNet
	chengduErr  error
)

// chengdu reads the extract once (importers/osmimport) and clips it to chengduBox.
func chengdu(tb testing.TB) *chengduNet {
	tb.Helper()
	path := testenv.SharedData(tb, "osm", "chengdu-central.osm.pbf")
	chengduOnce.Do(func() {
		res, err := osmimport.ReadFile(context.Background(), path, osmimport.Options{})
		if err != nil {
			chengduErr = err
			return
		}
		chengduVal, chengduErr = clip(res.Nodes, res.Edges, chengduBox)
	})
	if chengduErr != nil {
		tb.Fatal(chengduErr)
	}
	return chengduVal
}

func clip(nodes []geo.WalkNode, edges []geo.WalkEdge, b orb.Bound) (*chengduNet, error) {
	at := map[int64]orb.Point{}
	for _, n := range nodes {
		at[n.ID] = n.Point
	}
	used := map[int64]bool{}
	net := &chengduNet{}
	for _, e := range edges {
		if b.Contains(at[e.Source]) && b.Contains(at[e.Target]) {
			net.edges = append(net.edges, e)
			used[e.Source], used[e.Target] = true, true
		}
	}
	for _, n := range nodes {
		if used[n.ID] {
			net.nodes = append(net.nodes, n)
		}
	}
	var err error
	net.g, err = walk.Build(net.nodes, net.edges, geo.DefaultWalkModel())
	return net, err
}

// boxCells returns the H3 resolution-10 cells whose centres lie in b, with seeded
// populations (about a fifth of them empty), snapped to g.
func boxCells(g *walk.Graph, b orb.Bound) []supply.Cell {
	loop := h3.GeoLoop{{Lat: b.Min[1], Lng: b.Min[0]}, {Lat: b.Min[1], Lng: b.Max[0]}, {Lat: b.Max[1], Lng: b.Max[0]}, {Lat: b.Max[1], Lng: b.Min[0]}}
	ids := h3.PolygonToCells(h3.GeoPolygon{GeoLoop: loop}, 10)
	rng := rand.New(rand.NewPCG(7, 11))
	cells := make([]supply.Cell, len(ids))
	for i, c := range ids {
		ll := h3.CellToLatLng(c)
		p := orb.Point{ll.Lng, ll.Lat}
		pop := 0.0
		if rng.Float64() > 0.2 {
			pop = math.Round(50 + 450*rng.Float64())
		}
		cells[i] = supply.Cell{H3: c, Center: p, Population: pop, Snap: g.Snap(p)}
	}
	return cells
}

// boxStations returns n seeded stations in b with floor areas of 100–1 000 m².
func boxStations(g *walk.Graph, b orb.Bound, n int) []supply.Station {
	rng := rand.New(rand.NewPCG(3, 5))
	out := make([]supply.Station, n)
	for j := range out {
		p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		out[j] = supply.Station{ID: string(rune('A' + j)), Point: p, Snap: g.Snap(p), Supply: math.Round(100 + 900*rng.Float64())}
	}
	return out
}

// TestChengduAgainstReference compares the package with a brute-force computation on a
// real network: textbook Dijkstra per station over the same nodes and edges, brute-force
// snapping, the two steps by hand. Every cell with residents must agree within 1 %.
func TestChengduAgainstReference(t *testing.T) {
	net := chengdu(t)
	cells := boxCells(net.g, chengduBox)
	stations := boxStations(net.g, chengduBox, 10)
	t.Logf("%d nodes, %d edges, %d cells, %d stations", len(net.nodes), len(net.edges), len(cells), len(stations))
	if len(cells) < 300 || len(net.nodes) < 300 {
		t.Fatalf("the clipped network is too small for the test: %d cells, %d nodes", len(cells), len(net.nodes))
	}
	ref := walkref.New(net.nodes, net.edges, geo.DefaultWalkModel())
	cellSnaps := make([]walkref.Snap, len(cells))
	pops := make([]float64, len(cells))
	for i, c := range cells {
		cellSnaps[i], pops[i] = ref.Snap(c.Center), c.Population
	}
	times := make([][]float64, len(stations))
	supplies := make([]float64, len(stations))
	for j, s := range stations {
		times[j], supplies[j] = ref.TimesFrom(ref.Snap(s.Point), cellSnaps), s.Supply
	}
	cases := []struct {
		name string
		p    supply.Params
	}{
		{"2sfca 10 min", supply.Params{Method: supply.Method2SFCA, MaxSeconds: 600}},
		{"2sfca 15 min one worker", supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900, Workers: 1}},
		{"e2sfca gaussian", supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900, Decay: supply.Decay{Kind: supply.DecayGaussian}}},
		{"e2sfca zones", supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900, Decay: supply.Decay{Kind: supply.DecayZones,
			Zones: []supply.Zone{{UpToSeconds: 300, Weight: 1}, {UpToSeconds: 600, Weight: 0.68}, {UpToSeconds: 900, Weight: 0.22}}}}},
	}
	for _, tc := range cases {
		p := tc.p
		t.Run(tc.name, func(t *testing.T) {
			requireClearOfBounds(t, times, p)
			got, err := supply.Compute(context.Background(), net.g, cells, stations, p)
			if err != nil {
				t.Fatal(err)
			}
			R, A := walkref.TwoStep(times, pops, supplies, p.MaxSeconds, refWeight(p))
			compareReference(t, got, R, A, pops)
		})
	}
}

// refWeight is the reference's own weight function for p.
func refWeight(p supply.Params) func(float64) float64 {
	switch {
	case p.Method == supply.Method2SFCA:
		return func(float64) float64 { return 1 }
	case p.Decay.Kind == supply.DecayGaussian:
		return func(t float64) float64 {
			return (math.Exp(-0.5*(t/p.MaxSeconds)*(t/p.MaxSeconds)) - math.Exp(-0.5)) / (1 - math.Exp(-0.5))
		}
	}
	return func(t float64) float64 {
		for _, z := range p.Decay.Zones {
			if t <= z.UpToSeconds {
				return z.Weight
			}
		}
		return 0
	}
}

// requireClearOfBounds fails the test when a reference time lies within a millisecond of
// the catchment or of a zone bound, where rounding could put a pair on either side.
func requireClearOfBounds(t *testing.T, times [][]float64, p supply.Params) {
	t.Helper()
	bounds := []float64{p.MaxSeconds}
	for _, z := range p.Decay.Zones {
		bounds = append(bounds, z.UpToSeconds)
	}
	for j, ts := range times {
		for i, x := range ts {
			for _, b := range bounds {
				if math.Abs(x-b) < 1e-3 {
					t.Fatalf("station %d, cell %d: %.6f s is too near the bound %v s; choose other bounds", j, i, x, b)
				}
			}
		}
	}
}

func compareReference(t *testing.T, got *supply.Result, R, A, pops []float64) {
	t.Helper()
	defined, reached := 0, 0
	for j, want := range R {
		s := got.Stations[j]
		if math.IsNaN(want) {
			if s.Status == supply.StatusOK {
				t.Errorf("station %d: R = %v (%s), the reference has no residents within T", j, s.Ratio, s.Status)
			}
			continue
		}
		defined++
		if s.Status != supply.StatusOK || !near(s.Ratio, want, 0.01) {
			t.Errorf("station %d: R = %.6g (%s), reference %.6g", j, s.Ratio, s.Status, want)
		}
	}
	for i, want := range A {
		if pops[i] == 0 {
			continue
		}
		if want > 0 {
			reached++
		}
		if g := got.Cells[i].Access; !near(g, want, 0.01) {
			t.Errorf("cell %d: A = %.6g, reference %.6g", i, g, want)
		}
	}
	t.Logf("%d stations with a ratio, %d cells with residents and A > 0, %d without a station", defined, reached, got.CellsWithoutStation)
	if defined < 5 || reached < 50 || got.CellsWithoutStation == 0 && got.Params.MaxSeconds < 900 {
		t.Errorf("the case is too easy: %d stations with a ratio, %d cells reached, %d cells without a station", defined, reached, got.CellsWithoutStation)
	}
}

// TestEachReachedMatchesAt checks walk.Field.EachReached against Field.At at every cell.
func TestEachReachedMatchesAt(t *testing.T) {
	net := chengdu(t)
	cells := boxCells(net.g, chengduBox)
	snaps := make([]walk.Snap, len(cells))
	for i, c := range cells {
		snaps[i] = c.Snap
	}
	ts := net.g.PrepareTargets(snaps)
	for _, s := range boxStations(net.g, chengduBox, 10) {
		f := net.g.MultiSource([]walk.Snap{s.Snap}, 600)
		got := map[int]float64{}
		last := -1
		f.EachReached(ts, func(i int, sec float64) {
			if i <= last {
				t.Errorf("station %s: target %d after %d: not ascending", s.ID, i, last)
			}
			last, got[i] = i, sec
		})
		for i, cs := range snaps {
			sec, _, ok := f.At(cs)
			if g, found := got[i]; ok != found || ok && g != sec {
				t.Errorf("station %s, cell %d: EachReached %v (%v), At %v (%v)", s.ID, i, g, found, sec, ok)
			}
		}
		f.Release()
	}
}

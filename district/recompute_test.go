package district_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// memStore is a district in memory: a 2 km east–west street along latitude 30° with a
// community on each half, one station and one outlet; it keeps the coverage written to it.
type memStore struct {
	nodes   []geo.WalkNode
	edges   []geo.WalkEdge
	comms   []geo.Community
	midLon  float64
	written []coverage.Run
	failing error
	far     []geo.Station  // stations added to the one by the street, e.g. one far away
	stale   map[string]int // the stale derived rows it reports
}

func newMemStore() *memStore {
	const lat, n = 30.0, 20
	dLon := 100 / (geo.EarthRadiusM * math.Cos(lat*math.Pi/180) * math.Pi / 180)
	st := &memStore{midLon: 104 + n/2*dLon}
	for i := 0; i <= n; i++ {
		st.nodes = append(st.nodes, geo.WalkNode{ID: int64(i + 1), Point: orb.Point{104 + float64(i)*dLon, lat}})
		if i > 0 {
			a, b := st.nodes[i-1].Point, st.nodes[i].Point
			st.edges = append(st.edges, geo.WalkEdge{ID: int64(i), Source: int64(i), Target: int64(i + 1),
				LengthM: geo.HaversineM(a, b), Highway: "residential", Geometry: orb.LineString{a, b}})
		}
	}
	rect := func(w, e float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{w, lat - 0.002}, {e, lat - 0.002}, {e, lat + 0.002}, {w, lat + 0.002}, {w, lat - 0.002}}}}
	}
	st.comms = []geo.Community{
		{Code: "W", Name: "西社区", StreetCode: "SW", StreetName: "西街道", Population: 3000, Boundary: rect(104, st.midLon)},
		{Code: "E", Name: "东社区", StreetCode: "SE", StreetName: "东街道", Population: 3000, Boundary: rect(st.midLon, 104+n*dLon)},
	}
	return st
}

func (m *memStore) LoadNetwork(context.Context) ([]geo.WalkNode, []geo.WalkEdge, error) {
	return m.nodes, m.edges, nil
}
func (m *memStore) Stations(context.Context) ([]geo.Station, error) {
	return append([]geo.Station{{ID: "st1", Name: "站", Level: geo.LevelCommunity, Point: m.nodes[0].Point}}, m.far...), nil
}
func (m *memStore) StaleDerivedRows(context.Context) (map[string]int, error) { return m.stale, nil }
func (m *memStore) Outlets(context.Context) ([]geo.Outlet, error) {
	return []geo.Outlet{{ID: "o1", Name: "超市", Category: "supermarket", Point: m.nodes[10].Point}}, nil
}
func (m *memStore) Communities(context.Context) ([]geo.Community, error)            { return m.comms, nil }
func (m *memStore) Streets(context.Context) ([]geo.Street, error)                   { return nil, nil }
func (m *memStore) Districts(context.Context) ([]geo.District, error)               { return nil, nil }
func (m *memStore) Compounds(context.Context) ([]geo.Compound, error)               { return nil, nil }
func (m *memStore) ResidentialAreas(context.Context) ([]geo.ResidentialArea, error) { return nil, nil }
func (m *memStore) PopulationGrid(context.Context) (map[string]float64, error)      { return nil, nil }

func (m *memStore) WriteCoverage(_ context.Context, run coverage.Run) error {
	if m.failing != nil {
		return m.failing
	}
	m.written = append(m.written, run)
	return nil
}

var engineOpts = engine.Options{Categories: []string{"supermarket"}, ThresholdsMin: []float64{5, 10}}

// Recompute writes exactly the engine it returns: every cell with the community and street
// whose boundary holds its centre (checked here by longitude), the sets, results and
// summaries, the model's parameters and the compute's phases; the write is timed after.
func TestRecomputeWritesTheComputedCoverage(t *testing.T) {
	st := newMemStore()
	var told []string
	opts := engineOpts
	opts.Phase = func(name string, _ time.Duration) { told = append(told, name) }
	before := time.Now()
	c, err := district.Recompute(context.Background(), st, district.RecomputeOptions{Engine: opts})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.written) != 1 {
		t.Fatalf("%d writes, want 1", len(st.written))
	}
	run, e := st.written[0], c.Engine
	if len(run.Cells) == 0 || len(run.Cells) != len(e.Cells) || len(run.Results) != len(e.Sets) || len(run.Summaries) != len(e.Summaries) {
		t.Fatalf("run of %d cells, %d results, %d summaries; engine %d, %d, %d", len(run.Cells), len(run.Results), len(run.Summaries),
			len(e.Cells), len(e.Sets), len(e.Summaries))
	}
	for i, cell := range run.Cells {
		wantComm, wantStreet := "W", "SW"
		if cell.Center[0] > st.midLon {
			wantComm, wantStreet = "E", "SE"
		}
		if math.Abs(cell.Center[1]-30) > 0.002 {
			wantComm, wantStreet = "", ""
		}
		if run.CellCommunity[i] != wantComm || run.CellStreet[i] != wantStreet {
			t.Errorf("cell %d at %v: community %q street %q, want %q %q", i, cell.Center, run.CellCommunity[i], run.CellStreet[i], wantComm, wantStreet)
		}
	}
	if run.Resolution != 10 || run.SpeedKmh != geo.DefaultWalkModel().SpeedKmh || run.MaxMinutes != 30 || !slices.Equal(run.ThresholdsMin, []float64{5, 10}) {
		t.Errorf("run parameters %d, %v km/h, %v min, %v", run.Resolution, run.SpeedKmh, run.MaxMinutes, run.ThresholdsMin)
	}
	if run.Started.Before(before) || run.Started.After(time.Now()) {
		t.Errorf("run started %v, not during the call", run.Started)
	}
	wantPhases := []string{"load network", "load facilities", "build graph", "snap facilities", "cells and population", "snap cells", "walk searches", "aggregates"}
	for _, p := range wantPhases {
		if _, ok := run.Phases[p]; !ok {
			t.Errorf("run record lacks phase %q: %v", p, run.Phases)
		}
	}
	if _, ok := run.Phases[district.PhaseWrite]; ok {
		t.Errorf("run record holds its own write phase: %v", run.Phases)
	}
	if want := append(wantPhases, district.PhaseWrite); !slices.Equal(told, want) {
		t.Errorf("phases told %v, want %v", told, want)
	}
	var names []string
	for _, p := range c.Phases {
		names = append(names, p.Name)
	}
	if !slices.Equal(names, told) || c.Took < c.Phase("walk searches") {
		t.Errorf("Computed phases %v, took %v", names, c.Took)
	}
}

func TestComputeWritesNothing(t *testing.T) {
	st := newMemStore()
	c, err := district.Compute(context.Background(), st, engineOpts)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.written) != 0 || c.Engine == nil || len(c.Engine.Cells) == 0 || c.Phase(district.PhaseWrite) != 0 {
		t.Errorf("%d writes, engine %v, write phase %v; want a computed engine and no write", len(st.written), c.Engine != nil, c.Phase(district.PhaseWrite))
	}
}

func TestRecomputeFailingWrite(t *testing.T) {
	st := newMemStore()
	st.failing = geo.Errorf(geo.EUNAVAILABLE, "database down")
	if _, err := district.Recompute(context.Background(), st, district.RecomputeOptions{Engine: engineOpts}); geo.ErrorCodeOf(err) != geo.EUNAVAILABLE {
		t.Fatalf("err = %v, want the store's EUNAVAILABLE", err)
	}
}

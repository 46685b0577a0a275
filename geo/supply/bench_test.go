package supply_test

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/lifecircle/lifecircle/internal/synth"
)

// benchDistrict builds a synthetic district of about nodes walk nodes as the engine
// would: the graph, the H3 resolution-10 cells of the communities with their residents
// spread over residential land, every cell and station snapped; station supply is
// floor area.
func benchDistrict(b *testing.B, nodes int) (*walk.Graph, []supply.Cell, []supply.Station) {
	b.Helper()
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: nodes})
	if err != nil {
		b.Fatal(err)
	}
	g, err := walk.Build(d.Nodes, d.Edges, geo.DefaultWalkModel())
	if err != nil {
		b.Fatal(err)
	}
	areas := make([]orb.MultiPolygon, len(d.Communities))
	pops := make([]coverage.Area, len(d.Communities))
	for i, c := range d.Communities {
		areas[i] = c.Boundary
		pops[i] = coverage.Area{Population: float64(c.Population), Boundary: c.Boundary}
	}
	cov, err := coverage.Cells(areas, coverage.DefaultResolution)
	if err != nil {
		b.Fatal(err)
	}
	res := make([]orb.MultiPolygon, len(d.Residential))
	for i, r := range d.Residential {
		res[i] = r.Polygon
	}
	coverage.SpreadPopulation(cov, pops, res, nil)
	centres := make([]orb.Point, len(cov))
	for i, c := range cov {
		centres[i] = c.Center
	}
	snaps := g.SnapAll(centres)
	cells := make([]supply.Cell, len(cov))
	for i, c := range cov {
		cells[i] = supply.Cell{H3: c.H3, Center: c.Center, Population: c.Population, Snap: snaps[i]}
	}
	points := make([]orb.Point, len(d.Stations))
	for j, s := range d.Stations {
		points[j] = s.Point
	}
	ssnaps := g.SnapAll(points)
	stations := make([]supply.Station, len(d.Stations))
	for j, s := range d.Stations {
		stations[j] = supply.Station{ID: s.ID, Point: s.Point, Snap: ssnaps[j], Supply: s.FloorAreaM2}
	}
	return g, cells, stations
}

// benchmarkSupply times floor area within 15 minutes of every station (E2SFCA, Gaussian
// decay, the costlier method); the target on the 1M-node district is ≤ 2 s.
func benchmarkSupply(b *testing.B, nodes int) {
	g, cells, stations := benchDistrict(b, nodes)
	p := supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900, Decay: supply.Decay{Kind: supply.DecayGaussian}}
	b.ReportAllocs()
	b.ResetTimer()
	var r *supply.Result
	for b.Loop() {
		var err error
		if r, err = supply.Compute(context.Background(), g, cells, stations, p); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(g.NumNodes()), "nodes")
	b.ReportMetric(float64(len(cells)), "cells")
	b.ReportMetric(float64(len(stations)), "stations")
	b.ReportMetric(r.MeanAccess, "m²/resident")
}

func BenchmarkSupply100k(b *testing.B) { benchmarkSupply(b, 100_000) }

func BenchmarkSupply1M(b *testing.B) { benchmarkSupply(b, 1_000_000) }

package engine_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// BenchmarkCellsAndAggregates times Compute's in-memory phases "cells and population"
// (cells laid, population spread) and "aggregates" (units indexed, every set summarised)
// on the synthetic district of LIFECIRCLE_BENCH_NODES walk nodes, in CPU and wall seconds
// per iteration (CPU time is the steadier on a shared machine): as generated
// ("plain"), and with a building on every residential polygon (a third of them
// building=yes) and a grid on every other compound ("buildings").
func BenchmarkCellsAndAggregates(b *testing.B) {
	d := fixture.BenchDistrict(b)
	for _, variant := range []string{"plain", "buildings"} {
		b.Run(variant, func(b *testing.B) {
			data := engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities, Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
			if variant == "buildings" {
				for k, r := range d.Residential {
					kind := "residential"
					if k%3 == 0 {
						kind = "yes"
					}
					data.Buildings = append(data.Buildings, geo.Building{Kind: kind, Levels: float64(k % 7), Polygon: r.Polygon})
				}
				for k, c := range d.Compounds {
					if k%2 == 0 {
						data.Grids = append(data.Grids, geo.Grid{Code: fmt.Sprintf("G%05d", k), Polygon: c.Polygon})
					}
				}
			}
			e := fixture.Compute(b, data, d.Nodes, d.Edges, engine.Options{IncludeCandidates: true})
			benchCellsAndAggregates(b, e)
		})
	}
}

func benchCellsAndAggregates(b *testing.B, e *engine.Engine) {
	var cpu, wall [2]time.Duration
	n := 0
	for b.Loop() {
		w, t := time.Now(), cpuNow()
		if err := e.LayCells(); err != nil {
			b.Fatal(err)
		}
		w1, t1 := time.Now(), cpuNow()
		e.BuildUnits()
		e.Summarise()
		cpu[0] += t1 - t
		cpu[1] += cpuNow() - t1
		wall[0] += w1.Sub(w)
		wall[1] += time.Since(w1)
		n++
	}
	b.ReportMetric(cpu[0].Seconds()/float64(n), "cpu-s/cells")
	b.ReportMetric(cpu[1].Seconds()/float64(n), "cpu-s/aggregates")
	b.ReportMetric(wall[0].Seconds()/float64(n), "wall-s/cells")
	b.ReportMetric(wall[1].Seconds()/float64(n), "wall-s/aggregates")
	b.ReportMetric(float64(len(e.Cells)), "cells")
	b.ReportMetric(float64(len(e.Results)), "sets")
}

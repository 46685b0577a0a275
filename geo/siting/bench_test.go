package siting_test

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// benchEngine computes a synthetic district of LIFECIRCLE_BENCH_NODES walk nodes
// (default 100 000; 1000000 for the 1M-node targets) with its stations and no outlets, so
// that only the six station-level sets are computed.
func benchEngine(b *testing.B) *engine.Engine {
	b.Helper()
	d := fixture.BenchDistrict(b)
	data := engine.Data{Stations: d.Stations, Communities: d.Communities, Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	return fixture.Compute(b, data, d.Nodes, d.Edges, engine.Options{})
}

// BenchmarkPlanSites plans k = 10 sites within 15 minutes over every cell of the district:
// for community stations (part of the district uncovered) and for the one district centre
// (nearly everything uncovered: as many searches as cells). Target on 1M nodes (≈ 60 000
// cells): ≤ 10 s per plan on 2 cores.
func BenchmarkPlanSites(b *testing.B) {
	e := benchEngine(b)
	for _, level := range []string{"community", "district"} {
		b.Run(level, func(b *testing.B) {
			req := siting.Request{Target: engine.Target{Kind: engine.KindLevel, Key: level}, Minutes: 15, K: 10}
			var res siting.Plan
			loopCPU(b, func() (err error) {
				res, err = siting.PlanSites(context.Background(), e, req)
				return err
			})
			b.ReportMetric(float64(len(e.Cells)), "cells")
			b.ReportMetric(100*(res.CoveredAfter-res.CoveredBefore)/res.Population, "gain%")
		})
	}
}

// BenchmarkScenarioAddOne adds one community station at a different cell centre each time.
// Target on 1M nodes: ≤ 50 ms.
func BenchmarkScenarioAddOne(b *testing.B) {
	e := benchEngine(b)
	var cells []int
	for i, s := range e.CellSnaps {
		if s.OnNetwork {
			cells = append(cells, i)
		}
	}
	i := 0
	loopCPU(b, func() error {
		p := e.Cells[cells[(i*7919)%len(cells)]].Center
		i++
		c := siting.Change{Add: []siting.Addition{{Point: p, Kind: engine.KindLevel, Key: "community"}}}
		_, err := siting.Scenario(context.Background(), e, c)
		return err
	})
}

// cpuNow is the process's CPU time so far (user + system): on a shared machine it
// says more than the wall clock. cpu-ms/op over the number of cores is the wall time an
// idle machine would take.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs op in b's loop, failing b on an error, and adds the CPU milliseconds per
// operation to b's results.
func loopCPU(b *testing.B, op func() error) {
	start := cpuNow()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuNow()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkSharedCentres groups communities for one new community centre each (15
// minutes, 80 % of every member, up to 4 members). Target over 1 000 communities
// (LIFECIRCLE_BENCH_NODES=1030000: ≈ 1 010 communities): ≤ 10 s on 2 cores.
func BenchmarkSharedCentres(b *testing.B) {
	e := benchEngine(b)
	req := siting.SharedRequest{Level: geo.LevelCommunity, Minutes: 15, MinShare: siting.DefaultMinShare, MaxGroup: siting.DefaultMaxGroup}
	var res siting.SharedPlan
	loopCPU(b, func() (err error) {
		res, err = siting.SharedCentres(context.Background(), e, req)
		return err
	})
	b.ReportMetric(float64(len(e.Communities)), "communities")
	b.ReportMetric(float64(res.Candidates), "searched")
	b.ReportMetric(float64(len(res.Groups)), "groups")
}

// BenchmarkScenarioAddRemove runs LIFECIRCLE_BENCH_SCENARIOS (default 200) random
// one-station scenarios, half adding a station of a random level at a random cell centre
// and half removing a random station, each by Scenario (incremental) and by the former
// full-recompute path in the same run, checks that both answer the same, and reports
// the wall-clock p50 and p99 of each in ms (of the incremental path also the p99 of adds
// and of removals, and the process CPU time's p50 and p99: on a shared machine the wall
// clock includes other programs' turns). Target on 1M nodes
// (LIFECIRCLE_BENCH_NODES=1030000): p99 ≤ 50 ms.
func BenchmarkScenarioAddRemove(b *testing.B) {
	e := benchEngine(b)
	changes := randomChanges(b, e, benchScenarios(b))
	for b.Loop() {
		var inc, full, cpu, add, remove []time.Duration
		for i, c := range changes {
			cpu0 := cpuNow()
			a, da := timedScenario(b, siting.Scenario, e, c)
			cpu = append(cpu, cpuNow()-cpu0)
			f, df := timedScenario(b, siting.ScenarioFull, e, c)
			if !reflect.DeepEqual(a, f) {
				b.Fatalf("change %+v: the incremental and the full answers differ", c)
			}
			inc, full = append(inc, da), append(full, df)
			if i%2 == 0 {
				add = append(add, da)
			} else {
				remove = append(remove, da)
			}
		}
		for _, m := range []struct {
			unit string
			ds   []time.Duration
			p    float64
		}{{"p50-ms", inc, 50}, {"p99-ms", inc, 99}, {"add-p99-ms", add, 99}, {"remove-p99-ms", remove, 99},
			{"cpu-p50-ms", cpu, 50}, {"cpu-p99-ms", cpu, 99}, {"full-p50-ms", full, 50}, {"full-p99-ms", full, 99}} {
			b.ReportMetric(percentileMs(m.ds, m.p), m.unit)
		}
	}
	b.ReportMetric(float64(len(changes)), "scenarios")
}

// benchScenarios is LIFECIRCLE_BENCH_SCENARIOS, default 200.
func benchScenarios(b *testing.B) int {
	s := os.Getenv("LIFECIRCLE_BENCH_SCENARIOS")
	if s == "" {
		return 200
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("LIFECIRCLE_BENCH_SCENARIOS=%q: want a positive count", s)
	}
	return n
}

// randomChanges returns n changes, alternately adding a station of a random level at a
// random on-network cell centre and removing a random station (fixed seed).
func randomChanges(b *testing.B, e *engine.Engine, n int) []siting.Change {
	var cells []int
	for i, s := range e.CellSnaps {
		if s.OnNetwork {
			cells = append(cells, i)
		}
	}
	if len(cells) == 0 || len(e.Stations) == 0 {
		b.Fatal("the synthetic district has no on-network cell or no station")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	levels := geo.Levels()
	out := make([]siting.Change, n)
	for i := range out {
		if i%2 == 0 {
			p := e.Cells[cells[rng.IntN(len(cells))]].Center
			out[i].Add = []siting.Addition{{Point: p, Kind: engine.KindLevel, Key: string(levels[rng.IntN(len(levels))])}}
		} else {
			out[i].Remove = []string{e.Stations[rng.IntN(len(e.Stations))].ID}
		}
	}
	return out
}

// timedScenario runs one scenario and returns its answer and wall-clock time.
func timedScenario(b *testing.B, run func(context.Context, *engine.Engine, siting.Change) (siting.ScenarioResult, error), e *engine.Engine, c siting.Change) (siting.ScenarioResult, time.Duration) {
	start := time.Now()
	res, err := run(context.Background(), e, c)
	d := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	return res, d
}

// percentileMs is the p-th percentile (nearest rank) of ds in milliseconds.
func percentileMs(ds []time.Duration, p float64) float64 {
	s := slices.Sorted(slices.Values(ds))
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return float64(s[max(0, i)]) / float64(time.Millisecond)
}

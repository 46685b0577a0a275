package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/postgis"
)

// benchMode is one code path the benchmark times: the current one, or main's before the
// graph snapshot, the compact coverage writes and the chain-walking searches (the
// baseline).
type benchMode struct {
	name  string
	index int // 0 current, 1 baseline
}

var (
	modeCurrent  = benchMode{name: "current", index: 0}
	modeBaseline = benchMode{name: "baseline", index: 1}
)

// benchModes returns the order of run r: alternating, so a trend in the machine's load
// falls on both paths alike.
func benchModes(r int) []benchMode {
	if r%2 == 0 {
		return []benchMode{modeBaseline, modeCurrent}
	}
	return []benchMode{modeCurrent, modeBaseline}
}

// benchPhases are the in-memory phases of a compute (its "compute" figure).
var benchPhases = []string{"build graph", "snap facilities", "cells and population", "snap cells", "walk searches", "aggregates"}

// benchRun is one timed compute.
type benchRun struct {
	compute, e2e time.Duration
	peakMB       float64
}

// benchCompute runs one forced Recompute on mode's code path, with the peak resident
// memory measured from a reset after a full collection.
func benchCompute(ctx context.Context, db *postgis.DB, opts engine.Options, m benchMode, newCells, vacuum bool) (benchRun, *district.Computed, error) {
	if newCells && m == modeCurrent { // untimed: the write then stores the cells again
		if err := district.BenchBetweenRuns(ctx, db, false, true); err != nil {
			return benchRun{}, nil, err
		}
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	var st district.ComputeStore = db
	if m == modeBaseline {
		st, opts.Baseline = baselineStore{db}, true
	}
	// Forced: the benchmark times the compute of whatever district it was given.
	c, err := district.Recompute(ctx, st, district.RecomputeOptions{Engine: opts, Force: true})
	if err != nil {
		return benchRun{}, nil, err
	}
	r := benchRun{e2e: c.Took, peakMB: peakRSSMB()}
	for _, p := range benchPhases {
		r.compute += c.Phase(p)
	}
	if m == modeBaseline { // untimed: the next run must not pay for deleting these rows
		if err := (baselineStore{db}).clear(ctx); err != nil {
			return benchRun{}, nil, err
		}
	}
	if vacuum { // untimed, as autovacuum would between runs
		if err := district.BenchBetweenRuns(ctx, db, true, false); err != nil {
			return benchRun{}, nil, err
		}
	}
	return r, c, nil
}

func printRun(out io.Writer, n int, m benchMode, r benchRun, c *district.Computed) {
	fmt.Fprintf(out, "run %d, %s path:\n", n, m.name)
	for _, p := range c.Phases {
		fmt.Fprintf(out, "  %-22s %7.2fs\n", p.Name, p.Took.Seconds())
	}
	fmt.Fprintf(out, "  compute (in memory) %.2fs; end to end with PostGIS %.2fs; peak RSS %.0f MB\n", r.compute.Seconds(), r.e2e.Seconds(), r.peakMB)
}

// printRatios prints min/median/max of each figure on both paths and the ratios of the
// medians (baseline / current: above 1 is faster or smaller now).
func printRatios(out io.Writer, runs [2][]benchRun) {
	fig := []struct {
		name string
		unit string
		get  func(benchRun) float64
	}{
		{"compute", "s", func(r benchRun) float64 { return r.compute.Seconds() }},
		{"end to end", "s", func(r benchRun) float64 { return r.e2e.Seconds() }},
		{"peak RSS", " MB", func(r benchRun) float64 { return r.peakMB }},
	}
	fmt.Fprintf(out, "over %d runs each (min / median / max), current vs main's path (baseline), same process:\n", len(runs[0]))
	for _, f := range fig {
		var st [2][3]float64
		for i := range runs {
			st[i] = minMedMax(runs[i], f.get)
		}
		fmt.Fprintf(out, "  %-11s current %s  baseline %s  ratio %.2f×\n", f.name, fmtStats(st[0], f.unit), fmtStats(st[1], f.unit), st[1][1]/st[0][1])
	}
}

func minMedMax(rs []benchRun, get func(benchRun) float64) [3]float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = get(r)
	}
	slices.Sort(v)
	return [3]float64{v[0], v[len(v)/2], v[len(v)-1]}
}

func fmtStats(s [3]float64, unit string) string {
	if unit == "s" {
		return fmt.Sprintf("%.2f / %.2f / %.2f s", s[0], s[1], s[2])
	}
	return fmt.Sprintf("%.0f / %.0f / %.0f%s", s[0], s[1], s[2], unit)
}

// resetPeakRSS resets the kernel's peak resident memory of this process to its current
// resident memory (Linux: /proc/self/clear_refs), so each run's peak is its own.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB returns the peak resident memory since the last reset (VmHWM), MB.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

// loadAverage returns the machine's load averages (1, 5, 15 minutes) and CPU count.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return fmt.Sprintf("load average %s %s %s on %d CPUs", f[0], f[1], f[2], runtime.NumCPU())
}

// startProfile starts a CPU profile into path ("" none) and returns its stop.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	fh, err := os.Create(path)
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "cpu profile")
	}
	if err := pprof.StartCPUProfile(fh); err != nil {
		fh.Close()
		return nil, geo.WrapError(geo.EINTERNAL, err, "cpu profile")
	}
	return func() { pprof.StopCPUProfile(); fh.Close() }, nil
}

// writeHeapProfile writes a heap profile to path ("" none) after a full collection.
func writeHeapProfile(path string) error {
	if path == "" {
		return nil
	}
	fh, err := os.Create(path)
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "heap profile")
	}
	defer fh.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(fh); err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "heap profile")
	}
	return nil
}

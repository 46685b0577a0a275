package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// benchFlags control `lifecircle bench`.
type benchFlags struct {
	nodes      string
	seed       uint64
	pgrSets    int
	pgrLimit   time.Duration
	importXML  bool
	cpuProfile string
	memProfile string
	runs       int
	stored     bool
	newCells   bool
	computeFlags
}

func newBenchCmd(cfg *Config) *cobra.Command {
	f := &benchFlags{}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure compute, import and pgRouting on synthetic districts (replaces the database's contents)",
		Long: `bench generates synthetic districts (deterministic from --seed) of the given sizes, stores
each in the database given by --db, and times the full compute (load, cells, all searches,
aggregates, writes) --runs times on each of two code paths, alternating: the current one
(the walk graph read from its snapshot, compact coverage rows, searches over the core's
junctions only) and main's before them (network rows loaded and built every
time, a row per cell and set, searches that queue every node), printing min / median /
max and the ratios of the medians, with the machine's load, and compares the two paths'
cell times (it fails when they differ by more than 1 ms). Then the same searches through
pgRouting's pgr_drivingDistance (equicost, one query per set, every set unless --pgr-sets,
each stopped at --pgr-limit and recorded as "> limit"), and optionally the OSM import of
the district written as a .osm file. It REPLACES the database's contents: point --db at a
scratch database.`,
		Example: "  lifecircle bench --db 'dbname=lifecircle_bench' --nodes 100000,1000000 --runs 5 --pgr-limit 60s",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), cfg, f, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&f.nodes, "nodes", "100000", "district sizes in walk nodes, comma-separated")
	cmd.Flags().Uint64Var(&f.seed, "seed", 1, "generator seed")
	cmd.Flags().IntVar(&f.pgrSets, "pgr-sets", -1, "facility sets to time through pgRouting, smallest first (-1: every set, the whole coverage run; 0: skip the baseline)")
	cmd.Flags().DurationVar(&f.pgrLimit, "pgr-limit", 60*time.Second, "time limit of each pgRouting query; a set stopped there is recorded as \"> limit\"")
	cmd.Flags().BoolVar(&f.importXML, "import", false, "also time the OSM import of the district written as .osm XML")
	cmd.Flags().IntVar(&f.runs, "runs", 1, "computes on each code path (current and main's baseline), alternating")
	cmd.Flags().BoolVar(&f.newCells, "new-cells", false, "the current path writes its cells again each run, as after a change of boundaries or population (default: they are the last run's, kept)")
	cmd.Flags().BoolVar(&f.stored, "stored", false, "the database already holds this district (same single --nodes and --seed): time the computes only")
	cmd.Flags().StringVar(&f.memProfile, "memprofile", "", "write a Go heap profile after the first compute (its engine still held) to this file")
	cmd.Flags().StringVar(&f.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the computes to this file")
	f.computeFlags.bind(cmd)
	return cmd
}

func runBench(ctx context.Context, cfg *Config, f *benchFlags, out io.Writer) error {
	sizes, err := parseSizes(f.nodes)
	if err != nil {
		return err
	}
	if f.runs < 1 || f.runs > 50 {
		return geo.Errorf(geo.EINVALID, "--runs %d: from 1 to 50", f.runs)
	}
	if len(sizes) > 1 && (f.stored || f.cpuProfile != "" || f.memProfile != "") {
		return geo.Errorf(geo.EINVALID, "--stored, --cpuprofile and --memprofile take a single --nodes size, not %q", f.nodes)
	}
	return cfg.withModel(ctx, &f.computeFlags, func(db *postgis.DB, opts engine.Options) error {
		if _, err := db.Migrate(ctx); err != nil {
			return err
		}
		for _, n := range sizes {
			if err := benchOne(ctx, db, cfg, f, opts, n, out); err != nil {
				return err
			}
		}
		return nil
	})
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(p, "_", "")))
		if err != nil || n < 1000 || n > 5_000_000 {
			return nil, geo.Errorf(geo.EINVALID, "--nodes %q: sizes are whole numbers from 1000 to 5000000", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func benchOne(ctx context.Context, db *postgis.DB, cfg *Config, f *benchFlags, opts engine.Options, n int, out io.Writer) error {
	t := time.Now()
	d, err := synth.Generate(synth.Config{Seed: f.seed, Nodes: n, Categories: opts.Categories})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n== synthetic district: %d nodes, %d edges, %d stations, %d outlets, %d communities (generated in %.1fs)\n",
		len(d.Nodes), len(d.Edges), len(d.Stations), len(d.Outlets), len(d.Communities), time.Since(t).Seconds())
	if f.stored {
		fmt.Fprintln(out, "not stored again (--stored): computing what the database holds")
	} else if err := storeSynth(ctx, db, cfg, d, f.importXML, out); err != nil {
		return err
	}
	stop, err := startProfile(f.cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	// The first compute of a network version builds the graph and saves its snapshot
	// (phase "save graph snapshot"); later ones read it. Shown, not counted.
	on, setting, err := district.BenchAutovacuum(ctx, db)
	if err != nil {
		return err
	}
	if !on {
		fmt.Fprintf(out, "autovacuum is off on this server (%s): the coverage tables are vacuumed after every compute, untimed, as autovacuum would\n", setting)
	}
	first, last, err := benchCompute(ctx, db, opts, modeCurrent, false, !on)
	if err != nil {
		return err
	}
	printRun(out, 0, benchMode{name: "current (first compute of this network: not counted)"}, first, last)
	if err := writeHeapProfile(f.memProfile); err != nil {
		return err
	}
	var runs [2][]benchRun
	var results [2][]coverage.Result // each path's last answers
	for r := range f.runs {
		for _, m := range benchModes(r) {
			run, c, err := benchCompute(ctx, db, opts, m, f.newCells, !on)
			if err != nil {
				return err
			}
			printRun(out, r+1, m, run, c)
			runs[m.index] = append(runs[m.index], run)
			results[m.index] = c.Engine.Results
			last = c
		}
	}
	fmt.Fprintf(out, "cells %d, sets %d; load now: %s\n", len(last.Engine.Cells), len(last.Engine.Sets), loadAverage())
	printRatios(out, runs)
	a, err := compareResults(results[modeCurrent.index], results[modeBaseline.index])
	if err != nil {
		return err
	}
	if err := printAgreement(out, a); err != nil {
		return err
	}
	if f.pgrSets != 0 {
		return benchPgRouting(ctx, db, last.Engine, f.pgrSets, f.pgrLimit, out)
	}
	return nil
}

// baselineStore is the database with main's coverage writer (a row per cell and set).
type baselineStore struct{ *postgis.DB }

func (b baselineStore) WriteCoverage(ctx context.Context, run coverage.Run) error {
	return b.DB.WriteCoverageRows(ctx, run)
}

// clear empties the baseline's row-per-cell table (untimed, after each baseline run), so
// that the next run's write does not pay for deleting those rows.
func (b baselineStore) clear(ctx context.Context) error { return b.DB.ClearCoverageRows(ctx) }

// storeSynth loads the district into the database, optionally through the OSM importer.
func storeSynth(ctx context.Context, db *postgis.DB, cfg *Config, d *synth.District, viaXML bool, out io.Writer) error {
	data := postgis.OSMData{Nodes: d.Nodes, Edges: d.Edges, Outlets: d.Outlets, Stations: d.Stations,
		Residential: d.Residential, Communities: d.Communities}
	if viaXML {
		res, err := benchImportXML(ctx, cfg, d, out)
		if err != nil {
			return err
		}
		data.Nodes, data.Edges = res.Nodes, res.Edges
	}
	t := time.Now()
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "synthetic", Read: len(d.Edges)}, data, cfg.Walk); err != nil {
		return err
	}
	fmt.Fprintf(out, "stored in PostGIS in %.1fs\n", time.Since(t).Seconds())
	return nil
}

func benchImportXML(ctx context.Context, cfg *Config, d *synth.District, out io.Writer) (*osmimport.Result, error) {
	dir, err := os.MkdirTemp("", "lifecircle-bench")
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "temp dir")
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "synthetic.osm")
	fh, err := os.Create(path)
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "temp file")
	}
	if err := synth.WriteOSMXML(fh, d); err != nil {
		fh.Close()
		return nil, err
	}
	fh.Close()
	st, _ := os.Stat(path)
	cats, err := cfg.Categories()
	if err != nil {
		return nil, err
	}
	t := time.Now()
	rules, err := cfg.StationRules()
	if err != nil {
		return nil, err
	}
	res, err := osmimport.ReadFile(ctx, path, osmimport.Options{Categories: cats, Stations: rules})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "OSM XML import (read and build the network): %.1f MB in %.1fs\n", float64(st.Size())/1e6, time.Since(t).Seconds())
	return res, nil
}

// benchPgRouting times pgr_drivingDistance (equicost, one query per set) for the nsets
// smallest sets that have facilities (≤ 0: every set, the whole coverage run), each
// stopped at limit and then recorded as "> limit" and counted at the limit, and
// lifecircle's searches for the same sets, and prints the ratio (a lower bound when any
// set hit the limit). pgRouting needs memory in proportion to starts × nodes: a set it
// fails on is reported, not hidden, and counted at the limit too.
func benchPgRouting(ctx context.Context, db *postgis.DB, e *engine.Engine, nsets int, limit time.Duration, out io.Writer) error {
	var sets []coverage.FacilitySet
	for _, s := range e.Sets {
		if len(s.Points) > 0 {
			sets = append(sets, s)
		}
	}
	sort.SliceStable(sets, func(i, j int) bool { return len(sets[i].Points) < len(sets[j].Points) })
	if nsets > 0 {
		sets = sets[:min(nsets, len(sets))]
	}
	maxSec := e.Options.MaxMinutes * 60
	t := time.Now()
	if _, err := coverage.Compute(ctx, e.Graph, e.Cells, e.CellSnaps, sets, maxSec, 1); err != nil {
		return err
	}
	ours := time.Since(t)
	var theirs time.Duration
	capped := 0
	for _, s := range sets {
		starts, err := db.NearestNodes(ctx, s.Points)
		if err != nil {
			return err
		}
		qctx, cancel := context.WithTimeout(ctx, limit)
		t := time.Now()
		_, d, err := db.DrivingDistance(qctx, starts, maxSec, true)
		cancel()
		name := s.Kind + "/" + s.Key
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			capped++
			theirs += limit
			fmt.Fprintf(out, "  pgRouting %-24s %5d starts: > %.0fs (stopped after %.0fs: %v)\n", name, len(starts), limit.Seconds(), time.Since(t).Seconds(), err)
		default:
			theirs += d
			fmt.Fprintf(out, "  pgRouting %-24s %5d starts %7.2fs\n", name, len(starts), d.Seconds())
		}
	}
	bound := ""
	if capped > 0 {
		bound = fmt.Sprintf(" (%d sets at the %.0fs limit: at least)", capped, limit.Seconds())
	}
	fmt.Fprintf(out, "same %d sets: lifecircle %.3fs on one core (cells included) vs pgRouting %.2fs (nodes only): lifecircle %.0f× faster%s\n",
		len(sets), ours.Seconds(), theirs.Seconds(), theirs.Seconds()/ours.Seconds(), bound)
	return nil
}

package main

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// computeFlags are the coverage model's parameters.
type computeFlags struct {
	resolution int
	maxMinutes float64
	thresholds string
	workers    int
	force      bool // compute even when the data health check finds errors (compute only)
	candidates bool
	levels     float64 // levels of a building without building:levels
}

func (f *computeFlags) bind(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.IntVar(&f.resolution, "resolution", 10, "H3 resolution of the coverage cells (10 ≈ 66 m edge)")
	fs.Float64Var(&f.maxMinutes, "max-minutes", 30, "walk searches stop after this many minutes; farther counts as not reached")
	fs.StringVar(&f.thresholds, "thresholds", "5,10,15", "coverage thresholds in minutes, checked separately")
	fs.IntVar(&f.workers, "workers", 0, "parallel searches (default: all cores)")
	fs.BoolVar(&f.candidates, "include-candidates", false, "count candidate stations (found in OpenStreetMap, not confirmed) as if they were real")
	fs.Float64Var(&f.levels, "building-levels", coverage.DefaultBuildingLevels, "levels counted for a building without building:levels when residents are spread over floor area (1–100)")
}

// engineOptions builds the engine's options from the configuration and flags.
func (f *computeFlags) engineOptions(cfg *Config) (engine.Options, error) {
	th, err := parseMinutesList(f.thresholds)
	if err != nil {
		return engine.Options{}, err
	}
	cats, err := cfg.Categories()
	if err != nil {
		return engine.Options{}, err
	}
	o := engine.Options{Resolution: f.resolution, Walk: cfg.Walk, MaxMinutes: f.maxMinutes, ThresholdsMin: th,
		Workers: f.workers, Categories: cats.Keys(), IncludeCandidates: f.candidates, BuildingLevels: f.levels}
	return o, o.Validate()
}

func parseMinutesList(s string) ([]float64, error) {
	var out []float64
	for _, part := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || v <= 0 {
			return nil, geo.Errorf(geo.EINVALID, "thresholds %q: %q is not a positive number of minutes", s, part)
		}
		out = append(out, v)
	}
	return out, nil
}

func newComputeCmd(cfg *Config) *cobra.Command {
	f := &computeFlags{}
	cmd := &cobra.Command{
		Use:   "compute",
		Short: "Compute walk-time coverage of every H3 cell to every kind of station and outlet",
		Long: `compute loads the walk network, stations, outlets and communities, lays H3 cells over
the study area (the communities' boundaries, or the network's extent), and finds for every
cell the walking minutes to the nearest station of each level and the nearest outlet of
each category. It writes cells, coverage_cells and coverage_summary (per community, street
and district) in one transaction, replacing the region's previous run (--region; other
regions keep theirs).

It runs the data health check (lifecircle check) first and refuses to compute when it finds
errors, unless --force; the warnings are printed before the summary, and the findings are
stored with the run.`,
		Example: "  lifecircle compute\n  lifecircle compute --force\n  lifecircle compute --resolution 9 --speed-kmh 3.6 --thresholds 5,10,15,20",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCompute(cmd, cfg, f)
		},
	}
	f.bind(cmd)
	cmd.Flags().BoolVar(&f.force, "force", false, "compute even when the data health check (lifecircle check) finds errors")
	return cmd
}

func runCompute(cmd *cobra.Command, cfg *Config, f *computeFlags) error {
	ctx := cmd.Context()
	rules, err := cfg.Standards() // the grid-worker bound of the health check
	if err != nil {
		return err
	}
	return cfg.withRegionModel(ctx, cmd.OutOrStdout(), f, func(db *postgis.DB, opts engine.Options) error {
		opts.Phase = func(name string, d time.Duration) {
			cfg.Log.Info("phase done", slog.String("phase", name), slog.Duration("took", d))
		}
		c, err := district.Recompute(ctx, db, district.RecomputeOptions{Engine: opts, Force: f.force, Health: health.Options{Standards: rules}})
		if err != nil {
			return err
		}
		printFindings(cmd.OutOrStdout(), c.Findings, health.SeverityWarning)
		printComputeSummary(cmd.OutOrStdout(), cfg, c.Engine, c.Took)
		printPopulationSpread(cmd.OutOrStdout(), cfg, c.Spread())
		return nil
	})
}

// printPopulationSpread says how the communities' residents were spread over their cells
// and how many buildings took the default levels.
func printPopulationSpread(w io.Writer, cfg *Config, p district.PopulationSpread) {
	fmt.Fprint(w, cfg.say("population spread: %d communities by building floor area, %d by residential land, %d by cell area, %d from the population grid, %d without residents or cells\n",
		p.Methods[coverage.MethodBuildings], p.Methods[coverage.MethodResidential], p.Methods[coverage.MethodArea],
		p.Methods[coverage.MethodGrid], p.Methods[coverage.MethodNone]))
	if p.Counted > 0 {
		fmt.Fprint(w, cfg.say("buildings: %d of %d counted as homes (building=yes only inside residential land); %d of them without building:levels, counted as %g levels (--building-levels)\n",
			p.Counted, p.Buildings, p.DefaultLevels, p.LevelsAssumed))
	}
}

func printComputeSummary(w io.Writer, cfg *Config, e *engine.Engine, took time.Duration) {
	fmt.Fprint(w, cfg.say("network: %d nodes, %d edges; %d stations, %d outlets; %d cells at H3 resolution %d\n",
		e.Graph.NumNodes(), e.Graph.NumEdges(), len(e.Stations), len(e.Outlets), len(e.Cells), e.Options.Resolution))
	if c := e.Clip; c != nil && c.DroppedEdges > 0 {
		fmt.Fprint(w, cfg.say("network cut to within %.1f km of the districts loaded: %d nodes and %d edges beyond left out\n", c.HaloM/1000, c.DroppedNodes, c.DroppedEdges))
	}
	if h := e.Halo; h != nil {
		fmt.Fprint(w, cfg.say("neighbouring regions within %.1f km: %d stations and %d outlets read as reachable across the border (not counted as this region's); %d candidate station(s) of theirs and %d already held (same id and point) left out\n",
			h.HaloM/1000, len(h.Stations), len(h.Outlets), h.Candidates, h.Duplicates))
	}
	printStationProvenance(w, e)
	fmt.Fprintf(w, "%-10s %-18s %10s", cfg.say("kind"), cfg.say("key"), cfg.say("facilities"))
	for _, t := range e.Options.ThresholdsMin {
		fmt.Fprintf(w, " %7s", cfg.say("≤%gmin", t))
	}
	if districtPopulation(e) == 0 {
		fmt.Fprint(w, cfg.say("   (share of area: no population imported)\n"))
	} else {
		fmt.Fprint(w, cfg.say("   (share of residents)\n"))
	}
	for _, s := range e.Summaries {
		if s.Scope != coverage.ScopeDistrict {
			continue
		}
		n := 0
		for _, set := range e.Sets {
			if set.Kind == s.Kind && set.Key == s.Key {
				n = len(set.Points) - e.HaloFacilities(engine.Target{Kind: set.Kind, Key: set.Key}) // the region's own
			}
		}
		fmt.Fprintf(w, "%-10s %-18s %10d", s.Kind, s.Key, n)
		for _, wi := range s.Within {
			share := wi.PopulationShare
			if s.Population == 0 {
				share = wi.AreaShare
			}
			fmt.Fprintf(w, " %6.1f%%", 100*share)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, cfg.say("done in %.1fs\n", took.Seconds()))
}

func districtPopulation(e *engine.Engine) float64 {
	var p float64
	for _, c := range e.Cells {
		p += c.Population
	}
	return p
}

// printStationProvenance says which counted stations are not a planner's data and which
// candidates were left out or counted.
func printStationProvenance(w io.Writer, e *engine.Engine) {
	illustrative, candidates := 0, 0
	for _, s := range e.Stations {
		if s.Source == geo.SourceIllustrative {
			illustrative++
		}
		if s.Candidate() {
			candidates++
		}
	}
	if illustrative > 0 {
		fmt.Fprintf(w, "%d of the stations are illustrative (source=illustrative): made up for the demo, not data\n", illustrative)
	}
	if len(e.Candidates) > 0 {
		fmt.Fprintf(w, "%d candidate station(s) found in OpenStreetMap are not counted: confirm them (lifecircle stations confirm) or compute with --include-candidates\n", len(e.Candidates))
	}
	if candidates > 0 {
		fmt.Fprintf(w, "%d of the stations are unconfirmed candidates, counted because of --include-candidates\n", candidates)
	}
}

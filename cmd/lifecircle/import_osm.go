package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

func newOSMImportCmd(cfg *Config) *cobra.Command {
	var req district.OSMRequest // the flags set its policy; the run fills in the rest
	c := &cobra.Command{
		Use:   "osm FILE",
		Short: "Import the walk network, outlets, stations and residential areas from OpenStreetMap (.osm.pbf or .osm)",
		Long: `osm reads an OpenStreetMap extract (.osm.pbf or .osm XML) and stores, in one transaction:
the walkable ways split at junctions (walk_nodes, walk_edges — pgRouting-compatible), outlets
found by the category file's tag matches, party-mass service stations found by their tags
and names (source=osm, for planners to review), residential land, and administrative
boundaries at levels 8–10 as communities, into the region --region names. A re-import
replaces everything an earlier OSM import stored in that region; rows from the district's
own files, and every other region, are kept.

A node with coordinates out of range, NaN or at (0, 0) refuses the file (--skip-invalid
leaves such nodes out). An import that would leave the walk network empty, or keep at most
half of the stored walk edges, is refused (--allow-shrink replaces it anyway). A refused
import changes nothing and exits with status 2. Two OSM imports of one region never run at
once: the second waits up to 30 s for the first, then fails.`,
		Example: "  lifecircle import osm chengdu.osm.pbf\n  lifecircle import osm smaller-area.osm.pbf --allow-shrink",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req.Path = args[0]
			return runOSMImportWith(cmd.Context(), cfg, req, cmd.OutOrStdout())
		},
	}
	c.Flags().BoolVar(&req.AllowShrink, "allow-shrink", false, "accept an import that empties the walk network or loses more than half of its edges")
	c.Flags().BoolVar(&req.SkipInvalid, "skip-invalid", false, "leave out nodes with bad coordinates instead of refusing the file")
	return c
}

// runOSMImport imports an OSM extract with the default policy (the demo's import).
func runOSMImport(ctx context.Context, cfg *Config, path string, out io.Writer) error {
	return runOSMImportWith(ctx, cfg, district.OSMRequest{Path: path}, out)
}

// runOSMImportWith imports the extract at req.Path under req's policy (AllowShrink,
// SkipInvalid), reading it with the configured categories and station rules.
func runOSMImportWith(ctx context.Context, cfg *Config, req district.OSMRequest, out io.Writer) error {
	cats, err := cfg.Categories()
	if err != nil {
		return err
	}
	rules, err := cfg.StationRules()
	if err != nil {
		return err
	}
	report, finish := cfg.phases(filepath.Base(req.Path)+": ", "bytes")
	req.Read = osmimport.Options{Categories: cats, Stations: rules, Progress: report}
	req.Walk = cfg.Walk
	var res *district.OSMImport
	err = cfg.withRegion(ctx, out, district.FeedRegion, func(db *postgis.DB) (err error) {
		res, err = district.ImportOSM(ctx, db, req)
		return err
	})
	finish()
	if err != nil {
		return err
	}
	if n := res.Stats.Skipped[osmimport.SkipBadCoordinates]; n > 0 {
		fmt.Fprintf(out, "%s: %d node(s) with bad coordinates left out (--skip-invalid)\n", res.File, n)
	}
	s := res.Summary
	fmt.Fprint(out, cfg.say("%s: %d walk nodes, %d walk edges (%d stored before), %d outlets, %d station candidates (source=osm, status=candidate: they count nowhere until confirmed with 'lifecircle stations confirm' or replaced by a station file), %d residential areas, %d communities (batch %d)\n",
		res.File, s.Nodes, s.Edges, res.Stored.Edges, s.Outlets, s.Stations, s.Residential, s.Communities, s.BatchID))
	if o := res.Outside; o.Outlets+o.Stations+o.Communities > 0 {
		fmt.Fprint(out, cfg.say("%s: %d outlets, %d station candidates and %d communities lie outside the region's %d district(s) and were left out (they are the neighbouring regions' own, reached across the border by the halo); the walk network is kept whole\n",
			res.File, o.Outlets, o.Stations, o.Communities, o.Districts))
	} else if o.Districts == 0 {
		fmt.Fprint(out, cfg.say("%s: the region has no districts yet, so every outlet, station candidate and community of the extract counts as its own (import the districts first to keep only theirs)\n", res.File))
	}
	fmt.Fprint(out, cfg.say("%s: %d building footprints that can house residents, %d of them with building:levels (the others are counted with compute --building-levels)\n",
		res.File, s.Buildings, s.BuildingsWithLevels))
	return nil
}

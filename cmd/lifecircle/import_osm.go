package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/lifecircle/lifecircle/district"
	osmimport "github.com/lifecircle/lifecircle/importers/osm"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

func newOSMImportCmd(cfg *Config) *cobra.Command {
	return &cobra.Command{
		Use:   "osm FILE",
		Short: "Import the walk network, outlets, stations and residential areas from OpenStreetMap (.osm.pbf or .osm)",
		Long: `osm reads an OpenStreetMap extract (.osm.pbf or .osm XML) and stores, in one transaction:
the walkable ways split at junctions (walk_nodes, walk_edges — pgRouting-compatible), outlets
found by the category file's tag matches, party-mass service stations found by their tags
and names (source=osm, for planners to review), residential land, and administrative
boundaries at levels 8–10 as communities. A re-import replaces everything an earlier OSM
import stored; rows from the district's own files are kept.`,
		Example: "  lifecircle import osm chengdu.osm.pbf",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOSMImport(cmd.Context(), cfg, args[0], cmd.OutOrStdout())
		},
	}
}

func runOSMImport(ctx context.Context, cfg *Config, path string, out io.Writer) error {
	cats, err := cfg.Categories()
	if err != nil {
		return err
	}
	rules, err := cfg.StationRules()
	if err != nil {
		return err
	}
	sum, err := district.HashFile(path)
	if err != nil {
		return err
	}
	var finish func()
	phase := ""
	var report func(done, total int64)
	opts := osmimport.Options{Categories: cats, Stations: rules, Progress: func(p string, done, total int64) {
		if p != phase {
			if finish != nil {
				finish()
			}
			phase = p
			report, finish = cfg.progress(filepath.Base(path)+": "+p, "bytes")
		}
		report(done, total)
	}}
	res, err := osmimport.ReadFile(ctx, path, opts)
	if finish != nil {
		finish()
	}
	if err != nil {
		return err
	}
	db, err := cfg.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	d := postgis.OSMData{Nodes: res.Nodes, Edges: res.Edges, Outlets: res.Outlets, Stations: res.Stations,
		Residential: res.Residential, Communities: res.Communities}
	b := postgis.Batch{Kind: "osm", FileName: filepath.Base(path), SHA256: sum, CRS: "wgs84", Read: len(res.Edges)}
	s, err := db.ImportOSM(ctx, b, d, cfg.Walk)
	if err != nil {
		return err
	}
	fmt.Fprint(out, cfg.say("%s: %d walk nodes, %d walk edges, %d outlets, %d station candidates (source=osm, status=candidate: they count nowhere until confirmed with 'lifecircle stations confirm' or replaced by a station file), %d residential areas, %d communities (batch %d)\n",
		filepath.Base(path), s.Nodes, s.Edges, s.Outlets, s.Stations, s.Residential, s.Communities, s.BatchID))
	return nil
}

package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/riverjobs"
	"github.com/spf13/cobra"
)

// The commands of the database itself: migrate its schema, say what it holds.

func newMigrateCmd(cfg *Config) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Create or update the database schema (PostGIS tables, indexes, views)",
		Long: `migrate applies the schema steps the database has not seen yet: the project's (PostGIS
tables, indexes, views) and then the job queue's (River's tables, which run and worker
use). It enables the postgis extension, so the database user must be allowed to (a
superuser, or the extension already created). Running it again is harmless.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return cfg.withDB(ctx, func(db *postgis.DB) error {
				applied, err := db.Migrate(ctx)
				if err != nil {
					return err
				}
				v, err := db.SchemaVersion(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "applied %d migration(s); schema version %d\n", len(applied), v)
				return migrateJobs(ctx, cfg, cmd.OutOrStdout())
			})
		},
	}
}

func newStatusCmd(cfg *Config) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show what the database holds: rows per kind and source, the last imports and compute",
		Long: `status prints the rows of each kind (communities, streets, grids, stations, outlets, compounds,
residential areas, population grid cells, walk nodes and edges) by source, the last import
of each kind (file, time, rows) and the last compute (time, parameters), and says when the
coverage is older than the newest import.`,
		Example: "  lifecircle status",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return cfg.withRegion(ctx, cmd.OutOrStdout(), district.ReadRegion, func(db *postgis.DB) error {
				s, err := district.Status(ctx, db)
				if err != nil {
					return err
				}
				printStatus(cmd.OutOrStdout(), s)
				return nil
			})
		},
	}
}

func printStatus(w io.Writer, s geo.StoreStatus) {
	fmt.Fprintf(w, "%-18s %-13s %10s\n", "kind", "source", "rows")
	for _, c := range s.Counts {
		src := c.Source
		if src == "" {
			src = "-"
		}
		fmt.Fprintf(w, "%-18s %-13s %10d\n", c.Kind, src, c.Rows)
	}
	fmt.Fprintln(w)
	if len(s.Imports) == 0 {
		fmt.Fprintln(w, "imports: none")
	}
	for _, im := range s.Imports {
		fmt.Fprintf(w, "last import %-12s %s at %s: %d read, %d inserted, %d updated, %d deleted\n", im.Kind, im.FileName,
			im.At.UTC().Format(time.RFC3339), im.Read, im.Inserted, im.Updated, im.Deleted)
	}
	if r := s.Run; r != nil {
		fmt.Fprintf(w, "last compute: run %d at %s: H3 resolution %d, %g km/h, max %g min, thresholds %v min, %d cells\n",
			r.ID, r.Started.UTC().Format(time.RFC3339), r.Resolution, r.SpeedKmh, r.MaxMinutes, r.ThresholdsMin, r.Cells)
	} else {
		fmt.Fprintln(w, "last compute: none")
	}
	if s.CoverageStale() {
		fmt.Fprintln(w, "coverage is stale: run lifecircle compute")
	}
	for _, n := range s.Server {
		fmt.Fprintln(w, "database server: "+n)
	}
}

// migrateJobs brings the job queue's tables (River's) up to date and says what it applied.
func migrateJobs(ctx context.Context, cfg *Config, out io.Writer) error {
	eng, err := riverjobs.Open(ctx, cfg.DatabaseURL, cfg.Pool, cfg.Log)
	if err != nil {
		return err
	}
	defer eng.Close()
	applied, err := eng.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "job queue: applied %d River migration(s)\n", len(applied))
	return nil
}

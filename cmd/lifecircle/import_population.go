package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

func newPopulationImportCmd(cfg *Config) *cobra.Command {
	var encoding, mode string
	cmd := &cobra.Command{
		Use:   "population FILE",
		Short: "Import a population grid (CSV: h3,population) that coverage uses instead of spreading community populations",
		Long: `population loads residents per H3 cell from a CSV with the columns h3 (an H3 cell index)
and population (also 人口 / 常住人口). Once a grid is imported, compute takes each cell's
residents from it; cells the grid does not list count as empty. One bad row fails the whole
import and nothing changes.`,
		Example: "  lifecircle import population worldpop-h3-res10.csv",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPopulationImport(cmd.Context(), cfg, args[0], encoding, mode, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&encoding, "encoding", "auto", "text encoding: auto, utf-8, gbk or gb18030")
	cmd.Flags().StringVar(&mode, "mode", "replace", "replace: the file replaces the grid; upsert: add and update cells")
	return cmd
}

func runPopulationImport(ctx context.Context, cfg *Config, path, encoding, mode string, out io.Writer) error {
	if mode != string(postgis.ModeReplace) && mode != string(postgis.ModeUpsert) {
		return geo.Errorf(geo.EINVALID, "--mode %q: use replace or upsert", mode)
	}
	cells, rejects, err := importers.ReadPopulationFile(ctx, path, encoding)
	if err != nil {
		return err
	}
	if len(rejects) > 0 {
		return geo.Errorf(geo.EINVALID, "%s (%d bad row(s) in all); nothing was imported", rejects[0].String(), len(rejects))
	}
	sum, err := district.HashFile(path)
	if err != nil {
		return err
	}
	rows := make([]postgis.PopulationRow, len(cells))
	for i, c := range cells {
		rows[i] = postgis.PopulationRow{H3: c.H3, Population: c.Population}
	}
	db, err := cfg.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	b := postgis.Batch{Kind: "population", FileName: filepath.Base(path), SHA256: sum, Mode: postgis.Mode(mode), Read: len(cells)}
	s, err := db.ImportPopulation(ctx, b, rows)
	if err != nil {
		return err
	}
	fmt.Fprint(out, cfg.say("%s: %d cells, inserted %d, updated %d, replaced %d (batch %d)\n", filepath.Base(path), len(cells), s.Inserted, s.Updated, s.Deleted, s.BatchID))
	return nil
}

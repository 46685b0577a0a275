package main

import (
	"context"
	"fmt"
	"io"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/raster"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// populationFlags are the options of import population.
type populationFlags struct {
	encoding, mode string
	resolution     int
	sum            bool
}

func newPopulationImportCmd(cfg *Config) *cobra.Command {
	fl := &populationFlags{}
	cmd := &cobra.Command{
		Use:   "population FILE [FILE…]",
		Short: "Import a population grid (CSV: h3,population, or GeoTIFF rasters) that coverage uses instead of spreading community populations",
		Long: `population loads residents per H3 cell, either from a CSV with the columns h3 (an H3 cell
index) and population (also 人口 / 常住人口), or from population GeoTIFFs (WorldPop, GHSL,
LandScan: band 1 is people per pixel, in any CRS GDAL knows), whose pixels are added onto
the H3 cells of --resolution by the area of each pixel in each cell, the total preserved.
Several rasters (age/sex layers, tiles) are added together with --sum. Once a grid is
imported, compute takes each cell's residents from it; cells the grid does not list count
as empty. One bad row fails the whole import and nothing changes.`,
		Example: `  lifecircle import population worldpop-h3-res10.csv
  lifecircle import population chn_ppp_2020_constrained.tif
  lifecircle import population --sum chn_m_*_2020.tif chn_f_*_2020.tif`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPopulationImport(cmd.Context(), cfg, args, fl, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&fl.encoding, "encoding", "auto", "CSV text encoding: auto, utf-8, gbk or gb18030")
	cmd.Flags().StringVar(&fl.mode, "mode", "replace", "replace: the file replaces the grid; upsert: add and update cells")
	cmd.Flags().IntVar(&fl.resolution, "resolution", 10, "GeoTIFFs: the H3 resolution of the cells (compute's resolution)")
	cmd.Flags().BoolVar(&fl.sum, "sum", false, "GeoTIFFs: add several rasters together (needed when more than one file is given)")
	return cmd
}

func runPopulationImport(ctx context.Context, cfg *Config, paths []string, fl *populationFlags, out io.Writer) error {
	req := district.PopulationRequest{Paths: paths, Encoding: fl.encoding, Mode: geo.ImportMode(fl.mode), Resolution: fl.resolution, Sum: fl.sum}
	g, err := district.ReadPopulation(ctx, req)
	if err != nil {
		return err
	}
	if g.Raster != nil {
		printRasters(out, g.Raster, fl.resolution, len(g.Cells))
	}
	s, err := cfg.storeImport(ctx, func(db *postgis.DB) (geo.ImportSummary, error) { return g.Store(ctx, db) })
	if err != nil {
		return err
	}
	fmt.Fprint(out, cfg.say("%s: %d cells, inserted %d, updated %d, replaced %d (batch %d)\n", g.Batch.FileName, len(g.Cells), s.Inserted, s.Updated, s.Deleted, s.BatchID))
	return nil
}

// printRasters says what the rasters held, their warnings and the cells they made.
func printRasters(out io.Writer, res *raster.Result, resolution, cells int) {
	for _, f := range res.Files {
		fmt.Fprintf(out, "%s: %d×%d pixels of %.0f m, %s, total %.0f people (%d nodata, %d zero pixels)\n",
			f.Name, f.Width, f.Height, f.PixelM, f.CRS, f.Total, f.NoDataPixels, f.Zero)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
	fmt.Fprintf(out, "%d H3 cells at resolution %d hold %.0f people\n", cells, resolution, res.Total)
}

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

func newPopulationImportCmd(cfg *Config) *cobra.Command {
	var req district.PopulationRequest // the flags set how it reads; the run adds the files
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
			req.Paths = args
			return runPopulationImport(cmd.Context(), cfg, req, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&req.Encoding, "encoding", "auto", "CSV text encoding: auto, utf-8, gbk or gb18030")
	cmd.Flags().StringVar((*string)(&req.Mode), "mode", "replace", "replace: the file replaces the region's grid; upsert: add and update cells")
	cmd.Flags().IntVar(&req.Resolution, "resolution", 10, "GeoTIFFs: the H3 resolution of the cells (compute's resolution)")
	cmd.Flags().BoolVar(&req.Sum, "sum", false, "GeoTIFFs: add several rasters together (needed when more than one file is given)")
	return cmd
}

// runPopulationImport reads the grid or rasters req names and stores them.
func runPopulationImport(ctx context.Context, cfg *Config, req district.PopulationRequest, out io.Writer) error {
	g, err := district.ReadPopulation(ctx, req)
	if err != nil {
		return err
	}
	if g.Raster != nil {
		printRasters(out, g.Raster, req.Resolution, len(g.Cells))
	}
	s, err := cfg.storeImport(ctx, out, func(db *postgis.DB) (geo.ImportSummary, error) { return g.Store(ctx, db) })
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

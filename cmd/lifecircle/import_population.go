package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
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

// isRaster reports whether path names a GeoTIFF.
func isRaster(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".tif" || ext == ".tiff"
}

func runPopulationImport(ctx context.Context, cfg *Config, paths []string, fl *populationFlags, out io.Writer) error {
	if fl.mode != string(postgis.ModeReplace) && fl.mode != string(postgis.ModeUpsert) {
		return geo.Errorf(geo.EINVALID, "--mode %q: use replace or upsert", fl.mode)
	}
	rows, err := populationRows(ctx, paths, fl, out)
	if err != nil {
		return err
	}
	names, sums := make([]string, len(paths)), make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
		if sums[i], err = district.HashFile(p); err != nil {
			return err
		}
	}
	db, err := cfg.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	name := strings.Join(names, "+")
	b := postgis.Batch{Kind: "population", FileName: name, SHA256: strings.Join(sums, "+"), Mode: postgis.Mode(fl.mode), Read: len(rows)}
	s, err := db.ImportPopulation(ctx, b, rows)
	if err != nil {
		return err
	}
	fmt.Fprint(out, cfg.say("%s: %d cells, inserted %d, updated %d, replaced %d (batch %d)\n", name, len(rows), s.Inserted, s.Updated, s.Deleted, s.BatchID))
	return nil
}

// populationRows reads the grid CSV, or the rasters onto H3 cells, printing what the
// rasters held and their warnings.
func populationRows(ctx context.Context, paths []string, fl *populationFlags, out io.Writer) ([]postgis.PopulationRow, error) {
	rasters := 0
	for _, p := range paths {
		if isRaster(p) {
			rasters++
		}
	}
	switch {
	case rasters == 0 && len(paths) > 1:
		return nil, geo.Errorf(geo.EINVALID, "one population grid CSV at a time (%d given)", len(paths))
	case rasters > 0 && rasters < len(paths):
		return nil, geo.Errorf(geo.EINVALID, "GeoTIFFs (.tif) and grid CSVs cannot be imported together")
	case rasters > 1 && !fl.sum:
		return nil, geo.Errorf(geo.EINVALID, "%d rasters given: add --sum to add them together (age/sex layers or tiles of one area)", rasters)
	case rasters > 0:
		return rasterRows(ctx, paths, fl.resolution, out)
	}
	cells, rejects, err := importers.ReadPopulationFile(ctx, paths[0], fl.encoding)
	if err != nil {
		return nil, err
	}
	if len(rejects) > 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s (%d bad row(s) in all); nothing was imported", rejects[0].String(), len(rejects))
	}
	rows := make([]postgis.PopulationRow, len(cells))
	for i, c := range cells {
		rows[i] = postgis.PopulationRow{H3: c.H3, Population: c.Population}
	}
	return rows, nil
}

// rasterRows adds the rasters onto the H3 cells of resolution (raster.Aggregate).
func rasterRows(ctx context.Context, paths []string, resolution int, out io.Writer) ([]postgis.PopulationRow, error) {
	res, err := raster.Aggregate(ctx, paths, raster.Options{Resolution: resolution})
	if err != nil {
		return nil, err
	}
	for _, f := range res.Files {
		fmt.Fprintf(out, "%s: %d×%d pixels of %.0f m, %s, total %.0f people (%d nodata, %d zero pixels)\n",
			f.Name, f.Width, f.Height, f.PixelM, f.CRS, f.Total, f.NoDataPixels, f.Zero)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
	cells, pops := res.Sorted()
	rows := make([]postgis.PopulationRow, len(cells))
	for i, c := range cells {
		rows[i] = postgis.PopulationRow{H3: c.String(), Population: pops[i]}
	}
	fmt.Fprintf(out, "%d H3 cells at resolution %d hold %.0f people\n", len(rows), resolution, res.Total)
	return rows, nil
}

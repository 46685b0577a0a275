package raster

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/uber/h3-go/v4"
)

// Options steer Aggregate.
type Options struct {
	Resolution int    // H3 resolution of the cells, 0–15 (lifecircle's coverage uses 10)
	TempDir    string // where band 1 is dumped while it is read; "" means os.TempDir()
	MaxPixels  int64  // cap on one raster's width × height; 0 means DefaultMaxPixels
}

// DefaultMaxPixels caps a raster's pixels: 10⁸, a province at 100 m (WorldPop, GHS-POP)
// and 800 MB of dumped band. A tiled GeoTIFF can declare 2.5·10⁹ pixels in 19 KB (tiles
// left out read as 0), which would otherwise be dumped to 20 GB of disk.
const DefaultMaxPixels int64 = 100_000_000

// File is what one raster held.
type File struct {
	Name          string   // base name
	Width, Height int      // pixels
	CRS           string   // e.g. "EPSG:4326 (WGS 84)", or the WKT's name
	Type          string   // band 1's data type
	NoData        *float64 // band 1's nodata value, nil when none
	Bands         int      // bands in the file (band 1 is read)
	PixelM        float64  // pixel size at the raster's centre, metres (the larger side)
	Pixels        int64    // pixels read
	NoDataPixels  int64    // nodata or NaN, ignored
	Negative      int64    // negative values, ignored
	Zero          int64    // zero pixels (nothing to distribute)
	Total         float64  // sum of the counted (positive) pixels
	Split         int64    // pixels split 2×2 or more because one clip could not place them
}

// Result is the population of every H3 cell the rasters touch, and what was read.
type Result struct {
	Cells    map[h3.Cell]float64 // people per cell; the sum equals Total up to rounding
	Files    []File
	Total    float64 // sum over the files of File.Total
	Warnings []string
}

// Sorted returns the cells in index order, with their populations.
func (r *Result) Sorted() ([]h3.Cell, []float64) {
	cells := make([]h3.Cell, 0, len(r.Cells))
	for c := range r.Cells {
		cells = append(cells, c)
	}
	sort.Slice(cells, func(i, j int) bool { return cells[i] < cells[j] })
	pops := make([]float64, len(cells))
	for i, c := range cells {
		pops[i] = r.Cells[c]
	}
	return cells, pops
}

// Aggregate reads each raster at paths (band 1: people per pixel) and adds its pixels onto
// the H3 cells of opts.Resolution by area (see the package doc). Several rasters are
// summed (e.g. WorldPop's age/sex layers, or tiles). Errors are *geo.Error: EINVALID
// naming the file for one that cannot be used (no CRS, not a raster, a scaled band, a
// CRS PROJ cannot place), EUNAVAILABLE when GDAL is missing or ctx is cancelled.
func Aggregate(ctx context.Context, paths []string, opts Options) (*Result, error) {
	if opts.Resolution < 0 || opts.Resolution > 15 {
		return nil, geo.Errorf(geo.EINVALID, "H3 resolution %d out of range 0–15", opts.Resolution)
	}
	if len(paths) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "no population raster given")
	}
	for _, t := range []string{"gdalinfo", "gdal_translate", "gdaltransform"} {
		if _, err := exec.LookPath(t); err != nil {
			return nil, geo.WrapError(geo.EUNAVAILABLE, err, "GDAL's %s is not installed (Debian package gdal-bin): population rasters cannot be read", t)
		}
	}
	res := &Result{Cells: map[h3.Cell]float64{}}
	for _, p := range paths {
		f, err := aggregateFile(ctx, p, opts, res.Cells)
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, f)
		res.Total += f.Total
		res.Warnings = append(res.Warnings, f.warnings()...)
	}
	return res, nil
}

func (f File) warnings() []string {
	var w []string
	if f.Negative > 0 {
		w = append(w, fmt.Sprintf("%s: %d pixels hold negative counts and were ignored (is the nodata value missing from the file?)", f.Name, f.Negative))
	}
	if f.Bands > 1 {
		w = append(w, fmt.Sprintf("%s: %d bands; only band 1 was read", f.Name, f.Bands))
	}
	if f.NoData == nil && f.NoDataPixels == 0 {
		w = append(w, fmt.Sprintf("%s: the raster declares no nodata value: every pixel was read as a count", f.Name))
	}
	return w
}

// aggregateFile adds one raster's pixels to cells.
func aggregateFile(ctx context.Context, path string, opts Options, cells map[h3.Cell]float64) (File, error) {
	name := filepath.Base(path)
	in, err := readInfo(ctx, name, path)
	if err != nil {
		return File{}, err
	}
	if limit := cmp.Or(opts.MaxPixels, DefaultMaxPixels); int64(in.Width)*int64(in.Height) > limit {
		return File{}, geo.Errorf(geo.EINVALID, "%s: the raster is %d × %d pixels, more than the %d allowed (raster.Options.MaxPixels): clip it to the district first (gdal_translate -projwin)",
			name, in.Width, in.Height, limit)
	}
	f := File{Name: name, Width: in.Width, Height: in.Height, CRS: in.CRS.Describe(), Type: in.Type, NoData: in.NoData, Bands: in.Bands}
	loc, err := newLocator(ctx, name, in)
	if err != nil {
		return File{}, err
	}
	dir, err := os.MkdirTemp(opts.TempDir, "lifecircle-raster-")
	if err != nil {
		return File{}, geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot make a temporary folder", name)
	}
	defer os.RemoveAll(dir)
	px, err := dumpPixels(ctx, name, path, dir, in.Width)
	if err != nil {
		return File{}, err
	}
	centre := loc.at(float64(in.Width)/2, float64(in.Height)/2)
	if err := checkPlace(name, f.CRS, loc, in); err != nil {
		return File{}, err
	}
	f.PixelM = pixelMetres(loc, in)
	if err := f.readBands(ctx, px, loc, opts.Resolution, centre[1], cells); err != nil {
		return File{}, err
	}
	return f, nil
}

// keepRows is how many rows of cells the splitter's cache keeps: the rows a cell can span.
func keepRows(res int, pixelM float64) int {
	span := 3 * h3.HexagonEdgeLengthAvgM(res) / math.Max(pixelM, 1e-3)
	return 2 + int(math.Min(span, 1e6))
}

// pixelMetres estimates the pixel size at the raster's centre: the longer of its sides.
func pixelMetres(loc locator, in *info) float64 {
	c, r := float64(in.Width)/2, float64(in.Height)/2
	p, px, py := loc.at(c, r), loc.at(c+1, r), loc.at(c, r+1)
	pl := local.NewPlane(p)
	return math.Max(math.Hypot(pl.XY(px)), math.Hypot(pl.XY(py)))
}

// checkPlace rejects a raster whose corners PROJ puts off the globe (a wrong CRS).
func checkPlace(name, crsName string, loc locator, in *info) error {
	for _, cr := range [][2]float64{{0, 0}, {float64(in.Width), 0}, {0, float64(in.Height)}, {float64(in.Width), float64(in.Height)}} {
		p := loc.at(cr[0], cr[1])
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
			return geo.Errorf(geo.EINVALID, "%s: read in %s, the raster's corner at pixel (%g, %g) is (%g, %g): not a place on Earth; is the CRS right?", name, crsName, cr[0], cr[1], p[0], p[1])
		}
	}
	return nil
}

package district

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/raster"
)

// PopulationStore stores a population grid in one transaction: replace mode replaces the
// grid, upsert adds and updates cells. *postgis.DB is one.
type PopulationStore interface {
	ImportPopulation(ctx context.Context, b geo.Batch, cells []geo.PopulationCell) (geo.ImportSummary, error)
}

// PopulationRequest is a population grid to import: one grid CSV (h3,population), or
// GeoTIFF rasters added onto the H3 cells of Resolution (several only with Sum).
type PopulationRequest struct {
	Paths      []string
	Encoding   string // the CSV's: "", "auto", "utf-8", "gbk" or "gb18030"
	Mode       geo.ImportMode
	Resolution int  // rasters: the H3 resolution of the cells
	Sum        bool // rasters: add several together (age/sex layers, tiles of one area)
}

// PopulationGrid is a population grid read and checked, ready to store.
type PopulationGrid struct {
	Batch  geo.Batch // the batch record the store writes: the files' names and digests joined by "+"
	Cells  []geo.PopulationCell
	Raster *raster.Result // what the rasters held and their warnings; nil for a grid CSV
}

// ReadPopulation reads req's grid CSV, or its rasters onto H3 cells, and hashes the files
// for the batch record. A bad row of the CSV refuses the whole grid (EINVALID, naming the
// first and counting them all); CSVs and rasters cannot be mixed.
func ReadPopulation(ctx context.Context, req PopulationRequest) (*PopulationGrid, error) {
	if !req.Mode.Valid() {
		return nil, geo.Errorf(geo.EINVALID, "--mode %q: use replace or upsert", req.Mode)
	}
	g, err := readPopulationCells(ctx, req)
	if err != nil {
		return nil, err
	}
	names, sums := make([]string, len(req.Paths)), make([]string, len(req.Paths))
	for i, p := range req.Paths {
		names[i] = filepath.Base(p)
		if sums[i], err = HashFile(p); err != nil {
			return nil, err
		}
	}
	g.Batch = geo.Batch{Kind: "population", FileName: strings.Join(names, "+"), SHA256: strings.Join(sums, "+"),
		Mode: req.Mode, Read: len(g.Cells)}
	return g, nil
}

// Store writes the grid through st in one transaction.
func (g *PopulationGrid) Store(ctx context.Context, st PopulationStore) (geo.ImportSummary, error) {
	return st.ImportPopulation(ctx, g.Batch, g.Cells)
}

func readPopulationCells(ctx context.Context, req PopulationRequest) (*PopulationGrid, error) {
	rasters := 0
	for _, p := range req.Paths {
		if isRaster(p) {
			rasters++
		}
	}
	switch {
	case len(req.Paths) == 0:
		return nil, geo.Errorf(geo.EINVALID, "no population file given")
	case rasters == 0 && len(req.Paths) > 1:
		return nil, geo.Errorf(geo.EINVALID, "one population grid CSV at a time (%d given)", len(req.Paths))
	case rasters > 0 && rasters < len(req.Paths):
		return nil, geo.Errorf(geo.EINVALID, "GeoTIFFs (.tif) and grid CSVs cannot be imported together")
	case rasters > 1 && !req.Sum:
		return nil, geo.Errorf(geo.EINVALID, "%d rasters given: add --sum to add them together (age/sex layers or tiles of one area)", rasters)
	case rasters > 0:
		return rasterCells(ctx, req.Paths, req.Resolution)
	}
	cells, rejects, err := importers.ReadPopulationFile(ctx, req.Paths[0], req.Encoding)
	if err != nil {
		return nil, err
	}
	if len(rejects) > 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s (%d bad row(s) in all); nothing was imported", rejects[0].String(), len(rejects))
	}
	return &PopulationGrid{Cells: cells}, nil
}

// rasterCells adds the rasters onto the H3 cells of resolution (raster.Aggregate).
func rasterCells(ctx context.Context, paths []string, resolution int) (*PopulationGrid, error) {
	res, err := raster.Aggregate(ctx, paths, raster.Options{Resolution: resolution})
	if err != nil {
		return nil, err
	}
	cells, pops := res.Sorted()
	out := make([]geo.PopulationCell, len(cells))
	for i, c := range cells {
		out[i] = geo.PopulationCell{H3: c.String(), Population: pops[i]}
	}
	return &PopulationGrid{Cells: out, Raster: res}, nil
}

// isRaster reports whether path names a GeoTIFF.
func isRaster(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".tif" || ext == ".tiff"
}

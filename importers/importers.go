package importers

import (
	"bytes"
	"context"
	"io"
	"path/filepath"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
	"github.com/lifecircle/lifecircle/importers/ogr"
)

// Kind is what a file holds.
type Kind string

// The kinds of file the importers read.
const (
	KindCommunities Kind = "communities"
	KindStations    Kind = "stations"
	KindOutlets     Kind = "outlets"
	KindCompounds   Kind = "compounds"
	KindDistricts   Kind = "district" // the study area: county-level divisions (6-digit codes)
	KindStreets     Kind = "streets"  // streets and townships (9-digit codes)
	KindGrids       Kind = "grids"    // grids (网格) below communities
)

// Options steer how a file is read. The zero value reads WGS84 coordinates, detects the
// encoding and uses the default field names.
type Options struct {
	CRS        crs.Ref                 // CRS of the file's coordinates, any crs.ParseRef value; the zero Ref is WGS84 for CSV/XLSX/GeoJSON and the file's own CRS for GIS files
	Encoding   string                  // "", "auto", "utf-8", "gbk", "gb18030" (auto: BOM → UTF-8; valid UTF-8 → UTF-8; else GB18030)
	Fields     map[string]string       // overrides: logical field -> column/property name, e.g. "id" -> "编号"
	Sheet      string                  // XLSX sheet (default: first)
	Categories *geo.Categories         // needed for outlets
	Repair     bool                    // self-intersecting polygons are kept (marked for repair by PostGIS) instead of rejected
	Progress   func(done, total int64) // optional; called about every 1 %: bytes (CSV), rows (XLSX) or features (GeoJSON)
	Limits     Limits                  // caps against hostile files; the zero value takes the defaults
	// GIS files (Shapefile, GeoPackage, FileGDB, KML/KMZ, GeoJSON with a legacy "crs"
	// member or a projected CRS), read through importers/ogr:
	Layer       string // the layer to read when the file has several
	MaxUnzipped int64  // cap on a zip's uncompressed size in bytes; 0 means ogr.DefaultMaxUnzipped
	TempDir     string // where zips and uploaded GeoJSON are unpacked; "" means os.TempDir()
}

// Result is what a file gave: the valid values (WGS84) and a Reject for every bad record.
type Result struct {
	File        string
	Format      string // "csv", "xlsx", "geojson", or GDAL's driver for GIS files (e.g. "ESRI Shapefile")
	Encoding    string // detected
	CRS         string // the CRS the coordinates were read in, e.g. "wgs84", "gcj02", "EPSG:4544"
	Read        int    // records (data rows or features) read
	Communities []geo.Community
	Stations    []geo.Station
	Outlets     []geo.Outlet
	Compounds   []geo.Compound
	Districts   []geo.District
	Streets     []geo.Street
	Grids       []geo.Grid
	NeedsRepair []int // indexes (into Communities, Compounds or Grids) of polygons to repair
	Records     []int // the record (data row or feature) number of each value, in order
	Rejects     []Reject
	POIService  POIService // outlets: the map service whose POI export this is ("" for other files)
	Unmapped    []Unmapped // POI export: the POIs whose type maps to no category, left out
	Warnings    []string   // what the person importing should know: a datum shift that is only a ballpark, an encoding guessed, a layer chosen
}

// ReadFile reads the file at path as kind. Coordinates in the file are (lon, lat) in
// opts.CRS; the values returned are (lon, lat) WGS84 degrees, areas in m². The error is
// a *geo.Error (EINVALID) when the whole file is unusable; bad records are Rejects.
//
// A GIS file (ogr.Handles: .shp, .zip, .gpkg, .gdb, .kml, .kmz) is read through
// importers/ogr in opts.CRS or its own CRS; its features go through the GeoJSON record
// path, named "x.shp feature 13" in rejects.
func ReadFile(ctx context.Context, kind Kind, path string, opts Options) (*Result, error) {
	if ogr.Handles(path) {
		return readGIS(ctx, kind, path, filepath.Base(path), opts)
	}
	var res *Result
	err := withFile(path, func(name string, r io.Reader) (err error) {
		res, err = Read(ctx, kind, name, r, opts)
		return err
	})
	return res, err
}

// Read reads r as kind; name gives the format (by extension, confirmed by the content) and
// is used in every message. GIS files (see ReadFile) and GeoJSON that GDAL must transform
// (a legacy "crs" member, or opts.CRS projected) are written to a temporary file under
// opts.TempDir and read through importers/ogr. Coordinates in r are (lon, lat) in opts.CRS; the values
// returned are (lon, lat) WGS84 degrees, areas in m². The error is a *geo.Error
// (EINVALID) when the whole input is unusable, or over opts.Limits; bad records are
// Rejects. A panic while reading is recovered into an EINTERNAL error naming the file.
func Read(ctx context.Context, kind Kind, name string, r io.Reader, opts Options) (res *Result, err error) {
	defer guard.Recover(name, &err)
	spec, err := specFor(kind, opts)
	if err != nil {
		return nil, err
	}
	data, err := readCapped(name, r, spec.limits.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s: the file is empty", name)
	}
	if ogr.Handles(name) { // an upload: GDAL reads a temporary copy
		return readGISBytes(ctx, kind, name, data, opts)
	}
	format, err := detectFormat(name, data)
	if err != nil {
		return nil, err
	}
	if format == formatGeoJSON && opts.CRS.IsZero() {
		if err := checkLegacyCRS(name, data); err != nil {
			return nil, err
		}
	}
	if format == formatGeoJSON && needsOGR(data, opts.CRS) {
		res, err := readGISBytes(ctx, kind, name, data, opts)
		if err == nil && opts.CRS.IsZero() {
			err = checkLegacyFallback(name, data, res)
		}
		if err != nil {
			return nil, err
		}
		return res, nil
	}
	if spec.crs, err = lonLatSystem(name, format, opts.CRS); err != nil {
		return nil, err
	}
	if kind == KindOutlets {
		if res, ok, err := readPOI(name, format, data, spec, opts); ok || err != nil {
			return res, err
		}
	}
	return readAs(ctx, spec, name, format, data, opts)
}

// readAs reads data, already detected as format, with spec.
func readAs(ctx context.Context, spec *kindSpec, name, format string, data []byte, opts Options) (res *Result, err error) {
	b := newBuilder(ctx, spec, name, opts)
	res = &Result{File: name, Format: format, CRS: string(spec.crs)}
	if w := datumWarning(opts.CRS); w != "" {
		res.Warnings = append(res.Warnings, w)
	}
	switch format {
	case formatXLSX:
		res.Encoding = "utf-8"
		err = readXLSX(b, data)
	case formatGeoJSON:
		err = readGeoJSONBytes(b, data, res)
	default:
		err = readCSVBytes(b, data, res)
	}
	if err != nil {
		return nil, err
	}
	if err := b.finish(res); err != nil {
		return nil, err
	}
	return res, nil
}

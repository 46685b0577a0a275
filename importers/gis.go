package importers

import (
	"context"
	"os"
	"path/filepath"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
	"github.com/lifecircle/lifecircle/importers/ogr"
)

// readGIS reads the GIS file at path through importers/ogr: the layer (opts.Layer) is
// opened, checked against its CRS (crs.Plausible, in ogr.Open) and converted by GDAL to
// (lon, lat) GeoJSON, which the GeoJSON record path reads; name (the file's original
// name) is used in every message, so rejects read "x.shp feature 13".
func readGIS(ctx context.Context, kind Kind, path, name string, opts Options) (res *Result, err error) {
	defer guard.Recover(name, &err)
	spec, err := specFor(kind, opts)
	if err != nil {
		return nil, err
	}
	l, err := ogr.Open(ctx, path, ogr.Options{Layer: opts.Layer, CRS: opts.CRS, Encoding: opts.Encoding,
		MaxUnzipped: opts.MaxUnzipped, TempDir: opts.TempDir})
	if err != nil {
		return nil, err
	}
	defer l.Close()
	rc := l.GeoJSON(ctx)
	data, err := readCapped(name, rc, spec.limits.MaxFileBytes)
	rc.Close()
	if err != nil {
		return nil, err
	}
	spec.crs, spec.encoding = l.Output, "utf-8" // GDAL writes UTF-8 (lon, lat)
	if spec.crs == "" {
		spec.crs = crs.WGS84
	}
	gopts := opts
	gopts.CRS = crs.Ref{} // the layer's own warnings say what the datum shift is worth
	if res, err = readAs(ctx, spec, name, formatGeoJSON, data, gopts); err != nil {
		return nil, err
	}
	res.Format, res.CRS = l.Driver, l.CRS.String()
	if l.Encoding != "" {
		res.Encoding = l.Encoding
	}
	res.Warnings = append(l.Warnings(), res.Warnings...)
	return res, nil
}

// readGISBytes writes data to a temporary file named name (GDAL reads paths) and reads it
// with readGIS.
func readGISBytes(ctx context.Context, kind Kind, name string, data []byte, opts Options) (*Result, error) {
	dir, err := os.MkdirTemp(opts.TempDir, "lifecircle-gis-")
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "%s: cannot make a temporary folder", name)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, filepath.Base(name))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "%s: cannot write a temporary copy", name)
	}
	return readGIS(ctx, kind, path, name, opts)
}

// needsOGR reports whether a GeoJSON text must go through GDAL: it has a legacy "crs"
// member naming anything but WGS 84, or ref is a CRS the lon/lat readers cannot convert.
func needsOGR(data []byte, ref crs.Ref) bool {
	if _, legacy := ogr.LegacyCRS(data); legacy {
		return true
	}
	if ref.IsZero() {
		return false
	}
	_, ok := ref.LonLat()
	return !ok
}

// lonLatSystem returns the lon/lat system a CSV or XLSX file's coordinates in ref are
// converted from. A projected CRS, or lon/lat on another datum, is refused: those tables
// are read as lon/lat columns without PROJ.
func lonLatSystem(name, format string, ref crs.Ref) (crs.System, error) {
	if ref.IsZero() {
		return crs.WGS84, nil
	}
	if sys, ok := ref.LonLat(); ok {
		return sys, nil
	}
	return "", geo.Errorf(geo.EINVALID,
		"%s: --crs %s cannot be read from a %s table: its lon/lat columns are converted from wgs84, cgcs2000, gcj02 or bd09 only; for coordinates in metres or on another datum save the file as a GIS file (GeoPackage, Shapefile, or GeoJSON) in that CRS, which GDAL transforms",
		name, ref.Describe(), format)
}

// datumWarning returns what ref's datum shift is worth saying ("" when under a metre).
func datumWarning(ref crs.Ref) string {
	if ref.IsZero() {
		return ""
	}
	if s := ref.DatumShift(); s.Warn() {
		return s.Text
	}
	return ""
}

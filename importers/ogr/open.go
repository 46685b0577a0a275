package ogr

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// Options steer Open. The zero value reads the file's only layer in its own CRS, with the
// .dbf encoding the file states (or detected), zips capped at DefaultMaxUnzipped.
type Options struct {
	Layer       string     // the layer to read (FileGDB feature class, GeoPackage table, KML folder, shapefile of a zip or folder); "" when there is one
	CRS         crs.Ref    // overrides the file's CRS (a wrong or missing .prj); the zero Ref keeps the file's
	Encoding    string     // Shapefile .dbf text: "" or "auto" (the .cpg, the header's code page, else detected), "utf-8", "gbk", "gb18030"
	MaxUnzipped int64      // cap on a zip's total uncompressed size in bytes; 0 means DefaultMaxUnzipped
	Near        *orb.Point // where the district is, (lon, lat) WGS 84, when known: names the likely Gauss-Krüger zone in CRS errors
	TempDir     string     // where a zip is unpacked; "" means os.TempDir()
}

// Layer is one layer of a vector file, opened and checked, ready to stream. Close removes
// what Open unpacked.
type Layer struct {
	File      string     // the input's base name, used in every message
	Driver    string     // GDAL's driver, e.g. "ESRI Shapefile", "GPKG", "OpenFileGDB", "LIBKML"
	Name      string     // the layer's name
	Geometry  string     // GDAL's geometry type of the layer, e.g. "Polygon", "Multi Polygon", "Point"
	Count     int64      // features, as GDAL counts them; -1 when it cannot say
	Fields    []string   // attribute names, in the file's order
	SourceCRS SourceCRS  // the CRS the file states
	CRS       crs.Ref    // the CRS the coordinates are read in: Options.CRS, else the file's (zero when it has no EPSG code), else WGS 84
	Output    crs.System // the coordinates handed back: WGS84, or GCJ02/BD09 when CRS is one of those (PROJ knows neither: convert with crs.ToWGS84 or the importers' Options.CRS)
	Encoding  string     // Shapefile: the .dbf encoding used and how it was chosen; "" for other formats
	Extent    orb.Bound  // in the source CRS's units, (east, north) order
	WGS84     orb.Bound  // the extent in Output's lon/lat (WGS 84 unless Output is GCJ02/BD09)

	src      string   // the dataset GDAL opens
	shp      string   // the layer's .shp, "" when it is no Shapefile
	openOpts []string // GDAL open options (-oo …)
	srcSRS   string   // -s_srs for ogr2ogr, "" to use the file's
	tmp      string   // unpacked zip, removed by Close
	mu       sync.Mutex
	warnings []string
	fids     []int64
}

// Warnings returns what the caller should tell the person importing: a CRS assumed or
// overridden, a datum transformation that is only a ballpark, an encoding guessed,
// a layer chosen, GDAL's own warnings (those of a stream once it has ended).
func (l *Layer) Warnings() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.warnings...)
}

func (l *Layer) warn(w ...string) {
	l.mu.Lock()
	l.warnings = append(l.warnings, w...)
	l.mu.Unlock()
}

// Close removes the folder a zip was unpacked into. It is safe to call twice.
func (l *Layer) Close() error {
	if l.tmp == "" {
		return nil
	}
	err := os.RemoveAll(l.tmp)
	l.tmp = ""
	return err
}

// Open opens the vector file at path — a .shp, .gpkg, .gdb folder, .kml, .kmz, .geojson,
// or a .zip holding one of them (or several shapefiles) — reads its layer list, CRS,
// count, fields and extent with ogrinfo, checks a Shapefile's sidecars and encoding, and
// checks that the coordinates can be in the CRS (crs.Plausible). Errors are *geo.Error:
// EINVALID naming the file for anything wrong with it (several layers and none chosen
// lists them), EUNAVAILABLE when GDAL is missing or ctx is cancelled.
func Open(ctx context.Context, path string, opts Options) (*Layer, error) {
	if err := LookTools(); err != nil {
		return nil, err
	}
	l := &Layer{File: filepath.Base(path)}
	if err := l.open(ctx, path, opts); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

func (l *Layer) open(ctx context.Context, path string, opts Options) error {
	var err error
	if l.src, err = l.dataset(path, opts); err != nil {
		return err
	}
	info, err := l.chooseLayer(ctx, opts)
	if err != nil {
		return err
	}
	l.setInfo(info)
	return l.setCRS(ctx, opts)
}

// dataset returns what GDAL should open for path, unpacking a zip first.
func (l *Layer) dataset(path string, opts Options) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", geo.WrapError(geo.EINVALID, err, "cannot open %s", path)
	}
	if st.IsDir() || !strings.EqualFold(filepath.Ext(path), ".zip") {
		return path, nil
	}
	dir, err := os.MkdirTemp(opts.TempDir, "lifecircle-ogr-")
	if err != nil {
		return "", geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot make a folder to unpack it", l.File)
	}
	l.tmp = dir
	limit := opts.MaxUnzipped
	if limit <= 0 {
		limit = DefaultMaxUnzipped
	}
	if err := unzip(l.File, path, dir, limit); err != nil {
		return "", err
	}
	return findDataset(l.File, dir)
}

// datasetExts are the files (and folders, .gdb) in a zip that GDAL opens as datasets.
var datasetExts = map[string]bool{".shp": true, ".gdb": true, ".gpkg": true, ".kml": true, ".kmz": true, ".geojson": true, ".json": true, ".sqlite": true}

// findDataset finds the one dataset in an unpacked zip: a single file or .gdb folder, or
// the folder holding all of its shapefiles.
func findDataset(file, dir string) (string, error) {
	var found, shps []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && (name == "__MACOSX" || strings.HasPrefix(name, ".")) && p != dir {
			return filepath.SkipDir
		}
		ext := strings.ToLower(filepath.Ext(name))
		if !datasetExts[ext] || d.IsDir() != (ext == ".gdb") {
			return nil
		}
		found = append(found, p)
		if ext == ".shp" {
			shps = append(shps, p)
		}
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		return "", geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot list the unpacked zip", file)
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0:
		return "", geo.Errorf(geo.EINVALID, "%s: the zip holds no Shapefile (.shp), FileGDB (.gdb), GeoPackage, KML or GeoJSON", file)
	case len(shps) == len(found) && sameDir(shps):
		return filepath.Dir(shps[0]), nil
	}
	rel := make([]string, len(found))
	for i, f := range found {
		rel[i], _ = filepath.Rel(dir, f)
	}
	return "", geo.Errorf(geo.EINVALID, "%s: the zip holds several datasets (%s): send one per zip", file, strings.Join(rel, ", "))
}

func sameDir(paths []string) bool {
	for _, p := range paths {
		if filepath.Dir(p) != filepath.Dir(paths[0]) {
			return false
		}
	}
	return true
}

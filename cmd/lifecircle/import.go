package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// importFlags are the options shared by the file importers.
type importFlags struct {
	crs         string
	mode        string
	encoding    string
	sheet       string
	skipInvalid bool
	rejects     string
	repair      bool
	strict      bool
	fieldVals   map[string]*string
	extraFields map[string]string
	layer       string
	maxUnzipped int64
	unmapped    string
}

// fieldFlags are the per-field overrides offered as their own flags; --field key=column
// covers the rest.
var fieldFlags = []struct{ key, help string }{
	{"id", "column/property with the record's id (default: id, code, 编号 …)"},
	{"name", "column/property with the name (default: name, 名称 …)"},
	{"lon", "longitude column (default: lon, lng, longitude, x, 经度)"},
	{"lat", "latitude column (default: lat, latitude, y, 纬度)"},
	{"level", "station level column (default: level, 级别, 层级, 类型)"},
	{"category", "outlet category column (default: category, type, 类型, 类别, 业态)"},
	{"households", "households column (default: households, 户数)"},
	{"population", "population column (default: population, 人口, 常住人口)"},
}

func newImportCmd(cfg *Config) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Load a district's files into the database",
		Long: `import loads one file into the region --region names, in one transaction: either
every record goes in, or (on the first bad record) nothing changes and the error names
the file, the record and what is wrong. With --skip-invalid the good records go in and the bad ones
are written to a CSV report.

Files: CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 as Excel saves it in China), XLSX,
GeoJSON, and GIS files read through GDAL (Shapefile or a zip of one, GeoPackage, FileGDB,
KML/KMZ, GeoJSON with a "crs" member); OpenStreetMap .osm.pbf or .osm for the walk
network. Coordinates may be WGS84, GCJ-02 (Amap, Tencent), BD-09 (Baidu), CGCS2000 or any
EPSG code (GIS files): say which with --crs; they are stored as WGS84.`,
	}
	for _, k := range []importers.Kind{importers.KindDistricts, importers.KindStreets, "communities", "stations", "outlets", "compounds", importers.KindGrids} {
		cmd.AddCommand(newFileImportCmd(cfg, k))
	}
	cmd.AddCommand(newOSMImportCmd(cfg), newPopulationImportCmd(cfg))
	return cmd
}

func newFileImportCmd(cfg *Config, kind importers.Kind) *cobra.Command {
	fl := &importFlags{fieldVals: map[string]*string{}}
	c := &cobra.Command{
		Use:     string(kind) + " FILE",
		Short:   "Import " + string(kind) + " from CSV, XLSX or GeoJSON",
		Example: importExample(kind),
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFileImport(cmd.Context(), cfg, kind, args[0], fl, cmd.OutOrStdout())
		},
	}
	f := c.Flags()
	f.StringVar(&fl.crs, "crs", "", "coordinate system of the file: wgs84, gcj02 (Amap/Tencent), bd09 (Baidu), cgcs2000, beijing54, xian80, EPSG:N (default: a GIS file's own, else wgs84)")
	f.StringVar(&fl.layer, "layer", "", "GIS files: the layer to read when there are several (GeoPackage table, FileGDB feature class, KML folder, shapefile in a zip)")
	f.Int64Var(&fl.maxUnzipped, "max-unzipped", 0, "GIS files: cap on a zip's uncompressed size in bytes (default 0: the built-in cap)")
	f.StringVar(&fl.mode, "mode", "replace", "replace: the file replaces the region's earlier imported "+string(kind)+"; upsert: add new, update existing")
	f.StringVar(&fl.encoding, "encoding", "auto", "text encoding of CSV files: auto, utf-8, gbk or gb18030")
	f.StringVar(&fl.sheet, "sheet", "", "XLSX sheet to read (default: the first)")
	f.BoolVar(&fl.skipInvalid, "skip-invalid", false, "load the good records and write the bad ones to a CSV report instead of failing")
	f.StringVar(&fl.rejects, "rejects", "", "where --skip-invalid writes bad records (default: FILE.rejects.csv)")
	f.BoolVar(&fl.repair, "repair", false, "repair self-intersecting polygons with ST_MakeValid instead of rejecting them")
	if kind == importers.KindOutlets {
		f.StringVar(&fl.unmapped, "unmapped", "", "Amap/Baidu/Tencent POI exports: write the POIs whose type maps to no category to this CSV")
	}
	addUnitFlags(c, kind, fl)
	for _, ff := range fieldFlags {
		fl.fieldVals[ff.key] = f.String(ff.key+"-field", "", ff.help)
	}
	f.StringToStringVar(&fl.extraFields, "field", nil, "other field overrides as key=column, e.g. --field workers=社工人数")
	return c
}

func importExample(kind importers.Kind) string {
	switch kind {
	case importers.KindDistricts, importers.KindStreets:
		return unitExample(kind)
	case "stations":
		return `  lifecircle import stations stations.xlsx --crs gcj02
  lifecircle import stations 党群服务站.csv --encoding gbk --level-field 站点级别 --skip-invalid`
	case "outlets":
		return `  lifecircle import outlets outlets.csv --crs bd09 --category-field 业态`
	case "communities":
		return `  lifecircle import communities communities.geojson --repair
  lifecircle import communities 社区名录.csv --mode upsert`
	}
	if kind == importers.KindGrids {
		return gridExample
	}
	return "  lifecircle import compounds compounds.geojson --households-field 总户数"
}

// fields returns the field overrides given on the command line.
func (fl *importFlags) fields() map[string]string {
	out := map[string]string{}
	for k, v := range fl.extraFields {
		out[k] = v
	}
	for k, v := range fl.fieldVals {
		if *v != "" {
			out[k] = *v
		}
	}
	return out
}

// request turns the flags into an import of the file at path.
func (fl *importFlags) request(cfg *Config, kind importers.Kind, path string) (district.ImportRequest, error) {
	ref, err := crs.ParseRef(fl.crs)
	if err != nil {
		return district.ImportRequest{}, err
	}
	mode := geo.ImportMode(strings.ToLower(fl.mode))
	if !mode.Valid() {
		return district.ImportRequest{}, geo.Errorf(geo.EINVALID, "--mode %q: use replace or upsert", fl.mode)
	}
	req := district.ImportRequest{Kind: kind, Path: path, Mode: mode, SkipInvalid: fl.skipInvalid, Strict: fl.strict,
		Read: importers.Options{CRS: ref, Encoding: fl.encoding, Fields: fl.fields(), Sheet: fl.sheet, Repair: fl.repair,
			Layer: fl.layer, MaxUnzipped: fl.maxUnzipped}}
	if kind == importers.KindOutlets {
		if req.Read.Categories, err = cfg.Categories(); err != nil {
			return req, err
		}
	}
	return req, nil
}

// runFileImport reads and checks the file, writes its rejects report under
// --skip-invalid, then stores it: the database is opened only for a file worth storing.
func runFileImport(ctx context.Context, cfg *Config, kind importers.Kind, path string, fl *importFlags, out io.Writer) error {
	req, err := fl.request(cfg, kind, path)
	if err != nil {
		return err
	}
	report, finish := cfg.progress("reading "+filepath.Base(path), "bytes")
	req.Read.Progress = report
	var storeDone func()
	req.Progress, storeDone = cfg.phases("storing "+filepath.Base(path)+": ", "")
	p, err := district.Prepare(ctx, req)
	finish()
	if err != nil {
		return importError(err)
	}
	printWarnings(out, p.Batch.FileName, p.Result.Warnings)
	if err := reportUnmapped(p.Result, fl.unmapped, out); err != nil {
		return err
	}
	if err := writeRejects(cfg, p.Rejects(), fl, path, out); err != nil {
		return err
	}
	s, err := cfg.storeImport(ctx, out, func(db *postgis.DB) (geo.ImportSummary, error) { return p.Store(ctx, db) })
	storeDone()
	if err != nil {
		return err
	}
	fmt.Fprint(out, cfg.say("%s: read %d, inserted %d, updated %d, replaced %d, rejected %d (batch %d)\n",
		p.Batch.FileName, s.Read, s.Inserted, s.Updated, s.Deleted, s.Rejected, s.BatchID))
	printUnitSummary(out, p, s)
	if s.ReplacedCandidates > 0 {
		fmt.Fprintf(out, "%s: replaced %d candidate station(s) from OpenStreetMap within %d m of one of its stations of the same level\n",
			p.Batch.FileName, s.ReplacedCandidates, geo.CandidateReplaceM)
	}
	return nil
}

// printWarnings prints what the person importing should know, one line each.
func printWarnings(out io.Writer, file string, warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(out, "%s: warning: %s\n", file, w)
	}
}

// reportUnmapped says how many POIs of an export map to no category, by type (the ten
// most frequent), and writes them to dest when given.
func reportUnmapped(res *importers.Result, dest string, out io.Writer) error {
	if res.POIService == "" {
		return nil
	}
	fmt.Fprintf(out, "%s: %s POI export, %d POIs mapped to categories, %d of no category\n", res.File, res.POIService, len(res.Outlets), len(res.Unmapped))
	types, counts := importers.UnmappedByType(res.Unmapped)
	for i, t := range types {
		if i == 10 {
			fmt.Fprintf(out, "  … and %d more types\n", len(types)-10)
			break
		}
		fmt.Fprintf(out, "  %6d  %s\n", counts[i], t)
	}
	if dest == "" || len(res.Unmapped) == 0 {
		if len(res.Unmapped) > 0 {
			fmt.Fprintln(out, "  (--unmapped FILE lists them)")
		}
		return nil
	}
	f, err := os.Create(dest)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "--unmapped")
	}
	defer f.Close()
	if err := importers.WriteUnmapped(f, res.Unmapped); err != nil {
		return err
	}
	fmt.Fprintf(out, "%d unmapped POI(s) written to %s\n", len(res.Unmapped), dest)
	return f.Close()
}

// importError words a file refused for its bad records for the command line: the first
// one, how many more, and the flag that loads the good ones. Other errors pass as they are.
func importError(err error) error {
	var rej *district.RejectedError
	if !errors.As(err, &rej) {
		return err
	}
	more := ""
	if n := len(rej.Rejects) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more bad record(s); --skip-invalid loads the good ones and reports the rest)", n)
	}
	return geo.Errorf(geo.EINVALID, "%s%s; nothing was imported", rej.Rejects[0].String(), more)
}

// writeRejects writes the records --skip-invalid left out to a CSV report (default
// FILE.rejects.csv) and says so; nothing when there are none.
func writeRejects(cfg *Config, rejects []importers.Reject, fl *importFlags, path string, out io.Writer) error {
	if len(rejects) == 0 {
		return nil
	}
	dest := fl.rejects
	if dest == "" {
		dest = path + ".rejects.csv"
	}
	f, err := os.Create(dest)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "rejects report")
	}
	defer f.Close()
	if err := importers.WriteRejects(f, rejects); err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "write rejects report %s", dest)
	}
	fmt.Fprint(out, cfg.say("%d bad record(s) left out, listed in %s\n", len(rejects), dest))
	return f.Close()
}

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/api"
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
	fieldVals   map[string]*string
	extraFields map[string]string
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
		Long: `import loads one file into the database in one transaction: either every record goes
in, or (on the first bad record) nothing changes and the error names the file, the
record and what is wrong. With --skip-invalid the good records go in and the bad ones
are written to a CSV report.

Files: CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 as Excel saves it in China), XLSX, and
GeoJSON; OpenStreetMap .osm.pbf or .osm for the walk network. Coordinates may be WGS84,
GCJ-02 (Amap, Tencent) or BD-09 (Baidu): say which with --crs; they are stored as WGS84.`,
	}
	for _, k := range []importers.Kind{"communities", "stations", "outlets", "compounds"} {
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
	f.StringVar(&fl.crs, "crs", "wgs84", "coordinate system of the file: wgs84, gcj02 (Amap/Tencent) or bd09 (Baidu)")
	f.StringVar(&fl.mode, "mode", "replace", "replace: the file replaces earlier imported "+string(kind)+"; upsert: add new, update existing")
	f.StringVar(&fl.encoding, "encoding", "auto", "text encoding of CSV files: auto, utf-8, gbk or gb18030")
	f.StringVar(&fl.sheet, "sheet", "", "XLSX sheet to read (default: the first)")
	f.BoolVar(&fl.skipInvalid, "skip-invalid", false, "load the good records and write the bad ones to a CSV report instead of failing")
	f.StringVar(&fl.rejects, "rejects", "", "where --skip-invalid writes bad records (default: FILE.rejects.csv)")
	f.BoolVar(&fl.repair, "repair", false, "repair self-intersecting polygons with ST_MakeValid instead of rejecting them")
	for _, ff := range fieldFlags {
		fl.fieldVals[ff.key] = f.String(ff.key+"-field", "", ff.help)
	}
	f.StringToStringVar(&fl.extraFields, "field", nil, "other field overrides as key=column, e.g. --field workers=社工人数")
	return c
}

func importExample(kind importers.Kind) string {
	switch kind {
	case "stations":
		return `  lifecircle import stations stations.xlsx --crs gcj02
  lifecircle import stations 党群服务站.csv --encoding gbk --level-field 站点级别 --skip-invalid`
	case "outlets":
		return `  lifecircle import outlets outlets.csv --crs bd09 --category-field 业态`
	case "communities":
		return `  lifecircle import communities communities.geojson --repair
  lifecircle import communities 社区名录.csv --mode upsert`
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

func (fl *importFlags) options(cfg *Config, kind importers.Kind) (importers.Options, postgis.Mode, error) {
	sys, err := crs.Parse(fl.crs)
	if err != nil {
		return importers.Options{}, "", err
	}
	mode := postgis.Mode(strings.ToLower(fl.mode))
	if mode != postgis.ModeReplace && mode != postgis.ModeUpsert {
		return importers.Options{}, "", geo.Errorf(geo.EINVALID, "--mode %q: use replace or upsert", fl.mode)
	}
	opts := importers.Options{CRS: sys, Encoding: fl.encoding, Fields: fl.fields(), Sheet: fl.sheet, Repair: fl.repair}
	if kind == "outlets" {
		if opts.Categories, err = cfg.Categories(); err != nil {
			return opts, "", err
		}
	}
	return opts, mode, nil
}

func runFileImport(ctx context.Context, cfg *Config, kind importers.Kind, path string, fl *importFlags, out io.Writer) error {
	opts, mode, err := fl.options(cfg, kind)
	if err != nil {
		return err
	}
	sum, err := fileSHA256(path)
	if err != nil {
		return err
	}
	report, finish := cfg.progress("reading "+filepath.Base(path), "bytes")
	opts.Progress = report
	res, err := importers.ReadFile(ctx, kind, path, opts)
	finish()
	if err != nil {
		return err
	}
	if err := handleRejects(res, fl, path, out); err != nil {
		return err
	}
	db, err := cfg.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	b := postgis.Batch{Kind: string(kind), FileName: filepath.Base(path), SHA256: sum, CRS: string(opts.CRS),
		Mode: mode, Read: res.Read, Rejected: len(res.Rejects)}
	s, err := api.StoreImport(ctx, db, kind, b, res, fl.repair)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: read %d, inserted %d, updated %d, replaced %d, rejected %d (batch %d)\n",
		filepath.Base(path), s.Read, s.Inserted, s.Updated, s.Deleted, s.Rejected, s.BatchID)
	return nil
}

// handleRejects fails the import on the first bad record, or with --skip-invalid writes
// them all to a CSV report and lets the good ones through.
func handleRejects(res *importers.Result, fl *importFlags, path string, out io.Writer) error {
	if len(res.Rejects) == 0 {
		return nil
	}
	if !fl.skipInvalid {
		more := ""
		if n := len(res.Rejects) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more bad record(s); --skip-invalid loads the good ones and reports the rest)", n)
		}
		return geo.Errorf(geo.EINVALID, "%s%s; nothing was imported", res.Rejects[0].String(), more)
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
	if err := importers.WriteRejects(f, res.Rejects); err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "write rejects report %s", dest)
	}
	fmt.Fprintf(out, "%d bad record(s) left out, listed in %s\n", len(res.Rejects), dest)
	return f.Close()
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", geo.WrapError(geo.EINVALID, err, "open %s", path)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", geo.WrapError(geo.EINVALID, err, "read %s", path)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

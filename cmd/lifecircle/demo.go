package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// demoFlags control `lifecircle demo`.
type demoFlags struct {
	osm   string
	serve bool
	addr  string
	computeFlags
}

func newDemoCmd(cfg *Config) *cobra.Command {
	f := &demoFlags{}
	cmd := modelCmd(&cobra.Command{
		Use:   "demo",
		Short: "Set up a database from the bundled real OSM extract, compute coverage and serve the map",
		Long: `demo runs the whole job on real data: it migrates the database, imports the bundled
OpenStreetMap extract of central Chengdu (© OpenStreetMap contributors, ODbL) and the DataV
boundaries of its five districts (import district --crs gcj02: the study area), or
--osm FILE alone, derives neighbourhood units from the major roads where no community
boundaries came from a file,
adds an illustrative station layer in the five levels (named 示例…, source=illustrative)
where no stations were imported, computes coverage and starts the server.

It works on one region (--region, else the default region "default"): it replaces what
earlier demos stored in that region, and leaves rows imported from your own files and
every other region alone.`,
		Example: "  lifecircle demo\n  lifecircle demo --osm my-city.osm.pbf --addr :8080",
	}, &f.computeFlags, func(cmd *cobra.Command) error { return runDemo(cmd, cfg, f) })
	cmd.Flags().StringVar(&f.osm, "osm", "", "OpenStreetMap extract to use instead of the bundled one (.osm.pbf, .osm, .osm.bz2)")
	cmd.Flags().BoolVar(&f.serve, "serve", true, "start the server when done")
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to serve on (:8080 for every interface)")
	return cmd
}

func runDemo(cmd *cobra.Command, cfg *Config, f *demoFlags) error {
	ctx, out := cmd.Context(), cmd.OutOrStdout()
	start := time.Now()
	// The demo works on its region, --region's or else the default region, even when the
	// database holds others: it is what the demo fills, not a region to choose.
	cfg.RegionNamed = true
	fmt.Fprint(out, cfg.say("demo in region %s\n", cfg.Region))
	err := cfg.withDB(ctx, func(db *postgis.DB) error {
		if _, err := db.Migrate(ctx); err != nil {
			return err
		}
		files, cleanup, err := district.WriteDemoFiles(f.osm)
		if err != nil {
			return err
		}
		defer cleanup()
		if files.Districts != "" {
			fmt.Fprintf(out, "1/4 importing the districts, then %s\n", filepath.Base(files.OSM))
		} else {
			fmt.Fprintf(out, "1/4 importing %s\n", filepath.Base(files.OSM))
		}
		if err := demoImport(ctx, cfg, files, out); err != nil {
			return err
		}
		fmt.Fprintln(out, "2/4 neighbourhood units and stations")
		return demoLayers(ctx, db, out)
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "3/4 computing coverage")
	if err := runCompute(cmd, cfg, &f.computeFlags); err != nil {
		return err
	}
	fmt.Fprintf(out, "ready in %.0fs. Map data © OpenStreetMap contributors (ODbL).\n", time.Since(start).Seconds())
	if !f.serve {
		return nil
	}
	fmt.Fprintln(out, "4/4 serving")
	return demoServe(cmd, cfg, f)
}

// demoImport imports the district boundaries the way a user would (`import district FILE
// --crs gcj02`): they become the study area; then the extract, whose outlets and
// candidates outside them it leaves to the neighbouring regions.
func demoImport(ctx context.Context, cfg *Config, files district.DemoFiles, out io.Writer) error {
	if files.Districts != "" {
		fl := &importFlags{crs: "gcj02", mode: string(geo.ModeReplace), encoding: "auto"}
		if err := runFileImport(ctx, cfg, importers.KindDistricts, files.Districts, fl, out); err != nil {
			return err
		}
	}
	return runOSMImport(ctx, cfg, files.OSM, out)
}

// demoLayers derives what the extract lacks (district.DeriveDemoLayers) and says what it
// did, also when it stopped on an error.
func demoLayers(ctx context.Context, db *postgis.DB, out io.Writer) error {
	d, err := district.DeriveDemoLayers(ctx, db)
	if d.OSMAreasRemoved > 0 {
		fmt.Fprintf(out, "   %d OSM administrative areas give way to derived neighbourhood units\n", d.OSMAreasRemoved)
	}
	if d.DerivedUnits {
		fmt.Fprintf(out, "   derived %d neighbourhood units in %d streets (邻里单元: land between major roads)\n", d.Units, d.Streets)
	}
	if d.BlocksOutside > 0 {
		fmt.Fprintf(out, "   left out %d blocks of land outside the imported districts\n", d.BlocksOutside)
	}
	switch {
	case err != nil:
	case d.StationsKept > 0:
		fmt.Fprintf(out, "   using your %d imported stations\n", d.StationsKept)
	default:
		fmt.Fprintf(out, "   added %d illustrative stations (示例, source=illustrative: not real data)\n", d.Illustrative)
	}
	return err
}

// demoServe starts the server on the demo district and says where to look.
func demoServe(cmd *cobra.Command, cfg *Config, f *demoFlags) error {
	host := f.addr
	if strings.HasPrefix(host, ":") {
		host = "localhost" + host
	}
	fmt.Fprintf(cmd.OutOrStdout(), "open http://%s/ for the map, http://%s/api/docs for the API (Ctrl-C stops)\n", host, host)
	return runServe(cmd, cfg, &serveFlags{model: f.computeFlags, addr: f.addr, requestTimeout: 30 * time.Second, planTimeout: 60 * time.Second})
}

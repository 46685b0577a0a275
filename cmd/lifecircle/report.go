package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/report"
	"github.com/spf13/cobra"
)

// osmAttribution is the licence line every output built on OpenStreetMap data carries.
const osmAttribution = "Map data © OpenStreetMap contributors (ODbL)"

// reportPDFTimeout bounds Chromium's printing.
const reportPDFTimeout = 2 * time.Minute

// reportFlags control `lifecircle report network`.
type reportFlags struct {
	formats string
	out     string
	title   string
	pdf     bool
	circles []string // keys of named service circles to add to the coverage table
	computeFlags
}

func newReportCmd(cfg *Config) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write printable reports",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newReportNetworkCmd(cfg))
	return cmd
}

func newReportNetworkCmd(cfg *Config) *cobra.Command {
	f := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "network",
		Short: "Write the \"1+11+N+X\" station network report (HTML, CSV, GeoJSON, PDF)",
		Long: `network loads the region's district (--region), computes walk-time coverage (as compute
does, without writing it back) and writes the party-mass service network report into --out:

  html     network-report.html: one self-contained, printable (A4) page with the
           summary, the network per street, coverage tables and charts, gaps, standards
           compliance, the compounds each level reaches, the shared-centre groups
           (多社区一中心: community centres, 15 minutes, 80 %, up to 4; see plan
           shared-centres), the service floor area and staff within 15 minutes' walk
           per street and community (2SFCA, as GET /api/v1/supply) with a per-cell map,
           the grids with a grid map when grids are imported, and the network and
           walk-time maps (inline SVG; nothing is fetched from the network)
  csv      network-streets.csv, coverage-communities.csv, gaps.csv, standards.csv,
           supply.csv
           (UTF-8 with BOM, so Excel opens them)
  geojson  stations.geojson, communities-coverage.geojson, gaps.geojson (WGS84)

--pdf (or --format pdf) also prints network-report.pdf with headless Chromium when it is
installed. Coverage tables use --thresholds (whole minutes); maps and gaps use 15 minutes.`,
		Example: "  lifecircle report network --out report\n  lifecircle report network --format csv --lang en --out /tmp/r\n  lifecircle report network --pdf --title \"庐阳区党群服务网络\" --out report",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReportNetwork(cmd, cfg, f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.formats, "format", "html,csv,geojson", "what to write: html, csv, geojson, pdf (the HTML printed), or several separated by commas")
	fs.StringVar(&f.out, "out", "report", "directory to write into (created when missing)")
	fs.StringVar(&f.title, "title", "", "report title (default: a generic title in the report's language)")
	fs.BoolVar(&f.pdf, "pdf", false, "also print the HTML report to PDF with headless Chromium")
	fs.StringSliceVar(&f.circles, "circle", nil, "named service circles (keys of --circles, e.g. health_15min) to add to the coverage table")
	f.computeFlags.bind(cmd)
	return cmd
}

// reportFormats reads --format and --pdf into a set of html, csv, geojson and pdf (which
// needs the HTML).
func reportFormats(s string, pdf bool) (map[string]bool, error) {
	set := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		switch p := strings.ToLower(strings.TrimSpace(part)); p {
		case "html", "csv", "geojson", "pdf":
			set[p] = true
		case "all":
			set["html"], set["csv"], set["geojson"] = true, true, true
		case "":
		default:
			return nil, geo.Errorf(geo.EINVALID, "--format %q: %q is not html, csv, geojson or pdf", s, part)
		}
	}
	if pdf || set["pdf"] {
		set["html"], set["pdf"] = true, true
	}
	if len(set) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "--format is empty: give html, csv or geojson")
	}
	return set, nil
}

func runReportNetwork(cmd *cobra.Command, cfg *Config, f *reportFlags) error {
	ctx, out := cmd.Context(), cmd.OutOrStdout()
	formats, err := reportFormats(f.formats, f.pdf)
	if err != nil {
		return err
	}
	in, err := reportInput(ctx, cfg, f, out)
	if err != nil {
		return err
	}
	in.Lang, in.Title, in.Generated = cfg.Lang, f.title, time.Now() // --lang, a global flag
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return geo.WrapError(geo.EINVALID, err, "cannot create the output directory %s", f.out)
	}
	paths, err := writeReport(f.out, in, formats)
	for _, p := range paths {
		fmt.Fprint(out, cfg.say("wrote %s\n", p))
	}
	if err != nil {
		return err
	}
	if formats["pdf"] {
		reportPDF(ctx, cfg, out, filepath.Join(f.out, report.HTMLFile), filepath.Join(f.out, report.PDFFile))
	}
	return nil
}

// writeReport writes the chosen formats into dir and returns the paths written.
func writeReport(dir string, in report.Input, formats map[string]bool) ([]string, error) {
	var paths []string
	if formats["html"] {
		p, err := report.HTMLTo(dir, in)
		if err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	writers := []struct {
		format string
		write  func(string, report.Input) ([]string, error)
	}{{"csv", report.CSV}, {"geojson", report.GeoJSON}}
	for _, w := range writers {
		if !formats[w.format] {
			continue
		}
		ps, err := w.write(dir, in)
		paths = append(paths, ps...)
		if err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// reportPDF prints the HTML report when Chromium is installed, and says why not
// otherwise: the HTML stands on its own, so a missing printer is not a failure.
func reportPDF(ctx context.Context, cfg *Config, out io.Writer, htmlPath, pdfPath string) {
	chromium, err := report.FindChromium()
	if err != nil {
		fmt.Fprint(out, cfg.say("no PDF: %s\n", geo.ErrorMessage(err)))
		return
	}
	ctx, cancel := context.WithTimeout(ctx, reportPDFTimeout)
	defer cancel()
	if err := report.PDF(ctx, chromium, htmlPath, pdfPath); err != nil {
		fmt.Fprint(out, cfg.say("no PDF: %s\n", geo.ErrorMessage(err)))
		return
	}
	fmt.Fprint(out, cfg.say("wrote %s\n", pdfPath))
}

// reportInput loads and computes the district and collects the report's figures.
func reportInput(ctx context.Context, cfg *Config, f *reportFlags, out io.Writer) (report.Input, error) {
	rules, err := cfg.Standards()
	if err != nil {
		return report.Input{}, err
	}
	cats, err := cfg.Categories()
	if err != nil {
		return report.Input{}, err
	}
	circles, err := reportCircles(cfg, f.circles)
	if err != nil {
		return report.Input{}, err
	}
	var in report.Input
	err = cfg.withRegionModel(ctx, out, &f.computeFlags, func(db *postgis.DB, opts engine.Options) error {
		src := &osmWatch{Source: db}
		c, err := district.Compute(ctx, src, opts)
		if err != nil {
			return err
		}
		e := c.Engine
		shared := siting.SharedRequest{Level: geo.LevelCommunity, Minutes: min(15, opts.MaxMinutes), MinShare: siting.DefaultMinShare, MaxGroup: siting.DefaultMaxGroup}
		if in, err = report.Collect(e, report.CollectOptions{Rules: rules, Minutes: opts.ThresholdsMin, Shared: &shared, Circles: circles}); err != nil {
			return err
		}
		ch, err := district.CheckEngine(ctx, db, e, health.Options{Standards: rules})
		if err != nil {
			return err
		}
		in.Findings, in.Checked = ch.Findings, true
		in.Categories = cats
		if src.fromOSM || usesOSM(e) {
			in.Attribution = osmAttribution
		}
		return nil
	})
	return in, err
}

// osmWatch is a Source that notes whether the walk network came from OpenStreetMap.
type osmWatch struct {
	engine.Source
	fromOSM bool
}

// LoadNetwork reads the network and notes any edge carrying an OSM way ID.
func (s *osmWatch) LoadNetwork(ctx context.Context) ([]geo.WalkNode, []geo.WalkEdge, error) {
	nodes, edges, err := s.Source.LoadNetwork(ctx)
	for _, e := range edges {
		if e.OSMWayID != 0 {
			s.fromOSM = true
			break
		}
	}
	return nodes, edges, err
}

// usesOSM reports whether any station, outlet or community of the district came from
// OpenStreetMap.
func usesOSM(e *engine.Engine) bool {
	for _, s := range e.Stations {
		if s.Source == "osm" {
			return true
		}
	}
	for _, o := range e.Outlets {
		if o.Source == "osm" {
			return true
		}
	}
	for _, c := range e.Communities {
		if c.Source == "osm" {
			return true
		}
	}
	return false
}

// reportCircles resolves --circle keys in the circle file; an unknown key is EINVALID
// naming the known ones.
func reportCircles(cfg *Config, keys []string) ([]assess.Circle, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	f, err := cfg.Circles()
	if err != nil {
		return nil, err
	}
	out := make([]assess.Circle, 0, len(keys))
	for _, k := range keys {
		c, ok, known := district.FindCircle(f, strings.TrimSpace(k))
		if !ok {
			return nil, geo.Errorf(geo.EINVALID, "--circle %q: unknown circle (known: %s)", k, strings.Join(known, ", "))
		}
		out = append(out, c)
	}
	return out, nil
}

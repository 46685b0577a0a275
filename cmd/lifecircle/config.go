package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/report"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// defaultDatabaseURL is the local PostgreSQL over its Unix socket, database lifecircle,
// connecting as the current operating-system user.
const defaultDatabaseURL = "host=/var/run/postgresql dbname=lifecircle"

// Config is everything a command needs, built once from flags and the environment and
// passed down; nothing reads flags or the environment after this.
type Config struct {
	DatabaseURL    string
	CategoriesFile string // "" = the bundled data/categories.json
	StandardsFile  string // "" = the bundled GB 50180-2018 rules
	CirclesFile    string // "" = the bundled data/circles.json
	Walk           geo.WalkModel
	Pool           postgis.PoolOptions
	LogJSON        bool
	Verbose        bool
	Lang           string // summaries and reports: "zh" (default) or "en"
	// Region is the region the command works on: --region, else $LIFECIRCLE_REGION, else
	// geo.DefaultRegion; RegionNamed says it was named (flag or environment), not defaulted.
	Region      geo.Region
	RegionNamed bool
	regionFlag  string

	Log        *slog.Logger
	Terminal   bool // stderr is a terminal: show progress bars rather than log lines
	categories *geo.Categories
}

func (c *Config) bindGlobal(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.StringVar(&c.DatabaseURL, "db", "", "PostgreSQL URL (default $DATABASE_URL, else the local server's database \"lifecircle\")")
	f.StringVar(&c.CategoriesFile, "categories", "", "outlet category file (JSON; default: the bundled data/categories.json)")
	f.StringVar(&c.StandardsFile, "standards", "", "planning standards file (JSON; default: the bundled GB 50180-2018 rules)")
	f.StringVar(&c.CirclesFile, "circles", "", "named service circle file (JSON; default: the bundled data/circles.json)")
	f.BoolVar(&c.LogJSON, "log-json", false, "write logs as JSON lines")
	f.BoolVarP(&c.Verbose, "verbose", "v", false, "log debug detail")
	f.StringVar(&c.regionFlag, "region", "", "the region to work on: a 6-digit division code (510104) or a study-area name (default $LIFECIRCLE_REGION, else \"default\")")
	f.StringVar(&c.Lang, "lang", langZH, "language of the summaries and reports: zh (中文) or en (logs and errors stay English)")
	c.Pool = postgis.DefaultPoolOptions()
	f.DurationVar(&c.Pool.StatementTimeout, "statement-timeout", c.Pool.StatementTimeout, "cancel any one database statement that runs longer (negative: no limit)")
	f.DurationVar(&c.Pool.IdleInTxTimeout, "idle-tx-timeout", c.Pool.IdleInTxTimeout, "end a database session left idle inside a transaction this long (negative: no limit)")
	f.DurationVar(&c.Pool.LockTimeout, "lock-timeout", c.Pool.LockTimeout, "how long an import or compute waits for another of its kind before failing")
	c.Walk = geo.DefaultWalkModel()
	f.Float64Var(&c.Walk.SpeedKmh, "speed-kmh", c.Walk.SpeedKmh, "walking speed in km/h")
	f.Float64Var(&c.Walk.StepsFactor, "steps-factor", c.Walk.StepsFactor, "how many times longer steps take to walk")
	f.Float64Var(&c.Walk.MaxSnapM, "max-snap-m", c.Walk.MaxSnapM, "a point farther than this (metres) from any walkable way is off-network")
}

// finish completes the configuration after flag parsing.
func (c *Config) finish(cmd *cobra.Command) error {
	if err := c.finishRegion(cmd); err != nil {
		return err
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = os.Getenv("DATABASE_URL")
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = defaultDatabaseURL
	}
	level := slog.LevelInfo
	if c.Verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.LogJSON {
		c.Log = slog.New(slog.NewJSONHandler(os.Stderr, opts))
	} else {
		c.Log = slog.New(slog.NewTextHandler(os.Stderr, opts))
	}
	c.Terminal = term.IsTerminal(int(os.Stderr.Fd()))
	lang, err := report.CheckLang(c.Lang)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "--lang")
	}
	c.Lang = lang
	return c.Walk.Validate()
}

// regionEnv is the environment variable naming the region when --region does not.
const regionEnv = "LIFECIRCLE_REGION"

// finishRegion reads the region from --region, else $LIFECIRCLE_REGION, else
// geo.DefaultRegion; a malformed one is EINVALID naming where it came from.
func (c *Config) finishRegion(cmd *cobra.Command) error {
	raw, from := os.Getenv(regionEnv), "$"+regionEnv
	if f := cmd.Flag("region"); f != nil && f.Changed {
		raw, from = c.regionFlag, "--region"
	}
	r, err := geo.ParseRegion(raw)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s", from)
	}
	c.Region, c.RegionNamed = r, strings.TrimSpace(raw) != ""
	return nil
}

// Categories loads the outlet categories once.
func (c *Config) Categories() (*geo.Categories, error) {
	if c.categories != nil {
		return c.categories, nil
	}
	b := data.Categories()
	if c.CategoriesFile != "" {
		var err error
		if b, err = os.ReadFile(c.CategoriesFile); err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "category file")
		}
	}
	cats, err := geo.ParseCategories(b)
	if err != nil {
		return nil, err
	}
	c.categories = cats
	return cats, nil
}

// Circles loads the named service circles, checked against the categories.
func (c *Config) Circles() (*data.CircleFile, error) {
	cats, err := c.Categories()
	if err != nil {
		return nil, err
	}
	return district.LoadCircles(c.CirclesFile, cats)
}

// Standards loads the planning standards: --standards FILE, else the bundled
// GB 50180-2018 rules (data/standards).
func (c *Config) Standards() (*standards.Rules, error) {
	b := data.Standards()
	if c.StandardsFile != "" {
		var err error
		if b, err = os.ReadFile(c.StandardsFile); err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "standards file")
		}
	}
	return standards.Parse(b)
}

// StationRules parses the bundled station rules (data/stations.json): which OpenStreetMap
// names make a station candidate.
func (c *Config) StationRules() (*osmimport.StationRules, error) {
	return osmimport.ParseStationRules(data.Stations())
}

// OpenDB connects to the configured database.
func (c *Config) OpenDB(ctx context.Context) (*postgis.DB, error) {
	return postgis.OpenWith(ctx, c.DatabaseURL, c.Pool)
}

// withDB opens the configured database scoped to the configured region (c.Region, as
// named or defaulted: no choosing), runs fn on it and closes it again: the frame of
// migrate, bench and the demo's own steps.
func (c *Config) withDB(ctx context.Context, fn func(*postgis.DB) error) error {
	db, err := c.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db.InRegion(c.Region))
}

// withRegion opens the database scoped to the region the command works on
// (district.ChooseRegion: the named one, else the default region, else — reading — the
// only one there is), says on out which region that is, and runs fn on it: the frame of
// every subcommand that reads or writes one region.
func (c *Config) withRegion(ctx context.Context, out io.Writer, use district.RegionUse, fn func(*postgis.DB) error) error {
	return c.withDB(ctx, func(db *postgis.DB) error {
		ch, err := district.ChooseRegion(ctx, db, c.Region, c.RegionNamed, use)
		if geo.ErrorCodeOf(err) == geo.EINVALID {
			return geo.WrapError(geo.EINVALID, err, "no --region given (nor $%s)", regionEnv)
		} else if err != nil {
			return err
		}
		if ch.Only {
			fmt.Fprint(out, c.say("region %s (the only region the database holds; --region not given)\n", ch.Region))
		} else {
			fmt.Fprint(out, c.say("region %s\n", ch.Region))
		}
		return fn(db.InRegion(ch.Region))
	})
}

// storeImport runs store on the database scoped to the region the import feeds
// (withRegion) and returns its summary: the last step of every file import.
func (c *Config) storeImport(ctx context.Context, out io.Writer, store func(*postgis.DB) (geo.ImportSummary, error)) (geo.ImportSummary, error) {
	var s geo.ImportSummary
	err := c.withRegion(ctx, out, district.FeedRegion, func(db *postgis.DB) (err error) {
		s, err = store(db)
		return err
	})
	return s, err
}

// withModel builds the engine's options from f, then runs fn on them and the database
// scoped to the configured region (withDB, no choosing): bench's frame.
func (c *Config) withModel(ctx context.Context, f *computeFlags, fn func(*postgis.DB, engine.Options) error) error {
	opts, err := f.engineOptions(c)
	if err != nil {
		return err
	}
	return c.withDB(ctx, func(db *postgis.DB) error { return fn(db, opts) })
}

// withRegionModel builds the engine's options from f, then runs fn on them and the
// database scoped to the region the command reads (withRegion): the frame of the
// subcommands that load or compute one region.
func (c *Config) withRegionModel(ctx context.Context, out io.Writer, f *computeFlags, fn func(*postgis.DB, engine.Options) error) error {
	opts, err := f.engineOptions(c)
	if err != nil {
		return err
	}
	return c.withRegion(ctx, out, district.ReadRegion, func(db *postgis.DB) error { return fn(db, opts) })
}

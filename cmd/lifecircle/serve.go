package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/riverjobs"
	"github.com/lifecircle/lifecircle/web"
	"github.com/spf13/cobra"
	"gopkg.in/natefinch/lumberjack.v2"
)

// serveFlags are serve's own flags; the model's come from computeFlags.
type serveFlags struct {
	model          computeFlags
	addr           string
	token          string
	cors           string
	requestTimeout time.Duration
	planTimeout    time.Duration
	accessLog      string
}

func newServeCmd(cfg *Config) *cobra.Command {
	f := &serveFlags{}
	cmd := modelCmd(&cobra.Command{
		Use:   "serve",
		Short: "Answer over HTTP: nearest services, routes, isochrones, coverage, gaps, reports, site plans",
		Long: `serve loads the walk network, stations, outlets and communities of every computed
region from the database (and of the default region when it holds rows), computes
walk-time coverage in memory and answers under /api/v1/ (OpenAPI document at
/api/openapi.json, a docs page at /api/docs). /healthz answers at once, /readyz once every
region is loaded; queries keep being answered from memory while the database is down.
Requests name their region with region=; without it a query about a point answers for
the region whose districts hold the point, any other for the only region loaded.
GET /api/v1/regions lists them. With --region (or $LIFECIRCLE_REGION) serve holds that
one region only.

The write endpoints (POST /api/v1/imports/{kind} and /api/v1/compute) are off unless a
token is given with --token or LIFECIRCLE_TOKEN; callers then send
"Authorization: Bearer <token>". A compute swaps the new coverage in when it is done.
It listens on 127.0.0.1:8080 by default (this machine only); --addr :8080 listens on every
interface. If the database is down at start, serve retries the connection with back-off
(1 s doubling to 30 s, a log line each time) until it answers or the server is stopped.
The access log (one line per request) goes to stderr with the other logs, nowhere
(--access-log off), or to a file rotated at 100 MB, 10 old files kept for 30 days,
compressed (--access-log FILE).
SIGINT or SIGTERM stops the server gracefully and cancels the database queries under way.`,
		Example: "  lifecircle serve\n  lifecircle serve --addr :8080 --access-log /var/log/lifecircle/access.log\n  LIFECIRCLE_TOKEN=… lifecircle serve --cors-origins https://map.example.org",
	}, &f.model, func(cmd *cobra.Command) error { return runServe(cmd, cfg, f) })
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; :8080 for every interface)")
	fs.StringVar(&f.accessLog, "access-log", "stderr", "where the per-request log goes: stderr, off, or a FILE (rotated at 100 MB)")
	fs.StringVar(&f.token, "token", "", "bearer token that enables the write endpoints (default $LIFECIRCLE_TOKEN; none: they are off)")
	fs.StringVar(&f.cors, "cors-origins", "", "comma-separated origins allowed to call the API from a browser (\"*\" for any; default none)")
	fs.DurationVar(&f.requestTimeout, "request-timeout", 30*time.Second, "longest time one request may take")
	fs.DurationVar(&f.planTimeout, "plan-timeout", 60*time.Second, "longest time a site plan or scenario may take")
	return cmd
}

func runServe(cmd *cobra.Command, cfg *Config, f *serveFlags) error {
	ctx := cmd.Context()
	opts, err := f.model.engineOptions(cfg)
	if err != nil {
		return err
	}
	cats, err := cfg.Categories()
	if err != nil {
		return err
	}
	rules, err := serveStandards(cfg, cats)
	if err != nil {
		return err
	}
	token := f.token
	if token == "" {
		token = os.Getenv("LIFECIRCLE_TOKEN")
	}
	access, closeAccess, err := accessLogger(cfg, f.accessLog)
	if err != nil {
		return err
	}
	defer closeAccess()
	db, err := openRetrying(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	circles, err := cfg.Circles()
	if err != nil {
		return err
	}
	o := api.Options{Engine: opts, Categories: cats, Standards: rules, Circles: circles, Token: token, Assets: web.Assets(), Tiles: db,
		CORS: serveOrigins(f.cors), Log: cfg.Log, AccessLog: access, RequestTimeout: f.requestTimeout, PlanTimeout: f.planTimeout}
	if err := serveRegions(cmd, cfg, db, &o); err != nil {
		return err
	}
	jobs, closeJobs := serveJobs(ctx, cfg)
	defer closeJobs()
	if jobs != nil {
		o.Collectors = append(o.Collectors, riverjobs.NewCollector(jobs, "")) // the newest national run's progress
	}
	s, err := api.New(o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "--addr %s", f.addr)
	}
	cfg.Log.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/", "writes", token != "")
	return s.Serve(ctx, ln)
}

// serveRegions scopes the server's database: every region (the default region's as the
// home, any other through StoreFor), or, when --region or $LIFECIRCLE_REGION names one,
// that region only (said in the log).
func serveRegions(cmd *cobra.Command, cfg *Config, db *postgis.DB, o *api.Options) error {
	raw, from := os.Getenv("LIFECIRCLE_REGION"), "$LIFECIRCLE_REGION"
	if f := cmd.Flag("region"); f != nil && f.Changed {
		raw, from = f.Value.String(), "--region"
	}
	if strings.TrimSpace(raw) == "" {
		o.Store = db
		o.StoreFor = func(r geo.Region) api.Store { return db.InRegion(r) }
		return nil
	}
	r, err := geo.ParseRegion(raw)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s", from)
	}
	o.Store = db.InRegion(r)
	cfg.Log.Info("serving one region only", "region", string(r), "from", from)
	return nil
}

// serveStandards reads the planning rules: --standards FILE or the bundled GB 50180-2018,
// checked against the category file in use.
func serveStandards(cfg *Config, cats *geo.Categories) (*standards.Rules, error) {
	r, err := cfg.Standards()
	if err != nil {
		return nil, err
	}
	return r, r.Validate(cats)
}

func serveOrigins(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// openRetrying connects to the database, retrying while it is unavailable (1 s doubling
// to 30 s, a log line each time) until it answers or ctx ends; other errors (a bad URL)
// return at once.
func openRetrying(ctx context.Context, cfg *Config) (*postgis.DB, error) {
	wait := time.Second
	for {
		db, err := cfg.OpenDB(ctx)
		if err == nil || geo.ErrorCodeOf(err) != geo.EUNAVAILABLE || ctx.Err() != nil {
			return db, err
		}
		cfg.Log.Warn("database unavailable; retrying", slog.Duration("in", wait), slog.String("error", geo.ErrorMessage(err)))
		select {
		case <-ctx.Done():
			return nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "stopped while waiting for the database")
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// accessLogger returns the logger of the per-request lines: the main log (stderr), a
// discarding one (off), or one writing JSON lines to a file that lumberjack rotates.
func accessLogger(cfg *Config, where string) (*slog.Logger, func(), error) {
	switch where {
	case "", "stderr":
		return cfg.Log, func() {}, nil
	case "off":
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	f, err := os.OpenFile(where, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, geo.WrapError(geo.EINVALID, err, "--access-log %s", where)
	}
	f.Close()
	lj := &lumberjack.Logger{Filename: where, MaxSize: 100, MaxBackups: 10, MaxAge: 30, Compress: true}
	var w io.WriteCloser = lj
	return slog.New(slog.NewJSONHandler(w, nil)), func() { w.Close() }, nil
}

// serveJobs opens the job queue whose progress /metrics reports (the newest national run,
// see lifecircle run); a database where it cannot be opened or migrated serves without
// those series, and says so.
func serveJobs(ctx context.Context, cfg *Config) (*riverjobs.Engine, func()) {
	eng, err := riverjobs.Open(ctx, cfg.DatabaseURL, cfg.Pool, cfg.Log)
	if err != nil {
		cfg.Log.Warn("serving without the national run's progress on /metrics", "error", geo.ErrorMessage(err))
		return nil, func() {}
	}
	if _, err := eng.Migrate(ctx); err != nil {
		eng.Close()
		cfg.Log.Warn("serving without the national run's progress on /metrics", "error", geo.ErrorMessage(err))
		return nil, func() {}
	}
	return eng, eng.Close
}

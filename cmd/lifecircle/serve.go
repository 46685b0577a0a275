package main

import (
	"net"
	"os"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/web"
	"github.com/spf13/cobra"
)

// serveFlags are serve's own flags; the model's come from computeFlags.
type serveFlags struct {
	model          computeFlags
	addr           string
	token          string
	cors           string
	requestTimeout time.Duration
	planTimeout    time.Duration
}

func newServeCmd(cfg *Config) *cobra.Command {
	f := &serveFlags{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Answer over HTTP: nearest services, routes, isochrones, coverage, gaps, reports, site plans",
		Long: `serve loads the walk network, stations, outlets and communities from the database,
computes walk-time coverage in memory and answers under /api/v1/ (OpenAPI document at
/api/openapi.json, a docs page at /api/docs). /healthz answers at once, /readyz once the
district is loaded; queries keep being answered from memory while the database is down.

The write endpoints (POST /api/v1/imports/{kind} and /api/v1/compute) are off unless a
token is given with --token or LIFECIRCLE_TOKEN; callers then send
"Authorization: Bearer <token>". A compute swaps the new coverage in when it is done.
SIGINT or SIGTERM stops the server gracefully.`,
		Example: "  lifecircle serve --addr :8080\n  LIFECIRCLE_TOKEN=… lifecircle serve --addr 127.0.0.1:8080 --cors-origins https://map.example.org",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd, cfg, f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", ":8080", "address to listen on (host:port)")
	fs.StringVar(&f.token, "token", "", "bearer token that enables the write endpoints (default $LIFECIRCLE_TOKEN; none: they are off)")
	fs.StringVar(&f.cors, "cors-origins", "", "comma-separated origins allowed to call the API from a browser (\"*\" for any; default none)")
	fs.DurationVar(&f.requestTimeout, "request-timeout", 30*time.Second, "longest time one request may take")
	fs.DurationVar(&f.planTimeout, "plan-timeout", 60*time.Second, "longest time a site plan or scenario may take")
	f.model.bind(cmd)
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
	db, err := cfg.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := api.New(api.Options{Store: db, Engine: opts, Categories: cats, Standards: rules, Token: token, Assets: web.Assets(), Tiles: db,
		CORS: serveOrigins(f.cors), Log: cfg.Log, RequestTimeout: f.requestTimeout, PlanTimeout: f.planTimeout})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "--addr %s", f.addr)
	}
	cfg.Log.Info("listening", "addr", ln.Addr().String(), "writes", token != "")
	return s.Serve(ctx, ln)
}

// serveStandards reads the planning rules: --standards FILE or the bundled GB 50180-2018,
// checked against the category file in use.
func serveStandards(cfg *Config, cats *geo.Categories) (*standards.Rules, error) {
	b := data.Standards()
	if cfg.StandardsFile != "" {
		var err error
		if b, err = os.ReadFile(cfg.StandardsFile); err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "standards file")
		}
	}
	r, err := standards.Parse(b)
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

package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/riverjobs"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"
)

// workerFlags are worker's own flags beside the model's (computeFlags).
type workerFlags struct {
	computeFlags
	concurrency  int
	metrics      string
	jobTimeout   time.Duration
	rescueAfter  time.Duration
	exitWhenDone bool
	hold         time.Duration // hidden: crash tests
}

func newWorkerCmd(cfg *Config) *cobra.Command {
	f := &workerFlags{}
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Compute the regions of national runs from the job queue (run as many as you like)",
		Long: `worker takes region jobs that lifecircle run enqueued and recomputes each region as
lifecircle compute --region would, completing the job in the same transaction as the
region's coverage: a worker killed mid-job leaves nothing half written, and once the job has
been running longer than --rescue-after, River (on whichever worker leads) retries it.
Start any number of workers, on any machines pointed at the same database, with the same
model flags. It works until interrupted (SIGINT/SIGTERM: the regions in hand are finished
first, up to --job-timeout), or with --exit-when-done until no region job is left.

--metrics ADDR serves Prometheus /metrics: the newest run's regions by state, rate and ETA
(lifecircle_run_*), and the worker's Go runtime.`,
		Example: "  lifecircle worker\n  lifecircle worker --concurrency 2 --workers 1 --metrics :9101\n  lifecircle worker --exit-when-done",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWorker(cmd.Context(), cfg, f)
		},
	}
	f.bind(cmd)
	fs := cmd.Flags()
	fs.BoolVar(&f.force, "force", false, "compute a region even when its data health check finds errors (otherwise the region fails)")
	fs.IntVar(&f.concurrency, "concurrency", 1, "regions this worker computes at once (each holds its region in memory: ≈ 700 MB per million nodes)")
	fs.StringVar(&f.metrics, "metrics", "", "serve Prometheus /metrics on this address (host:port; default: none)")
	fs.DurationVar(&f.jobTimeout, "job-timeout", 30*time.Minute, "cancel a region's compute after this long (it is retried)")
	fs.DurationVar(&f.rescueAfter, "rescue-after", 45*time.Minute, "retry a job running longer than this (its worker is taken for dead); must exceed --job-timeout")
	fs.BoolVar(&f.exitWhenDone, "exit-when-done", false, "exit once no region job is queued, running or waiting to retry")
	fs.DurationVar(&f.hold, "hold-before-commit", 0, "crash tests: wait this long inside each job's transaction before it commits")
	_ = fs.MarkHidden("hold-before-commit")
	return cmd
}

func runWorker(ctx context.Context, cfg *Config, f *workerFlags) error {
	rules, err := cfg.Standards()
	if err != nil {
		return err
	}
	opts, err := f.engineOptions(cfg)
	if err != nil {
		return err
	}
	eng, err := riverjobs.Open(ctx, cfg.DatabaseURL, cfg.Pool, cfg.Log)
	if err != nil {
		return err
	}
	defer eng.Close()
	if _, err := eng.Migrate(ctx); err != nil {
		return err
	}
	if f.metrics != "" {
		stop, err := serveMetrics(cfg, f.metrics, riverjobs.NewCollector(eng, ""))
		if err != nil {
			return err
		}
		defer stop()
	}
	return cfg.withDB(ctx, func(db *postgis.DB) error {
		compute := regionCompute(cfg, opts, district.RecomputeOptions{Force: f.force, Health: health.Options{Standards: rules}})
		return eng.Work(ctx, db, compute, riverjobs.WorkOptions{Concurrency: f.concurrency, JobTimeout: f.jobTimeout,
			RescueAfter: f.rescueAfter, ExitWhenDone: f.exitWhenDone, HoldBeforeCommit: f.hold, Log: cfg.Log})
	})
}

// regionCompute is a worker's job: district.Recompute on the region's scoped database,
// each phase logged with the region.
func regionCompute(cfg *Config, opts engine.Options, ro district.RecomputeOptions) riverjobs.Compute {
	return func(ctx context.Context, db *postgis.DB) (int, error) {
		region := db.Region()
		o := ro // each job its own: jobs run concurrently (--concurrency)
		o.Engine = opts
		o.Engine.Phase = func(name string, d time.Duration) {
			cfg.Log.Debug("phase done", slog.String("region", string(region)), slog.String("phase", name), slog.Duration("took", d))
		}
		c, err := district.Recompute(ctx, db, o)
		if err != nil {
			return 0, err
		}
		return c.Engine.Graph.NumNodes(), nil
	}
}

// serveMetrics serves /metrics on addr with the Go runtime's and extra collectors; the
// returned func shuts it down.
func serveMetrics(cfg *Config, addr string, extra ...prometheus.Collector) (func(), error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(extra...)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "--metrics %s", addr)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			cfg.Log.Error("metrics server", slog.String("error", err.Error()))
		}
	}()
	cfg.Log.Info("serving metrics", slog.String("addr", ln.Addr().String()))
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

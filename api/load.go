package api

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/health"
)

// Load is LoadRegion of the home region (Store's).
func (s *Server) Load(ctx context.Context) error { return s.LoadRegion(ctx, s.home) }

// LoadRegion reads region r's district from the store (WGS84), computes its coverage with
// the server's engine options (walk speed in km/h, minutes, H3 resolution) and puts the new
// engine in place of r's old one, which keeps answering until then. Nothing is written.
func (s *Server) LoadRegion(ctx context.Context, r geo.Region) error {
	st, err := s.storeFor(r)
	if err != nil {
		return err
	}
	g := s.regions.generation(r)
	s.setRegionStateAt(r, stateLoading, "", g)
	c, err := district.Compute(ctx, st, s.opts.Engine)
	if err != nil {
		s.setRegionStateAt(r, stateFailed, geo.ErrorMessage(err), g)
		return err
	}
	if !s.swapAt(r, c, g) {
		s.log.Warn("region deleted while it loaded; its engine is discarded", slog.String("region", string(r)))
		return apiErrorf(geo.ENOTFOUND, "region %q was deleted while it loaded", string(r))
	}
	e := c.Engine
	s.log.Info("engine loaded", slog.String("region", string(r)), slog.Int("nodes", e.Graph.NumNodes()), slog.Int("cells", len(e.Cells)),
		slog.Int("stations", len(e.Stations)), slog.Int("outlets", len(e.Outlets)), slog.Duration("took", c.Took))
	if p := s.coverageProblem(ctx, r); p != "" {
		s.log.Warn(p, slog.String("region", string(r)))
	}
	return nil
}

// swap puts region r's computed engine in place and records how long it took (the caller
// holds s.compute, so r cannot be deleted meanwhile).
func (s *Server) swap(r geo.Region, c *district.Computed) {
	s.swapAt(r, c, s.regions.generation(r))
}

// swapAt is swap unless r was deleted since generation g; it says whether it swapped.
func (s *Server) swapAt(r geo.Region, c *district.Computed, g uint64) bool {
	if !s.regions.setEngineAt(r, c.Engine, g, true) {
		return false
	}
	s.metrics.engineLoad.Set(c.Took.Seconds())
	s.metrics.regionLoad.WithLabelValues(string(r)).Set(c.Took.Seconds())
	s.metrics.engineLoaded.SetToCurrentTime()
	s.metrics.regionSet(r, c.Engine)
	s.metrics.countStates(s.regions.entries())
	return true
}

// ComputeSummary is what POST /api/v1/compute did.
type ComputeSummary struct {
	Region   string  `json:"region"` // the region computed
	Nodes    int     `json:"nodes"`
	Edges    int     `json:"edges"`
	Stations int     `json:"stations"`
	Outlets  int     `json:"outlets"`
	Cells    int     `json:"cells"`
	Seconds  float64 `json:"seconds"`  // wall time of load, compute and write
	Forced   bool    `json:"forced"`   // computed with force=true (errors, if any, stored with the run)
	Errors   int     `json:"errors"`   // the run's data health findings by severity
	Warnings int     `json:"warnings"` // (GET /api/v1/diagnostics lists them)
	// Population says how the communities' residents were spread over their cells.
	Population populationSpreadJSON `json:"population"`
}

func countSeverity(fs []health.Finding, sev health.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// Recompute is RecomputeForce without force.
func (s *Server) Recompute(ctx context.Context) (ComputeSummary, error) {
	return s.RecomputeForce(ctx, false)
}

// RecomputeForce is RecomputeRegion of the home region (Store's).
func (s *Server) RecomputeForce(ctx context.Context, force bool) (ComputeSummary, error) {
	return s.RecomputeRegion(ctx, s.home, force)
}

// RecomputeRegion loads region r's district afresh, runs the data health check (refused,
// EUNPROCESSABLE as a *district.Refusal with the findings, on errors unless force),
// computes coverage, writes it to r's rows and, once written, swaps r's new engine in.
// Other regions' rows and engines are untouched. Only one recompute runs at a time: a
// second one while the first runs is ECONFLICT.
func (s *Server) RecomputeRegion(ctx context.Context, r geo.Region, force bool) (ComputeSummary, error) {
	if !s.compute.TryLock() {
		return ComputeSummary{}, apiErrorf(geo.ECONFLICT, "a recompute is already running; wait for it to finish")
	}
	defer s.compute.Unlock()
	st, err := s.storeFor(r)
	if err != nil {
		return ComputeSummary{}, err
	}
	c, err := district.Recompute(ctx, st, district.RecomputeOptions{Engine: s.opts.Engine, Force: force, Health: health.Options{Standards: s.opts.Standards}})
	if err != nil {
		return ComputeSummary{}, err
	}
	s.swap(r, c)
	e := c.Engine
	return ComputeSummary{Region: string(r), Nodes: e.Graph.NumNodes(), Edges: e.Graph.NumEdges(), Stations: len(e.Stations),
		Outlets: len(e.Outlets), Cells: len(e.Cells), Seconds: c.Took.Seconds(), Forced: force,
		Errors: countSeverity(c.Findings, health.SeverityError), Warnings: countSeverity(c.Findings, health.SeverityWarning),
		Population: populationOut(c.Spread())}, nil
}

// loadRetrying loads every region to load (LoadAll), retrying while the database is
// unavailable, until ctx ends. Other errors are returned at once.
func (s *Server) loadRetrying(ctx context.Context) error {
	wait := time.Second
	for {
		err := s.LoadAll(ctx)
		if err == nil || geo.ErrorCodeOf(err) != geo.EUNAVAILABLE || ctx.Err() != nil {
			return err
		}
		s.log.Warn("database unavailable; retrying the load", slog.Duration("in", wait), slog.String("error", geo.ErrorMessage(err)))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// Serve answers on ln until ctx ends, then shuts down gracefully (in-flight requests get
// up to 30 s). Unless an engine was set already, it loads every region to load (LoadAll)
// in the background: /healthz answers at once, /readyz once every load is done, the
// queries of a region once it is loaded. When every region's load fails, for any reason
// but an unavailable database, the server stops with the first error.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	hs := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	if len(s.regions.entries()) == 0 {
		go func() {
			if err := s.loadRetrying(ctx); err != nil && ctx.Err() == nil {
				cancel(err)
			}
		}()
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	sctx, scancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer scancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

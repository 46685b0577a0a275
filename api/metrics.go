package api

import (
	"log/slog"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus series, on its own registry.
type metrics struct {
	registry     *prometheus.Registry
	requests     *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	engineLoad   prometheus.Gauge
	engineLoaded prometheus.Gauge
	// per region (label region)
	regionLoad     *prometheus.GaugeVec
	regionLoaded   *prometheus.GaugeVec
	regionCells    *prometheus.GaugeVec
	regionStations *prometheus.GaugeVec
	regionStates   *prometheus.GaugeVec // regions by state (label state)
}

// newMetrics builds the registry with the server's series and extra (a job queue's
// progress, for one); a collector that clashes with another is an error.
func newMetrics(extra []prometheus.Collector) (*metrics, error) {
	gauge := func(name, help, label string) *prometheus.GaugeVec {
		return prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, []string{label})
	}
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "lifecircle_http_requests_total",
			Help: "HTTP requests answered, by route, method and status."}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "lifecircle_http_request_duration_seconds",
			Help: "Time to answer HTTP requests, by route, method and status.", Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 14)},
			[]string{"route", "method", "status"}),
		engineLoad: prometheus.NewGauge(prometheus.GaugeOpts{Name: "lifecircle_engine_load_seconds",
			Help: "Seconds the last engine load (network, facilities and coverage) took."}),
		engineLoaded: prometheus.NewGauge(prometheus.GaugeOpts{Name: "lifecircle_engine_loaded_timestamp_seconds",
			Help: "Unix time the engine now answering was put in place."}),
		regionLoad:     gauge("lifecircle_region_engine_load_seconds", "Seconds the region's last engine load or recompute took.", "region"),
		regionLoaded:   gauge("lifecircle_region_engine_loaded_timestamp_seconds", "Unix time the region's engine now answering was put in place.", "region"),
		regionCells:    gauge("lifecircle_region_engine_cells", "Cells of the region's engine now answering.", "region"),
		regionStations: gauge("lifecircle_region_engine_stations", "Stations of the region's engine now answering.", "region"),
		regionStates:   gauge("lifecircle_regions", "Regions the server knows, by state (loaded, loading, failed, not computed).", "state"),
	}
	m.registry.MustRegister(m.requests, m.duration, m.engineLoad, m.engineLoaded,
		m.regionLoad, m.regionLoaded, m.regionCells, m.regionStations, m.regionStates,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for i, c := range extra {
		if err := m.registry.Register(c); err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "metrics collector %d", i)
		}
	}
	return m, nil
}

// regionSet records the engine put in place for region r.
func (m *metrics) regionSet(r geo.Region, e *engine.Engine) {
	m.regionLoaded.WithLabelValues(string(r)).SetToCurrentTime()
	m.regionCells.WithLabelValues(string(r)).Set(float64(len(e.Cells)))
	m.regionStations.WithLabelValues(string(r)).Set(float64(len(e.Stations)))
}

// regionDrop forgets region r's series (its rows were deleted).
func (m *metrics) regionDrop(r geo.Region) {
	for _, g := range []*prometheus.GaugeVec{m.regionLoad, m.regionLoaded, m.regionCells, m.regionStations} {
		g.DeleteLabelValues(string(r))
	}
}

// countStates sets the number of regions in each state.
func (m *metrics) countStates(ens []*regionEntry) {
	n := map[regionState]int{stateLoaded: 0, stateLoading: 0, stateFailed: 0, stateNotComputed: 0}
	for _, en := range ens {
		n[en.state]++
	}
	for st, k := range n {
		m.regionStates.WithLabelValues(string(st)).Set(float64(k))
	}
}

func (s *Server) metricsHandler() echo.HandlerFunc {
	return echo.WrapHandler(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
}

// routeLabel is the matched route pattern, or "unmatched" (so unknown paths cannot blow up
// the number of series).
func (s *Server) routeLabel(c echo.Context) string {
	if p := c.Path(); s.routePaths[p] {
		return p
	}
	return "unmatched"
}

// probes are the paths whose requests are logged at debug level only.
var probes = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// observe records metrics and writes one structured log line per request.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		req, res := c.Request(), c.Response()
		status := strconv.Itoa(res.Status)
		route := s.routeLabel(c)
		s.metrics.requests.WithLabelValues(route, req.Method, status).Inc()
		s.metrics.duration.WithLabelValues(route, req.Method, status).Observe(took.Seconds())
		attrs := []slog.Attr{slog.String("request_id", requestID(c)), slog.String("method", req.Method),
			slog.String("path", req.URL.Path), slog.String("route", route), slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size), slog.Duration("took", took), slog.String("remote", c.RealIP())}
		level := slog.LevelInfo
		if probes[route] {
			level = slog.LevelDebug
		}
		if err, ok := c.Get(ctxErrorKey).(error); ok && err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
			if res.Status >= 500 {
				level = slog.LevelWarn
			}
		}
		s.opts.AccessLog.LogAttrs(req.Context(), level, "request", attrs...)
		return nil
	}
}

func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

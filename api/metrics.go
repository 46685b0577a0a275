package api

import (
	"log/slog"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
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
}

func newMetrics() *metrics {
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
	}
	m.registry.MustRegister(m.requests, m.duration, m.engineLoad, m.engineLoaded,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
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

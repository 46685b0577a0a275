package riverjobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Collector reports a run's progress to Prometheus on every scrape, read from River's
// jobs as run --status reads them:
//
//	lifecircle_run_regions{run, state}        regions by state: done, failed, running, queued, retrying
//	lifecircle_run_rate_regions_per_minute{run}
//	lifecircle_run_eta_seconds{run}           -1 while unknown, 0 when the run is over
//
// With run "" it follows the newest run. A scrape while the database does not answer
// reports nothing (and logs why) rather than stale figures.
type Collector struct {
	engine  *Engine
	run     string
	log     *slog.Logger
	regions *prometheus.Desc
	rate    *prometheus.Desc
	eta     *prometheus.Desc
}

// NewCollector returns the collector of run ("" = the newest) on e.
func NewCollector(e *Engine, run string) *Collector {
	return &Collector{engine: e, run: run, log: e.log,
		regions: prometheus.NewDesc("lifecircle_run_regions", "Regions of the national run by job state.", []string{"run", "state"}, nil),
		rate:    prometheus.NewDesc("lifecircle_run_rate_regions_per_minute", "Regions done per minute since the run's first attempt.", []string{"run"}, nil),
		eta:     prometheus.NewDesc("lifecircle_run_eta_seconds", "Seconds until the rest of the run is done at the current rate (-1: unknown).", []string{"run"}, nil),
	}
}

// Describe sends the collector's three metric descriptions.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.regions
	ch <- c.rate
	ch <- c.eta
}

// Collect reads the run's status and sends its gauges.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	run := c.run
	if run == "" {
		var err error
		if run, err = c.engine.LatestRun(ctx); err != nil || run == "" {
			if err != nil {
				c.log.Warn("metrics: no run status", slog.String("error", err.Error()))
			}
			return
		}
	}
	s, err := c.engine.Status(ctx, run)
	if err != nil {
		c.log.Warn("metrics: no run status", slog.String("run", run), slog.String("error", err.Error()))
		return
	}
	for _, st := range []struct {
		name string
		n    int
	}{{"done", s.Done}, {"failed", s.Failed}, {"running", s.Running}, {"queued", s.Queued}, {"retrying", s.Retrying}} {
		ch <- prometheus.MustNewConstMetric(c.regions, prometheus.GaugeValue, float64(st.n), run, st.name)
	}
	ch <- prometheus.MustNewConstMetric(c.rate, prometheus.GaugeValue, s.Rate, run)
	eta := -1.0
	if s.ETA >= 0 {
		eta = s.ETA.Seconds()
	}
	ch <- prometheus.MustNewConstMetric(c.eta, prometheus.GaugeValue, eta, run)
}

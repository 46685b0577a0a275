package report_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/lifecircle/lifecircle/report"
)

// synthInput computes a synthetic district of about nodes walk nodes (1 000 000 nodes ≈
// 900 km², ≈ 62 000 H3 cells) and collects its report.
func synthInput(b *testing.B, nodes int) report.Input {
	b.Helper()
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: nodes})
	if err != nil {
		b.Fatal(err)
	}
	dd := engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities,
		Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	e := fixture.Compute(b, dd, d.Nodes, d.Edges, engine.Options{Categories: synth.DefaultCategories()})
	return collect(b, e, fixture.Standards(b))
}

// BenchmarkHTML renders the HTML report of synthetic districts and reports its size: the
// target is under about 3 MB for a 60 000-cell district (the 1M-node case).
func BenchmarkHTML(b *testing.B) {
	for _, nodes := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("nodes=%d", nodes), func(b *testing.B) {
			in := synthInput(b, nodes)
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := report.HTML(&buf, in); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "html-bytes")
			b.ReportMetric(float64(len(in.Engine.Cells)), "cells")
		})
	}
}

// BenchmarkCollect times gathering the report's figures from a computed engine.
func BenchmarkCollect(b *testing.B) {
	in := synthInput(b, 100_000)
	rules := fixture.Standards(b)
	for b.Loop() {
		if _, err := report.Collect(in.Engine, report.CollectOptions{Rules: rules}); err != nil {
			b.Fatal(err)
		}
	}
}

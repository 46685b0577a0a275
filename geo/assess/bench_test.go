package assess_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/synth"
)

// synthEngine computes a synthetic district of about nodes walk nodes (100 000 nodes ≈
// 90 km², ≈ 6 000 H3 cells).
func synthEngine(b *testing.B, nodes int) *engine.Engine {
	b.Helper()
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: nodes})
	if err != nil {
		b.Fatal(err)
	}
	data := engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities,
		Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	return fixture.Compute(b, data, d.Nodes, d.Edges, engine.Options{Categories: synth.DefaultCategories()})
}

// BenchmarkReports100k times each report on a 100 000-node synthetic district. The
// reports are meant for interactive use: each should take well under a second.
func BenchmarkReports100k(b *testing.B) {
	e := synthEngine(b, 100_000)
	rules := fixture.Standards(b)
	target := engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel}
	b.Run("Coverage", func(b *testing.B) {
		for b.Loop() {
			if _, err := assess.Coverage(e, assess.CoverageQuery{Target: target, Minutes: 15}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("CoverageCells", func(b *testing.B) {
		for b.Loop() {
			if _, err := assess.CoverageCells(e, target, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Gaps", func(b *testing.B) {
		for b.Loop() {
			if _, err := assess.Gaps(e, target, 5, 100); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Network", func(b *testing.B) {
		for b.Loop() {
			assess.Network(e)
		}
	})
	b.Run("Standards", func(b *testing.B) {
		for b.Loop() {
			if _, err := assess.Standards(e, rules, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package health_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/synth"
)

// BenchmarkCheckSynthetic times the whole data health check on a computed 300 000-node
// synthetic district (3 000 facilities, hundreds of communities): before the containing
// community was tried first, ranking every community per facility made it 510 ms.
func BenchmarkCheckSynthetic(b *testing.B) {
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: 300_000})
	if err != nil {
		b.Fatal(err)
	}
	e := fixture.Compute(b, engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities, Streets: d.Streets,
		Compounds: d.Compounds, Residential: d.Residential}, d.Nodes, d.Edges, engine.Options{})
	b.ResetTimer()
	for b.Loop() {
		if _, err := health.Check(e, health.Facts{}, health.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

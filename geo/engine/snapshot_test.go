package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/synth"
)

// memGraphStore is a district in memory that keeps graph snapshots like postgis does.
type memGraphStore struct {
	d         *synth.District
	districts []geo.District
	version   int64
	snaps     map[string][]byte
	loads     int // LoadNetwork calls
}

func (m *memGraphStore) LoadNetwork(context.Context) ([]geo.WalkNode, []geo.WalkEdge, error) {
	m.loads++
	return m.d.Nodes, m.d.Edges, nil
}
func (m *memGraphStore) Stations(context.Context) ([]geo.Station, error)   { return m.d.Stations, nil }
func (m *memGraphStore) Outlets(context.Context) ([]geo.Outlet, error)     { return m.d.Outlets, nil }
func (m *memGraphStore) Streets(context.Context) ([]geo.Street, error)     { return m.d.Streets, nil }
func (m *memGraphStore) Districts(context.Context) ([]geo.District, error) { return m.districts, nil }
func (m *memGraphStore) Compounds(context.Context) ([]geo.Compound, error) { return m.d.Compounds, nil }
func (m *memGraphStore) Communities(context.Context) ([]geo.Community, error) {
	return m.d.Communities, nil
}
func (m *memGraphStore) ResidentialAreas(context.Context) ([]geo.ResidentialArea, error) {
	return m.d.Residential, nil
}
func (m *memGraphStore) PopulationGrid(context.Context) (map[string]float64, error) { return nil, nil }
func (m *memGraphStore) NetworkVersion(context.Context) (int64, error)              { return m.version, nil }
func (m *memGraphStore) ReadGraph(_ context.Context, key string, v int64, read func(io.Reader) error) (bool, error) {
	b, ok := m.snaps[key+"@"+string(rune('0'+v))]
	if !ok {
		return false, nil
	}
	return true, read(bytes.NewReader(b))
}
func (m *memGraphStore) SaveGraph(_ context.Context, key string, v int64, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	m.snaps[key+"@"+string(rune('0'+v))] = buf.Bytes()
	return nil
}

// An engine loaded from a graph snapshot computes exactly what the engine built from the
// network rows computes: the first load builds and saves, the next reads the snapshot
// (no network rows loaded), another model or clip builds again.
func TestLoadFromGraphSnapshot(t *testing.T) {
	d, err := synth.Generate(synth.Config{Seed: 5, Nodes: synth.MinNodes})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := &memGraphStore{d: d, version: 1, snaps: map[string][]byte{}}
	compute := func(o engine.Options) (*engine.Engine, []string) {
		t.Helper()
		var phases []string
		o.Phase = func(name string, _ time.Duration) { phases = append(phases, name) }
		e, err := engine.Load(ctx, st, o)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Compute(ctx); err != nil {
			t.Fatal(err)
		}
		return e, phases
	}
	want, _ := compute(engine.Options{Baseline: true})
	cold, coldPhases := compute(engine.Options{})
	loads := st.loads
	warm, warmPhases := compute(engine.Options{})
	if st.loads != loads || len(st.snaps) != 1 {
		t.Fatalf("the second load read the network rows (%d → %d loads, %d snapshots)", loads, st.loads, len(st.snaps))
	}
	if !contains(coldPhases, "save graph snapshot") || contains(warmPhases, "save graph snapshot") {
		t.Errorf("phases: first %v, second %v", coldPhases, warmPhases)
	}
	sameResults(t, want, cold)
	sameResults(t, want, warm)
	slow := engine.Options{Walk: geo.WalkModel{SpeedKmh: 3, StepsFactor: 1.5, MaxSnapM: 500}}
	compute(slow)
	if len(st.snaps) != 2 {
		t.Errorf("another walking model: %d snapshots, want 2 (its own key)", len(st.snaps))
	}
	// A district clips the network: the clip is its own snapshot and is restored with it.
	st.districts = []geo.District{{Code: "510104", Boundary: d.Communities[0].Boundary}}
	want, _ = compute(engine.Options{Baseline: true})
	compute(engine.Options{})
	warm, _ = compute(engine.Options{})
	if len(st.snaps) != 3 || want.Clip == nil || warm.Clip == nil || *warm.Clip != *want.Clip || want.Clip.DroppedEdges == 0 {
		t.Fatalf("clipped: %d snapshots, clip %+v read back as %+v", len(st.snaps), want.Clip, warm.Clip)
	}
	sameResults(t, want, warm)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sameResults(t *testing.T, want, got *engine.Engine) {
	t.Helper()
	if len(want.Results) != len(got.Results) || len(want.Cells) != len(got.Cells) || want.Graph.NumEdges() != got.Graph.NumEdges() {
		t.Fatalf("%d results over %d cells; want %d over %d", len(got.Results), len(got.Cells), len(want.Results), len(want.Cells))
	}
	reached := 0
	for k, r := range want.Results {
		for i, w := range r.Seconds {
			g := got.Results[k].Seconds[i]
			if math.Float32bits(g) != math.Float32bits(w) || got.Results[k].Nearest[i] != r.Nearest[i] {
				t.Fatalf("set %s/%s cell %d: %v s from %d; built graph %v s from %d", r.Kind, r.Key, i, g, got.Results[k].Nearest[i], w, r.Nearest[i])
			}
			if !math.IsInf(float64(w), 1) && !math.IsNaN(float64(w)) {
				reached++
			}
		}
	}
	if reached == 0 {
		t.Fatal("no cell reached: the comparison tests nothing")
	}
	// The baseline summarises in three passes per set, the current path in one.
	if len(got.Summaries) != len(want.Summaries) || len(want.Summaries) < 3*len(want.Results) {
		t.Fatalf("%d summaries; the baseline's %d", len(got.Summaries), len(want.Summaries))
	}
	for i := range want.Summaries {
		if g, w := fmt.Sprintf("%+v", got.Summaries[i]), fmt.Sprintf("%+v", want.Summaries[i]); g != w {
			t.Fatalf("summary %d:\n%s\nbaseline:\n%s", i, g, w)
		}
	}
}

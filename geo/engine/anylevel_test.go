package engine_test

import (
	"context"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/synth"
)

// The "any station" times are derived as the minimum over the levels; they must equal a
// real search from every station.
func TestAnyLevelEqualsASearchFromEveryStation(t *testing.T) {
	d, err := synth.Generate(synth.Config{Seed: 3, Nodes: synth.MinNodes})
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New(engine.Data{Stations: d.Stations, Communities: d.Communities}, d.Nodes, d.Edges, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Compute(context.Background()); err != nil {
		t.Fatal(err)
	}
	var got coverage.Result
	for _, r := range e.Results {
		if r.Kind == engine.KindLevel && r.Key == engine.AnyLevel {
			got = r
		}
	}
	all := coverage.FacilitySet{Kind: engine.KindLevel, Key: "all"}
	for _, s := range d.Stations {
		all.IDs, all.Points = append(all.IDs, s.ID), append(all.Points, s.Point)
	}
	want, err := coverage.Compute(context.Background(), e.Graph, e.Cells, e.CellSnaps, []coverage.FacilitySet{all}, e.Options.MaxMinutes*60, 1)
	if err != nil {
		t.Fatal(err)
	}
	checked, differ := 0, 0
	for i := range e.Cells {
		g, w := float64(got.Seconds[i]), float64(want[0].Seconds[i])
		if math.IsNaN(g) != math.IsNaN(w) || (!math.IsNaN(w) && g != w) {
			t.Fatalf("cell %d: derived %v s, searched %v s", i, g, w)
		}
		if !math.IsNaN(w) && !math.IsInf(w, 1) {
			checked++
			if got.Nearest[i] != want[0].Nearest[i] {
				differ++ // only a tie between two stations at the same time can do this
			}
		}
	}
	if checked == 0 || differ > checked/100 {
		t.Fatalf("%d reached cells compared, %d name another nearest station", checked, differ)
	}
}

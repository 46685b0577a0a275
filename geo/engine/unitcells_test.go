package engine_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"
)

// TestUnitCellsMatchBruteForce checks every compound's and grid's cells on a synthetic
// district against a scan of all cells: those whose centres the polygon holds,
// ascending (else the centroid's cell, cells being sorted by H3 index), and each cell's
// grid the first by code holding it.
func TestUnitCellsMatchBruteForce(t *testing.T) {
	d, err := synth.Generate(synth.Config{Seed: 3, Nodes: 20000})
	if err != nil {
		t.Fatal(err)
	}
	data := engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities, Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	for k, c := range d.Compounds {
		if k%3 != 2 { // overlapping grids: every compound, and the union of two neighbours
			data.Grids = append(data.Grids, geo.Grid{Code: fmt.Sprintf("G%04d", (k*37)%len(d.Compounds)), Polygon: c.Polygon})
		}
		if k > 0 && k%5 == 0 {
			data.Grids = append(data.Grids, geo.Grid{Code: fmt.Sprintf("H%04d", k), Polygon: append(slices.Clone(c.Polygon), d.Compounds[k-1].Polygon...)})
		}
	}
	e := fixture.Compute(t, data, d.Nodes, d.Edges, engine.Options{})
	if len(e.Cells) < 1000 || len(e.Compounds) < 20 {
		t.Fatalf("%d cells, %d compounds: the district tests little", len(e.Cells), len(e.Compounds))
	}
	for k, c := range e.Compounds {
		if got, want := e.Units.CompoundCells(k), scanCells(e, c.Polygon); !slices.Equal(got, want) {
			t.Fatalf("compound %d: cells %v, scan %v", k, got, want)
		}
	}
	wantGrid := make([]string, len(e.Cells))
	for _, k := range e.Units.GridsByCode() {
		g := e.Grids[k]
		want := scanCells(e, g.Polygon)
		if got := e.Units.GridCells(k); !slices.Equal(got, want) {
			t.Fatalf("grid %s: cells %v, scan %v", g.Code, got, want)
		}
		for _, i := range want {
			if wantGrid[i] == "" {
				wantGrid[i] = g.Code
			}
		}
	}
	for i := range e.Cells {
		if got := e.Units.CellGridCode(i); got != wantGrid[i] {
			t.Fatalf("cell %d: grid %q, scan %q", i, got, wantGrid[i])
		}
	}
}

// scanCells returns the cells whose centres mp holds, ascending, else the one holding
// its centroid; none when mp is empty.
func scanCells(e *engine.Engine, mp orb.MultiPolygon) []int {
	if len(mp) == 0 {
		return nil
	}
	var out []int
	for i, c := range e.Cells {
		if planar.MultiPolygonContains(mp, c.Center) {
			out = append(out, i)
		}
	}
	if len(out) > 0 {
		return out
	}
	h, ok := e.CentroidCell(mp)
	if !ok {
		return nil
	}
	i, found := slices.BinarySearchFunc(e.Cells, h, func(c coverage.Cell, h h3.Cell) int { return cmp.Compare(c.H3, h) })
	if !found {
		return nil
	}
	return []int{i}
}

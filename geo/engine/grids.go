package engine

import (
	"context"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

// GridSource is a Source that also holds grids (网格); Load reads them when its source is
// one (*postgis.DB is).
type GridSource interface {
	Grids(ctx context.Context) ([]geo.Grid, error)
}

// gridIndex is the grids of Units: by code, in code order, their cells and each cell's
// grid.
type gridIndex struct {
	grids    []geo.Grid
	byCode   map[string]int
	sorted   []int   // grid indices by code
	cells    [][]int // per grid, its cells ascending
	cellGrid []int   // per cell, the (first by code) grid holding its centre, -1 none
}

// buildGrids indexes e's grids and, when the cells are laid, their cells: those whose
// centres the grid's polygon holds, else the cell holding its centroid. ix indexes
// e.Cells.
func (e *Engine) buildGrids(ix coverage.CentreIndex) gridIndex {
	g := gridIndex{grids: e.Grids, byCode: make(map[string]int, len(e.Grids)), sorted: make([]int, len(e.Grids))}
	for k, x := range e.Grids {
		if _, dup := g.byCode[x.Code]; !dup {
			g.byCode[x.Code] = k
		}
		g.sorted[k] = k
	}
	sort.SliceStable(g.sorted, func(a, b int) bool { return e.Grids[g.sorted[a]].Code < e.Grids[g.sorted[b]].Code })
	g.cellGrid = make([]int, len(e.Cells))
	for i := range g.cellGrid {
		g.cellGrid[i] = -1
	}
	if len(e.Cells) == 0 {
		return g
	}
	g.cells = make([][]int, len(e.Grids))
	for _, k := range g.sorted {
		x := e.Grids[k]
		if len(x.Polygon) == 0 {
			continue
		}
		if cells := cellsIn(e.Cells, ix, x.Polygon); len(cells) > 0 {
			g.cells[k] = cells
		} else if h, ok := e.CentroidCell(x.Polygon); ok {
			if i, ok := e.cellIndex[h]; ok {
				g.cells[k] = []int{i}
			}
		}
		for _, i := range g.cells[k] {
			if g.cellGrid[i] < 0 {
				g.cellGrid[i] = k
			}
		}
	}
	return g
}

// Grid returns the index (into Engine.Grids) of the (first) grid with the code.
func (u *Units) Grid(code string) (int, bool) {
	k, ok := u.grids.byCode[code]
	return k, ok
}

// GridsByCode returns the indices of every grid sorted by code.
func (u *Units) GridsByCode() []int { return u.grids.sorted }

// GridCells returns grid k's cells, ascending: those whose centres its polygon holds
// (planar in lon, lat WGS84), else the cell holding its centroid; none before Compute.
func (u *Units) GridCells(k int) []int {
	if k < 0 || k >= len(u.grids.cells) {
		return nil
	}
	return u.grids.cells[k]
}

// CellGridCode returns the code of the grid holding cell i's centre ("" none; the first
// by code where grids overlap).
func (u *Units) CellGridCode(i int) string {
	if i < 0 || i >= len(u.grids.cellGrid) || u.grids.cellGrid[i] < 0 {
		return ""
	}
	return u.grids.grids[u.grids.cellGrid[i]].Code
}

package importers

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// cell is a cell of the edge grid.
type cell struct{ x, y int64 }

// gridIntersection tests the pairs of edges of a large ring that pass through a common
// cell of a grid whose cells are about one mean edge long. Each edge is walked in steps of
// half a cell and registered in the cells of each step's bounding box, so long edges cost
// their length, not their bounding box.
func gridIntersection(ring orb.Ring) (orb.Point, bool) {
	n := len(ring) - 1
	bound := ring.Bound()
	var perimeter float64
	for i := range n {
		perimeter += math.Hypot(ring[i+1][0]-ring[i][0], ring[i+1][1]-ring[i][1])
	}
	size := perimeter / float64(n)
	if !(size > 0) || math.IsInf(size, 0) {
		return pairsIntersection(ring)
	}
	var entries []cellEdge
	var buf []cell
	for i := range n {
		buf = edgeCells(buf[:0], ring[i], ring[i+1], bound.Min, size)
		for _, c := range buf {
			entries = append(entries, cellEdge{c, int32(i)})
		}
	}
	slices.SortFunc(entries, func(a, b cellEdge) int {
		if c := cmp.Compare(a.c.x, b.c.x); c != 0 {
			return c
		}
		return cmp.Compare(a.c.y, b.c.y)
	})
	for start := 0; start < len(entries); {
		end := start + 1
		for end < len(entries) && entries[end].c == entries[start].c {
			end++
		}
		if at, bad := cellIntersection(ring, entries[start:end]); bad {
			return at, true
		}
		start = end
	}
	return orb.Point{}, false
}

// cellEdge is an edge registered in a cell.
type cellEdge struct {
	c    cell
	edge int32
}

// cellIntersection tests the pairs of edges of one cell.
func cellIntersection(ring orb.Ring, edges []cellEdge) (orb.Point, bool) {
	for a := range edges {
		for b := a + 1; b < len(edges); b++ {
			i, j := int(edges[a].edge), int(edges[b].edge)
			if i == j {
				continue
			}
			if at, bad := edgesMeet(ring, min(i, j), max(i, j)); bad {
				return at, true
			}
		}
	}
	return orb.Point{}, false
}

// edgeCells appends to cells the cells the edge a→b passes through (a few more near its
// corners).
func edgeCells(cells []cell, a, b, origin orb.Point, size float64) []cell {
	steps := int(math.Ceil(2*math.Max(math.Abs(b[0]-a[0]), math.Abs(b[1]-a[1]))/size)) + 1
	prev := a
	for k := 1; k <= steps; k++ {
		t := float64(k) / float64(steps)
		next := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
		if k == steps {
			next = b
		}
		x0, x1 := cellIndex(math.Min(prev[0], next[0]), origin[0], size), cellIndex(math.Max(prev[0], next[0]), origin[0], size)
		y0, y1 := cellIndex(math.Min(prev[1], next[1]), origin[1], size), cellIndex(math.Max(prev[1], next[1]), origin[1], size)
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				if c := (cell{x, y}); len(cells) == 0 || !containsCell(cells[max(0, len(cells)-4):], c) {
					cells = append(cells, c)
				}
			}
		}
		prev = next
	}
	return cells
}

func cellIndex(v, origin, size float64) int64 { return int64(math.Floor((v - origin) / size)) }

func containsCell(cells []cell, c cell) bool {
	for _, d := range cells {
		if d == c {
			return true
		}
	}
	return false
}

package coverage

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"
)

// Area is a unit with a known population (a community or a compound) whose residents are
// spread over the cells whose centres its boundary holds.
type Area struct {
	Population float64          // residents
	Boundary   orb.MultiPolygon // WGS84 (lon, lat)
}

// SpreadPopulation sets every cell's Population (residents) following docs/model.md:
//
//   - grid non-empty (an imported population grid, H3 cell → residents): each cell takes
//     its grid value; cells missing from the grid, negative or non-finite values get 0.
//   - otherwise each area's population is spread over its cells — those whose centre
//     (WGS84 lon, lat) lies in its Boundary, the first area in slice order winning where
//     areas overlap — in proportion to the residential land in each cell (the area, m², of
//     the residential polygons clipped to the cell's hexagon; see residentialLand), or in
//     proportion to cell area (AreaM2) when the area's cells hold no residential land or
//     residential is empty. An area whose boundary holds no cell centre (smaller than a
//     cell) gives its population to the cell holding its centroid when that cell is in
//     cells. Areas with a non-positive or non-finite population add nothing.
//
// The sum over an area's cells equals the area's population whenever it has a cell.
// Cells outside every area get 0. Cell.Area is not used: areas may be other units (e.g.
// compounds) than the ones the cells were made from.
func SpreadPopulation(cells []Cell, areas []Area, residential []orb.MultiPolygon, grid map[h3.Cell]float64) {
	for i := range cells {
		cells[i].Population = 0
	}
	if len(grid) > 0 {
		for i := range cells {
			if v := grid[cells[i].H3]; v > 0 && !math.IsInf(v, 1) {
				cells[i].Population = v
			}
		}
		return
	}
	lc := newLandCells(cells)
	members := assignCells(cells, areas, lc.ix)
	var land []float64
	if len(residential) > 0 {
		land = lc.weightedLand(residential, nil, nil)
	}
	for ai, a := range areas {
		if a.Population > 0 && !math.IsInf(a.Population, 1) {
			spread(cells, members[ai], a.Population, land)
		}
	}
}

// spread adds pop to the member cells in proportion to their residential land, or to
// their area when they hold none.
func spread(cells []Cell, members []int, pop float64, land []float64) {
	weight := func(i int) float64 { return cells[i].AreaM2 }
	if land != nil {
		var sum float64
		for _, i := range members {
			sum += land[i]
		}
		if sum > 0 {
			weight = func(i int) float64 { return land[i] }
		}
	}
	var sum float64
	for _, i := range members {
		sum += weight(i)
	}
	for _, i := range members {
		share := 1 / float64(len(members))
		if sum > 0 {
			share = weight(i) / sum
		}
		cells[i].Population += pop * share
	}
}

// assignCells returns, per area, the indices of the cells whose centres lie in its
// boundary (first area wins), ascending, so that the sums over them do not depend on the
// index's buckets; or the cell holding its centroid when there are none. ix indexes
// cells.
func assignCells(cells []Cell, areas []Area, ix cellIndex) [][]int {
	members := make([][]int, len(areas))
	owner := make([]int32, len(cells))
	for i := range owner {
		owner[i] = -1
	}
	for ai, a := range areas {
		for _, poly := range a.Boundary {
			if len(poly) == 0 || checkPolygon(poly) != nil {
				continue
			}
			ix.query(poly.Bound(), func(i int) {
				if owner[i] < 0 && planar.PolygonContains(poly, cells[i].Center) {
					owner[i] = int32(ai)
					members[ai] = append(members[ai], i)
				}
			})
		}
	}
	for _, m := range members {
		slices.Sort(m)
	}
	placeSmallAreas(cells, areas, members)
	return members
}

// placeSmallAreas gives each area with a boundary but no member cell the cell that holds
// its centroid, when that cell is among cells.
func placeSmallAreas(cells []Cell, areas []Area, members [][]int) {
	var byH3 map[h3.Cell]int
	for ai, a := range areas {
		if len(members[ai]) > 0 || len(a.Boundary) == 0 || len(cells) == 0 {
			continue
		}
		if byH3 == nil {
			byH3 = make(map[h3.Cell]int, len(cells))
			for i, c := range cells {
				byH3[c.H3] = i
			}
		}
		ctr, _ := planar.CentroidArea(a.Boundary)
		if i, ok := byH3[h3.LatLngToCell(h3.NewLatLng(ctr[1], ctr[0]), cells[0].H3.Resolution())]; ok {
			members[ai] = []int{i}
		}
	}
}

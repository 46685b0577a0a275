package coverage

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo/gridindex"
)

// Method says how a unit's population was spread over its cells (docs/model.md
// "Population per cell").
type Method string

// Methods, in order of preference when no population grid is imported.
const (
	MethodGrid        Method = "grid"        // an imported population grid gave every cell
	MethodBuildings   Method = "buildings"   // residential floor area: footprints × levels
	MethodResidential Method = "residential" // residential land area (no building in its cells)
	MethodArea        Method = "area"        // cell area (no building nor residential land)
	MethodNone        Method = "none"        // no population, or no cell to hold it
)

// DefaultBuildingLevels is the levels a building without building:levels is counted with.
const DefaultBuildingLevels = 3

// Home is a building footprint that can house residents: Kind is its OSM building=*
// value ("yes" counts only when its centroid lies in residential land), Levels its
// building:levels (≤ 0: not tagged). Polygon is WGS84 (lon, lat).
type Home struct {
	Kind    string
	Levels  float64
	Polygon orb.MultiPolygon
}

// Homes are what the population is spread over when no grid is imported.
type Homes struct {
	Buildings []Home
	// Land is the residential land (landuse=residential) that admits building=yes.
	Land []orb.MultiPolygon
	// Residential is the residential land the fallback weighs by (land and residential
	// buildings), WGS84.
	Residential []orb.MultiPolygon
	// DefaultLevels counts a building without levels (≤ 0: DefaultBuildingLevels).
	DefaultLevels float64
}

// SpreadPopulationHomes sets every cell's Population (residents) like SpreadPopulation,
// but weighs each area's cells first by residential floor area — the footprint (m², holes
// subtracted) of each counted building clipped to the cell's hexagon times its levels, or
// DefaultLevels — then, where its cells hold no counted building, by residential land,
// then by cell area. It returns, per area, the method used: MethodGrid for every area when
// grid is non-empty, MethodNone for an area with no positive finite population or no cell.
func SpreadPopulationHomes(cells []Cell, areas []Area, homes Homes, grid map[h3.Cell]float64) []Method {
	methods := make([]Method, len(areas))
	if len(grid) > 0 {
		SpreadPopulation(cells, areas, nil, grid)
		for i := range methods {
			methods[i] = MethodGrid
		}
		return methods
	}
	for i := range cells {
		cells[i].Population = 0
	}
	// The cells are assigned to the areas while the residential land is measured (both
	// only read the cells); the floor area needs the assignment.
	lc := newLandCells(cells)
	var members [][]int
	assigned := make(chan struct{})
	go func() {
		defer close(assigned)
		members = assignCells(cells, areas, lc.ix)
	}()
	var land []float64
	if len(homes.Residential) > 0 {
		land = lc.weightedLand(homes.Residential, nil, nil)
	}
	<-assigned
	floor := floorArea(lc, areas, members, homes)
	for ai, a := range areas {
		methods[ai] = MethodNone
		if !(a.Population > 0) || math.IsInf(a.Population, 1) || len(members[ai]) == 0 {
			continue
		}
		methods[ai] = MethodArea
		weights := []struct {
			w []float64
			m Method
		}{{floor, MethodBuildings}, {land, MethodResidential}}
		for _, c := range weights {
			if c.w != nil && sumOver(c.w, members[ai]) > 0 {
				spread(cells, members[ai], a.Population, c.w)
				methods[ai] = c.m
				break
			}
		}
		if methods[ai] == MethodArea {
			spread(cells, members[ai], a.Population, nil)
		}
	}
	return methods
}

func sumOver(w []float64, idx []int) float64 {
	var s float64
	for _, i := range idx {
		s += w[i]
	}
	return s
}

// floorArea returns, per cell, the residential floor area in it in m² (nil when no
// building counts): CountedHomes' footprints clipped to the hexagon times their levels,
// each building counted only in the cells of the area holding its centroid, so that an
// area's residents live in its own buildings.
func floorArea(lc *landCells, areas []Area, members [][]int, homes Homes) []float64 {
	counted := CountedHomes(homes)
	if len(counted) == 0 {
		return nil
	}
	owner := make([]int32, len(lc.cells))
	for i := range owner {
		owner[i] = -1
	}
	for ai, m := range members {
		for _, i := range m {
			owner[i] = int32(ai)
		}
	}
	home := homeAreas(counted, areas)
	def := homes.DefaultLevels
	if !(def > 0) {
		def = DefaultBuildingLevels
	}
	polys := make([]orb.MultiPolygon, len(counted))
	factor := make([]float64, len(counted))
	for i, h := range counted {
		polys[i], factor[i] = h.Polygon, def
		if h.Levels > 0 {
			factor[i] = h.Levels
		}
	}
	return lc.weightedLand(polys, factor, func(k, i int) bool { return home[k] >= 0 && home[k] == owner[i] })
}

// homeAreas returns, per home, the first area whose boundary holds its centroid (planar,
// WGS84), or -1.
func homeAreas(homes []Home, areas []Area) []int32 {
	out := make([]int32, len(homes))
	ctr := make([]orb.Point, len(homes))
	for k, h := range homes {
		out[k] = -1
		ctr[k], _ = planar.CentroidArea(h.Polygon)
	}
	eachPointIn(ctr, len(areas), func(a int) orb.MultiPolygon { return areas[a].Boundary }, func(a int, k int32) {
		if out[k] < 0 {
			out[k] = int32(a)
		}
	})
	return out
}

// eachPointIn calls fn(j, k) for every point k lying in polygon j of n (poly(j), planar,
// WGS84), j ascending.
func eachPointIn(pts []orb.Point, n int, poly func(j int) orb.MultiPolygon, fn func(j int, k int32)) {
	ix, err := gridindex.NewPoints(pts, 200, gridindex.DefaultMaxCells(len(pts)))
	for j := 0; j < n; j++ {
		mp := poly(j)
		if len(mp) == 0 {
			continue
		}
		visit := func(k int32) {
			if planar.MultiPolygonContains(mp, pts[k]) {
				fn(j, k)
			}
		}
		if err != nil {
			for k := range pts {
				visit(int32(k))
			}
			continue
		}
		ix.Query(mp.Bound(), func(items []int32) {
			for _, k := range items {
				visit(k)
			}
		})
	}
}

// CountedHomes returns the buildings the spread counts: every one not tagged
// building=yes, and those tagged yes whose centroid (planar, WGS84) lies in a polygon of
// homes.Land. Buildings with an empty polygon are left out.
func CountedHomes(homes Homes) []Home {
	var yes []int
	var out []Home
	for i, h := range homes.Buildings {
		switch {
		case len(h.Polygon) == 0:
		case h.Kind == "yes":
			yes = append(yes, i)
		default:
			out = append(out, h)
		}
	}
	if len(yes) == 0 || len(homes.Land) == 0 {
		return out
	}
	ctr := make([]orb.Point, len(yes))
	for k, i := range yes {
		ctr[k], _ = planar.CentroidArea(homes.Buildings[i].Polygon)
	}
	in := make([]bool, len(yes))
	eachPointIn(ctr, len(homes.Land), func(j int) orb.MultiPolygon { return homes.Land[j] }, func(_ int, k int32) { in[k] = true })
	for k, i := range yes {
		if in[k] {
			out = append(out, homes.Buildings[i])
		}
	}
	return out
}

package coverage

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo"
)

// DefaultResolution is the H3 resolution of coverage cells (docs/model.md): about 66 m edge
// and 15 000 m² per cell.
const DefaultResolution = 10

// MaxCells bounds how many cells one study area may produce, so that a mistaken boundary
// (a whole province, lon and lat swapped) is reported instead of exhausting memory.
const MaxCells = 4_000_000

// Cell is one H3 cell of the study area.
type Cell struct {
	H3         h3.Cell
	Center     orb.Point // cell centre, WGS84 (lon, lat)
	Area       int       // index of the first area whose boundary contains the centre; -1 none
	AreaM2     float64   // cell area, m²
	Population float64   // residents in the cell, set by SpreadPopulation
}

// Cells returns every H3 cell at resolution res whose centre lies in the union of areas
// (boundaries in WGS84 (lon, lat); holes are respected), each once, sorted by H3 index.
// Cell.Area is the index of the first area (in slice order) whose boundary holds the
// centre. res 0 means DefaultResolution; otherwise it must be 1–15. Empty polygons are
// skipped; malformed ones (rings of fewer than 3 points, coordinates out of range) and
// areas that would need more than MaxCells cells are EINVALID errors.
func Cells(areas []orb.MultiPolygon, res int) ([]Cell, error) {
	res, err := checkResolution(res)
	if err != nil {
		return nil, err
	}
	type job struct {
		area int
		poly orb.Polygon
	}
	var jobs []job
	estimate := 0.0
	for ai, mp := range areas {
		for pi, poly := range mp {
			if len(poly) == 0 || len(poly[0]) == 0 {
				continue
			}
			if err := checkPolygon(poly); err != nil {
				return nil, geo.WrapError(geo.EINVALID, err, "area %d, polygon %d", ai, pi)
			}
			estimate += boundCellEstimate(poly.Bound(), res)
			if estimate > MaxCells {
				return nil, geo.Errorf(geo.EINVALID, "area %d, polygon %d: the study area's bounding boxes would need about %.0f H3 cells at resolution %d (limit %d); check that boundaries are (lon, lat) WGS84 and cover a district, or use a coarser resolution", ai, pi, estimate, res, MaxCells)
			}
			jobs = append(jobs, job{ai, poly})
		}
	}
	// The polygons are filled in parallel (cgo calls), then merged in their order: the
	// first area that holds a cell owns it.
	filled := make([][]h3.Cell, len(jobs))
	parallelEach(len(jobs), func(j int) { filled[j] = fillPolygon(jobs[j].poly, res, 0) })
	area := make([]int, len(jobs))
	for j, job := range jobs {
		area[j] = job.area
	}
	return buildCells(firstOwners(filled, area)), nil
}

// owned is a cell and the area that owns it.
type owned struct {
	h    h3.Cell
	area int32
}

// firstOwners returns the cells of filled sorted by H3 index, each once, with the area
// (area[j] for filled[j]) of the first slice in order that holds it.
func firstOwners(filled [][]h3.Cell, area []int) []owned {
	type at struct {
		h   h3.Cell
		pos int32 // the slice in filled holding h
	}
	n := 0
	for _, cs := range filled {
		n += len(cs)
	}
	order := make([]at, 0, n)
	for j, cs := range filled {
		for _, c := range cs {
			order = append(order, at{c, int32(j)})
		}
	}
	slices.SortFunc(order, func(x, y at) int {
		if x.h != y.h {
			return cmp.Compare(x.h, y.h)
		}
		return cmp.Compare(x.pos, y.pos)
	})
	out := make([]owned, 0, n)
	for k, o := range order {
		if k == 0 || o.h != order[k-1].h {
			out = append(out, owned{o.h, int32(area[o.pos])})
		}
	}
	return out
}

// CellsInBound returns every H3 cell at resolution res whose centre lies in the WGS84
// (lon, lat) bound b, sorted by H3 index, with Area -1: the study area when no community
// boundaries are known (the walk network's extent). res 0 means DefaultResolution.
func CellsInBound(b orb.Bound, res int) ([]Cell, error) {
	if !validLonLat(b.Min) || !validLonLat(b.Max) || b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return nil, geo.Errorf(geo.EINVALID, "study-area bound %v–%v is not a WGS84 (lon, lat) box with min ≤ max", b.Min, b.Max)
	}
	cells, err := Cells([]orb.MultiPolygon{{b.ToPolygon()}}, res)
	if err != nil {
		return nil, err
	}
	for i := range cells {
		cells[i].Area = -1
	}
	return cells, nil
}

func checkResolution(res int) (int, error) {
	if res == 0 {
		return DefaultResolution, nil
	}
	if res < 1 || res > h3.MaxResolution {
		return 0, geo.Errorf(geo.EINVALID, "H3 resolution %d is outside 1–%d (0 means the default %d)", res, h3.MaxResolution, DefaultResolution)
	}
	return res, nil
}

// buildCells turns the owned cells, sorted by H3 index, into Cells. Centres and areas
// (cgo calls, the area one costly) are computed in parallel.
func buildCells(ids []owned) []Cell {
	cells := make([]Cell, len(ids))
	parallelChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := ids[i].h
			ll := h3.CellToLatLng(c)
			cells[i] = Cell{H3: c, Center: orb.Point{ll.Lng, ll.Lat}, Area: int(ids[i].area), AreaM2: h3.CellAreaM2(c)}
		}
	})
	return cells
}

// parallelEach calls fn(i) for every i of [0, n) on GOMAXPROCS goroutines, each taking
// the next i, and waits for them: for jobs of uneven cost.
func parallelEach(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// parallelChunks calls fn on consecutive chunks [lo, hi) of [0, n) on GOMAXPROCS
// goroutines and waits for them.
func parallelChunks(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/1024))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
}

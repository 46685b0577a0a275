package assess

import (
	"cmp"
	"slices"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// MaxGaps bounds how many gaps one Gaps call may return.
const MaxGaps = 500

// Gap is a community, residential compound or grid (网格) with residents beyond the
// threshold.
type Gap struct {
	Kind             string // "community", "compound" or "grid"
	Code, Name       string // community code, compound ID or grid code
	Population       float64
	PopulationBeyond float64          // residents of its cells not within the threshold (off-network included)
	ShareBeyond      float64          // PopulationBeyond / Population; by area when AreaWeighted
	UncoveredCells   int              // its cells not within the threshold
	Polygon          orb.MultiPolygon // the uncovered cells merged, WGS84 (lon, lat)
	AreaWeighted     bool             // it has no residents: ShareBeyond is the share of its area
}

// Gap kinds.
const (
	GapCommunity = "community"
	GapCompound  = "compound"
	GapGrid      = "grid"
)

// gapCandidate is a gap before its polygon is drawn.
type gapCandidate struct {
	Gap
	uncovered []int
}

// Gaps returns up to limit (1–500) communities, residential compounds and grids with cells not
// within minutes' walk (whole minutes 1–60) of the nearest facility of t, ranked by
// residents beyond the threshold (then share beyond, kind, code), each with its uncovered
// cells merged into polygons (WGS84 lon, lat). Units without uncovered cells are left
// out.
//
// A community's cells are those its boundary holds and its residents those of its cells.
// A compound's cells are the cells whose centre lies in its polygon (the cell holding its
// centroid when none does); its residents — Population, else Households ×
// e.Options.PersonsPerHousehold — are spread evenly over them. A grid's cells are those
// whose centres it holds (engine.Units.GridCells) and its residents those of its cells, as
// in the grid coverage rows. Bad input is EINVALID; a call
// before Compute is EUNAVAILABLE.
func Gaps(e *engine.Engine, t engine.Target, minutes float64, limit int) ([]Gap, error) {
	return gapsOf(e, t, nil, minutes, limit)
}

// CircleGaps is Gaps for a named service circle: residents are beyond where any of the
// circle's facilities is farther than minutes.
func CircleGaps(e *engine.Engine, c Circle, minutes float64, limit int) ([]Gap, error) {
	return gapsOf(e, c.Target(), &c, minutes, limit)
}

func gapsOf(e *engine.Engine, t engine.Target, c *Circle, minutes float64, limit int) ([]Gap, error) {
	if c == nil {
		if _, err := resultFor(e, t); err != nil {
			return nil, err
		}
	}
	if err := checkMinutes(minutes); err != nil {
		return nil, err
	}
	if limit < 1 || limit > MaxGaps {
		return nil, geo.Errorf(geo.EINVALID, "limit %d: ask for 1 to %d gaps", limit, MaxGaps)
	}
	secs, _, err := querySeconds(e, t, c, minutes)
	if err != nil {
		return nil, err
	}
	covered := func(i int) bool { return within(secs[i], minutes) }
	cands := slices.Concat(communityGaps(e, covered), compoundGaps(e, covered), gridGaps(e, covered))
	slices.SortFunc(cands, func(a, b gapCandidate) int { return gapCompare(a.Gap, b.Gap) })
	if len(cands) > limit {
		cands = cands[:limit]
	}
	out := make([]Gap, len(cands))
	for i, c := range cands {
		out[i] = c.Gap
		out[i].Polygon = cellsUnion(e, c.uncovered)
	}
	return out, nil
}

// gapCompare orders gaps: the most residents beyond first, then the largest share beyond,
// then by kind and code.
func gapCompare(a, b Gap) int {
	return cmp.Or(cmp.Compare(b.PopulationBeyond, a.PopulationBeyond), cmp.Compare(b.ShareBeyond, a.ShareBeyond),
		cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Code, b.Code))
}

// communityGaps returns every community with uncovered cells.
func communityGaps(e *engine.Engine, covered func(int) bool) []gapCandidate {
	return unitGaps(e, GapCommunity, e.Units.CommunitiesByCode(), e.Units.CommunityCells, covered,
		func(ci int) (string, string) { return e.Communities[ci].Code, e.Communities[ci].Name })
}

// gridGaps returns every grid with uncovered cells.
func gridGaps(e *engine.Engine, covered func(int) bool) []gapCandidate {
	return unitGaps(e, GapGrid, e.Units.GridsByCode(), e.Units.GridCells, covered,
		func(k int) (string, string) { return e.Grids[k].Code, e.Grids[k].Name })
}

// unitGaps returns, in the given order, the units with uncovered cells among their cells
// (whose residents are the cells' own), kind and code and name set.
func unitGaps(e *engine.Engine, kind string, order []int, cellsOf func(int) []int, covered func(int) bool, name func(int) (string, string)) []gapCandidate {
	var out []gapCandidate
	for _, u := range order {
		g := unitGap(e, cellsOf(u), covered, nil)
		if len(g.uncovered) > 0 {
			g.Kind = kind
			g.Code, g.Name = name(u)
			out = append(out, g)
		}
	}
	return out
}

// compoundGaps returns every compound with uncovered cells.
func compoundGaps(e *engine.Engine, covered func(int) bool) []gapCandidate {
	var out []gapCandidate
	for k, c := range e.Compounds {
		cells := e.Units.CompoundCells(k)
		if len(cells) == 0 {
			continue
		}
		each := compoundPopulation(e, c) / float64(len(cells))
		g := unitGap(e, cells, covered, func(int) float64 { return each })
		if len(g.uncovered) > 0 {
			g.Kind, g.Code, g.Name = GapCompound, c.ID, c.Name
			out = append(out, g)
		}
	}
	return out
}

// unitGap counts a unit's uncovered cells and residents; pop gives a cell's residents
// (nil: the cell's own Population).
func unitGap(e *engine.Engine, cells []int, covered func(int) bool, pop func(int) float64) gapCandidate {
	if pop == nil {
		pop = func(i int) float64 { return e.Cells[i].Population }
	}
	var g gapCandidate
	var area, areaBeyond float64
	for _, i := range cells {
		p := pop(i)
		g.Population += p
		area += e.Cells[i].AreaM2
		if !covered(i) {
			g.uncovered = append(g.uncovered, i)
			g.PopulationBeyond += p
			areaBeyond += e.Cells[i].AreaM2
		}
	}
	g.UncoveredCells = len(g.uncovered)
	switch {
	case g.Population > 0:
		g.ShareBeyond = g.PopulationBeyond / g.Population
	case area > 0:
		g.AreaWeighted, g.ShareBeyond = true, areaBeyond/area
	default:
		g.AreaWeighted = true
	}
	return g
}

// compoundPopulation is a compound's residents: as given, else from its households.
func compoundPopulation(e *engine.Engine, c geo.Compound) float64 {
	if c.Population > 0 {
		return float64(c.Population)
	}
	return float64(max(0, c.Households)) * e.Options.PersonsPerHousehold
}

// cellsUnion merges the cells (indices into e.Cells) into a multipolygon.
func cellsUnion(e *engine.Engine, cells []int) orb.MultiPolygon {
	hs := make([]h3.Cell, len(cells))
	for k, i := range cells {
		hs[k] = e.Cells[i].H3
	}
	return coverage.MergeCells(hs)
}

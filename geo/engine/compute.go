package engine

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// Kinds of facility set.
const (
	KindCategory = "category" // outlets of one category
	KindLevel    = "level"    // stations of one level, or of any level (key "any")
)

// AnyLevel is the key of the set of all stations, whatever their level.
const AnyLevel = "any"

// Compute lays H3 cells over the study area (the community boundaries, else the districts,
// else the walk network's extent; when districts are loaded, only cells whose centre lies
// inside one of them), spreads population over them, and runs one multi-source search
// per outlet category and station level, then summarises by community, street and the
// whole district.
func (e *Engine) Compute(ctx context.Context) error {
	t := newTimer(e.Options.Phase)
	if !e.Options.Baseline {
		go e.Graph.PrepareCover() // the searches' core decomposition, while the cells are laid
	}
	if err := e.layCells(); err != nil {
		return err
	}
	t.done("cells and population")
	centres := make([]orb.Point, len(e.Cells))
	for i, c := range e.Cells {
		centres[i] = c.Center
	}
	e.CellSnaps = e.Graph.SnapAll(centres)
	t.done("snap cells")
	e.Sets = e.withHalo(e.facilitySets())
	if e.Options.Baseline {
		e.Graph.SetPlainSearch(true) // the baseline's graph is its own (built per compute)
	}
	search, anyAt := searchSets(e.Sets)
	res, err := coverage.Compute(ctx, e.Graph, e.Cells, e.CellSnaps, search, e.Options.MaxMinutes*60, e.Options.Workers)
	if err != nil {
		return err
	}
	e.Results = e.withAnyResult(res, anyAt)
	t.done("walk searches")
	e.Units = e.buildUnits()
	e.Summaries = e.summarise()
	t.done("aggregates")
	return nil
}

// layCells makes the cells and their population.
func (e *Engine) layCells() error {
	var areas []orb.MultiPolygon
	var areaComm []int
	for i, c := range e.Communities {
		if len(c.Boundary) > 0 {
			areas = append(areas, c.Boundary)
			areaComm = append(areaComm, i)
		}
	}
	var err error
	if e.Cells, err = e.studyCells(areas); err != nil {
		return err
	}
	e.CellComm = make([]int, len(e.Cells))
	e.cellIndex = make(map[h3.Cell]int, len(e.Cells))
	for i, c := range e.Cells {
		e.cellIndex[c.H3] = i
		e.CellComm[i] = -1
		if c.Area >= 0 && c.Area < len(areaComm) {
			e.CellComm[i] = areaComm[c.Area]
		}
	}
	pops := make([]coverage.Area, len(areas))
	for i, ci := range areaComm {
		pops[i] = coverage.Area{Population: e.CommunityPopulation(ci), Boundary: areas[i]}
	}
	methods := coverage.SpreadPopulationHomes(e.Cells, pops, e.Homes(), e.grid())
	e.PopulationMethods = make([]coverage.Method, len(e.Communities))
	for i := range e.PopulationMethods {
		e.PopulationMethods[i] = coverage.MethodNone
	}
	for i, ci := range areaComm {
		e.PopulationMethods[ci] = methods[i]
	}
	return nil
}

// Homes are the buildings and residential land the population is spread over when no
// grid is imported (WGS84).
func (e *Engine) Homes() coverage.Homes {
	h := coverage.Homes{Residential: residentialPolygons(e.Residential), DefaultLevels: e.Options.BuildingLevels}
	for _, r := range e.Residential {
		if r.Kind == "landuse" && len(r.Polygon) > 0 {
			h.Land = append(h.Land, r.Polygon)
		}
	}
	h.Buildings = make([]coverage.Home, len(e.Buildings))
	for i, b := range e.Buildings {
		h.Buildings[i] = coverage.Home{Kind: b.Kind, Levels: b.Levels, Polygon: b.Polygon}
	}
	return h
}

// CommunityPopulation is the recorded residents of community i (an index into
// Communities): its Population, else Households × Options.PersonsPerHousehold, else the
// sum over its compounds of their Population, else Households × PersonsPerHousehold. The
// cells' populations are spread from it.
func (e *Engine) CommunityPopulation(i int) float64 {
	c := e.Communities[i]
	if c.Population > 0 {
		return float64(c.Population)
	}
	if c.Households > 0 {
		return float64(c.Households) * e.Options.PersonsPerHousehold
	}
	var p float64
	for _, k := range e.Compounds {
		if k.CommunityCode != c.Code {
			continue
		}
		if k.Population > 0 {
			p += float64(k.Population)
		} else {
			p += float64(k.Households) * e.Options.PersonsPerHousehold
		}
	}
	return p
}

func (e *Engine) grid() map[h3.Cell]float64 {
	if len(e.Grid) == 0 {
		return nil
	}
	g := make(map[h3.Cell]float64, len(e.Grid))
	for s, p := range e.Grid {
		g[h3.Cell(h3.IndexFromString(s))] = p
	}
	return g
}

func residentialPolygons(rs []geo.ResidentialArea) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, 0, len(rs))
	for _, r := range rs {
		if len(r.Polygon) > 0 {
			out = append(out, r.Polygon)
		}
	}
	return out
}

// facilitySets returns one set per category (the configured ones first, then any others
// the outlets carry), one per station level, and one of all stations.
func (e *Engine) facilitySets() []coverage.FacilitySet {
	byCat := map[string]*coverage.FacilitySet{}
	var sets []*coverage.FacilitySet
	add := func(kind, key string) *coverage.FacilitySet {
		s := &coverage.FacilitySet{Kind: kind, Key: key}
		sets = append(sets, s)
		return s
	}
	for _, k := range e.Options.Categories {
		byCat[k] = add(KindCategory, k)
	}
	for _, o := range e.Outlets {
		s, ok := byCat[o.Category]
		if !ok {
			s = add(KindCategory, o.Category)
			byCat[o.Category] = s
		}
		s.IDs, s.Points = append(s.IDs, o.ID), append(s.Points, o.Point)
	}
	byLevel := map[geo.Level]*coverage.FacilitySet{}
	for _, l := range geo.Levels() {
		byLevel[l] = add(KindLevel, string(l))
	}
	anyLevel := add(KindLevel, AnyLevel)
	for _, s := range e.Stations {
		if set, ok := byLevel[s.Level]; ok {
			set.IDs, set.Points = append(set.IDs, s.ID), append(set.Points, s.Point)
		}
		anyLevel.IDs, anyLevel.Points = append(anyLevel.IDs, s.ID), append(anyLevel.Points, s.Point)
	}
	out := make([]coverage.FacilitySet, len(sets))
	for i, s := range sets {
		out[i] = *s
	}
	return out
}

package engine

import (
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
)

// Units is the district's one per-unit aggregation index: its communities by code and in
// code order, its streets, its residential compounds by ID, and the study-area cells of
// each community, street and compound. Summaries, assessments and siting all aggregate
// through it.
//
// New builds it before there are cells (every cell list is empty); Compute builds it again
// once the cells are laid, and it does not change after that. Indices are into the
// Engine's Communities, Compounds and Cells. The slices it returns are shared: callers
// must not modify them.
type Units struct {
	communities   []geo.Community
	cellComm      []int
	byCode        map[string]int // community code → the first community with it
	sorted        []int          // community indices by code, then by index
	commCells     [][]int        // per community, its cells ascending
	streets       []UnitStreet   // by code
	streetAt      map[string]int // street code → index in streets
	compoundByID  map[string]int // compound ID → the first compound with it
	compoundCells [][]int        // per compound, its cells ascending
	grids         gridIndex      // grids (网格) and their cells
}

// UnitStreet is one street of the district: from Data.Streets, or only known from the
// street codes and names that communities carry.
type UnitStreet struct {
	Code string
	// Name is the street's own name (Data.Streets), else CommunityStreetName.
	Name string
	// CommunityStreetName is the first non-empty StreetName its communities give ("" none):
	// what the coverage summaries label the street with.
	CommunityStreetName string
	Boundary            orb.MultiPolygon // WGS84 (lon, lat); empty when only communities name the street
	Communities         []int            // its communities (StreetCode = Code), by code
	Cells               []int            // its communities' cells, ascending
}

// buildUnits indexes e's units and, when the cells are laid, their cells.
func (e *Engine) buildUnits() *Units {
	u := &Units{communities: e.Communities, cellComm: e.CellComm}
	u.indexCommunities()
	u.indexStreets(e.Streets)
	u.compoundByID = make(map[string]int, len(e.Compounds))
	for k, c := range e.Compounds {
		if _, dup := u.compoundByID[c.ID]; c.ID != "" && !dup {
			u.compoundByID[c.ID] = k
		}
	}
	var ix coverage.CentreIndex // only built when some polygon will query it
	if len(e.Cells) > 0 && (len(e.Compounds) > 0 || len(e.Grids) > 0) {
		ix = coverage.NewCentreIndex(e.Cells)
	}
	u.compoundCells = e.compoundCells(ix)
	u.grids = e.buildGrids(ix)
	return u
}

// indexCommunities files the communities by code and their cells.
func (u *Units) indexCommunities() {
	u.byCode = make(map[string]int, len(u.communities))
	u.sorted = make([]int, len(u.communities))
	for i, c := range u.communities {
		if _, dup := u.byCode[c.Code]; !dup {
			u.byCode[c.Code] = i
		}
		u.sorted[i] = i
	}
	sort.SliceStable(u.sorted, func(a, b int) bool { return u.communities[u.sorted[a]].Code < u.communities[u.sorted[b]].Code })
	u.commCells = make([][]int, len(u.communities))
	for i, ci := range u.cellComm {
		if ci >= 0 && ci < len(u.commCells) {
			u.commCells[ci] = append(u.commCells[ci], i)
		}
	}
}

// indexStreets lists every street, sorted by code: those given (empty and repeated codes
// left out) plus the street codes only seen on communities, each with its communities and
// their cells.
func (u *Units) indexStreets(given []geo.Street) {
	u.streetAt = map[string]int{}
	for _, s := range given {
		if _, dup := u.streetAt[s.Code]; s.Code == "" || dup {
			continue
		}
		u.streetAt[s.Code] = len(u.streets)
		u.streets = append(u.streets, UnitStreet{Code: s.Code, Name: s.Name, Boundary: s.Boundary})
	}
	for _, c := range u.communities {
		if c.StreetCode == "" {
			continue
		}
		k, ok := u.streetAt[c.StreetCode]
		if !ok {
			k = len(u.streets)
			u.streetAt[c.StreetCode] = k
			u.streets = append(u.streets, UnitStreet{Code: c.StreetCode})
		}
		if u.streets[k].CommunityStreetName == "" {
			u.streets[k].CommunityStreetName = c.StreetName
		}
	}
	sort.Slice(u.streets, func(a, b int) bool { return u.streets[a].Code < u.streets[b].Code })
	for k := range u.streets {
		s := &u.streets[k]
		u.streetAt[s.Code] = k
		if s.Name == "" {
			s.Name = s.CommunityStreetName
		}
	}
	for _, ci := range u.sorted {
		if k, ok := u.streetAt[u.communities[ci].StreetCode]; ok {
			u.streets[k].Communities = append(u.streets[k].Communities, ci)
		}
	}
	for i, ci := range u.cellComm {
		if ci < 0 || ci >= len(u.communities) {
			continue
		}
		if k, ok := u.streetAt[u.communities[ci].StreetCode]; ok {
			u.streets[k].Cells = append(u.streets[k].Cells, i)
		}
	}
}

// Community returns the index of the (first) community with the code.
func (u *Units) Community(code string) (int, bool) {
	ci, ok := u.byCode[code]
	return ci, ok
}

// CommunitiesByCode returns the indices of every community sorted by code (then by index).
func (u *Units) CommunitiesByCode() []int { return u.sorted }

// CommunityCells returns the cells whose centres community ci's boundary holds, ascending
// (none before Compute, or for a community without a boundary).
func (u *Units) CommunityCells(ci int) []int {
	if ci < 0 || ci >= len(u.commCells) {
		return nil
	}
	return u.commCells[ci]
}

// CellCommunityCode returns the code of the community holding cell i ("" none).
func (u *Units) CellCommunityCode(i int) string {
	if ci := u.cellComm[i]; ci >= 0 {
		return u.communities[ci].Code
	}
	return ""
}

// CellStreetCode returns the street code of the community holding cell i ("" none).
func (u *Units) CellStreetCode(i int) string {
	if ci := u.cellComm[i]; ci >= 0 {
		return u.communities[ci].StreetCode
	}
	return ""
}

// Streets returns every street, sorted by code: Data.Streets (empty and repeated codes left
// out) plus the street codes only seen on communities.
func (u *Units) Streets() []UnitStreet { return u.streets }

// Street returns the street with the code.
func (u *Units) Street(code string) (UnitStreet, bool) {
	k, ok := u.streetAt[code]
	if !ok {
		return UnitStreet{}, false
	}
	return u.streets[k], true
}

// Compound returns the index of the (first) compound with the ID; "" is no compound.
func (u *Units) Compound(id string) (int, bool) {
	k, ok := u.compoundByID[id]
	return k, ok
}

// CompoundCells returns compound k's cells, ascending: those whose centres its polygon
// holds (planar in lon, lat, holes respected), else the cell holding its centroid when
// none does (a compound smaller than a cell); none without a polygon or before Compute.
func (u *Units) CompoundCells(k int) []int {
	if k < 0 || k >= len(u.compoundCells) {
		return nil
	}
	return u.compoundCells[k]
}

package assess

import (
	"fmt"
	"math"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// LevelCount is the number of stations of one level.
type LevelCount struct {
	Level geo.Level
	Tier  string // "1", "11", "N" or "X"
	Count int
}

// StreetNetwork is one street's part of the network (for how stations are attributed to
// streets and communities, see Network).
type StreetNetwork struct {
	Code, Name             string
	HasCentre              bool              // a street-level station belongs to it
	Centres                []string          // those stations' IDs, sorted
	Stations               map[geo.Level]int // stations of each level that belong to it
	Communities            int               // its communities
	CommunitiesWithStation int               // … with a community- or compound-level station
	Population             float64           // residents of its communities' cells
	PopulationWithin15     float64           // … within 15 minutes' walk of a station of any level
}

// CommunityRef names a community: its residents are those of its cells, or its recorded
// population (households × persons per household, compounds) when it has no cells.
type CommunityRef struct {
	Code, Name, StreetCode string
	Population             float64
}

// CompoundRef names a compound and the walk minutes from its centroid's cell to the
// nearest station (NaN when none is reached within the engine's Options.MaxMinutes or the cell is
// off-network).
type CompoundRef struct {
	ID, Name, CommunityCode string
	Households              int
	Minutes                 float64
}

// LevelWithin is the residents within Minutes' walk of a station of one level (Key a
// geo.Level, or "any"). Share is of the district's residents, or of its area (m²) when no
// cell has residents.
type LevelWithin struct {
	Key        string
	Minutes    float64
	Population float64
	Share      float64
}

// NetworkReport is the "1+11+N+X" report of the district's party-mass stations.
type NetworkReport struct {
	Levels                    []LevelCount // the five levels, in geo.Levels() order
	Formula                   string       // "district+street+community&compound+building" counts, e.g. "1+11+57+12"
	Streets                   []StreetNetwork
	StreetsWithoutCentre      []string        // street codes, sorted
	CommunitiesWithoutStation []CommunityRef  // most residents first, then by code
	CompoundsBeyond5Min       []CompoundRef   // unreached first, then farthest first, then by ID
	WithinByLevel             []LevelWithin   // each level then "any", each at 5, 10 and 15 minutes
	OSMStationsToReview       int             // stations detected in OpenStreetMap (Source "osm")
	Compounds                 CompoundNetwork // residential compounds reached and holding stations, per level and for any
}

// networkMinutes returns the thresholds of WithinByLevel, in minutes.
func networkMinutes() []float64 { return []float64{5, 10, 15} }

// compoundMinutes is the limit of CompoundsBeyond5Min; centreMinutes that of
// StreetNetwork.PopulationWithin15.
const (
	compoundMinutes = 5
	centreMinutes   = 15
)

// Network returns the "1+11+N+X" report: stations per level and the formula, each
// street's centre and stations, the communities without a community or compound station,
// compounds more than 5 minutes' walk from any station, and residents within 5, 10 and
// 15 minutes of each level, and the compounds each level reaches (compoundNetwork). Populations are residents, times walking minutes; stations
// are placed by their WGS84 (lon, lat) points. Walk-time figures are empty (zero) before
// Compute.
//
// Each station belongs to at most one community and one street:
//
//   - when its ParentCode names a known unit, to that unit: a street code gives the
//     street; a community code the community and its street; a compound ID the compound's
//     community and its street;
//   - otherwise by location: the first community (by code) whose boundary holds its point,
//     and that community's street; failing that, the first street (by code) whose
//     boundary holds it.
//
// So a station that names its unit is never also credited to a neighbouring unit it
// happens to stand in. A street "has a centre" when a street-level station belongs to it;
// a community "has a station" when a community- or compound-level station belongs to it.
// Containment is planar in (lon, lat), holes respected (planar.MultiPolygonContains).
func Network(e *engine.Engine) NetworkReport {
	var rep NetworkReport
	counts := map[geo.Level]int{}
	for _, s := range e.Stations {
		counts[s.Level]++
		if s.Source == "osm" {
			rep.OSMStationsToReview++
		}
	}
	for _, l := range geo.Levels() {
		rep.Levels = append(rep.Levels, LevelCount{Level: l, Tier: l.Tier(), Count: counts[l]})
	}
	rep.Formula = fmt.Sprintf("%d+%d+%d+%d", counts[geo.LevelDistrict], counts[geo.LevelStreet],
		counts[geo.LevelCommunity]+counts[geo.LevelCompound], counts[geo.LevelBuilding])
	p := newPlaces(e)
	hasStation := communitiesWithStation(e, p)
	rep.Streets = streetNetworks(e, p, hasStation)
	for _, s := range rep.Streets {
		if !s.HasCentre {
			rep.StreetsWithoutCentre = append(rep.StreetsWithoutCentre, s.Code)
		}
	}
	rep.CommunitiesWithoutStation = communitiesWithout(e, hasStation)
	rep.CompoundsBeyond5Min = compoundsBeyond(e, compoundMinutes)
	rep.WithinByLevel = withinByLevel(e)
	rep.Compounds = compoundNetwork(e)
	return rep
}

// communitiesWithStation marks the communities that a community- or compound-level
// station belongs to.
func communitiesWithStation(e *engine.Engine, p places) []bool {
	has := make([]bool, len(e.Communities))
	for _, s := range e.Stations {
		if s.Level != geo.LevelCommunity && s.Level != geo.LevelCompound {
			continue
		}
		if ci := p.community(s); ci >= 0 {
			has[ci] = true
		}
	}
	return has
}

// streetNetworks builds one row per street, sorted by code.
func streetNetworks(e *engine.Engine, p places, hasStation []bool) []StreetNetwork {
	streets := e.Units.Streets()
	rows := make([]StreetNetwork, len(streets))
	at := map[string]int{}
	for k, s := range streets {
		at[s.Code] = k
		rows[k] = StreetNetwork{Code: s.Code, Name: s.Name, Stations: map[geo.Level]int{}, Communities: len(s.Communities)}
		for _, ci := range s.Communities {
			if hasStation[ci] {
				rows[k].CommunitiesWithStation++
			}
		}
	}
	for _, s := range e.Stations {
		k, ok := at[p.street(s)]
		if !ok {
			continue
		}
		rows[k].Stations[s.Level]++
		if s.Level == geo.LevelStreet {
			rows[k].Centres = append(rows[k].Centres, s.ID)
		}
	}
	streetPopulation(e, rows)
	for k := range rows {
		sort.Strings(rows[k].Centres)
		rows[k].HasCentre = len(rows[k].Centres) > 0
	}
	return rows
}

// streetPopulation adds each street's residents (rows parallel to e.Units.Streets()) and
// those within 15 minutes of any station.
func streetPopulation(e *engine.Engine, rows []StreetNetwork) {
	var secs []float32
	if anySet, ok := e.SetIndex(engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel}); ok {
		secs, _ = walkSeconds(e, anySet, centreMinutes) // nil on failure: nobody counted within
	}
	for k, s := range e.Units.Streets() {
		for _, i := range s.Cells {
			rows[k].Population += e.Cells[i].Population
			if secs != nil && within(secs[i], centreMinutes) {
				rows[k].PopulationWithin15 += e.Cells[i].Population
			}
		}
	}
}

// communitiesWithout lists the communities without a station, most residents first.
func communitiesWithout(e *engine.Engine, hasStation []bool) []CommunityRef {
	var out []CommunityRef
	for _, ci := range e.Units.CommunitiesByCode() {
		if hasStation[ci] {
			continue
		}
		c := e.Communities[ci]
		pop := e.CommunityPopulation(ci)
		if cells := e.Units.CommunityCells(ci); len(cells) > 0 {
			pop = cellPopulation(e, cells)
		}
		out = append(out, CommunityRef{Code: c.Code, Name: c.Name, StreetCode: c.StreetCode, Population: pop})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Population > out[b].Population })
	return out
}

// withinByLevel counts the residents within each of networkMinutes of each level and of
// any station.
func withinByLevel(e *engine.Engine) []LevelWithin {
	var total, totalArea float64
	for _, c := range e.Cells {
		total += c.Population
		totalArea += c.AreaM2
	}
	keys := make([]string, 0, 6)
	for _, l := range geo.Levels() {
		keys = append(keys, string(l))
	}
	var out []LevelWithin
	for _, key := range append(keys, engine.AnyLevel) {
		k, ok := e.SetIndex(engine.Target{Kind: engine.KindLevel, Key: key})
		if !ok {
			continue
		}
		for _, m := range networkMinutes() {
			secs, err := walkSeconds(e, k, m)
			if err != nil {
				continue
			}
			row := LevelWithin{Key: key, Minutes: m}
			var area float64
			for i, sec := range secs {
				if within(sec, m) {
					row.Population += e.Cells[i].Population
					area += e.Cells[i].AreaM2
				}
			}
			row.Share = shareOf(row.Population, total, area, totalArea)
			out = append(out, row)
		}
	}
	return out
}

// shareOf is part/whole by population, or by area when there are no residents.
func shareOf(pop, totalPop, area, totalArea float64) float64 {
	switch {
	case totalPop > 0:
		return pop / totalPop
	case totalArea > 0:
		return area / totalArea
	}
	return 0
}

// compoundsBeyond lists the compounds whose centroid's cell is more than minutes from any
// station. A centroid outside the study area's cells is snapped and searched on its own;
// compounds without a polygon are left out.
func compoundsBeyond(e *engine.Engine, minutes float64) []CompoundRef {
	anySet, ok := e.SetIndex(engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel})
	if !ok {
		return nil
	}
	var out []CompoundRef
	for _, k := range e.Compounds {
		sec, ok := compoundSeconds(e, k, anySet)
		if !ok || within(float32(sec), minutes) {
			continue
		}
		ref := CompoundRef{ID: k.ID, Name: k.Name, CommunityCode: k.CommunityCode, Households: k.Households, Minutes: math.NaN()}
		if !math.IsNaN(sec) && !math.IsInf(sec, 1) {
			ref.Minutes = sec / 60
		}
		out = append(out, ref)
	}
	sort.SliceStable(out, func(a, b int) bool { return compoundFarther(out[a], out[b]) })
	return out
}

func compoundFarther(a, b CompoundRef) bool {
	an, bn := math.IsNaN(a.Minutes), math.IsNaN(b.Minutes)
	switch {
	case an != bn:
		return an
	case !an && a.Minutes != b.Minutes:
		return a.Minutes > b.Minutes
	}
	return a.ID < b.ID
}

// compoundSeconds is the walk time in seconds from the compound's centroid cell to the
// nearest facility of set k (NaN off-network, +Inf unreached); false without a polygon.
func compoundSeconds(e *engine.Engine, k geo.Compound, set int) (float64, bool) {
	if len(k.Polygon) == 0 {
		return 0, false
	}
	c, ok := e.CentroidCell(k.Polygon)
	if !ok {
		return 0, false
	}
	if i, ok := e.CellIndex(c); ok {
		return float64(e.Results[set].Seconds[i]), true
	}
	ll := c.LatLng()
	from := e.Graph.Snap(orb.Point{ll.Lng, ll.Lat})
	if !from.OnNetwork {
		return math.NaN(), true
	}
	_, snaps := e.Facilities(engine.Target{Kind: engine.KindLevel, Key: e.Results[set].Key})
	hits := e.Graph.Nearest(from, snaps, 1, e.Options.MaxMinutes*60)
	if len(hits) == 0 {
		return math.Inf(1), true
	}
	return hits[0].Seconds, true
}

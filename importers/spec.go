package importers

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
)

// geomNeed says what geometry a kind's records carry.
type geomNeed int

const (
	needPoint    geomNeed = iota // lon/lat columns or a GeoJSON Point
	needArea                     // a Polygon/MultiPolygon (GeoJSON, or WKT/GeoJSON column)
	optionalArea                 // like needArea, but records may have none
)

// kindSpec is what reading one kind of file needs: its fields, which columns a table must
// have, its geometry, and the caller's options that shape parsing.
type kindSpec struct {
	kind       Kind
	uses       [numFields]bool
	required   []field
	geometry   geomNeed
	overrides  [numFields]string
	categories *geo.Categories
	crs        crs.System // the lon/lat system the coordinates are converted from (set by Read)
	repair     bool
	encoding   string
	sheet      string
	limits     Limits
	values     func(n int) values // the kind's values, prepared for about n records
}

// specFor checks kind and opts and returns the spec for reading.
func specFor(kind Kind, opts Options) (*kindSpec, error) {
	s := &kindSpec{kind: kind, categories: opts.Categories, crs: crs.WGS84, repair: opts.Repair,
		encoding: opts.Encoding, sheet: opts.Sheet, limits: opts.Limits.withDefaults()}
	var used []field
	switch kind {
	case KindCommunities:
		used = []field{fID, fName, fStreetCode, fStreetName, fHouseholds, fPopulation, fWorkers, fArea, fGeometry}
		s.required, s.geometry = []field{fID}, optionalArea
		s.values = columnOf((*rowCheck).community, placeCommunity, func(r *Result, vs []geo.Community) { r.Communities = vs })
	case KindStations:
		used = []field{fID, fName, fLon, fLat, fLevel, fParent, fAddress, fArea, fStaff}
		s.required, s.geometry = []field{fLon, fLat, fLevel}, needPoint
		s.values = columnOf((*rowCheck).station, placeStation, func(r *Result, vs []geo.Station) { r.Stations = vs })
	case KindOutlets:
		if opts.Categories == nil {
			return nil, geo.Errorf(geo.EINVALID, "importing outlets needs the category list")
		}
		used = []field{fID, fName, fLon, fLat, fCategory}
		s.required, s.geometry = []field{fLon, fLat, fCategory}, needPoint
		s.values = columnOf((*rowCheck).outlet, placeOutlet, func(r *Result, vs []geo.Outlet) { r.Outlets = vs })
	case KindCompounds:
		used = []field{fID, fName, fCommunityCode, fHouseholds, fPopulation, fGeometry}
		s.required, s.geometry = []field{fGeometry}, needArea
		s.values = columnOf((*rowCheck).compound, placeCompound, func(r *Result, vs []geo.Compound) { r.Compounds = vs })
	case KindDistricts:
		used = []field{fID, fName, fDistrictCode, fLevel, fGeometry}
		s.required, s.geometry = []field{fID}, needArea
		s.values = columnOf((*rowCheck).district, placeDistrict, func(r *Result, vs []geo.District) { r.Districts = vs })
	case KindStreets:
		used = []field{fID, fName, fDistrictCode, fGeometry}
		s.required, s.geometry = []field{fID}, optionalArea
		s.values = columnOf((*rowCheck).street, placeStreet, func(r *Result, vs []geo.Street) { r.Streets = vs })
	case KindGrids:
		used = []field{fID, fName, fCommunityCode, fHouseholds, fPopulation, fWorkers, fGeometry}
		s.required, s.geometry = []field{fID, fCommunityCode, fGeometry}, needArea
		s.values = columnOf((*rowCheck).grid, placeGrid, func(r *Result, vs []geo.Grid) { r.Grids = vs })
	default:
		return nil, geo.Errorf(geo.EINVALID, "unknown kind of file %q: use district, streets, communities, stations, outlets, compounds or grids", kind)
	}
	for _, f := range used {
		s.uses[f] = true
	}
	var err error
	if s.overrides, err = parseOverrides(opts.Fields); err != nil {
		return nil, err
	}
	if _, _, err := decodeText("", nil, opts.Encoding); err != nil {
		return nil, err
	}
	return s, nil
}

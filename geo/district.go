package geo

import "github.com/paulmach/orb"

// District is a county-level division (区/县/县级市) with its 6-digit division code: the
// study area. When districts are loaded, coverage is computed inside their union only.
type District struct {
	Code       string           // 6-digit division code, e.g. 340103
	Name       string           // e.g. 庐阳区
	ParentCode string           // 6-digit code of the prefecture-level city, e.g. 340100; may be empty
	Level      string           // as the file gives it (DataV: "district"); may be empty
	Boundary   orb.MultiPolygon // WGS84 (lon, lat)
	Source     string           // "file"
}

// AttributeJoin says how the rows of an attribute table (units without geometry, e.g. a
// civil-affairs list of communities with household counts) met the unit boundaries: by
// code, else by normalised name within the same parent.
type AttributeJoin struct {
	Rows         int            // rows in the table
	Units        int            // units with a boundary at the level
	Matched      int            // rows that landed on a unit
	Unmatched    []UnmatchedRow // rows that matched no unit, in record order
	UnitsWithout []string       // codes of units no row landed on, sorted
	Pending      bool           // no boundaries loaded yet: the rows wait for them
}

// UnmatchedRow is a row of an attribute table that matched no unit.
type UnmatchedRow struct {
	File       string
	Record     int
	Code, Name string
	ParentCode string
}

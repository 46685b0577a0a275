package coverage

import "github.com/paulmach/orb"

// FacilitySet is one kind of destination: the outlets of one category or the stations of
// one level.
type FacilitySet struct {
	Kind   string      // "category" or "level"
	Key    string      // category key or level name
	IDs    []string    // facility IDs parallel to Points; may be empty
	Points []orb.Point // facilities, WGS84 (lon, lat)
}

// Result is every cell's walk time to the nearest facility of one set.
type Result struct {
	Kind, Key string
	// Seconds per cell: walk time in seconds to the nearest facility (access legs
	// included), +Inf when none is reachable within the search limit, NaN when the cell's
	// centre is off the walk network.
	Seconds []float32
	// Nearest per cell: index into the set's Points of the nearest facility, -1 none.
	Nearest []int32
	// OffNetwork lists the indices into Points of facilities off the walk network; they
	// reach no cell.
	OffNetwork []int
}

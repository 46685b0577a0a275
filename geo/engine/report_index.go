package engine

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// repPlanarContains reports whether p lies in mp (lon, lat treated as a plane, holes
// respected); an empty multipolygon contains nothing.
func repPlanarContains(mp orb.MultiPolygon, p orb.Point) bool {
	return len(mp) > 0 && planar.MultiPolygonContains(mp, p)
}

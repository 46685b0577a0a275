package osmimport

import (
	"github.com/paulmach/osm"

	"github.com/lifecircle/lifecircle/geo"
)

// Walkable reports whether a way with these tags belongs to the pedestrian network: the
// rule of geo.WalkableWay on its highway, foot and access tags (any highway value with a
// geo.RoadClass; motorway, motorway_link, trunk and trunk_link only with
// foot=yes|designated|permissive; never with foot=no, nor with access=no|private unless
// foot=yes|designated|permissive). oneway is ignored: every walkable way is walked both
// ways. It looks at tags only, so it has no coordinates or units.
func Walkable(tags osm.Tags) bool {
	return geo.WalkableWay(geo.Highway(tags.Find("highway")), tags.Find("foot"), tags.Find("access"))
}

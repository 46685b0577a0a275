package osmimport

import "github.com/paulmach/osm"

// Walkable reports whether a way with these tags belongs to the pedestrian network, by the
// rule of docs/model.md "Walking model": highway in primary … corridor (see walkableHighway);
// motorway, motorway_link, trunk and trunk_link only with foot=yes|designated|permissive;
// never with foot=no, nor with access=no|private unless foot=yes|designated|permissive.
// oneway is ignored: every walkable way is walked both ways. It looks at tags only, so it
// has no coordinates or units.
func Walkable(tags osm.Tags) bool {
	foot := tags.Find("foot")
	if foot == "no" {
		return false
	}
	footOK := foot == "yes" || foot == "designated" || foot == "permissive"
	if access := tags.Find("access"); (access == "no" || access == "private") && !footOK {
		return false
	}
	switch hw := tags.Find("highway"); {
	case walkableHighway(hw):
		return true
	case hw == "motorway" || hw == "motorway_link" || hw == "trunk" || hw == "trunk_link":
		return footOK
	}
	return false
}

// walkableHighway reports whether the highway value is walkable without a foot tag.
func walkableHighway(hw string) bool {
	switch hw {
	case "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
		"unclassified", "residential", "living_street", "service", "pedestrian", "footway",
		"path", "steps", "track", "cycleway", "bridleway", "road", "corridor":
		return true
	}
	return false
}

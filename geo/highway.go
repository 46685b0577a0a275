package geo

// Highway is an OSM highway=* value, as WalkEdge.Highway holds it.
type Highway string

// The highway values the walk network is made of (see WalkableWay). The major roads come
// first, in the order the partial index of migration 00005 lists them.
const (
	HighwayPrimary       Highway = "primary"
	HighwayPrimaryLink   Highway = "primary_link"
	HighwaySecondary     Highway = "secondary"
	HighwaySecondaryLink Highway = "secondary_link"
	HighwayTertiary      Highway = "tertiary"
	HighwayTertiaryLink  Highway = "tertiary_link"
	HighwayTrunk         Highway = "trunk"
	HighwayTrunkLink     Highway = "trunk_link"
	HighwayMotorway      Highway = "motorway"
	HighwayMotorwayLink  Highway = "motorway_link"

	HighwayUnclassified Highway = "unclassified"
	HighwayResidential  Highway = "residential"
	HighwayLivingStreet Highway = "living_street"
	HighwayService      Highway = "service"
	HighwayPedestrian   Highway = "pedestrian"
	HighwayRoad         Highway = "road"

	HighwayFootway   Highway = "footway"
	HighwayPath      Highway = "path"
	HighwayTrack     Highway = "track"
	HighwayCycleway  Highway = "cycleway"
	HighwayBridleway Highway = "bridleway"
	HighwayCorridor  Highway = "corridor"

	HighwaySteps Highway = "steps"
)

// RoadClass is what a highway value means to the map and to derived neighbourhoods.
type RoadClass string

// The road classes.
const (
	// RoadMajor is the road grid: motorway, trunk, primary, secondary and tertiary roads
	// and their links. Major roads bound derived neighbourhood units and are all the
	// base map draws at low zooms.
	RoadMajor RoadClass = "major"
	// RoadMinor is streets: unclassified, residential, living_street, service,
	// pedestrian and road.
	RoadMinor RoadClass = "minor"
	// RoadPath is ways for walking or cycling only: footway, path, track, cycleway,
	// bridleway and corridor.
	RoadPath RoadClass = "path"
	// RoadSteps is steps, which take WalkModel.StepsFactor times as long to walk.
	RoadSteps RoadClass = "steps"
)

// Highways returns every highway value the walk network is made of, major roads first in
// the order of the constants; a new slice each call.
func Highways() []Highway {
	return []Highway{
		HighwayPrimary, HighwayPrimaryLink, HighwaySecondary, HighwaySecondaryLink,
		HighwayTertiary, HighwayTertiaryLink, HighwayTrunk, HighwayTrunkLink,
		HighwayMotorway, HighwayMotorwayLink,
		HighwayUnclassified, HighwayResidential, HighwayLivingStreet, HighwayService,
		HighwayPedestrian, HighwayRoad,
		HighwayFootway, HighwayPath, HighwayTrack, HighwayCycleway, HighwayBridleway,
		HighwayCorridor,
		HighwaySteps,
	}
}

// HighwaysOf returns the highway values of class c, in the order of Highways.
func HighwaysOf(c RoadClass) []Highway {
	var out []Highway
	for _, h := range Highways() {
		if h.Class() == c {
			out = append(out, h)
		}
	}
	return out
}

// Class returns h's road class; "" for a value the walk network is not made of (e.g.
// construction, proposed, bus_stop).
func (h Highway) Class() RoadClass {
	switch h {
	case HighwayPrimary, HighwayPrimaryLink, HighwaySecondary, HighwaySecondaryLink,
		HighwayTertiary, HighwayTertiaryLink, HighwayTrunk, HighwayTrunkLink,
		HighwayMotorway, HighwayMotorwayLink:
		return RoadMajor
	case HighwayUnclassified, HighwayResidential, HighwayLivingStreet, HighwayService,
		HighwayPedestrian, HighwayRoad:
		return RoadMinor
	case HighwayFootway, HighwayPath, HighwayTrack, HighwayCycleway, HighwayBridleway,
		HighwayCorridor:
		return RoadPath
	case HighwaySteps:
		return RoadSteps
	}
	return ""
}

// IsMajor reports whether h is a major road (RoadMajor).
func (h Highway) IsMajor() bool { return h.Class() == RoadMajor }

// IsSteps reports whether h is steps.
func (h Highway) IsSteps() bool { return h == HighwaySteps }

// needsFoot reports whether h is walkable only where a foot tag allows it: motorways and
// trunk roads, with their links.
func (h Highway) needsFoot() bool {
	switch h {
	case HighwayMotorway, HighwayMotorwayLink, HighwayTrunk, HighwayTrunkLink:
		return true
	}
	return false
}

// WalkableWay reports whether an OSM way with these highway, foot and access tag values
// ("" when absent) belongs to the pedestrian network, by the walking model's rule: a
// highway value with a road class; motorway, motorway_link, trunk and trunk_link only
// with foot=yes|designated|permissive; never with foot=no, nor with access=no|private
// unless foot=yes|designated|permissive. Other foot and access values (use_sidepath,
// destination, …) change nothing. It looks at tags only: no coordinates or units.
func WalkableWay(highway Highway, foot, access string) bool {
	if foot == "no" {
		return false
	}
	footOK := foot == "yes" || foot == "designated" || foot == "permissive"
	if (access == "no" || access == "private") && !footOK {
		return false
	}
	if highway.Class() == "" {
		return false
	}
	return footOK || !highway.needsFoot()
}

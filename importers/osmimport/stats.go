package osmimport

// Stats counts what a read found and kept. Skipped counts what could not be used, by
// reason (the Skip… constants), so that a planner can see how complete an extract is.
type Stats struct {
	NodesRead     int64   // nodes in the file
	WaysRead      int64   // ways in the file
	RelationsRead int64   // relations in the file
	WalkableWays  int64   // ways that pass Walkable
	NodesKept     int64   // nodes whose coordinates were kept (network, polygons, POIs)
	Nodes         int64   // network nodes (edge ends)
	Edges         int64   // network edges
	WalkLengthM   float64 // total length of the edges, metres
	Outlets       int64
	Stations      int64
	Residential   int64
	Communities   int64
	// Buildings counts the footprints kept as possible homes (geo.IsBuildingKind), of which
	// BuildingsWithLevels carry a usable building:levels.
	Buildings, BuildingsWithLevels int64
	Skipped                        map[string]int64
	// BadNodes holds the ids of the first MaxBadNodes nodes counted under
	// SkipBadCoordinates, for messages that name them.
	BadNodes []int64
}

// MaxBadNodes is how many bad-coordinate node ids Stats.BadNodes keeps.
const MaxBadNodes = 10

// Reasons for skipping, the keys of Stats.Skipped.
const (
	// SkipWayMissingNodes counts walkable ways with nodes missing from the file (a clipped
	// extract); the runs of nodes that are present are kept as edges.
	SkipWayMissingNodes = "walkable_way_missing_nodes"
	// SkipMissingNodeRefs counts the missing node references of those ways.
	SkipMissingNodeRefs = "walkable_way_missing_node_refs"
	// SkipBadCoordinates counts nodes whose longitude or latitude is out of range, or that
	// lie at exactly (0, 0), a placeholder; they are treated as missing.
	SkipBadCoordinates = "node_bad_coordinates"
	// SkipOpenWay counts POI, residential or boundary ways that are not closed polygons.
	SkipOpenWay = "feature_way_not_closed"
	// SkipPolygonMissingNodes counts polygons with nodes missing from the file.
	SkipPolygonMissingNodes = "polygon_missing_nodes"
	// SkipUnassembled counts multipolygon relations whose outer ways (some possibly missing
	// from the file) do not join into closed rings.
	SkipUnassembled = "multipolygon_not_assembled"
	// SkipRepeatedSegments counts segments a walkable way walks again (A, B, A, …): each
	// is kept once, not as parallel edges.
	SkipRepeatedSegments = "walkable_way_repeated_segments"
	// SkipInnerUnassembled counts multipolygons whose inner ways do not join into rings;
	// the polygon is kept without its holes.
	SkipInnerUnassembled = "multipolygon_inner_not_assembled"
)

func (s *Stats) skip(reason string, n int64) {
	if s.Skipped == nil {
		s.Skipped = map[string]int64{}
	}
	s.Skipped[reason] += n
}

package geo

// OSMData is what an OpenStreetMap extract gives lifecircle to store: the walk network
// and the features found by tag, all WGS84 (lon, lat).
type OSMData struct {
	Nodes       []WalkNode
	Edges       []WalkEdge
	Outlets     []Outlet
	Stations    []Station
	Residential []ResidentialArea
	Communities []Community
	Buildings   []Building // footprints that can house residents
}

// OSMSummary counts what an OpenStreetMap import stored.
type OSMSummary struct {
	BatchID                                                   int64
	Nodes, Edges, Outlets, Stations, Residential, Communities int
	Buildings, BuildingsWithLevels                            int
}

// OSMStored counts what the store holds from earlier OpenStreetMap imports (the walk
// network and the rows with source 'osm'), read inside the import's transaction so that a
// shrink check sees what the import replaces.
type OSMStored struct {
	Nodes, Edges, Outlets, Stations, Residential, Communities int64
}

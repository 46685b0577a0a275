package postgis

// Exported for the black-box tests of the tile SQL and the partial index it relies on.
var (
	TileQuery           = tileQuery
	TileArgs            = tileArgs
	MajorRoadsPredicate = majorRoadsPredicate
)

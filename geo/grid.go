package geo

import "github.com/paulmach/orb"

// Grid is a grid (网格) of grid-based service management (网格化服务管理): the unit below
// a community, looked after by its grid workers (网格员). Counts of zero mean "not known",
// except Workers, which is known when WorkersGiven (zero then means no worker).
type Grid struct {
	Code          string // the grid's own code, unique in the study area
	Name          string
	CommunityCode string // 12-digit code of the community it lies in
	Households    int
	Population    int
	Workers       int              // grid workers (网格员)
	WorkersGiven  bool             // the file gave a worker count (0 then means none)
	Polygon       orb.MultiPolygon // WGS84 (lon, lat)
	Source        string
}

// How a grid must lie in its community (shares of the grid's area on the WGS84
// spheroid): at least GridMinInsideShare inside it, and less than GridMaxOtherShare in
// any other community (more is a grid drawn across a community boundary; less is taken
// for digitising slivers).
const (
	GridMinInsideShare = 0.5
	GridMaxOtherShare  = 0.1
)

package geo

import "github.com/paulmach/orb"

// Community is a community (社区) or village (村) unit: the smallest division with an
// official 12-digit code. Counts of zero mean "not known" and are not assessed.
type Community struct {
	Code          string // 12-digit division code, e.g. 340103001001
	Name          string
	StreetCode    string // 9-digit code of the street/township it belongs to
	StreetName    string
	Households    int
	Population    int
	Workers       int               // community workers (社区工作者)
	ServiceAreaM2 float64           // floor area of community service facilities, m²
	Boundary      orb.MultiPolygon  // WGS84 (lon, lat); may be empty when only names are known
	Source        string            // "file", "osm", "derived"
	Attrs         map[string]string // an attribute table's other columns, by column name; may be nil
}

// Street is a street (街道) or township (乡镇): the "11" level of the network.
type Street struct {
	Code         string // 9-digit division code
	Name         string
	DistrictCode string // 6-digit code of the district/county
	Boundary     orb.MultiPolygon
}

// Compound is a residential compound (小区): the unit under a community that may host a
// compound-level station, and the usual carrier of household counts.
type Compound struct {
	ID            string
	Name          string
	CommunityCode string
	Households    int
	Population    int
	Polygon       orb.MultiPolygon // WGS84 (lon, lat)
	Source        string
}

// ResidentialArea is residential land (OSM landuse=residential or residential buildings)
// used to weigh where people live inside a community when no population grid is given.
type ResidentialArea struct {
	ID      string
	Kind    string // "landuse" or "building"
	Polygon orb.MultiPolygon
}

package geo

import "github.com/paulmach/orb"

// Station is a party-mass service centre or station (党群服务中心/站).
type Station struct {
	ID          string
	Name        string
	Level       Level
	ParentCode  string // division code of the unit it serves (street or community)
	Address     string
	FloorAreaM2 float64
	Staff       int
	Point       orb.Point // WGS84 (lon, lat)
	Source      string    // "file" or "osm" (detected; for planners to review)
}

// Outlet is a convenience service point of one category: a supermarket, a clinic, a
// kindergarten …
type Outlet struct {
	ID       string
	Name     string
	Category string    // a Category key from data/categories.json
	Point    orb.Point // WGS84 (lon, lat)
	Source   string
}

package geo

import "github.com/paulmach/orb"

// Building is a building footprint from OpenStreetMap that can house residents: its
// building=* value (residential, apartments, house, dormitory, detached, terrace or yes)
// and its building:levels, 0 when not tagged (the compute then takes a configured
// default). Polygon is WGS84 (lon, lat).
type Building struct {
	ID      string
	Kind    string
	Levels  float64
	Polygon orb.MultiPolygon
}

// IsBuildingKind reports whether a building=* value is read as a possible home:
// residential, apartments, house, dormitory, detached, terrace or yes ("yes" counts only
// inside residential land, docs/model.md "Population per cell").
func IsBuildingKind(v string) bool {
	switch v {
	case "residential", "apartments", "house", "dormitory", "detached", "terrace", "yes":
		return true
	}
	return false
}

package importers

import (
	"encoding/json"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// geometryTypes are the GeoJSON geometry type names.
var geometryTypes = []string{"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}

func isGeometryType(t string) bool {
	for _, g := range geometryTypes {
		if t == g {
			return true
		}
	}
	return false
}

// parseGeometry reads a GeoJSON geometry object. Points, Polygons and MultiPolygons get
// their (lon, lat) coordinates; other known types only their type, for the caller to
// reject. A non-empty reason says why the geometry cannot be read.
func parseGeometry(raw []byte) (*featureGeometry, string) {
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, "malformed geometry: " + err.Error()
	}
	out := &featureGeometry{typ: g.Type}
	var err error
	switch g.Type {
	case "Point":
		var c []float64
		if err = json.Unmarshal(g.Coordinates, &c); err == nil {
			if len(c) < 2 {
				return nil, "malformed coordinates: a position needs two numbers (lon, lat)"
			}
			out.point = orb.Point{c[0], c[1]}
		}
	case "Polygon":
		var c [][][]float64
		if err = json.Unmarshal(g.Coordinates, &c); err == nil && len(c) > 0 {
			poly, reason := toPolygon(c)
			if reason != "" {
				return nil, reason
			}
			out.area = orb.MultiPolygon{poly}
		}
	case "MultiPolygon":
		var c [][][][]float64
		if err = json.Unmarshal(g.Coordinates, &c); err == nil {
			for _, pc := range c {
				poly, reason := toPolygon(pc)
				if reason != "" {
					return nil, reason
				}
				out.area = append(out.area, poly)
			}
		}
	default:
		if !isGeometryType(g.Type) {
			return nil, "unknown geometry type " + quote(guard.Echo(g.Type, guard.EchoRunes))
		}
	}
	if err != nil {
		return nil, "malformed coordinates for a " + g.Type + ": " + err.Error()
	}
	return out, ""
}

func toPolygon(c [][][]float64) (orb.Polygon, string) {
	poly := make(orb.Polygon, 0, len(c))
	for _, rc := range c {
		ring := make(orb.Ring, 0, len(rc))
		for _, pc := range rc {
			if len(pc) < 2 {
				return nil, "malformed coordinates: a position needs two numbers (lon, lat)"
			}
			ring = append(ring, orb.Point{pc[0], pc[1]})
		}
		poly = append(poly, ring)
	}
	return poly, ""
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

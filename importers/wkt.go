package importers

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"
)

// parseGeometryText reads a geometry column: GeoJSON geometry text ("{…}") or WKT/EWKT
// (POLYGON, MULTIPOLYGON or POINT, optionally "SRID=4326;" first and Z/M values, which
// are dropped). Coordinates are taken as (lon, lat).
func parseGeometryText(s string) (*featureGeometry, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		g, reason := parseGeometry([]byte(s))
		if reason != "" {
			return nil, errors.New(reason)
		}
		return g, nil
	}
	return parseWKT(s)
}

// parseWKT reads WKT or EWKT with go-geom's decoder and keeps (lon, lat): Z and M values
// are dropped.
func parseWKT(s string) (*featureGeometry, error) {
	if strings.HasPrefix(strings.ToUpper(s), "SRID=") {
		if _, rest, ok := strings.Cut(s, ";"); ok {
			s = rest
		}
	}
	if s == "" || !unicode.IsLetter(rune(s[0])) {
		return nil, errors.New("not WKT: expected POLYGON, MULTIPOLYGON or GeoJSON")
	}
	t, err := wkt.Unmarshal(s)
	if err != nil {
		first, _, _ := strings.Cut(err.Error(), "\n")
		return nil, fmt.Errorf("unreadable WKT: %s", first)
	}
	switch g := t.(type) {
	case *geom.Point:
		if g.Empty() {
			return nil, errors.New("empty POINT")
		}
		return &featureGeometry{typ: "Point", point: orb.Point{g.X(), g.Y()}}, nil
	case *geom.Polygon:
		return &featureGeometry{typ: "Polygon", area: orbPolygons([][][]geom.Coord{g.Coords()})}, nil
	case *geom.MultiPolygon:
		return &featureGeometry{typ: "MultiPolygon", area: orbPolygons(g.Coords())}, nil
	}
	return nil, fmt.Errorf("unsupported WKT type %T: expected POLYGON or MULTIPOLYGON", t)
}

// orbPolygons converts go-geom coordinates to (lon, lat) orb polygons, leaving out empty
// ones.
func orbPolygons(polys [][][]geom.Coord) orb.MultiPolygon {
	var mp orb.MultiPolygon
	for _, rings := range polys {
		var poly orb.Polygon
		for _, r := range rings {
			ring := make(orb.Ring, len(r))
			for i, c := range r {
				ring[i] = orb.Point{c.X(), c.Y()}
			}
			poly = append(poly, ring)
		}
		if len(poly) > 0 {
			mp = append(mp, poly)
		}
	}
	return mp
}

package api

import (
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// feature is a GeoJSON Feature whose properties are any JSON value (a struct with num
// fields, so NaN becomes null).
type feature struct {
	Type       string            `json:"type"`
	ID         string            `json:"id,omitempty"`
	Geometry   *geojson.Geometry `json:"geometry"`
	Properties any               `json:"properties"`
}

// featureCollection is a GeoJSON FeatureCollection with optional paging members.
type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
	Total    *int      `json:"total,omitempty"`
	Limit    *int      `json:"limit,omitempty"`
	Offset   *int      `json:"offset,omitempty"`
	Next     *string   `json:"next,omitempty"`
	CRS      string    `json:"crs,omitempty"` // the coordinate system of the coordinates (wgs84, gcj02, bd09)
}

func newFeature(id string, g orb.Geometry, props any) feature {
	return feature{Type: "Feature", ID: id, Geometry: geometry(g), Properties: props}
}

func newCollection(sys crs.System, fs []feature) featureCollection {
	if fs == nil {
		fs = []feature{}
	}
	return featureCollection{Type: "FeatureCollection", Features: fs, CRS: string(sys)}
}

// geometry wraps g for GeoJSON; nil for a missing or empty geometry.
func geometry(g orb.Geometry) *geojson.Geometry {
	if g == nil {
		return nil
	}
	switch v := g.(type) {
	case orb.LineString:
		if len(v) == 0 {
			return nil
		}
	case orb.MultiPolygon:
		if len(v) == 0 {
			return nil
		}
	case orb.Polygon:
		if len(v) == 0 {
			return nil
		}
	}
	return geojson.NewGeometry(g)
}

// Output conversion: every function returns a new value in sys, (lon, lat) degrees,
// leaving its WGS84 input untouched (the engine's data is shared by all requests).

func outPoint(sys crs.System, p orb.Point) orb.Point { return crs.FromWGS84(sys, p) }

// outPair returns p in sys as a [lon, lat] JSON pair.
func outPair(sys crs.System, p orb.Point) [2]num {
	q := outPoint(sys, p)
	return [2]num{num(q[0]), num(q[1])}
}

// outEach converts each element of in with out, keeping nil nil (JSON null).
func outEach[E, F any](in []E, out func(E) F) []F {
	if in == nil {
		return nil
	}
	res := make([]F, len(in))
	for i, x := range in {
		res[i] = out(x)
	}
	return res
}

func outLine(sys crs.System, ls orb.LineString) orb.LineString {
	return outEach(ls, func(p orb.Point) orb.Point { return outPoint(sys, p) })
}

func outPolygon(sys crs.System, pg orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(pg))
	for i, r := range pg {
		out[i] = orb.Ring(outLine(sys, orb.LineString(r)))
	}
	return out
}

func outMulti(sys crs.System, mp orb.MultiPolygon) orb.MultiPolygon {
	return outEach(mp, func(pg orb.Polygon) orb.Polygon { return outPolygon(sys, pg) })
}

package api

import (
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The wire format of GET /api/v1/nearest (JSON), /route and /isochrone (GeoJSON).

// nearestAnswer is GET /api/v1/nearest: the point asked about and the facilities nearest on
// foot, all in the request's crs.
type nearestAnswer struct {
	CRS     string       `json:"crs"`
	From    [2]num       `json:"from"`
	Target  targetJSON   `json:"target"`
	Results []nearestHit `json:"results"`
}

// nearestHit is one facility in a /nearest answer.
type nearestHit struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Category string            `json:"category,omitempty"`
	Level    string            `json:"level,omitempty"`
	Minutes  num               `json:"minutes"`
	Metres   num               `json:"metres"`
	Lon      num               `json:"lon"`
	Lat      num               `json:"lat"`
	Source   string            `json:"source,omitempty"`
	Path     *geojson.Geometry `json:"path,omitempty"` // LineString, with geometry=true
}

func nearestOut(sys crs.System, from orb.Point, t engine.Target, hits []engine.NearestHit, withPath bool) nearestAnswer {
	ans := nearestAnswer{CRS: string(sys), From: outPair(sys, from), Target: targetOut(t), Results: make([]nearestHit, len(hits))}
	for i, h := range hits {
		ans.Results[i] = nearestHitOut(sys, h, withPath)
	}
	return ans
}

func nearestHitOut(sys crs.System, h engine.NearestHit, withPath bool) nearestHit {
	pt := outPoint(sys, h.Point)
	out := nearestHit{ID: h.ID, Name: h.Name, Minutes: num(h.Minutes), Metres: num(h.Metres), Lon: num(pt[0]), Lat: num(pt[1]), Source: h.Source}
	if h.Kind == engine.KindCategory {
		out.Category = h.Key
	} else {
		out.Level = h.Key
	}
	if withPath {
		out.Path = geometry(outLine(sys, h.Path))
	}
	return out
}

// routeProps are the properties of GET /api/v1/route's Feature (its geometry is the path).
type routeProps struct {
	Minutes num    `json:"minutes"`
	Metres  num    `json:"metres"`
	From    [2]num `json:"from"`
	To      [2]num `json:"to"`
	CRS     string `json:"crs"`
}

func routeOut(sys crs.System, from, to orb.Point, w engine.Walk) feature {
	props := routeProps{Minutes: num(w.Minutes), Metres: num(w.Metres), From: outPair(sys, from), To: outPair(sys, to), CRS: string(sys)}
	return newFeature("", outLine(sys, w.Path), props)
}

// bandProps is one threshold of GET /api/v1/isochrone (the feature's geometry is the
// area reached).
type bandProps struct {
	Minutes    num `json:"minutes"`
	Cells      int `json:"cells"`
	Population num `json:"population"`
}

func isochroneOut(sys crs.System, bands []engine.Band) featureCollection {
	fs := make([]feature, len(bands))
	for i, b := range bands {
		fs[i] = newFeature("", outMulti(sys, b.Polygon), bandProps{Minutes: num(b.Minutes), Cells: b.Cells, Population: num(b.Population)})
	}
	return newCollection(sys, fs)
}

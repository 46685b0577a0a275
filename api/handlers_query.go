package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

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

type nearestAnswer struct {
	CRS     string       `json:"crs"`
	From    [2]num       `json:"from"`
	Target  targetJSON   `json:"target"`
	Results []nearestHit `json:"results"`
}

// targetJSON names the facilities asked for: a category or a level.
type targetJSON struct {
	Category string `json:"category,omitempty"`
	Level    string `json:"level,omitempty"`
}

func targetOut(t engine.Target) targetJSON {
	if t.Kind == engine.KindCategory {
		return targetJSON{Category: t.Key}
	}
	return targetJSON{Level: t.Key}
}

// nearest answers GET /api/v1/nearest: the k facilities of a kind nearest on foot.
func (s *Server) nearest(c echo.Context) error {
	q := c.QueryParams()
	sys, err := parseCRS(q)
	if err != nil {
		return err
	}
	p, err := parsePoint(q, sys)
	if err != nil {
		return err
	}
	t, err := parseTarget(q, s.opts.Categories)
	if err != nil {
		return err
	}
	k, err := parseInt(q, "k", 3, 1, engine.MaxK)
	if err != nil {
		return err
	}
	withPath, err := parseBool(q, "geometry")
	if err != nil {
		return err
	}
	e, err := s.engineFor(t)
	if err != nil {
		return err
	}
	hits, err := e.Nearest(p, t, k, withPath)
	if err != nil {
		return err
	}
	ans := nearestAnswer{CRS: string(sys), From: outPair(sys, p), Target: targetOut(t), Results: make([]nearestHit, len(hits))}
	for i, h := range hits {
		ans.Results[i] = nearestOut(sys, h, withPath)
	}
	return c.JSON(http.StatusOK, ans)
}

func nearestOut(sys crs.System, h engine.NearestHit, withPath bool) nearestHit {
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

type routeProps struct {
	Minutes num    `json:"minutes"`
	Metres  num    `json:"metres"`
	From    [2]num `json:"from"`
	To      [2]num `json:"to"`
	CRS     string `json:"crs"`
}

// route answers GET /api/v1/route: the quickest walk between two points, as a GeoJSON
// Feature with a LineString.
func (s *Server) route(c echo.Context) error {
	q := c.QueryParams()
	sys, err := parseCRS(q)
	if err != nil {
		return err
	}
	from, err := parsePair(q, "from", sys)
	if err != nil {
		return err
	}
	to, err := parsePair(q, "to", sys)
	if err != nil {
		return err
	}
	e, err := s.current()
	if err != nil {
		return err
	}
	w, err := e.Route(from, to)
	if err != nil {
		return err
	}
	props := routeProps{Minutes: num(w.Minutes), Metres: num(w.Metres), From: outPair(sys, from), To: outPair(sys, to), CRS: string(sys)}
	return writeGeoJSON(c, newFeature("", outLine(sys, w.Path), props))
}

type bandProps struct {
	Minutes    num `json:"minutes"`
	Cells      int `json:"cells"`
	Population num `json:"population"`
}

// isochrone answers GET /api/v1/isochrone: for each threshold the area reached on foot,
// as a FeatureCollection of MultiPolygons with the residents inside.
func (s *Server) isochrone(c echo.Context) error {
	q := c.QueryParams()
	sys, err := parseCRS(q)
	if err != nil {
		return err
	}
	p, err := parsePoint(q, sys)
	if err != nil {
		return err
	}
	mins, err := parseMinutesList(q, "minutes", []float64{5, 10, 15})
	if err != nil {
		return err
	}
	e, err := s.current()
	if err != nil {
		return err
	}
	bands, err := e.Isochrone(p, mins)
	if err != nil {
		return err
	}
	fs := make([]feature, len(bands))
	for i, b := range bands {
		var g orb.Geometry = outMulti(sys, b.Polygon)
		fs[i] = newFeature("", g, bandProps{Minutes: num(b.Minutes), Cells: b.Cells, Population: num(b.Population)})
	}
	return writeGeoJSON(c, newCollection(sys, fs))
}

package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// nearest answers GET /api/v1/nearest: the k facilities of a kind nearest on foot, or
// with circle= the k nearest of each facility of the circle.
func (s *Server) nearest(c echo.Context) error {
	q := c.QueryParams()
	sys, circle, t, err := s.targetOrCircle(q)
	if err != nil {
		return err
	}
	p, err := parsePoint(q, sys)
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
	e, err := s.engineOf(c, circle, t, p)
	if err != nil {
		return err
	}
	if circle != nil {
		groups, err := assess.CircleNearestHits(e, *circle, p, k, withPath)
		if err != nil {
			return err
		}
		out := nearestCircleOut(sys, p, t, groups, withPath, k, e.Options.MaxMinutes)
		out.Region = answeredRegion(c)
		return writeJSON(c, http.StatusOK, out)
	}
	hits, err := e.Nearest(p, t, k, withPath)
	if err != nil {
		return err
	}
	fs, _ := e.Facilities(t)
	out := nearestOut(sys, p, t, hits, withPath, k, len(fs), e.Options.MaxMinutes)
	out.Region = answeredRegion(c)
	return writeJSON(c, http.StatusOK, out)
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
	e, err := s.current(c, from)
	if err != nil {
		return err
	}
	w, err := e.Route(from, to)
	if err != nil {
		return err
	}
	return writeGeoJSON(c, routeOut(sys, from, to, w))
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
	e, err := s.current(c, p)
	if err != nil {
		return err
	}
	bands, err := e.Isochrone(p, mins)
	if err != nil {
		return err
	}
	return writeGeoJSON(c, isochroneOut(sys, bands))
}

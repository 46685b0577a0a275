package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// coverage answers GET /api/v1/coverage: the share of residents and area within the
// minutes of the nearest facility of a kind, in total and per community.
func (s *Server) coverage(c echo.Context) error {
	q := c.QueryParams()
	sys, circle, t, mins, e, err := s.circleQuery(c)
	if err != nil {
		return err
	}
	street, comm := strings.TrimSpace(q.Get("street")), strings.TrimSpace(q.Get("community"))
	if street != "" && comm != "" {
		return paramError("street", "give either street or community, not both")
	}
	format, l, err := parseOutput(q, "json", "csv", "geojson")
	if err != nil {
		return err
	}
	unit, err := parseUnit(q)
	if err != nil {
		return err
	}
	rep, err := assess.Coverage(e, assess.CoverageQuery{Target: t, Minutes: mins, Street: street, Community: comm, Circle: circle, Unit: unit})
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		return writeCSV(c, "coverage-"+t.Key+".csv", coverageCSV(rep, l))
	case "geojson":
		out := coverageGeoJSONOut(sys, e, rep)
		out.Region = answeredRegion(c)
		return writeGeoJSON(c, out)
	}
	out := coverageOut(rep)
	out.Region = answeredRegion(c)
	out.Data = dataNoteOf(e)
	return writeJSON(c, http.StatusOK, out)
}

// coverageCells answers GET /api/v1/coverage/cells: every H3 cell (in bbox) with its walk
// minutes to the nearest facility of a kind, or to a named circle (circle=: the farthest of
// its facilities' nearest, facility_id empty), as GeoJSON hexagons or CSV.
func (s *Server) coverageCells(c echo.Context) error {
	q := c.QueryParams()
	sys, circle, t, err := s.targetOrCircle(q)
	if err != nil {
		return err
	}
	bbox, err := parseBBox(q, sys)
	if err != nil {
		return err
	}
	format, l, err := parseOutput(q, "geojson", "csv")
	if err != nil {
		return err
	}
	e, err := s.engineOf(c, circle, t)
	if err != nil {
		return err
	}
	var rows []assess.CellRow
	if circle != nil {
		rows, err = assess.CircleCells(e, *circle, bbox)
	} else {
		rows, err = assess.CoverageCells(e, t, bbox)
	}
	if err != nil {
		return err
	}
	if format == "csv" {
		return writeCSV(c, "cells-"+t.Key+".csv", cellsCSV(sys, rows, l))
	}
	return writeGeoJSON(c, cellsGeoJSON(sys, rows))
}

// targetOrCircle reads the crs and circle= or else category=/level= (no minutes).
func (s *Server) targetOrCircle(q url.Values) (crs.System, *assess.Circle, engine.Target, error) {
	sys, err := parseCRS(q)
	if err != nil {
		return "", nil, engine.Target{}, err
	}
	circle, err := s.parseCircle(q)
	if err != nil {
		return "", nil, engine.Target{}, err
	}
	if circle != nil {
		return sys, circle, circle.Target(), nil
	}
	t, err := parseTarget(q, s.opts.Categories)
	return sys, nil, t, err
}

// engineOf returns the engine answering now, which knows target t (a circle's targets are
// checked when its walk times are read).
func (s *Server) engineOf(c echo.Context, circle *assess.Circle, t engine.Target, at ...orb.Point) (*engine.Engine, error) {
	if circle != nil {
		return s.current(c, at...)
	}
	return s.engineFor(c, t, at...)
}

// gaps answers GET /api/v1/gaps: the places where most residents are beyond the minutes,
// ranked, as GeoJSON (default), JSON or CSV.
func (s *Server) gaps(c echo.Context) error {
	q := c.QueryParams()
	sys, circle, t, mins, e, err := s.circleQuery(c)
	if err != nil {
		return err
	}
	limit, err := parseInt(q, "limit", 10, 1, 100)
	if err != nil {
		return err
	}
	format, l, err := parseOutput(q, "geojson", "json", "csv")
	if err != nil {
		return err
	}
	gs, err := assess.Gaps(e, t, mins, limit)
	if circle != nil {
		gs, err = assess.CircleGaps(e, *circle, mins, limit)
	}
	if err != nil {
		return err
	}
	switch format {
	case "json":
		out := gapsOut(sys, t, mins, gs)
		out.Region = answeredRegion(c)
		out.Data = dataNoteOf(e)
		return writeJSON(c, http.StatusOK, out)
	case "csv":
		return writeCSV(c, "gaps-"+t.Key+".csv", gapsCSV(gs, l))
	}
	out := gapsGeoJSON(sys, gs, dataNoteOf(e))
	out.Region = answeredRegion(c)
	return writeGeoJSON(c, out)
}

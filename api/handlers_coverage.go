package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// coverageAnswer is GET /api/v1/coverage as GeoJSON: the communities' boundaries with their
// rows, and the total of the scope asked for.
type coverageAnswer struct {
	featureCollection
	Summary any `json:"summary"`
}

// coverage answers GET /api/v1/coverage: the share of residents and area within the
// minutes of the nearest facility of a kind, in total and per community.
func (s *Server) coverage(c echo.Context) error {
	q, sys, t, err := s.targetQuery(c)
	if err != nil {
		return err
	}
	mins, err := parseMinutes(q, "minutes", 15)
	if err != nil {
		return err
	}
	street, comm := strings.TrimSpace(q.Get("street")), strings.TrimSpace(q.Get("community"))
	if street != "" && comm != "" {
		return paramError("street", "give either street or community, not both")
	}
	format, err := parseFormat(q, "json", "csv", "geojson")
	if err != nil {
		return err
	}
	e, err := s.engineFor(t)
	if err != nil {
		return err
	}
	rep, err := e.Coverage(engine.CoverageQuery{Target: t, Minutes: mins, Street: street, Community: comm})
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		return writeCSV(c, "coverage-"+t.Key+".csv", coverageCSV(rep))
	case "geojson":
		return writeGeoJSON(c, coverageGeoJSON(sys, e, rep))
	}
	return c.JSON(http.StatusOK, report(sys, rep))
}

var coverageColumns = []string{"scope", "code", "name", "cells", "off_network_cells", "population", "population_within",
	"population_share", "population_beyond", "area_m2", "area_within_m2", "area_share", "mean_min", "median_min", "p90_min", "area_weighted"}

func coverageCSV(rep engine.CoverageReport) [][]string {
	rows := [][]string{append([]string{"kind", "key", "minutes"}, coverageColumns...)}
	add := func(r engine.CoverageRow) {
		rows = append(rows, []string{rep.Target.Kind, rep.Target.Key, csvNum(rep.Minutes), r.Scope, r.Code, r.Name,
			strconv.Itoa(r.Cells), strconv.Itoa(r.OffNetworkCells), csvNum(r.Population), csvNum(r.PopulationWithin),
			csvNum(r.PopulationShare), csvNum(r.PopulationBeyond), csvNum(r.AreaM2), csvNum(r.AreaWithinM2),
			csvNum(r.AreaShare), csvNum(r.MeanMin), csvNum(r.MedianMin), csvNum(r.P90Min), strconv.FormatBool(r.AreaWeighted)})
	}
	add(rep.Total)
	for _, r := range rep.Communities {
		add(r)
	}
	return rows
}

func coverageGeoJSON(sys crs.System, e *engine.Engine, rep engine.CoverageReport) coverageAnswer {
	byCode := make(map[string]int, len(e.Communities))
	for i, cm := range e.Communities {
		byCode[cm.Code] = i
	}
	fs := make([]feature, 0, len(rep.Communities))
	for _, r := range rep.Communities {
		var g orb.Geometry
		if i, ok := byCode[r.Code]; ok {
			g = outMulti(sys, e.Communities[i].Boundary)
		}
		fs = append(fs, newFeature(r.Code, g, report(sys, r)))
	}
	summary := object{{"target", targetOut(rep.Target)}, {"minutes", num(rep.Minutes)}, {"facilities", rep.Facilities},
		{"total", report(sys, rep.Total)}}
	return coverageAnswer{featureCollection: newCollection(sys, fs), Summary: summary}
}

type cellProps struct {
	H3         string `json:"h3"`
	Lon        num    `json:"lon"`
	Lat        num    `json:"lat"`
	Minutes    num    `json:"minutes"` // null: no facility within the search limit, or off the network
	FacilityID string `json:"facility_id,omitempty"`
	Population num    `json:"population"`
	OnNetwork  bool   `json:"on_network"`
	Community  string `json:"community,omitempty"`
}

// coverageCells answers GET /api/v1/coverage/cells: every H3 cell (in bbox) with its walk
// minutes to the nearest facility of a kind, as GeoJSON hexagons or CSV.
func (s *Server) coverageCells(c echo.Context) error {
	q, sys, t, err := s.targetQuery(c)
	if err != nil {
		return err
	}
	bbox, err := parseBBox(q, sys)
	if err != nil {
		return err
	}
	format, err := parseFormat(q, "geojson", "csv")
	if err != nil {
		return err
	}
	e, err := s.engineFor(t)
	if err != nil {
		return err
	}
	rows, err := e.CoverageCells(t, bbox)
	if err != nil {
		return err
	}
	if format == "csv" {
		return writeCSV(c, "cells-"+t.Key+".csv", cellsCSV(sys, rows))
	}
	fs := make([]feature, len(rows))
	for i, r := range rows {
		fs[i] = newFeature(r.H3, outPolygon(sys, cellPolygon(r.H3)), cellOut(sys, r))
	}
	return writeGeoJSON(c, newCollection(sys, fs))
}

func cellOut(sys crs.System, r engine.CellRow) cellProps {
	p := outPoint(sys, r.Center)
	return cellProps{H3: r.H3, Lon: num(p[0]), Lat: num(p[1]), Minutes: num(r.Minutes), FacilityID: r.FacilityID,
		Population: num(r.Population), OnNetwork: r.OnNetwork, Community: r.Community}
}

func cellsCSV(sys crs.System, rows []engine.CellRow) [][]string {
	out := [][]string{{"h3", "lon", "lat", "minutes", "facility_id", "population", "on_network", "community"}}
	for _, r := range rows {
		p := outPoint(sys, r.Center)
		out = append(out, []string{r.H3, csvNum(p[0]), csvNum(p[1]), csvNum(r.Minutes), r.FacilityID,
			csvNum(r.Population), strconv.FormatBool(r.OnNetwork), r.Community})
	}
	return out
}

// cellPolygon returns an H3 cell's hexagon, (lon, lat) WGS84; empty for a bad index.
func cellPolygon(index string) orb.Polygon {
	return coverage.CellPolygon(h3.Cell(h3.IndexFromString(index)))
}

type gapProps struct {
	Rank             int    `json:"rank"`
	Kind             string `json:"kind"`
	Code             string `json:"code,omitempty"`
	Name             string `json:"name,omitempty"`
	Population       num    `json:"population"`
	PopulationBeyond num    `json:"population_beyond"`
	ShareBeyond      num    `json:"share_beyond"`
	UncoveredCells   int    `json:"uncovered_cells"`
	AreaWeighted     bool   `json:"area_weighted"` // no residents: share_beyond is of the area
}

// gaps answers GET /api/v1/gaps: the places where most residents are beyond the minutes,
// ranked, as GeoJSON (default) or JSON.
func (s *Server) gaps(c echo.Context) error {
	q, sys, t, err := s.targetQuery(c)
	if err != nil {
		return err
	}
	mins, err := parseMinutes(q, "minutes", 15)
	if err != nil {
		return err
	}
	limit, err := parseInt(q, "limit", 10, 1, 100)
	if err != nil {
		return err
	}
	format, err := parseFormat(q, "geojson", "json")
	if err != nil {
		return err
	}
	e, err := s.engineFor(t)
	if err != nil {
		return err
	}
	gs, err := e.Gaps(t, mins, limit)
	if err != nil {
		return err
	}
	if format == "json" {
		return c.JSON(http.StatusOK, object{{"target", targetOut(t)}, {"minutes", num(mins)}, {"gaps", report(sys, gs)}})
	}
	fs := make([]feature, len(gs))
	for i, g := range gs {
		fs[i] = newFeature("", outMulti(sys, g.Polygon), gapProps{Rank: i + 1, Kind: g.Kind, Code: g.Code, Name: g.Name,
			Population: num(g.Population), PopulationBeyond: num(g.PopulationBeyond), ShareBeyond: num(g.ShareBeyond), UncoveredCells: g.UncoveredCells,
			AreaWeighted: g.AreaWeighted})
	}
	return writeGeoJSON(c, newCollection(sys, fs))
}

// targetQuery reads what every coverage endpoint takes: the query, its crs and the target
// (category=… or level=…).
func (s *Server) targetQuery(c echo.Context) (url.Values, crs.System, engine.Target, error) {
	q := c.QueryParams()
	sys, err := parseCRS(q)
	if err != nil {
		return nil, "", engine.Target{}, err
	}
	t, err := parseTarget(q, s.opts.Categories)
	return q, sys, t, err
}

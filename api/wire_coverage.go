package api

import (
	"strconv"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// The wire format of GET /api/v1/coverage (JSON, GeoJSON, CSV) and GET
// /api/v1/coverage/cells (GeoJSON, CSV).

// coverageAnswer is GET /api/v1/coverage as JSON.
type coverageAnswer struct {
	Target      kindKeyJSON       `json:"target"`
	Minutes     num               `json:"minutes"`
	Total       coverageRowJSON   `json:"total"`
	Communities []coverageRowJSON `json:"communities"`
	Facilities  int               `json:"facilities"`
}

// coverageRowJSON is the coverage of one scope (the district, a street, a community).
type coverageRowJSON struct {
	Scope            string `json:"scope"`
	Code             string `json:"code"`
	Name             string `json:"name"`
	Cells            int    `json:"cells"`
	OffNetworkCells  int    `json:"off_network_cells"`
	Population       num    `json:"population"`
	PopulationWithin num    `json:"population_within"`
	PopulationShare  num    `json:"population_share"`
	AreaM2           num    `json:"area_m2"`
	AreaWithinM2     num    `json:"area_within_m2"`
	AreaShare        num    `json:"area_share"`
	MeanMin          num    `json:"mean_min"`
	MedianMin        num    `json:"median_min"`
	P90Min           num    `json:"p90_min"`
	PopulationBeyond num    `json:"population_beyond"`
	AreaWeighted     bool   `json:"area_weighted"`
}

func coverageOut(rep assess.CoverageReport) coverageAnswer {
	out := coverageAnswer{Target: kindKeyOut(rep.Target), Minutes: num(rep.Minutes), Total: coverageRowOut(rep.Total),
		Communities: make([]coverageRowJSON, len(rep.Communities)), Facilities: rep.Facilities}
	for i, r := range rep.Communities {
		out.Communities[i] = coverageRowOut(r)
	}
	return out
}

func coverageRowOut(r assess.CoverageRow) coverageRowJSON {
	return coverageRowJSON{Scope: r.Scope, Code: r.Code, Name: r.Name, Cells: r.Cells, OffNetworkCells: r.OffNetworkCells,
		Population: num(r.Population), PopulationWithin: num(r.PopulationWithin), PopulationShare: num(r.PopulationShare),
		AreaM2: num(r.AreaM2), AreaWithinM2: num(r.AreaWithinM2), AreaShare: num(r.AreaShare),
		MeanMin: num(r.MeanMin), MedianMin: num(r.MedianMin), P90Min: num(r.P90Min),
		PopulationBeyond: num(r.PopulationBeyond), AreaWeighted: r.AreaWeighted}
}

// coverageGeoJSONAnswer is GET /api/v1/coverage as GeoJSON: the communities' boundaries
// with their rows as properties, and the scope's total.
type coverageGeoJSONAnswer struct {
	featureCollection
	Summary coverageSummary `json:"summary"`
}

type coverageSummary struct {
	Target     targetJSON      `json:"target"`
	Minutes    num             `json:"minutes"`
	Facilities int             `json:"facilities"`
	Total      coverageRowJSON `json:"total"`
}

// coverageGeoJSONOut draws each community row with the community's boundary, in sys (no
// geometry for a code the engine does not hold).
func coverageGeoJSONOut(sys crs.System, e *engine.Engine, rep assess.CoverageReport) coverageGeoJSONAnswer {
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
		fs = append(fs, newFeature(r.Code, g, coverageRowOut(r)))
	}
	return coverageGeoJSONAnswer{featureCollection: newCollection(sys, fs), Summary: coverageSummary{
		Target: targetOut(rep.Target), Minutes: num(rep.Minutes), Facilities: rep.Facilities, Total: coverageRowOut(rep.Total)}}
}

var coverageColumns = []string{"kind", "key", "minutes", "scope", "code", "name", "cells", "off_network_cells",
	"population", "population_within", "population_share", "population_beyond", "area_m2", "area_within_m2",
	"area_share", "mean_min", "median_min", "p90_min", "area_weighted"}

// coverageCSV is GET /api/v1/coverage as CSV: the total, then one row per community.
func coverageCSV(rep assess.CoverageReport) [][]string {
	rows := [][]string{coverageColumns}
	add := func(r assess.CoverageRow) {
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

// cellProps is one H3 cell of GET /api/v1/coverage/cells (GeoJSON properties); its
// centre is in the request's crs.
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

// cellsGeoJSON is GET /api/v1/coverage/cells as GeoJSON: each cell's hexagon, in sys.
func cellsGeoJSON(sys crs.System, rows []assess.CellRow) featureCollection {
	fs := make([]feature, len(rows))
	for i, r := range rows {
		fs[i] = newFeature(r.H3, outPolygon(sys, cellPolygon(r.H3)), cellOut(sys, r))
	}
	return newCollection(sys, fs)
}

func cellOut(sys crs.System, r assess.CellRow) cellProps {
	p := outPoint(sys, r.Center)
	return cellProps{H3: r.H3, Lon: num(p[0]), Lat: num(p[1]), Minutes: num(r.Minutes), FacilityID: r.FacilityID,
		Population: num(r.Population), OnNetwork: r.OnNetwork, Community: r.Community}
}

// cellsCSV is GET /api/v1/coverage/cells as CSV, the centres in sys.
func cellsCSV(sys crs.System, rows []assess.CellRow) [][]string {
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

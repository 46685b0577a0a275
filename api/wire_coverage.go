package api

import (
	"slices"

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
	Region      string            `json:"region"` // the region answered for
	Target      kindKeyJSON       `json:"target"`
	Minutes     num               `json:"minutes"`
	Total       coverageRowJSON   `json:"total"`
	Communities []coverageRowJSON `json:"communities"`
	Grids       []coverageRowJSON `json:"grids,omitempty"` // unit=grid: one row per grid (网格)
	Facilities  int               `json:"facilities"`
	Data        *dataNoteJSON     `json:"data,omitempty"` // 示例数据: the demo's illustrative layer
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
	for _, r := range rep.Grids {
		out.Grids = append(out.Grids, coverageRowOut(r))
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
	Region  string          `json:"region"` // the region answered for
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
	if rep.Grids != nil { // unit=grid: the grids instead
		fs = gridCoverageFeatures(sys, e, rep.Grids)
	}
	return coverageGeoJSONAnswer{featureCollection: newCollection(sys, fs), Summary: coverageSummary{
		Target: targetOut(rep.Target), Minutes: num(rep.Minutes), Facilities: rep.Facilities, Total: coverageRowOut(rep.Total)}}
}

var coverageColumns = []csvCol{
	{"kind", "对象类型", colText}, {"key", "对象", colText}, {"minutes", "步行时间阈值（分钟）", colMinutes},
	{"scope", "范围", colText}, {"code", "编码", colText}, {"name", "名称", colText},
	{"cells", "H3 单元数", colCount}, {"off_network_cells", "路网外 H3 单元数", colCount},
	{"population", "常住人口（人）", colPersons}, {"population_within", "阈值内可达人口（人）", colPersons},
	{"population_share", "可达人口占比（%）", colShare}, {"population_beyond", "阈值外人口（人）", colPersons},
	{"area_m2", "面积（m²）", colArea}, {"area_within_m2", "阈值内可达面积（m²）", colArea},
	{"area_share", "可达面积占比（%）", colShare}, {"mean_min", "平均步行时间（分钟）", colMinutes},
	{"median_min", "步行时间中位数（分钟）", colMinutes}, {"p90_min", "90%居民步行时间不超过（分钟）", colMinutes},
	{"area_weighted", "无居民、按面积计", colBool},
}

// coverageCSV is GET /api/v1/coverage as CSV in l: the total, then one row per community.
func coverageCSV(rep assess.CoverageReport, l lang) [][]string {
	t := newCSVTable(l, coverageColumns)
	for _, r := range slices.Concat([]assess.CoverageRow{rep.Total}, rep.Communities, rep.Grids) {
		t.add(rep.Target.Kind, rep.Target.Key, rep.Minutes, r.Scope, r.Code, r.Name, r.Cells, r.OffNetworkCells,
			r.Population, r.PopulationWithin, r.PopulationShare, r.PopulationBeyond, r.AreaM2, r.AreaWithinM2,
			r.AreaShare, r.MeanMin, r.MedianMin, r.P90Min, r.AreaWeighted)
	}
	return t.rows
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
	return newCollection(sys, outEach(rows, func(r assess.CellRow) feature {
		return newFeature(r.H3, outPolygon(sys, cellPolygon(r.H3)), cellOut(sys, r))
	}))
}

func cellOut(sys crs.System, r assess.CellRow) cellProps {
	p := outPoint(sys, r.Center)
	return cellProps{H3: r.H3, Lon: num(p[0]), Lat: num(p[1]), Minutes: num(r.Minutes), FacilityID: r.FacilityID,
		Population: num(r.Population), OnNetwork: r.OnNetwork, Community: r.Community}
}

var cellsColumns = []csvCol{
	{"h3", "H3网格", colText}, {"lon", "经度", colExact}, {"lat", "纬度", colExact},
	{"minutes", "步行时间（分钟）", colMinutes}, {"facility_id", "最近设施编号", colText},
	{"population", "常住人口（人）", colPersons}, {"on_network", "在步行路网上", colBool}, {"community", "所属社区", colText},
}

// cellsCSV is GET /api/v1/coverage/cells as CSV in l, the centres in sys.
func cellsCSV(sys crs.System, rows []assess.CellRow, l lang) [][]string {
	t := newCSVTable(l, cellsColumns)
	for _, r := range rows {
		p := outPoint(sys, r.Center)
		t.add(r.H3, p[0], p[1], r.Minutes, r.FacilityID, r.Population, r.OnNetwork, r.Community)
	}
	return t.rows
}

// cellPolygon returns an H3 cell's hexagon, (lon, lat) WGS84; empty for a bad index.
func cellPolygon(index string) orb.Polygon {
	return coverage.CellPolygon(h3.Cell(h3.IndexFromString(index)))
}

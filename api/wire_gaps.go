package api

import (
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb/geojson"
)

// The wire format of GET /api/v1/gaps (GeoJSON, JSON, CSV).

// gapsAnswer is GET /api/v1/gaps as JSON.
type gapsAnswer struct {
	Region  string        `json:"region"` // the region answered for
	Target  targetJSON    `json:"target"`
	Minutes num           `json:"minutes"`
	Gaps    []gapJSON     `json:"gaps"`
	Data    *dataNoteJSON `json:"data,omitempty"` // 示例数据: the demo's illustrative layer
}

// gapJSON is one gap, ranked by its place in the list; its polygon is in the request's crs.
type gapJSON struct {
	Kind             string            `json:"kind"`
	Code             string            `json:"code"`
	Name             string            `json:"name"`
	Population       num               `json:"population"`
	PopulationBeyond num               `json:"population_beyond"`
	ShareBeyond      num               `json:"share_beyond"`
	UncoveredCells   int               `json:"uncovered_cells"`
	Polygon          *geojson.Geometry `json:"polygon"` // MultiPolygon; null when empty
	AreaWeighted     bool              `json:"area_weighted"`
}

func gapsOut(sys crs.System, t engine.Target, minutes float64, gs []assess.Gap) gapsAnswer {
	out := gapsAnswer{Target: targetOut(t), Minutes: num(minutes), Gaps: make([]gapJSON, len(gs))}
	for i, g := range gs {
		out.Gaps[i] = gapJSON{Kind: g.Kind, Code: g.Code, Name: g.Name, Population: num(g.Population),
			PopulationBeyond: num(g.PopulationBeyond), ShareBeyond: num(g.ShareBeyond), UncoveredCells: g.UncoveredCells,
			Polygon: geometry(outMulti(sys, g.Polygon)), AreaWeighted: g.AreaWeighted}
	}
	return out
}

// gapProps is one gap of GET /api/v1/gaps as GeoJSON (the feature's geometry is its
// polygon).
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

// gapsGeoJSONAnswer is GET /api/v1/gaps as GeoJSON: the ranked gaps, with the data note
// as a foreign member of the FeatureCollection.
type gapsGeoJSONAnswer struct {
	featureCollection
	Region string        `json:"region"`         // the region answered for
	Data   *dataNoteJSON `json:"data,omitempty"` // 示例数据: the demo's illustrative layer
}

func gapsGeoJSON(sys crs.System, gs []assess.Gap, data *dataNoteJSON) gapsGeoJSONAnswer {
	fs := make([]feature, len(gs))
	for i, g := range gs {
		fs[i] = newFeature("", outMulti(sys, g.Polygon), gapProps{Rank: i + 1, Kind: g.Kind, Code: g.Code, Name: g.Name,
			Population: num(g.Population), PopulationBeyond: num(g.PopulationBeyond), ShareBeyond: num(g.ShareBeyond),
			UncoveredCells: g.UncoveredCells, AreaWeighted: g.AreaWeighted})
	}
	return gapsGeoJSONAnswer{featureCollection: newCollection(sys, fs), Data: data}
}

var gapsColumns = []csvCol{
	{"rank", "排名", colCount}, {"kind", "范围类型", colText}, {"code", "编码", colText}, {"name", "名称", colText},
	{"population", "常住人口（人）", colPersons}, {"population_beyond", "阈值外人口（人）", colPersons},
	{"share_beyond", "阈值外占比（%）", colShare}, {"uncovered_cells", "未覆盖 H3 单元数", colCount},
	{"area_weighted", "无居民、按面积计", colBool},
}

// gapsCSV is GET /api/v1/gaps as CSV in l: one row per gap, ranked, without polygons.
func gapsCSV(gs []assess.Gap, l lang) [][]string {
	t := newCSVTable(l, gapsColumns)
	for i, g := range gs {
		t.add(i+1, g.Kind, g.Code, g.Name, g.Population, g.PopulationBeyond, g.ShareBeyond, g.UncoveredCells, g.AreaWeighted)
	}
	return t.rows
}

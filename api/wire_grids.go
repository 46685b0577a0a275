package api

import (
	"strconv"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/paulmach/orb"
)

// The wire format of GET /api/v1/grids (GeoJSON, JSON, CSV) and of the per-grid rows of
// GET /api/v1/coverage?unit=grid.

// gridProps is one grid (网格): its figures as imported and, once computed, as assessed.
type gridProps struct {
	Code                string `json:"code"`
	Name                string `json:"name"`
	CommunityCode       string `json:"community_code"`
	CommunityName       string `json:"community_name,omitempty"`
	Households          int    `json:"households,omitempty"`
	Population          int    `json:"population,omitempty"`
	Workers             *int   `json:"workers"` // grid workers (网格员); null: the file gave no count
	Source              string `json:"source"`
	Assessed            bool   `json:"assessed"` // false before compute: the figures below are absent
	Cells               int    `json:"cells,omitempty"`
	CellPopulation      *num   `json:"cell_population,omitempty"`
	AreaM2              *num   `json:"area_m2,omitempty"`
	HouseholdsPerWorker *num   `json:"households_per_worker,omitempty"` // null: no worker or no households
	HouseholdsEstimated bool   `json:"households_estimated,omitempty"`  // from the cells' residents over the persons per household
	WorkersVerdict      string `json:"workers_verdict,omitempty"`       // ok, fail; absent: not assessed
	LoadVerdict         string `json:"load_verdict,omitempty"`          // ok, warn, fail; absent: not assessed
}

func gridPropsOf(g geo.Grid, row *assess.GridRow) gridProps {
	p := gridProps{Code: g.Code, Name: g.Name, CommunityCode: g.CommunityCode, Households: g.Households,
		Population: g.Population, Source: g.Source}
	if g.WorkersGiven {
		w := g.Workers
		p.Workers = &w
	}
	if row == nil {
		return p
	}
	pop, area := num(row.CellPopulation), num(row.AreaM2)
	p.Assessed, p.CommunityName, p.Cells, p.CellPopulation, p.AreaM2 = true, row.CommunityName, row.Cells, &pop, &area
	if hpw := num(row.HouseholdsPerWorker); row.HouseholdsPerWorker == row.HouseholdsPerWorker {
		p.HouseholdsPerWorker = &hpw
	}
	p.HouseholdsEstimated, p.WorkersVerdict, p.LoadVerdict = row.HouseholdsEstimated, string(row.WorkersVerdict), string(row.LoadVerdict)
	return p
}

// gridsAnswer is GET /api/v1/grids?format=json: every grid assessed, the communities grids
// leave uncovered, and the rules used.
type gridsAnswer struct {
	Region         string             `json:"region"` // the region answered for
	Grids          []gridProps        `json:"grids"`
	Uncovered      []gridCommunityOut `json:"uncovered_communities"`
	Rules          []ratioRuleOut     `json:"rules"`
	WithoutWorker  int                `json:"without_worker"`
	WorkersUnknown int                `json:"workers_unknown"`
	OverLoad       int                `json:"over_load"`
}

// gridCommunityOut is a community grids do not fully cover; areas m².
type gridCommunityOut struct {
	Code                string `json:"code"`
	Name                string `json:"name"`
	Grids               int    `json:"grids"`
	Cells               int    `json:"cells"`
	UncoveredCells      int    `json:"uncovered_cells"`
	AreaM2              num    `json:"area_m2"`
	UncoveredAreaM2     num    `json:"uncovered_area_m2"`
	Population          num    `json:"population"`
	UncoveredPopulation num    `json:"uncovered_population"`
}

// ratioRuleOut is a rule of the standards a grid answer used, with its source.
type ratioRuleOut struct {
	Key       string `json:"key"`
	NameZH    string `json:"name_zh"`
	NameEN    string `json:"name_en,omitempty"`
	Min       *num   `json:"min,omitempty"`
	WarnAbove *num   `json:"warn_above,omitempty"`
	Unit      string `json:"unit"`
	Source    string `json:"source"`
	Check     bool   `json:"check,omitempty"`
	Note      string `json:"note,omitempty"`
}

func gridsOut(e *engine.Engine, rep assess.GridReport) gridsAnswer {
	out := gridsAnswer{Grids: make([]gridProps, len(rep.Grids)), Uncovered: make([]gridCommunityOut, len(rep.Uncovered)),
		Rules: []ratioRuleOut{}, WithoutWorker: rep.WithoutWorker, WorkersUnknown: rep.WorkersUnknown, OverLoad: rep.OverLoad}
	for i := range rep.Grids {
		k, _ := e.Units.Grid(rep.Grids[i].Code)
		out.Grids[i] = gridPropsOf(e.Grids[k], &rep.Grids[i])
	}
	for i, u := range rep.Uncovered {
		out.Uncovered[i] = gridCommunityOut{Code: u.Code, Name: u.Name, Grids: u.Grids, Cells: u.Cells, UncoveredCells: u.UncoveredCells,
			AreaM2: num(u.AreaM2), UncoveredAreaM2: num(u.UncoveredAreaM2), Population: num(u.Population), UncoveredPopulation: num(u.UncoveredPopulation)}
	}
	for _, q := range []*standards.Ratio{rep.WorkersRule, rep.LoadRule} {
		if q == nil {
			continue
		}
		r := ratioRuleOut{Key: q.Key, NameZH: q.NameZH, NameEN: q.NameEN, Unit: q.Unit, Source: q.Source, Check: q.Check, Note: q.Note}
		if q.Min != nil {
			v := num(*q.Min)
			r.Min = &v
		}
		if q.WarnAbove != nil {
			v := num(*q.WarnAbove)
			r.WarnAbove = &v
		}
		out.Rules = append(out.Rules, r)
	}
	return out
}

var gridColumns = []csvCol{
	{"code", "网格编码", colText}, {"name", "网格名称", colText}, {"community_code", "社区编码", colText},
	{"community_name", "社区名称", colText}, {"households", "户数", colCount}, {"population", "人口", colCount},
	{"workers", "网格员（人）", colText}, {"cell_population", "网格内常住人口（模型，人）", colPersons},
	{"area_m2", "面积（m²）", colArea}, {"households_per_worker", "每名网格员服务户数", colMinutes},
	{"households_estimated", "户数按人口估算", colBool}, {"workers_verdict", "网格员配备结论", colText},
	{"load_verdict", "服务户数结论", colText},
}

// gridsCSV is GET /api/v1/grids?format=csv in l: one row per grid.
func gridsCSV(e *engine.Engine, rep assess.GridReport, l lang) [][]string {
	t := newCSVTable(l, gridColumns)
	for _, r := range rep.Grids {
		w := ""
		if r.WorkersGiven {
			w = strconv.Itoa(r.Workers)
		}
		t.add(r.Code, r.Name, r.CommunityCode, r.CommunityName, r.Households, r.Population, w, r.CellPopulation,
			r.AreaM2, r.HouseholdsPerWorker, r.HouseholdsEstimated, string(r.WorkersVerdict), string(r.LoadVerdict))
	}
	return t.rows
}

// gridCoverageFeatures draws each grid row of GET /api/v1/coverage?unit=grid with the
// grid's polygon, in sys.
func gridCoverageFeatures(sys crs.System, e *engine.Engine, rows []assess.CoverageRow) []feature {
	fs := make([]feature, 0, len(rows))
	for _, r := range rows {
		var g orb.Geometry
		if k, ok := e.Units.Grid(r.Code); ok {
			g = outMulti(sys, e.Grids[k].Polygon)
		}
		fs = append(fs, newFeature(r.Code, g, coverageRowOut(r)))
	}
	return fs
}

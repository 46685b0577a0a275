package api

import (
	"math"
	"slices"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/paulmach/orb"
)

// The wire format of GET /api/v1/supply (JSON, GeoJSON, CSV) and GET
// /api/v1/supply/cells (GeoJSON, JSON, CSV).

// supplyParamsJSON echoes a supply query's parameters.
type supplyParamsJSON struct {
	Minutes  num              `json:"minutes"`
	Method   string           `json:"method"`
	Decay    *supplyDecayJSON `json:"decay,omitempty"` // e2sfca only
	Resource string           `json:"resource"`
	Unit     string           `json:"unit"`  // of the resource: m² or persons
	Level    string           `json:"level"` // "any" or one level
	Formula  string           `json:"formula"`
}

// supplyDecayJSON is E2SFCA's decay: Dai's Gaussian with its threshold, or the zones.
type supplyDecayJSON struct {
	Kind             string           `json:"kind"`
	ThresholdMinutes num              `json:"threshold_minutes"`
	Zones            []supplyZoneJSON `json:"zones,omitempty"`
}

type supplyZoneJSON struct {
	UpToMinutes num `json:"up_to_minutes"`
	Weight      num `json:"weight"`
}

// supplyRuleJSON is the standard's figure the units are judged against.
type supplyRuleJSON struct {
	namedJSON
	PerHouseholds num    `json:"per_households"` // 100 (floor area) or 1 000 (staff)
	Min           num    `json:"min"`            // per PerHouseholds households
	WarnOnly      bool   `json:"warn_only"`
	Source        string `json:"source"`
	Note          string `json:"note,omitempty"`
}

// supplyStationsJSON counts the stations and lists those adding nothing, by reason.
type supplyStationsJSON struct {
	Count         int      `json:"count"`
	WithRatio     int      `json:"with_ratio"`
	OffNetwork    []string `json:"off_network"`
	UnknownSupply []string `json:"unknown_supply"`
	NoResidents   []string `json:"no_residents"`
}

// supplyUnitJSON is one unit's supply within reach.
type supplyUnitJSON struct {
	Scope                string `json:"scope"`
	Code                 string `json:"code"`
	Name                 string `json:"name"`
	Cells                int    `json:"cells"`
	Population           num    `json:"population"`
	Households           num    `json:"households"`
	PersonsPerHousehold  num    `json:"persons_per_household"`
	PPHDefault           bool   `json:"persons_per_household_default"`
	PerResident          num    `json:"per_resident"`
	PerHouseholds        num    `json:"per_households"` // null when the verdict is unknown
	Standard             num    `json:"standard"`
	Verdict              string `json:"verdict"`
	CellsReachingUnknown int    `json:"cells_reaching_unknown"`
	Note                 string `json:"note,omitempty"`
}

// supplyAnswer is GET /api/v1/supply as JSON.
type supplyAnswer struct {
	Region                   string             `json:"region"` // the region answered for
	Params                   supplyParamsJSON   `json:"params"`
	Rule                     supplyRuleJSON     `json:"rule"`
	Stations                 supplyStationsJSON `json:"stations"`
	CellsWithoutStation      int                `json:"cells_without_station"`
	PopulationWithoutStation num                `json:"population_without_station"`
	OffNetworkCells          int                `json:"off_network_cells"`
	Total                    supplyUnitJSON     `json:"total"`
	Streets                  []supplyUnitJSON   `json:"streets"`
	Communities              []supplyUnitJSON   `json:"communities"`
}

func supplyOut(rep assess.SupplyReport) supplyAnswer {
	r := rep.Result
	out := supplyAnswer{Params: supplyParamsOut(rep), Rule: supplyRuleOut(rep.Rule), Stations: supplyStationsOut(rep),
		CellsWithoutStation: r.CellsWithoutStation, PopulationWithoutStation: num(r.PopulationWithoutStation),
		OffNetworkCells: r.OffNetworkCells, Total: supplyUnitOut(rep.Total, rep.Rule),
		Streets: make([]supplyUnitJSON, len(rep.Streets)), Communities: make([]supplyUnitJSON, len(rep.Communities))}
	for i, u := range rep.Streets {
		out.Streets[i] = supplyUnitOut(u, rep.Rule)
	}
	for i, u := range rep.Communities {
		out.Communities[i] = supplyUnitOut(u, rep.Rule)
	}
	return out
}

func supplyParamsOut(rep assess.SupplyReport) supplyParamsJSON {
	q := rep.Query
	out := supplyParamsJSON{Minutes: num(q.Minutes), Method: string(q.Method), Resource: q.Resource, Unit: "m²",
		Level: engine.AnyLevel, Formula: rep.Formula}
	if q.Resource == assess.ResourceStaff {
		out.Unit = "persons"
	}
	if q.Level != "" {
		out.Level = string(q.Level)
	}
	if q.Method == supply.MethodE2SFCA {
		d := &supplyDecayJSON{Kind: string(q.Decay.Kind), ThresholdMinutes: num(q.Minutes)}
		for _, z := range q.Decay.Zones {
			d.Zones = append(d.Zones, supplyZoneJSON{UpToMinutes: num(z.UpToSeconds / 60), Weight: num(z.Weight)})
		}
		out.Decay = d
	}
	return out
}

func supplyRuleOut(r assess.SupplyRule) supplyRuleJSON {
	return supplyRuleJSON{namedJSON: namedJSON{r.Key, r.NameZH, r.NameEN}, PerHouseholds: num(r.PerHouseholds), Min: num(r.Min),
		WarnOnly: r.WarnOnly, Source: r.Source, Note: r.Note}
}

func supplyStationsOut(rep assess.SupplyReport) supplyStationsJSON {
	out := supplyStationsJSON{Count: len(rep.Stations), OffNetwork: []string{}, UnknownSupply: []string{}, NoResidents: []string{}}
	for _, s := range rep.Stations {
		switch s.Status {
		case supply.StatusOK:
			out.WithRatio++
		case supply.StatusOffNetwork:
			out.OffNetwork = append(out.OffNetwork, s.ID)
		case supply.StatusUnknownSupply:
			out.UnknownSupply = append(out.UnknownSupply, s.ID)
		case supply.StatusNoResidents:
			out.NoResidents = append(out.NoResidents, s.ID)
		}
	}
	return out
}

func supplyUnitOut(u assess.SupplyUnit, r assess.SupplyRule) supplyUnitJSON {
	per := u.PerHouseholds
	if u.Verdict == supply.VerdictUnknown {
		per = math.NaN()
	}
	return supplyUnitJSON{Scope: u.Scope, Code: u.Code, Name: u.Name, Cells: u.Cells, Population: num(u.Population),
		Households: num(u.Households), PersonsPerHousehold: num(u.PersonsPerHousehold), PPHDefault: u.PPHDefault,
		PerResident: num(u.Access), PerHouseholds: num(per), Standard: num(r.Min), Verdict: string(u.Verdict),
		CellsReachingUnknown: u.CellsReachingUnknown, Note: u.Note}
}

// supplyGeoJSONAnswer is GET /api/v1/supply as GeoJSON: the communities' boundaries with
// their rows as properties, and the rest of the answer as its summary.
type supplyGeoJSONAnswer struct {
	featureCollection
	Region  string        `json:"region"` // the region answered for
	Summary supplySummary `json:"summary"`
}

type supplySummary struct {
	Params   supplyParamsJSON   `json:"params"`
	Rule     supplyRuleJSON     `json:"rule"`
	Stations supplyStationsJSON `json:"stations"`
	Total    supplyUnitJSON     `json:"total"`
}

func supplyGeoJSONOut(sys crs.System, e *engine.Engine, rep assess.SupplyReport) supplyGeoJSONAnswer {
	fs := make([]feature, 0, len(rep.Communities))
	for _, u := range rep.Communities {
		var g orb.Geometry
		if ci, ok := e.Units.Community(u.Code); ok {
			g = outMulti(sys, e.Communities[ci].Boundary)
		}
		fs = append(fs, newFeature(u.Code, g, supplyUnitOut(u, rep.Rule)))
	}
	return supplyGeoJSONAnswer{featureCollection: newCollection(sys, fs), Summary: supplySummary{Params: supplyParamsOut(rep),
		Rule: supplyRuleOut(rep.Rule), Stations: supplyStationsOut(rep), Total: supplyUnitOut(rep.Total, rep.Rule)}}
}

var supplyColumns = []csvCol{
	{"resource", "资源", colText}, {"method", "方法", colText}, {"minutes", "步行时间阈值（分钟）", colMinutes},
	{"scope", "范围", colText}, {"code", "编码", colText}, {"name", "名称", colText}, {"cells", "H3 单元数", colCount},
	{"population", "常住人口（人）", colPersons}, {"households", "户数", colPersons},
	{"persons_per_household", "户均人口", colExact}, {"persons_per_household_default", "户均人口取默认值", colBool},
	{"per_resident", "人均可达资源", colExact}, {"per_households", "每百户（面积）或每千户（人员）可达资源", colExact},
	{"standard", "标准值", colExact}, {"verdict", "结论", colText}, {"note", "说明", colText},
}

// supplyCSV is GET /api/v1/supply as CSV in l: the district, the streets, the communities.
func supplyCSV(rep assess.SupplyReport, l lang) [][]string {
	t := newCSVTable(l, supplyColumns)
	for _, u := range slices.Concat([]assess.SupplyUnit{rep.Total}, rep.Streets, rep.Communities) {
		w := supplyUnitOut(u, rep.Rule)
		t.add(rep.Query.Resource, string(rep.Query.Method), rep.Query.Minutes, w.Scope, w.Code, w.Name, w.Cells,
			u.Population, u.Households, u.PersonsPerHousehold, u.PPHDefault, u.Access, float64(w.PerHouseholds),
			rep.Rule.Min, w.Verdict, w.Note)
	}
	return t.rows
}

// supplyCellProps is one H3 cell of GET /api/v1/supply/cells; its centre is in the
// request's crs. Value is the resource within reach per resident (m² or staff per person).
type supplyCellProps struct {
	H3            string `json:"h3"`
	Lon           num    `json:"lon"`
	Lat           num    `json:"lat"`
	Population    num    `json:"population"`
	Community     string `json:"community"`
	Value         num    `json:"value"`
	Stations      int    `json:"stations"`
	UnknownSupply int    `json:"unknown_supply"`
	OnNetwork     bool   `json:"on_network"`
}

// supplyCellsAnswer is GET /api/v1/supply/cells as JSON.
type supplyCellsAnswer struct {
	Region string            `json:"region"` // the region answered for
	Params supplyParamsJSON  `json:"params"`
	Cells  []supplyCellProps `json:"cells"`
}

// supplyCellRows returns the cells of rep whose centre lies in bbox (all when nil).
func supplyCellRows(e *engine.Engine, rep assess.SupplyReport, bbox *orb.Bound) []assess.SupplyCell {
	out := make([]assess.SupplyCell, 0, len(rep.Cells))
	for _, c := range rep.Cells {
		if bbox == nil || bbox.Contains(e.Cells[c.Cell].Center) {
			out = append(out, c)
		}
	}
	return out
}

func supplyCellOut(sys crs.System, e *engine.Engine, c assess.SupplyCell) supplyCellProps {
	cell := e.Cells[c.Cell]
	p := outPoint(sys, cell.Center)
	return supplyCellProps{H3: cell.H3.String(), Lon: num(p[0]), Lat: num(p[1]), Population: num(c.Population),
		Community: c.Community, Value: num(c.Value), Stations: c.Stations, UnknownSupply: c.UnknownSupply, OnNetwork: !c.OffNetwork}
}

func supplyCellsOut(sys crs.System, e *engine.Engine, rep assess.SupplyReport, rows []assess.SupplyCell) supplyCellsAnswer {
	out := supplyCellsAnswer{Params: supplyParamsOut(rep), Cells: make([]supplyCellProps, len(rows))}
	for i, c := range rows {
		out.Cells[i] = supplyCellOut(sys, e, c)
	}
	return out
}

// supplyCellsGeoJSONAnswer is GET /api/v1/supply/cells as GeoJSON: each cell's hexagon,
// in sys, and the parameters.
type supplyCellsGeoJSONAnswer struct {
	featureCollection
	Region string           `json:"region"` // the region answered for
	Params supplyParamsJSON `json:"params"`
}

func supplyCellsGeoJSON(sys crs.System, e *engine.Engine, rep assess.SupplyReport, rows []assess.SupplyCell) supplyCellsGeoJSONAnswer {
	fs := outEach(rows, func(c assess.SupplyCell) feature {
		h := e.Cells[c.Cell].H3.String()
		return newFeature(h, outPolygon(sys, cellPolygon(h)), supplyCellOut(sys, e, c))
	})
	return supplyCellsGeoJSONAnswer{featureCollection: newCollection(sys, fs), Params: supplyParamsOut(rep)}
}

var supplyCellsColumns = []csvCol{
	{"h3", "H3网格", colText}, {"lon", "经度", colExact}, {"lat", "纬度", colExact},
	{"population", "常住人口（人）", colPersons}, {"community", "所属社区", colText}, {"value", "人均可达资源", colExact},
	{"stations", "可达站点数", colCount}, {"unknown_supply", "其中资源未知的站点数", colCount}, {"on_network", "在步行路网上", colBool},
}

// supplyCellsCSV is GET /api/v1/supply/cells as CSV in l, the centres in sys.
func supplyCellsCSV(sys crs.System, e *engine.Engine, rep assess.SupplyReport, rows []assess.SupplyCell, l lang) [][]string {
	t := newCSVTable(l, supplyCellsColumns)
	for _, c := range rows {
		w := supplyCellOut(sys, e, c)
		t.add(w.H3, float64(w.Lon), float64(w.Lat), c.Population, c.Community, c.Value, c.Stations, c.UnknownSupply, w.OnNetwork)
	}
	return t.rows
}

// communitySupplyJSON is a community's supply within reach beside its own figures in the
// standards answer (supply=true).
type communitySupplyJSON struct {
	Minutes   num            `json:"minutes"`
	Method    string         `json:"method"`
	FloorArea supplyUnitJSON `json:"floor_area"` // per_households: m² per 100 households
	Staff     supplyUnitJSON `json:"staff"`      // per_households: staff per 1 000 households
}

// addSupplyBeside sets each community's supply within reach.
func addSupplyBeside(out *standardsAnswer, sup map[string]assess.CommunitySupply) {
	for i, c := range out.Communities {
		if u, ok := sup[c.Code]; ok {
			out.Communities[i].Supply = &communitySupplyJSON{Minutes: num(u.Minutes), Method: string(supply.Method2SFCA),
				FloorArea: supplyUnitOut(u.FloorArea, u.FloorRule), Staff: supplyUnitOut(u.Staff, u.StaffRule)}
		}
	}
}

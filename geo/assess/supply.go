package assess

import (
	"context"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/geo/supply"
)

// The resources a supply query measures: a station's floor area (m²) or its staff.
const (
	ResourceFloorArea = "floor_area"
	ResourceStaff     = "staff"
)

// SupplyQuery asks how much service resource is within Minutes' walk per resident
// (two-step floating catchment, geo/supply). Level restricts the stations ("" every
// counted station, whatever its level).
type SupplyQuery struct {
	Minutes  float64       // whole minutes, 1–60: the catchment T
	Method   supply.Method // supply.Method2SFCA or supply.MethodE2SFCA
	Decay    supply.Decay  // E2SFCA only
	Resource string        // ResourceFloorArea or ResourceStaff
	Level    geo.Level     // "" every level
}

// SupplyRule is the standard's figure a unit's supply is judged against, from the rules
// file's ratio Key.
type SupplyRule struct {
	supply.Rule
	Key, NameZH, NameEN, Unit, UnitZH, Source, Note string
}

// SupplyCell is one cell's supply within reach: Value is A_i, supply per resident (m² or
// staff per person). Community is the code of the community holding the cell ("" none).
type SupplyCell struct {
	Cell          int // index into the engine's cells
	Community     string
	Population    float64
	Value         float64
	Stations      int // on-network stations within the catchment
	UnknownSupply int // of them, those whose supply is not known (Value is then a lower bound)
	OffNetwork    bool
}

// SupplyUnit is one unit's aggregate (supply.UnitAccess) with the persons per household
// it was expressed with. PPHDefault is true when the unit's own households and residents
// do not give it and the engine's default (Options.PersonsPerHousehold) was used.
type SupplyUnit struct {
	Scope, Name         string // Scope "district"|"street"|"community"
	PersonsPerHousehold float64
	PPHDefault          bool
	Households          float64 // recorded households of the unit (0 not known)
	supply.UnitAccess
	pphNote string
}

// SupplyStation is one station's step-1 answer.
type SupplyStation struct {
	ID, Name string
	Level    geo.Level
	Supply   float64 // NaN when not known
	supply.StationRatio
}

// SupplyReport is the answer to a SupplyQuery.
type SupplyReport struct {
	Query    SupplyQuery
	Params   supply.Params
	Formula  string
	Rule     SupplyRule
	Cells    []SupplyCell // every cell of the study area, in the engine's order
	Stations []SupplyStation
	Total    SupplyUnit
	Streets  []SupplyUnit // by code
	// Communities are by code.
	Communities []SupplyUnit
	Result      *supply.Result
}

// Supply measures q over the engine's counted stations (candidates are left out, as
// everywhere) and cells: per cell the resource within q.Minutes' walk per resident, with
// the walk times of coverage (one bounded search per station, both access legs), and per
// community, street and the district its population-weighted mean expressed per
// households and judged against rules' ratio (service_area_per_100_households for floor
// area, households_per_worker for staff). A station's floor area or staff of 0 means not
// known. Bad queries are EINVALID, a query before Compute EUNAVAILABLE.
func Supply(ctx context.Context, e *engine.Engine, q SupplyQuery, rules *standards.Rules) (SupplyReport, error) {
	reps, err := SupplyEach(ctx, e, q, rules, q.Resource)
	if err != nil {
		return SupplyReport{}, err
	}
	return reps[0], nil
}

// SupplyEach is Supply for each of resources (q.Resource is ignored) at once: report k is
// Supply's with q.Resource = resources[k]. The walk searches, which depend only on where
// the stations are, run once for all of them.
func SupplyEach(ctx context.Context, e *engine.Engine, q SupplyQuery, rules *standards.Rules, resources ...string) ([]SupplyReport, error) {
	if err := checkMinutes(q.Minutes); err != nil {
		return nil, err
	}
	if len(e.Results) == 0 {
		return nil, geo.Errorf(geo.EUNAVAILABLE, "walk-time coverage has not been computed yet (lifecircle compute)")
	}
	if q.Level != "" && !q.Level.Valid() {
		return nil, geo.Errorf(geo.EINVALID, "unknown station level %q", q.Level)
	}
	qs, ruleOf := make([]SupplyQuery, len(resources)), make([]SupplyRule, len(resources))
	var cells []supply.Cell
	var picked []int
	sets := make([][]supply.Station, len(resources))
	for k, res := range resources {
		qs[k] = q
		qs[k].Resource = res
		var err error
		if ruleOf[k], err = supplyRule(res, rules); err != nil {
			return nil, err
		}
		cells, sets[k], picked = supplyInput(e, qs[k])
	}
	p := supply.Params{Method: q.Method, MaxSeconds: q.Minutes * 60, Decay: q.Decay, Workers: e.Options.Workers}
	results, err := supply.ComputeEach(ctx, e.Graph, cells, sets, p)
	if err != nil {
		return nil, err
	}
	out := make([]SupplyReport, len(resources))
	for k, res := range results {
		if out[k], err = supplyReport(e, qs[k], p, ruleOf[k], res, sets[k], picked); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// supplyReport is the report of res, computed for q over stations (picked[j]: station j's
// index into e.Stations).
func supplyReport(e *engine.Engine, q SupplyQuery, p supply.Params, rule SupplyRule, res *supply.Result, stations []supply.Station, picked []int) (SupplyReport, error) {
	rep := SupplyReport{Query: q, Params: p, Formula: res.Formula, Rule: rule, Result: res}
	for j, si := range picked {
		s := e.Stations[si]
		rep.Stations = append(rep.Stations, SupplyStation{ID: s.ID, Name: s.Name, Level: s.Level, Supply: stations[j].Supply, StationRatio: res.Stations[j]})
	}
	rep.Cells = make([]SupplyCell, len(res.Cells))
	for i, c := range res.Cells {
		rep.Cells[i] = SupplyCell{Cell: i, Community: e.Units.CellCommunityCode(i), Population: c.Population, Value: c.Access,
			Stations: c.Stations, UnknownSupply: c.UnknownSupply, OffNetwork: c.OffNetwork}
	}
	if err := rep.aggregate(e); err != nil {
		return SupplyReport{}, err
	}
	return rep, nil
}

// supplyInput turns the engine's cells and the stations of q.Level into supply's input;
// picked[j] is the index into e.Stations of station j.
func supplyInput(e *engine.Engine, q SupplyQuery) ([]supply.Cell, []supply.Station, []int) {
	cells := make([]supply.Cell, len(e.Cells))
	for i, c := range e.Cells {
		cells[i] = supply.Cell{H3: c.H3, Center: c.Center, Population: c.Population, Snap: e.CellSnaps[i]}
	}
	var stations []supply.Station
	var picked []int
	for i, s := range e.Stations {
		if q.Level != "" && s.Level != q.Level {
			continue
		}
		v := s.FloorAreaM2
		if q.Resource == ResourceStaff {
			v = float64(s.Staff)
		}
		if !(v > 0) {
			v = math.NaN()
		}
		stations = append(stations, supply.Station{ID: s.ID, Point: s.Point, Snap: e.StationSnaps[i], Supply: v})
		picked = append(picked, i)
	}
	return cells, stations, picked
}

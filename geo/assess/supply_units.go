package assess

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/geo/supply"
)

// supplyRule reads the standard's figure for resource from rules: floor area against the
// ratio service_area_per_100_households (m² per 100 households, its min; warn_below when
// it gives no min), staff against households_per_worker (households per worker, its
// warn_above flags, its max fails), turned into staff per 1 000 households.
func supplyRule(resource string, rules *standards.Rules) (SupplyRule, error) {
	if rules == nil {
		return SupplyRule{}, geo.Errorf(geo.EUNAVAILABLE, "no planning standards are loaded: the supply verdicts need them")
	}
	key := RatioServiceAreaPer100Households
	switch resource {
	case ResourceFloorArea:
	case ResourceStaff:
		key = RatioHouseholdsPerWorker
	default:
		return SupplyRule{}, geo.Errorf(geo.EINVALID, "unknown resource %q (use %q or %q)", resource, ResourceFloorArea, ResourceStaff)
	}
	for _, q := range rules.Ratios {
		if q.Key != key {
			continue
		}
		out := SupplyRule{Key: q.Key, NameZH: q.NameZH, NameEN: q.NameEN, Unit: q.Unit, UnitZH: q.UnitZH, Source: q.Source, Note: q.Note}
		switch {
		case key == RatioServiceAreaPer100Households && q.Min != nil:
			out.Rule = supply.FloorAreaRule(*q.Min)
		case key == RatioServiceAreaPer100Households && q.WarnBelow != nil:
			out.Rule = supply.FloorAreaRule(*q.WarnBelow)
			out.WarnOnly = true
		case q.Max != nil && *q.Max > 0:
			out.Rule = supply.StaffRule(*q.Max, false)
		case q.WarnAbove != nil && *q.WarnAbove > 0:
			out.Rule = supply.StaffRule(*q.WarnAbove, true)
		default:
			return SupplyRule{}, geo.Errorf(geo.EINVALID, "standards ratio %q gives no bound the supply check can use", key)
		}
		return out, nil
	}
	return SupplyRule{}, geo.Errorf(geo.EINVALID, "the planning standards in use have no ratio %q to judge %s against", key, resource)
}

// aggregate fills the district, street and community rows.
func (rep *SupplyReport) aggregate(e *engine.Engine) error {
	n := len(rep.Cells)
	all := make([]int, n)
	tot, err := rep.units(e, all, []int{-1}, coverage.ScopeDistrict)
	if err != nil {
		return err
	}
	rep.Total = tot[0]
	comms := e.Units.CommunitiesByCode()
	at := make([]int, len(e.Communities))
	for k, ci := range comms {
		at[ci] = k
	}
	byComm := make([]int, n)
	for i := range byComm {
		byComm[i] = -1
		if ci := e.CellComm[i]; ci >= 0 {
			byComm[i] = at[ci]
		}
	}
	if rep.Communities, err = rep.units(e, byComm, comms, coverage.ScopeCommunity); err != nil {
		return err
	}
	byStreet := make([]int, n)
	for i := range byStreet {
		byStreet[i] = -1
	}
	var streetComms []int
	for k, s := range e.Units.Streets() {
		for _, i := range s.Cells {
			byStreet[i] = k
		}
		streetComms = append(streetComms, k)
	}
	rep.Streets, err = rep.units(e, byStreet, streetComms, coverage.ScopeStreet)
	return err
}

// units aggregates the cells over one kind of unit: idx are community indices (scope
// community), street positions in e.Units.Streets() (street) or {-1} (district).
func (rep *SupplyReport) units(e *engine.Engine, cellUnit, idx []int, scope string) ([]SupplyUnit, error) {
	out := make([]SupplyUnit, len(idx))
	us := make([]supply.Unit, len(idx))
	for k, x := range idx {
		var members []int
		switch scope {
		case coverage.ScopeCommunity:
			members = []int{x}
			out[k].Name = e.Communities[x].Name
			us[k].Code = e.Communities[x].Code
		case coverage.ScopeStreet:
			s := e.Units.Streets()[x]
			members, out[k].Name, us[k].Code = s.Communities, s.Name, s.Code
		default:
			members = e.Units.CommunitiesByCode()
		}
		out[k].Scope = scope
		var from int
		out[k].PersonsPerHousehold, out[k].Households, out[k].PPHDefault, from = personsPerHousehold(e, members)
		us[k].PersonsPerHousehold = out[k].PersonsPerHousehold
		if !out[k].PPHDefault && from < len(members) {
			out[k].pphNote = fmt.Sprintf("persons per household from the %d of its %d communities that record households and residents", from, len(members))
		}
	}
	agg, err := supply.Aggregate(rep.Result, cellUnit, us, rep.Rule.Rule)
	if err != nil {
		return nil, err
	}
	for k := range out {
		out[k].UnitAccess = agg[k]
		if out[k].pphNote != "" && agg[k].Verdict != supply.VerdictUnknown {
			out[k].Note = joinNote(out[k].Note, out[k].pphNote)
		}
		if out[k].PPHDefault && agg[k].Verdict != supply.VerdictUnknown {
			out[k].Note = joinNote(out[k].Note, fmt.Sprintf("persons per household not recorded: the default %g used", out[k].PersonsPerHousehold))
		}
	}
	return out, nil
}

// personsPerHousehold is the residents per household of the communities that record
// both (from of them), else the engine's default (def true). households is the
// households the communities record.
func personsPerHousehold(e *engine.Engine, comms []int) (pph, households float64, def bool, from int) {
	var pop, hh float64
	for _, ci := range comms {
		c := e.Communities[ci]
		households += float64(c.Households)
		if c.Population > 0 && c.Households > 0 {
			pop += float64(c.Population)
			hh += float64(c.Households)
			from++
		}
	}
	if hh > 0 {
		return pop / hh, households, false, from
	}
	return e.Options.PersonsPerHousehold, households, true, 0
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

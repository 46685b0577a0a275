package report

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/geo/supply"
)

// defaultSupplyMinutes is T of the supply section unless CollectOptions say otherwise:
// the 15-minute circle, as GET /api/v1/supply defaults to.
const defaultSupplyMinutes = 15

// SupplyFigures are the service floor area and the staff within Minutes' walk per
// resident (2SFCA over every counted station): assess.Supply's answers, the figures GET
// /api/v1/supply gives for the same minutes and resource.
type SupplyFigures struct {
	Minutes   float64
	FloorArea *assess.SupplyReport // nil: the standards have no service_area_per_100_households
	Staff     *assess.SupplyReport // nil: the standards have no households_per_worker
	// Missing are the keys of the ratios the standards lack, so that resource is not
	// measured; the section says so.
	Missing []string
}

// collectSupply measures floor area and staff within minutes' walk (2SFCA) against rules,
// both from one search per station (assess.SupplyEach); nil when no standards are given.
// A resource whose ratio the standards lack is listed in Missing; assess's errors pass
// through (EINVALID for a ratio without a bound).
func collectSupply(e *engine.Engine, rules *standards.Rules, minutes float64) (*SupplyFigures, error) {
	if rules == nil {
		return nil, nil
	}
	f := &SupplyFigures{Minutes: minutes}
	var resources []string
	var dst []**assess.SupplyReport
	for _, r := range []struct {
		resource, ratio string
		dst             **assess.SupplyReport
	}{
		{assess.ResourceFloorArea, assess.RatioServiceAreaPer100Households, &f.FloorArea},
		{assess.ResourceStaff, assess.RatioHouseholdsPerWorker, &f.Staff},
	} {
		if _, ok := rules.Ratio(r.ratio); !ok {
			f.Missing = append(f.Missing, r.ratio)
			continue
		}
		resources, dst = append(resources, r.resource), append(dst, r.dst)
	}
	if len(resources) == 0 {
		return f, nil
	}
	q := assess.SupplyQuery{Minutes: minutes, Method: supply.Method2SFCA}
	reps, err := assess.SupplyEach(context.Background(), e, q, rules, resources...)
	if err != nil {
		return nil, err
	}
	for k := range reps {
		*dst[k] = &reps[k]
	}
	return f, nil
}

// supplyView is the section "service space and staff within reach".
type supplyView struct {
	Intro, Formula string
	Rules          []string // each standard's figure with its source
	Facts          []string // stations adding nothing, residents reaching none
	FloorHead      string   // the floor-area column's heading with the standard
	StaffHead      string
	District       supplyRow
	Streets        []supplyRow
	Communities    []supplyRow
	Missing        string
	Map            template.HTML // the per-cell map (inline SVG), "" without figures
	MapNote        string
}

type supplyRow struct {
	Code, Name, Residents, PPH  string
	Floor, FloorVerdict         string
	Staff, StaffVerdict         string
	FloorBad, StaffBad, Default bool
}

// supplyOf formats in.Supply, nil when it was not collected.
func supplyOf(in Input, d dict, c canvas) *supplyView {
	f := in.Supply
	if f == nil {
		return nil
	}
	T := minuteLabel(f.Minutes)
	v := &supplyView{Intro: fmt.Sprintf(d.T["supplyIntro"], T), Formula: fmt.Sprintf(d.T["supplyFormula"], T)}
	if len(f.Missing) > 0 {
		v.Missing = fmt.Sprintf(d.T["supplyMissing"], strings.Join(f.Missing, d.T["listSep"]))
	}
	v.FloorHead, v.StaffHead = d.T["supplyFloor"], d.T["supplyStaff"]
	for _, r := range []*assess.SupplyReport{f.FloorArea, f.Staff} {
		if r == nil {
			continue
		}
		v.Rules = append(v.Rules, supplyRuleText(r.Rule, d))
		v.Facts = append(v.Facts, supplyFacts(r, T, d))
	}
	if f.FloorArea != nil {
		v.FloorHead = fmt.Sprintf(d.T["supplyFloorStd"], num(f.FloorArea.Rule.Min))
	}
	if f.Staff != nil {
		v.StaffHead = fmt.Sprintf(d.T["supplyStaffStd"], plain(f.Staff.Rule.Min, 2, 0))
	}
	v.District = supplyRowOf(totalOf(f.FloorArea), totalOf(f.Staff), d)
	if f.FloorArea != nil || f.Staff != nil {
		for _, u := range unitsOf(f, func(r *assess.SupplyReport) []assess.SupplyUnit { return r.Streets }) {
			v.Streets = append(v.Streets, supplyRowOf(u[0], u[1], d))
		}
		for _, u := range unitsOf(f, func(r *assess.SupplyReport) []assess.SupplyUnit { return r.Communities }) {
			v.Communities = append(v.Communities, supplyRowOf(u[0], u[1], d))
		}
		v.Map, v.MapNote = supplyMap(in, f, d, c)
	}
	return v
}

// totalOf is the district total of r, nil when r is.
func totalOf(r *assess.SupplyReport) *assess.SupplyUnit {
	if r == nil {
		return nil
	}
	return &r.Total
}

// unitsOf pairs the floor-area and staff units of one scope by code (either nil when
// that resource was not measured), in the order of whichever report is at hand.
func unitsOf(f *SupplyFigures, scope func(*assess.SupplyReport) []assess.SupplyUnit) [][2]*assess.SupplyUnit {
	var floor, staff []assess.SupplyUnit
	if f.FloorArea != nil {
		floor = scope(f.FloorArea)
	}
	if f.Staff != nil {
		staff = scope(f.Staff)
	}
	byCode := map[string]*assess.SupplyUnit{}
	for i := range staff {
		byCode[staff[i].Code] = &staff[i]
	}
	var out [][2]*assess.SupplyUnit
	for i := range floor {
		out = append(out, [2]*assess.SupplyUnit{&floor[i], byCode[floor[i].Code]})
	}
	if floor == nil {
		for i := range staff {
			out = append(out, [2]*assess.SupplyUnit{nil, &staff[i]})
		}
	}
	return out
}

// supplyRowOf formats one unit's floor area (m² per 100 households) and staff (per 1 000
// households) with their verdicts; a value that is a lower bound (cells reaching
// stations whose figure is not recorded) is written "≥ …".
func supplyRowOf(floor, staff *assess.SupplyUnit, d dict) supplyRow {
	var row supplyRow
	for _, u := range []*assess.SupplyUnit{floor, staff} {
		if u != nil {
			row.Code, row.Name, row.Residents = u.Code, u.Name, count(u.Population)
			row.PPH, row.Default = plain(u.PersonsPerHousehold, 2, 0), u.PPHDefault
			break
		}
	}
	if row.Name == "" && row.Code == "" {
		row.Name = d.T["supplyDistrict"]
	}
	row.Floor, row.FloorVerdict, row.FloorBad = supplyCell(floor, 1, d)
	row.Staff, row.StaffVerdict, row.StaffBad = supplyCell(staff, 2, d)
	return row
}

// supplyCell is a unit's figure per households with decimals, its verdict and whether it
// is bad (fail or warn); "—" when not measured or not known.
func supplyCell(u *assess.SupplyUnit, decimals int, d dict) (string, string, bool) {
	if u == nil {
		return "—", "—", false
	}
	switch u.Verdict {
	case supply.VerdictUnknown:
		return "—", d.verdict("not_assessed"), false
	}
	s := strconv.FormatFloat(u.PerHouseholds, 'f', decimals, 64)
	if u.CellsReachingUnknown > 0 {
		s = "≥ " + s
	}
	return s, d.verdict(string(u.Verdict)), u.Verdict == supply.VerdictFail || u.Verdict == supply.VerdictWarn
}

// supplyRuleText is the standard's figure a resource is judged by, with its source.
func supplyRuleText(r assess.SupplyRule, d dict) string {
	name := d.ruleName(r.NameZH, r.NameEN, r.Key)
	s := fmt.Sprintf(d.T["supplyRuleFloor"], name, num(r.Min))
	if r.PerHouseholds == 1000 {
		s = fmt.Sprintf(d.T["supplyRuleStaff"], name, plain(r.Min, 2, 0), num(1000/r.Min))
	}
	if r.WarnOnly {
		s += d.T["supplyWarnOnly"]
	}
	return s + d.source(r.Source)
}

// supplyFacts says what of the stations adds nothing to r and who reaches none.
func supplyFacts(r *assess.SupplyReport, T string, d dict) string {
	res := r.Result
	what := d.T["supplyWhatFloor"]
	if r.Query.Resource == assess.ResourceStaff {
		what = d.T["supplyWhatStaff"]
	}
	return fmt.Sprintf(d.T["supplyFacts"], what, len(r.Stations), len(res.UnknownSupply), len(res.OffNetwork), len(res.NoResidents), T,
		count(res.PopulationWithoutStation))
}

// supplyClass is the map class (0–4) of a cell's figure per households against the
// standard's minimum: 0 nothing within reach, 1 under half of it, 2 under it, 3 under
// twice it, 4 at least twice it.
func supplyClass(v, min float64) int {
	switch {
	case !(v > 0):
		return 0
	case v < min/2:
		return 1
	case v < min:
		return 2
	case v < 2*min:
		return 3
	}
	return 4
}

// supplyMapReport is the resource the map shows: floor area, else staff.
func supplyMapReport(f *SupplyFigures) *assess.SupplyReport {
	if f.FloorArea != nil {
		return f.FloorArea
	}
	return f.Staff
}

// cellPerHouseholds turns a cell's value per resident into the rule's figure per
// households at pph persons per household.
func cellPerHouseholds(c assess.SupplyCell, pph float64, r assess.SupplyRule) float64 {
	if math.IsNaN(c.Value) {
		return 0
	}
	return c.Value * pph * r.PerHouseholds
}

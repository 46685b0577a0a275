package supply

import (
	"fmt"
	"math"

	"github.com/lifecircle/lifecircle/geo"
)

// Unit is a unit cells are aggregated to: a community, a street.
type Unit struct {
	Code string
	// PersonsPerHousehold is the unit's residents per household (population ÷
	// households); 0 or NaN when not known, which leaves the unit's verdict unknown.
	PersonsPerHousehold float64
}

// Rule is a standard's figure for supply per households: a unit passes when its mean
// access, expressed per PerHouseholds households, is at least Min.
type Rule struct {
	PerHouseholds float64 // households the figure is per: 100 for floor area, 1 000 for staff
	Min           float64 // the minimum, in supply units per PerHouseholds households
	WarnOnly      bool    // below Min is flagged (VerdictWarn) rather than failed
}

// FloorAreaRule is the rule "at least minM2 m² of service floor area per 100 households"
// (e.g. 30, the complete-community pilot's figure); supply must then be floor area in m².
func FloorAreaRule(minM2 float64) Rule { return Rule{PerHouseholds: 100, Min: minM2} }

// StaffRule is the rule "one worker per at most maxHouseholds households" (e.g. 300 of
// the norm 200–300) as staff per 1 000 households ≥ 1 000 / maxHouseholds; supply must
// then be staff (persons). warnOnly flags a unit below it instead of failing it.
func StaffRule(maxHouseholds float64, warnOnly bool) Rule {
	return Rule{PerHouseholds: 1000, Min: 1000 / maxHouseholds, WarnOnly: warnOnly}
}

func (rule Rule) validate() error {
	if !(rule.PerHouseholds > 0) || math.IsInf(rule.PerHouseholds, 1) {
		return geo.Errorf(geo.EINVALID, "supply rule: per %v households must be a positive number", rule.PerHouseholds)
	}
	if !(rule.Min >= 0) || math.IsInf(rule.Min, 1) {
		return geo.Errorf(geo.EINVALID, "supply rule: minimum %v per %v households must be a finite number ≥ 0", rule.Min, rule.PerHouseholds)
	}
	return nil
}

// Verdict is a unit's judgement against a Rule.
type Verdict string

// The verdicts.
const (
	VerdictPass    Verdict = "pass"
	VerdictFail    Verdict = "fail"
	VerdictWarn    Verdict = "warn"    // below a WarnOnly rule
	VerdictUnknown Verdict = "unknown" // no residents, or persons per household not known
)

// UnitAccess is one unit's aggregate.
type UnitAccess struct {
	Code       string
	Cells      int     // cells assigned to the unit
	Population float64 // their residents
	// Access is the population-weighted mean of A_i over the unit's cells, supply per
	// resident (0 without residents); off-network cells count with A_i = 0.
	Access float64
	// PerHouseholds is Access × PersonsPerHousehold × Rule.PerHouseholds: m² per 100
	// households, staff per 1 000 households; 0 when the verdict is unknown.
	PerHouseholds float64
	Verdict       Verdict
	// CellsReachingUnknown counts the unit's cells within reach of a station whose supply
	// is not known: their Access, and so the unit's, is then a lower bound.
	CellsReachingUnknown int
	Note                 string // why the verdict is unknown, or that the value is a lower bound
}

// Aggregate averages r's cells over units: cellUnit[i] is the index into units of cell i
// (−1: in no unit, left out), parallel to r.Cells. The answer is parallel to units.
func Aggregate(r *Result, cellUnit []int, units []Unit, rule Rule) ([]UnitAccess, error) {
	if r == nil {
		return nil, geo.Errorf(geo.EINVALID, "supply: no result to aggregate")
	}
	if len(cellUnit) != len(r.Cells) {
		return nil, geo.Errorf(geo.EINVALID, "supply: %d cell units for %d cells; give one unit index (or -1) per cell", len(cellUnit), len(r.Cells))
	}
	if err := rule.validate(); err != nil {
		return nil, err
	}
	out := make([]UnitAccess, len(units))
	weighted := make([]float64, len(units))
	for i, u := range cellUnit {
		if u < -1 || u >= len(units) {
			return nil, geo.Errorf(geo.EINVALID, "supply: cell %d: unit index %d is outside [-1, %d)", i, u, len(units))
		}
		if u < 0 {
			continue
		}
		c := r.Cells[i]
		a := &out[u]
		a.Cells++
		a.Population += c.Population
		weighted[u] += c.Population * c.Access
		if c.UnknownSupply > 0 {
			a.CellsReachingUnknown++
		}
	}
	for k, u := range units {
		out[k].Code = u.Code
		out[k].judge(weighted[k], u.PersonsPerHousehold, rule)
	}
	return out, nil
}

// judge sets the mean, the figure per households and the verdict.
func (a *UnitAccess) judge(weighted, pph float64, rule Rule) {
	a.Verdict = VerdictUnknown
	switch {
	case !(a.Population > 0):
		a.Note = "no residents in the unit's cells"
		return
	case !(pph > 0) || math.IsInf(pph, 1):
		a.Access = weighted / a.Population
		a.Note = "persons per household not known"
		return
	}
	a.Access = weighted / a.Population
	a.PerHouseholds = a.Access * pph * rule.PerHouseholds
	switch {
	case a.PerHouseholds >= rule.Min:
		a.Verdict = VerdictPass
	case rule.WarnOnly:
		a.Verdict = VerdictWarn
	default:
		a.Verdict = VerdictFail
	}
	if a.CellsReachingUnknown > 0 {
		a.Note = fmt.Sprintf("a lower bound: %d of its cells reach stations whose supply is not known", a.CellsReachingUnknown)
	}
}

package assess

import (
	"fmt"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// The ratio keys whose values lifecircle computes (data/standards/README.md); any other
// key is reported as not assessed.
const (
	RatioServiceAreaPer100Households = "service_area_per_100_households" // community ServiceAreaM2 ÷ Households × 100, m²
	RatioHouseholdsPerWorker         = "households_per_worker"           // community Households ÷ Workers
	RatioServiceComplexFloorArea     = "service_complex_floor_area"      // FloorAreaM2 of the community's community- and compound-level stations, m²
	RatioCommunityComplianceShare    = "community_compliance_share"      // district: ComplianceReport.ShareCompliant
)

// checkRatios adds, for every community ratio of r in file order, one result per
// community (k indexes comms).
func checkRatios(e *engine.Engine, r *standards.Rules, comms []int, add func(k int, res RuleResult)) {
	floor := stationFloorAreas(e)
	for _, q := range r.Ratios {
		if q.AppliesTo != "community" {
			continue
		}
		for k, ci := range comms {
			v, missing := ratioValue(e, q.Key, ci, floor)
			add(k, judgeRatio(q, v, missing))
		}
	}
}

// ratioValue computes a community ratio; missing says why it cannot be ("" when it can).
// Counts of zero mean "not known" (geo.Community).
func ratioValue(e *engine.Engine, key string, ci int, floor []float64) (float64, string) {
	c := e.Communities[ci]
	switch key {
	case RatioServiceAreaPer100Households:
		if c.ServiceAreaM2 > 0 && c.Households > 0 {
			return c.ServiceAreaM2 / float64(c.Households) * 100, ""
		}
		return 0, "the community's service floor area or households are not known"
	case RatioHouseholdsPerWorker:
		if c.Households > 0 && c.Workers > 0 {
			return float64(c.Households) / float64(c.Workers), ""
		}
		return 0, "the community's households or community workers are not known"
	case RatioServiceComplexFloorArea:
		if floor[ci] > 0 {
			return floor[ci], ""
		}
		return 0, "no community or compound station of the community gives a floor area"
	}
	return 0, fmt.Sprintf("lifecircle computes no value for the ratio %q", key)
}

// stationFloorAreas sums, per community, the floor area (m²) of the community- and
// compound-level stations that belong to it (see places).
func stationFloorAreas(e *engine.Engine) []float64 {
	p := newPlaces(e)
	out := make([]float64, len(e.Communities))
	for _, s := range e.Stations {
		if (s.Level != geo.LevelCommunity && s.Level != geo.LevelCompound) || !(s.FloorAreaM2 > 0) {
			continue
		}
		if ci := p.community(s); ci >= 0 {
			out[ci] += s.FloorAreaM2
		}
	}
	return out
}

// judgeRatio turns a ratio value into a result; missing non-empty means not assessed.
func judgeRatio(q standards.Ratio, v float64, missing string) RuleResult {
	res := RuleResult{Rule: q.Key, NameZH: q.NameZH, NameEN: q.NameEN, Value: v, Threshold: ratioThreshold(q), Unit: q.Unit}
	if missing != "" {
		res.Verdict, res.Note = VerdictNotAssessed, missing
		return res
	}
	switch q.Assess(v) {
	case standards.VerdictOK:
		res.Verdict = VerdictPass
	case standards.VerdictWarn:
		res.Verdict = VerdictWarn
	default:
		res.Verdict = VerdictFail
	}
	check := ""
	if q.Check {
		check = "check: verify this bound against your local guideline"
	}
	res.Note = joinNotes(ratioBounds(q), check)
	return res
}

// ratioThreshold is the bound shown with a ratio: min, else max, else the warning bounds.
func ratioThreshold(q standards.Ratio) float64 {
	for _, b := range []*float64{q.Min, q.Max, q.WarnBelow, q.WarnAbove} {
		if b != nil {
			return *b
		}
	}
	return 0
}

// ratioBounds describes a ratio's bounds for a planner, e.g. "bounds: fails below 600, warns below 800".
func ratioBounds(q standards.Ratio) string {
	var parts []string
	add := func(b *float64, what string) {
		if b != nil {
			parts = append(parts, fmt.Sprintf("%s %g", what, *b))
		}
	}
	add(q.Min, "fails below")
	add(q.Max, "fails above")
	add(q.WarnBelow, "warns below")
	add(q.WarnAbove, "warns above")
	if len(parts) == 0 {
		return ""
	}
	return "bounds: " + strings.Join(parts, ", ")
}

// districtRatios judges the rules' district ratios. community_compliance_share is judged
// on share when every community was checked (all); others are not assessed.
func districtRatios(r *standards.Rules, share float64, all bool) []RuleResult {
	var out []RuleResult
	for _, q := range r.Ratios {
		if q.AppliesTo != "district" {
			continue
		}
		missing := fmt.Sprintf("lifecircle computes no value for the ratio %q", q.Key)
		if q.Key == RatioCommunityComplianceShare {
			missing = ""
			if !all {
				missing = "judged only when every community is checked"
			}
		}
		out = append(out, judgeRatio(q, share, missing))
	}
	return out
}

package assess

import (
	"fmt"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// facilityRule is one circle's facility resolved against the engine's facility sets.
type facilityRule struct {
	circle  standards.Circle
	f       standards.Facility
	times   [][]float32 // walk seconds per cell to each of its categories' and levels' facility sets
	missing []string    // its categories without a facility set in the engine
	failed  string      // why the walk times could not be had ("" when they could)
}

// checkFacilities adds, for every circle's facility in file order, one result per
// community (k indexes comms).
func checkFacilities(e *engine.Engine, r *standards.Rules, comms []int, add func(k int, res RuleResult)) {
	minShare, shareNote := minShareOf(r)
	for _, c := range r.Circles {
		for _, f := range c.Facilities {
			fr := resolveFacility(e, c, f)
			for k, ci := range comms {
				res := checkFacility(e, fr, e.Units.CommunityCells(ci), minShare)
				if res.Verdict != VerdictNotAssessed {
					res.Note = joinNotes(res.Note, shareNote)
				}
				add(k, res)
			}
		}
	}
}

// resolveFacility finds the facility sets of f's categories and levels.
func resolveFacility(e *engine.Engine, c standards.Circle, f standards.Facility) facilityRule {
	fr := facilityRule{circle: c, f: f}
	var sets []int
	for _, key := range f.Categories {
		if k, ok := e.SetIndex(engine.Target{Kind: engine.KindCategory, Key: key}); ok {
			sets = append(sets, k)
		} else {
			fr.missing = append(fr.missing, key)
		}
	}
	for _, l := range f.Levels {
		if k, ok := e.SetIndex(engine.Target{Kind: engine.KindLevel, Key: string(l)}); ok {
			sets = append(sets, k)
		}
	}
	for _, k := range sets {
		secs, err := walkSeconds(e, k, c.Minutes)
		if err != nil {
			fr.failed = geo.ErrorMessage(err)
			return fr
		}
		fr.times = append(fr.times, secs)
	}
	return fr
}

// checkFacility judges one facility for the cells of one community.
func checkFacility(e *engine.Engine, fr facilityRule, cells []int, minShare float64) RuleResult {
	c, f := fr.circle, fr.f
	res := RuleResult{Circle: c.Key, Rule: f.Key, NameZH: f.NameZH, NameEN: f.NameEN, Threshold: minShare,
		Unit: fmt.Sprintf("share of residents within %g min", c.Minutes), Verdict: VerdictNotAssessed}
	switch {
	case fr.failed != "":
		res.Note = fr.failed
		return res
	case len(fr.times) == 0:
		res.Note = fmt.Sprintf("no outlets of %s were loaded and the categories are not configured", strings.Join(f.Categories, ", "))
		return res
	case len(cells) == 0:
		res.Note = "the community has no cells (no boundary imported)"
		return res
	}
	var pop, popIn, area, areaIn float64
	for _, i := range cells {
		in := withinAny(fr.times, i, c.Minutes)
		pop += e.Cells[i].Population
		area += e.Cells[i].AreaM2
		if in {
			popIn += e.Cells[i].Population
			areaIn += e.Cells[i].AreaM2
		}
	}
	res.Value = shareOf(popIn, pop, areaIn, area)
	var notes []string
	if !(pop > 0) {
		res.Unit = fmt.Sprintf("share of area within %g min", c.Minutes)
		notes = append(notes, "the community has no residents: share of its area")
	}
	if len(fr.missing) > 0 {
		notes = append(notes, "no data for "+strings.Join(fr.missing, ", "))
	}
	res.Verdict = VerdictPass
	if res.Value < minShare-1e-12 {
		res.Verdict = VerdictFail
		if !f.Required {
			res.Verdict = VerdictWarn
			notes = append(notes, "not required: reported only")
		}
	}
	if f.Check || c.Check {
		notes = append(notes, "check: verify this rule against the standard")
	}
	res.Note = joinNotes(notes...)
	return res
}

// withinAny reports whether cell i is within minutes by any of the walk times.
func withinAny(times [][]float32, i int, minutes float64) bool {
	for _, secs := range times {
		if within(secs[i], minutes) {
			return true
		}
	}
	return false
}

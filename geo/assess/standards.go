package assess

import (
	"fmt"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// Verdicts of a RuleResult.
const (
	VerdictPass        = "pass"
	VerdictFail        = "fail"
	VerdictWarn        = "warn"
	VerdictNotAssessed = "not_assessed"
)

// DefaultMinShare is the share of a community's residents that must be within a circle's
// minutes of a facility when the rules file sets no min_share.
const DefaultMinShare = 0.9

// RuleResult is one rule checked for one community (or the district).
type RuleResult struct {
	Circle, Rule   string // circle key ("" for ratios and rules outside the circles) and facility or ratio key
	NameZH, NameEN string
	Value          float64 // share 0–1 for facilities; the ratio's value in Unit for ratios
	Threshold      float64 // the share or bound the value is judged against
	Unit           string
	Verdict        string // "pass", "fail", "warn" or "not_assessed"
	Note           string
}

// CommunityCompliance is every rule checked for one community. Warnings count neither as
// passed nor as failed.
type CommunityCompliance struct {
	Code, Name                  string
	Results                     []RuleResult // circles' facilities, then not-assessed items, then ratios, in file order
	Passed, Failed, NotAssessed int
}

// ComplianceReport is the standards check of a district's communities.
type ComplianceReport struct {
	Rules       string // the rules' name and source
	Communities []CommunityCompliance
	// ShareCompliant is the share of communities with at least one rule passed and none
	// failed, among those with at least one rule assessed (0 when none is).
	ShareCompliant float64
	// District holds the rules file's district ratios (community_compliance_share is judged
	// on ShareCompliant, and only when every community was checked).
	District []RuleResult
}

// Standards checks each community (one when community is a code, every one, by code,
// when "") against r. Rules are data: each circle is checked on its own, so a facility
// within 15 minutes does not satisfy a 5-minute requirement. A circle's facility is
// provided when the share of the community's residents (of its area, m², when it has no
// residents) whose cell is within the circle's minutes' walk of the nearest outlet of any
// of its categories or station of any of its levels is at least r.MinShare
// (DefaultMinShare when the file sets none). A facility that is not required gets "warn"
// instead of "fail". Ratios are judged with Ratio.Assess on values computed from the
// community's numbers; missing numbers give "not_assessed", as do the file's
// not_assessed entries. A nil r is EINVALID, an unknown community ENOTFOUND and a call
// before Compute EUNAVAILABLE.
func Standards(e *engine.Engine, r *standards.Rules, community string) (ComplianceReport, error) {
	if r == nil {
		return ComplianceReport{}, geo.Errorf(geo.EINVALID, "no standards rules given (load a rules file such as data/standards/gb50180-2018.json)")
	}
	if len(e.Results) == 0 {
		return ComplianceReport{}, geo.Errorf(geo.EUNAVAILABLE, "walk-time coverage has not been computed yet (lifecircle compute)")
	}
	comms, err := complianceCommunities(e, community)
	if err != nil {
		return ComplianceReport{}, err
	}
	rep := ComplianceReport{Rules: rulesTitle(r), Communities: make([]CommunityCompliance, len(comms))}
	for k, ci := range comms {
		rep.Communities[k] = CommunityCompliance{Code: e.Communities[ci].Code, Name: e.Communities[ci].Name}
	}
	add := func(k int, res RuleResult) { rep.Communities[k].Results = append(rep.Communities[k].Results, res) }
	checkFacilities(e, r, comms, add)
	for _, n := range r.NotAssessed {
		for k := range comms {
			add(k, RuleResult{Circle: n.Circle, Rule: notAssessedKey(n), NameZH: n.NameZH, NameEN: n.NameEN, Verdict: VerdictNotAssessed, Note: n.Reason})
		}
	}
	checkRatios(e, r, comms, add)
	rep.ShareCompliant = countVerdicts(rep.Communities)
	rep.District = districtRatios(r, rep.ShareCompliant, community == "" && len(comms) > 0)
	return rep, nil
}

// complianceCommunities returns the community indices to check, sorted by code.
func complianceCommunities(e *engine.Engine, code string) ([]int, error) {
	if code == "" {
		return e.Units.CommunitiesByCode(), nil
	}
	ci, ok := e.Units.Community(code)
	if !ok {
		return nil, geo.Errorf(geo.ENOTFOUND, "community %q is not in the district (give its 12-digit code)", code)
	}
	return []int{ci}, nil
}

func rulesTitle(r *standards.Rules) string {
	if r.Source == "" {
		return r.Name
	}
	return r.Name + " — " + r.Source
}

// notAssessedKey names a not-assessed entry, which has no key in the file.
func notAssessedKey(n standards.NotAssessed) string {
	if n.NameEN != "" {
		return n.NameEN
	}
	return n.NameZH
}

// countVerdicts fills each community's counts and returns the share compliant.
func countVerdicts(cs []CommunityCompliance) float64 {
	var assessed, compliant int
	for k := range cs {
		c := &cs[k]
		for _, res := range c.Results {
			switch res.Verdict {
			case VerdictPass:
				c.Passed++
			case VerdictFail:
				c.Failed++
			case VerdictNotAssessed:
				c.NotAssessed++
			}
		}
		if c.Passed+c.Failed > 0 {
			assessed++
			if c.Failed == 0 {
				compliant++
			}
		}
	}
	if assessed == 0 {
		return 0
	}
	return float64(compliant) / float64(assessed)
}

// joinNotes joins the non-empty notes with "; ".
func joinNotes(notes ...string) string {
	var keep []string
	for _, n := range notes {
		if n != "" {
			keep = append(keep, n)
		}
	}
	return strings.Join(keep, "; ")
}

// minShareOf returns the rules' minimum share and, when the file sets none, a note saying
// that the default was used.
func minShareOf(r *standards.Rules) (float64, string) {
	if r.MinShare > 0 {
		return r.MinShare, ""
	}
	return DefaultMinShare, fmt.Sprintf("the rules file sets no min_share: %.0f %% of residents used", DefaultMinShare*100)
}

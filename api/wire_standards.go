package api

import "github.com/lifecircle/lifecircle/geo/assess"

// The wire format of GET /api/v1/standards (JSON, CSV).

// standardsAnswer is GET /api/v1/standards as JSON: each community's compliance, then the
// district's ratios.
type standardsAnswer struct {
	Region         string               `json:"region"` // the region answered for
	Rules          string               `json:"rules"`
	Communities    []communityRulesJSON `json:"communities"`
	ShareCompliant num                  `json:"share_compliant"`
	District       []ruleJSON           `json:"district"`
}

type communityRulesJSON struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Results     []ruleJSON `json:"results"`
	Passed      int        `json:"passed"`
	Failed      int        `json:"failed"`
	NotAssessed int        `json:"not_assessed"`
	// Supply is the floor area and staff within reach (2SFCA), with supply=true only.
	Supply *communitySupplyJSON `json:"supply_within_reach,omitempty"`
}

// ruleJSON is one rule checked for a community or the district.
type ruleJSON struct {
	Circle    string `json:"circle"`
	Rule      string `json:"rule"`
	NameZH    string `json:"name_zh"`
	NameEN    string `json:"name_en"`
	Value     num    `json:"value"`
	Threshold num    `json:"threshold"`
	Unit      string `json:"unit"`
	Verdict   string `json:"verdict"`
	Note      string `json:"note"`
}

func standardsOut(rep assess.ComplianceReport) standardsAnswer {
	out := standardsAnswer{Rules: rep.Rules, Communities: make([]communityRulesJSON, len(rep.Communities)),
		ShareCompliant: num(rep.ShareCompliant), District: rulesOut(rep.District)}
	for i, c := range rep.Communities {
		out.Communities[i] = communityRulesJSON{Code: c.Code, Name: c.Name, Results: rulesOut(c.Results),
			Passed: c.Passed, Failed: c.Failed, NotAssessed: c.NotAssessed}
	}
	return out
}

func rulesOut(rs []assess.RuleResult) []ruleJSON {
	out := make([]ruleJSON, len(rs))
	for i, r := range rs {
		out[i] = ruleJSON{Circle: r.Circle, Rule: r.Rule, NameZH: r.NameZH, NameEN: r.NameEN, Value: num(r.Value),
			Threshold: num(r.Threshold), Unit: r.Unit, Verdict: r.Verdict, Note: r.Note}
	}
	return out
}

var standardsColumns = []csvCol{
	{"community_code", "社区编码", colText}, {"community_name", "社区", colText}, {"circle", "生活圈", colText},
	{"rule", "规则", colText}, {"name_zh", "指标", colText}, {"name_en", "指标（英文）", colText},
	{"value", "现状值", colExact}, {"threshold", "标准值", colExact}, {"unit", "单位", colText},
	{"verdict", "结论", colText}, {"note", "说明", colText},
}

// standardsCSV is GET /api/v1/standards as CSV in l: one row per community and rule.
func standardsCSV(rep assess.ComplianceReport, l lang) [][]string {
	t := newCSVTable(l, standardsColumns)
	for _, c := range rep.Communities {
		for _, r := range c.Results {
			t.add(c.Code, c.Name, r.Circle, r.Rule, r.NameZH, r.NameEN, r.Value, r.Threshold, r.Unit, r.Verdict, r.Note)
		}
	}
	return t.rows
}

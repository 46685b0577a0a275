package report

import (
	"fmt"
	"strings"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// coverageOfInput is the coverage section: one table and chart for the station levels
// (and any station), one for the outlet categories.
func coverageOfInput(in Input, d dict) coverageView {
	targets, mins := in.coverageTargets()
	var v coverageView
	for _, m := range mins {
		v.Minutes = append(v.Minutes, minuteLabel(m))
	}
	var levelBars, catBars []barRow
	for _, t := range targets {
		row := coverageRow{Name: in.targetName(d, t)}
		bar := barRow{Label: row.Name}
		for _, m := range mins {
			c, ok := in.coverageOf(t, m)
			if !ok {
				row.Shares = append(row.Shares, "—")
				bar.Shares = append(bar.Shares, 0)
				continue
			}
			share := c.Total.PopulationShare
			if c.Total.AreaWeighted {
				share, row.ByArea = c.Total.AreaShare, true
			}
			row.Facilities = c.Facilities
			row.Shares = append(row.Shares, pct(share))
			bar.Shares = append(bar.Shares, share)
		}
		if t.Kind == engine.KindLevel {
			v.Levels, levelBars = append(v.Levels, row), append(levelBars, bar)
		} else {
			v.Categories, catBars = append(v.Categories, row), append(catBars, bar)
		}
	}
	v.LevelChart = barChart(levelBars, v.Minutes, d)
	v.CategoryChrt = barChart(catBars, v.Minutes, d)
	return v
}

// gapsOf is the gaps section: the first htmlTopN gaps.
func gapsOf(in Input, d dict) gapsView {
	v := gapsView{Heading: fmt.Sprintf(d.T["gapsIntro"], minuteLabel(in.GapMinutes), d.target(in.Categories, in.GapTarget))}
	for i, g := range in.Gaps {
		if i == htmlTopN {
			v.More = len(in.Gaps) - htmlTopN
			break
		}
		v.Rows = append(v.Rows, gapRow{Rank: i + 1, Kind: d.gapKind(g.Kind), Code: g.Code, Name: g.Name,
			Population: count(g.Population), Beyond: count(g.PopulationBeyond), Share: pct(g.ShareBeyond),
			Cells: g.UncoveredCells, ByArea: g.AreaWeighted})
	}
	return v
}

// standardsOf is the compliance section, nil when the standards were not checked.
func standardsOf(in Input, d dict) *standardsView {
	rep := in.Standards
	if rep == nil {
		return nil
	}
	v := &standardsView{Rules: d.rulesTitle(in.Rules, rep.Rules), Share: pct(rep.ShareCompliant)}
	for _, c := range rep.Communities {
		row := complianceRow{Code: c.Code, Name: c.Name, Passed: c.Passed, Failed: c.Failed, NotAssessed: c.NotAssessed}
		row.Failing = failingRules(c.Results, d)
		v.Rows = append(v.Rows, row)
	}
	v.ByRule = ruleSummaries(rep.Communities, d)
	for _, r := range rep.District {
		v.District = append(v.District, ruleRow{Name: d.ruleName(r.NameZH, r.NameEN, r.Rule),
			Value: plain(r.Value, 2, 0), Threshold: plain(r.Threshold, 2, 0), Verdict: d.verdict(r.Verdict)})
	}
	return v
}

// maxFailingNames is how many failed rules the HTML names per community; standards.csv
// lists them all.
const maxFailingNames = 6

// failingRules names a community's first failed rules, each with its circle when it has
// one: "小学（十分钟生活圈居住区）、银行（…）…", and says how many more there are.
func failingRules(rs []assess.RuleResult, d dict) string {
	var names []string
	more := 0
	for _, r := range rs {
		if r.Verdict != assess.VerdictFail {
			continue
		}
		if len(names) == maxFailingNames {
			more++
			continue
		}
		names = append(names, ruleLabel(r, d))
	}
	s := strings.Join(names, d.T["listSep"])
	if more > 0 {
		s += fmt.Sprintf(d.T["andMore"], more)
	}
	return s
}

// ruleLabel is a rule's name with its circle: "小学（十分钟生活圈居住区）".
func ruleLabel(r assess.RuleResult, d dict) string {
	n := d.ruleName(r.NameZH, r.NameEN, r.Rule)
	if r.Circle != "" {
		n += d.T["circleOpen"] + d.circle(r.Circle) + d.T["circleClose"]
	}
	return n
}

// ruleSummaries counts, for each rule in the order first met, the communities by verdict.
func ruleSummaries(cs []assess.CommunityCompliance, d dict) []ruleSummary {
	var out []ruleSummary
	at := map[[2]string]int{}
	for _, c := range cs {
		for _, r := range c.Results {
			key := [2]string{r.Circle, r.Rule}
			k, ok := at[key]
			if !ok {
				k = len(out)
				at[key] = k
				out = append(out, ruleSummary{Circle: d.circle(r.Circle), Name: d.ruleName(r.NameZH, r.NameEN, r.Rule)})
			}
			switch r.Verdict {
			case assess.VerdictPass:
				out[k].Passed++
			case assess.VerdictFail:
				out[k].Failed++
			case assess.VerdictWarn:
				out[k].Warned++
			default:
				out[k].NotAssessed++
			}
		}
	}
	return out
}

// methodNote states the walking and coverage model the figures follow.
func methodNote(e *engine.Engine, d dict) string {
	o := e.Options
	return fmt.Sprintf(d.T["method"], num(o.Walk.SpeedKmh), num(o.Walk.StepsFactor), num(o.Walk.MaxSnapM),
		o.Resolution, len(e.Cells), num(o.MaxMinutes))
}

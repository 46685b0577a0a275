package report

import (
	"html/template"
	"strconv"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// collectGrids assesses the grids (网格) when e holds any (nil when none) against rules
// (nil: no grid rules, so nothing is judged).
func collectGrids(e *engine.Engine, rules *standards.Rules) (*assess.GridReport, error) {
	if len(e.Grids) == 0 {
		return nil, nil
	}
	if rules == nil {
		rules = &standards.Rules{}
	}
	rep, err := assess.Grids(e, rules)
	if err != nil {
		return nil, err
	}
	return &rep, nil
}

// gridsView is the grids section: every grid with its grid workers against the rules,
// and the communities grids leave uncovered.
type gridsView struct {
	Rules                        []string // each rule, with its source in English
	Rows                         []gridViewRow
	Uncovered                    []uncoveredRow
	WithoutWorker, Unknown, Over int
	Map                          template.HTML // the grids shaded by households per grid worker
}

type gridViewRow struct {
	Code, Name, Community, Households, Workers, PerWorker, Residents, Verdict string
	Bad                                                                       bool
}

type uncoveredRow struct{ Code, Name, AreaKm2, Share, Residents string }

// gridsOf formats the grids section, nil when the district has no grids.
func gridsOf(in Input, d dict) *gridsView {
	rep := in.Grids
	if rep == nil {
		return nil
	}
	v := &gridsView{WithoutWorker: rep.WithoutWorker, Unknown: rep.WorkersUnknown, Over: rep.OverLoad}
	for _, q := range []*standards.Ratio{rep.WorkersRule, rep.LoadRule} {
		if q != nil {
			v.Rules = append(v.Rules, d.ruleName(q.NameZH, q.NameEN, q.Key)+d.source(q.Source))
		}
	}
	for _, r := range rep.Grids {
		row := gridViewRow{Code: r.Code, Name: r.Name, Community: r.CommunityName, Households: "—", Workers: "—",
			PerWorker: minutes(r.HouseholdsPerWorker, 0), Residents: strconv.FormatFloat(r.CellPopulation, 'f', 0, 64)}
		if row.Community == "" {
			row.Community = r.CommunityCode
		}
		if r.Households > 0 {
			row.Households = strconv.Itoa(r.Households)
		}
		if r.WorkersGiven {
			row.Workers = strconv.Itoa(r.Workers)
		}
		row.Verdict, row.Bad = gridVerdict(r, d)
		v.Rows = append(v.Rows, row)
	}
	for _, u := range rep.Uncovered {
		share := 0.0
		if u.AreaM2 > 0 {
			share = u.UncoveredAreaM2 / u.AreaM2
		}
		v.Uncovered = append(v.Uncovered, uncoveredRow{Code: u.Code, Name: u.Name, AreaKm2: strconv.FormatFloat(u.UncoveredAreaM2/1e6, 'f', 2, 64),
			Share: pct(share), Residents: strconv.FormatFloat(u.UncoveredPopulation, 'f', 0, 64)})
	}
	v.Map = gridsMap(in, d)
	return v
}

// gridVerdict is the worse of a grid's two verdicts, translated, and whether it is bad.
func gridVerdict(r assess.GridRow, d dict) (string, bool) {
	switch {
	case r.WorkersVerdict == standards.VerdictFail:
		return d.T["gridNoWorker"], true
	case r.LoadVerdict == standards.VerdictFail || r.LoadVerdict == standards.VerdictWarn:
		return d.verdict(string(r.LoadVerdict)), true
	case r.WorkersVerdict == "" && r.LoadVerdict == "":
		return d.verdict("not_assessed"), false
	}
	return d.verdict("pass"), false
}

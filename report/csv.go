package report

import (
	"cmp"
	"io"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/lifecircle/lifecircle/internal/csvout"
)

// The CSV files CSV writes.
const (
	StreetsCSV   = "network-streets.csv"
	CoverageCSV  = "coverage-communities.csv"
	GapsCSV      = "gaps.csv"
	StandardsCSV = "standards.csv"
	SupplyCSV    = "supply.csv"
)

// CSV writes the report's tables into dir as UTF-8 CSV files with a byte-order mark,
// formula-looking cells defused (internal/csvout), and headers in in.Lang: network-streets.csv (one row per street), coverage-communities.csv
// (one row per community and facility set: shares of residents within each threshold, in
// %, and walk minutes), gaps.csv (the gaps, ranked) and, when the standards were checked,
// standards.csv (one row per community and rule), and when the supply within reach was
// measured, supply.csv (the district, each street and each community: floor area per
// 100 households and staff per 1 000 households within the section's minutes, with the
// verdicts; lower_bound says a figure is a lower bound). Populations are residents, times
// minutes. It returns the paths written.
func CSV(dir string, in Input) ([]string, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	lang, _ := CheckLang(in.Lang)
	d := newDict(lang).withRules(in.Rules)
	tables := []namedFile[[][]string]{ // each file's rows, header first
		{StreetsCSV, streetsTable(in, d)},
		{CoverageCSV, coverageTable(in, d)},
		{GapsCSV, gapsTable(in, d)},
	}
	if in.Standards != nil {
		tables = append(tables, namedFile[[][]string]{StandardsCSV, standardsTable(in, d)})
	}
	if f := in.Supply; f != nil && (f.FloorArea != nil || f.Staff != nil) {
		tables = append(tables, namedFile[[][]string]{SupplyCSV, supplyTable(f, d)})
	}
	return writeFiles(dir, tables, writeCSV)
}

// writeCSV writes the rows through the project's CSV writer: the BOM, CRLF line ends
// (as RFC 4180 and Excel expect), and names or ids that a spreadsheet would run as a
// formula defused.
func writeCSV(w io.Writer, rows [][]string) error {
	if err := csvout.WriteAll(w, rows, csvout.Options{CRLF: true}); err != nil {
		return geo.WrapError(geo.EINVALID, err, "write CSV")
	}
	return nil
}

// heads picks each column's header in the report's language: pairs are (Chinese, English).
func heads(d dict, pairs ...[2]string) []string {
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p[0]
		if d.lang == LangEN {
			out[i] = p[1]
		}
	}
	return out
}

// streetsTable is network-streets.csv.
func streetsTable(in Input, d dict) [][]string {
	head := heads(d, [2]string{"街道代码", "street_code"}, [2]string{"街道名称", "street_name"},
		[2]string{"有街道中心", "has_centre"}, [2]string{"街道中心编号", "centre_ids"})
	for _, l := range geo.Levels() {
		head = append(head, heads(d, [2]string{d.T["short_"+string(l)] + "数", "stations_" + string(l)})...)
	}
	head = append(head, heads(d, [2]string{"社区数", "communities"}, [2]string{"有站社区数", "communities_with_station"},
		[2]string{"常住人口", "population"}, [2]string{"15分钟内人口", "population_within_15"},
		[2]string{"15分钟内比例(%)", "share_within_15_pct"})...)
	rows := [][]string{head}
	for _, s := range in.Network.Streets {
		row := []string{s.Code, s.Name, d.yesNo(s.HasCentre), strings.Join(s.Centres, " ")}
		for _, l := range geo.Levels() {
			row = append(row, strconv.Itoa(s.Stations[l]))
		}
		share := ""
		if s.Population > 0 {
			share = plain(100*s.PopulationWithin15/s.Population, 1, 0)
		}
		row = append(row, strconv.Itoa(s.Communities), strconv.Itoa(s.CommunitiesWithStation),
			plain(s.Population, 0, 0), plain(s.PopulationWithin15, 0, 0), share)
		rows = append(rows, row)
	}
	return rows
}

// coverageTable is coverage-communities.csv: per facility set, one row per community.
func coverageTable(in Input, d dict) [][]string {
	targets, mins := in.coverageTargets()
	head := heads(d, [2]string{"社区代码", "community_code"}, [2]string{"社区名称", "community_name"},
		[2]string{"设施类型", "target_kind"}, [2]string{"设施代码", "target_key"}, [2]string{"设施名称", "target_name"},
		[2]string{"设施数量", "facilities"}, [2]string{"H3 单元数", "h3_cells"}, [2]string{"路网外 H3 单元数", "off_network_h3_cells"},
		[2]string{"常住人口", "population"})
	for _, m := range mins {
		ml := minuteLabel(m)
		head = append(head, heads(d, [2]string{ml + "分钟内人口比例(%)", "share_within_" + ml + "_pct"})...)
	}
	head = append(head, heads(d, [2]string{"平均步行分钟", "mean_min"}, [2]string{"中位步行分钟", "median_min"},
		[2]string{"90%分位步行分钟", "p90_min"}, [2]string{"按面积计", "by_area"})...)
	rows := [][]string{head}
	maxMin := in.Engine.Options.MaxMinutes
	for _, t := range targets {
		reps := make([]assess.CoverageReport, len(mins))
		for i, m := range mins {
			reps[i], _ = in.coverageOf(t, m)
		}
		last := reps[len(reps)-1]
		for ci, c := range last.Communities {
			row := []string{c.Code, c.Name, d.T["kind_"+t.Kind], t.Key, in.targetName(d, t),
				strconv.Itoa(last.Facilities), strconv.Itoa(c.Cells), strconv.Itoa(c.OffNetworkCells), plain(c.Population, 0, 0)}
			for _, r := range reps {
				row = append(row, communityShare(r, ci))
			}
			row = append(row, plain(c.MeanMin, 1, maxMin), plain(c.MedianMin, 1, maxMin), plain(c.P90Min, 1, maxMin), d.yesNo(c.AreaWeighted))
			rows = append(rows, row)
		}
	}
	return rows
}

// communityShare is the share (in %) of community ci within r's minutes: of residents, or
// of area when it has none; "" when it has no cells.
func communityShare(r assess.CoverageReport, ci int) string {
	if ci >= len(r.Communities) || r.Communities[ci].Cells == 0 {
		return ""
	}
	c := r.Communities[ci]
	if c.AreaWeighted {
		return plain(100*c.AreaShare, 1, 0)
	}
	return plain(100*c.PopulationShare, 1, 0)
}

// gapsTable is gaps.csv.
func gapsTable(in Input, d dict) [][]string {
	rows := [][]string{heads(d, [2]string{"序号", "rank"}, [2]string{"类型", "kind"}, [2]string{"代码", "code"},
		[2]string{"名称", "name"}, [2]string{"常住人口", "population"}, [2]string{"未覆盖人口", "population_beyond"},
		[2]string{"未覆盖比例(%)", "share_beyond_pct"}, [2]string{"未覆盖 H3 单元数", "uncovered_h3_cells"},
		[2]string{"按面积计", "by_area"}, [2]string{"设施", "target"}, [2]string{"步行分钟", "minutes"})}
	target := d.target(in.Categories, in.GapTarget)
	for i, g := range in.Gaps {
		rows = append(rows, []string{strconv.Itoa(i + 1), d.gapKind(g.Kind), g.Code, g.Name,
			plain(g.Population, 0, 0), plain(g.PopulationBeyond, 0, 0), plain(100*g.ShareBeyond, 1, 0),
			strconv.Itoa(g.UncoveredCells), d.yesNo(g.AreaWeighted), target, minuteLabel(in.GapMinutes)})
	}
	return rows
}

// standardsTable is standards.csv: one row per community and rule.
func standardsTable(in Input, d dict) [][]string {
	rows := [][]string{heads(d, [2]string{"社区代码", "community_code"}, [2]string{"社区名称", "community_name"},
		[2]string{"生活圈", "circle"}, [2]string{"指标代码", "rule"}, [2]string{"指标名称", "rule_name"},
		[2]string{"数值", "value"}, [2]string{"标准", "threshold"}, [2]string{"单位", "unit"},
		[2]string{"结论", "verdict"}, [2]string{"说明", "note"})}
	for _, c := range in.Standards.Communities {
		for _, r := range c.Results {
			value, threshold := "", ""
			if r.Verdict != assess.VerdictNotAssessed {
				value, threshold = plain(r.Value, 4, 0), plain(r.Threshold, 4, 0)
			}
			circle := r.Circle // the key in English: a code to filter on
			if d.lang == LangZH {
				circle = d.circle(r.Circle)
			}
			rows = append(rows, []string{c.Code, c.Name, circle, r.Rule, d.ruleName(r.NameZH, r.NameEN, r.Rule),
				value, threshold, d.unit(r, in.Rules), d.verdict(r.Verdict), d.note(r, in.Rules, in.Categories)})
		}
	}
	return rows
}

// supplyTable is supply.csv: the rows of the report's supply section, figures without the
// "≥" mark (a lower_bound column says it instead) so that they stay numbers.
func supplyTable(f *SupplyFigures, d dict) [][]string {
	head := heads(d, [2]string{"范围", "scope"}, [2]string{"代码", "code"}, [2]string{"名称", "name"},
		[2]string{"常住人口", "population"}, [2]string{"户均人口", "persons_per_household"},
		[2]string{"户均人口为默认值", "persons_per_household_default"},
		[2]string{"每百户可达服务面积(m²)", "floor_m2_per_100_households"}, [2]string{"面积结论", "floor_verdict"},
		[2]string{"每千户可达工作人员", "staff_per_1000_households"}, [2]string{"人员结论", "staff_verdict"},
		[2]string{"为下限", "lower_bound"})
	rows := [][]string{head}
	add := func(scope string, floor, staff *assess.SupplyUnit) {
		r, u := supplyRowOf(floor, staff, d), cmp.Or(floor, staff)
		lower := floor != nil && floor.CellsReachingUnknown > 0 || staff != nil && staff.CellsReachingUnknown > 0
		rows = append(rows, []string{scope, r.Code, r.Name, plain(u.Population, 0, 0), r.PPH, d.yesNo(r.Default),
			perHouseholds(floor, 1), r.FloorVerdict, perHouseholds(staff, 2), r.StaffVerdict, d.yesNo(lower)})
	}
	add(d.T["supplyDistrict"], totalOf(f.FloorArea), totalOf(f.Staff))
	for _, u := range unitsOf(f, func(r *assess.SupplyReport) []assess.SupplyUnit { return r.Streets }) {
		add(d.T["street"], u[0], u[1])
	}
	for _, u := range unitsOf(f, func(r *assess.SupplyReport) []assess.SupplyUnit { return r.Communities }) {
		add(d.T["community"], u[0], u[1])
	}
	return rows
}

// perHouseholds is a unit's figure per households with decimals, "—" when not measured
// or not known (as the section's table).
func perHouseholds(u *assess.SupplyUnit, decimals int) string {
	if u == nil || u.Verdict == supply.VerdictUnknown {
		return "—"
	}
	return strconv.FormatFloat(u.PerHouseholds, 'f', decimals, 64)
}

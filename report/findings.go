package report

import (
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
)

// findingsView is the data health check on the first page: the counts by severity, then
// the errors and the warnings (infos are counted, not listed).
type findingsView struct {
	Errors, Warnings, Infos int
	Rows                    []findingRow
}

type findingRow struct {
	Error                                    bool
	Severity, Code, Subject, Figure, Message string
}

// findingsOf formats in's findings in d's language; nil when the check was not run.
func findingsOf(in Input, d dict) *findingsView {
	if !in.Checked {
		return nil
	}
	s := health.Summarise(in.Findings)
	v := &findingsView{Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos}
	for _, f := range in.Findings {
		if f.Severity != health.SeverityError && f.Severity != health.SeverityWarning {
			continue
		}
		msg := f.MessageZH
		if d.lang == LangEN {
			msg = f.MessageEN
		}
		if f.Subject.Kind == health.SubjectSet {
			msg = strings.ReplaceAll(msg, f.Subject.ID, d.setName(in.Categories, f.Subject.ID))
		}
		v.Rows = append(v.Rows, findingRow{Error: f.Severity == health.SeverityError,
			Severity: d.T["sev_"+string(f.Severity)], Code: d.findingCode(f.Code), Subject: d.subject(in.Categories, f.Subject),
			Figure: strconv.FormatFloat(f.Figure, 'g', 4, 64) + " " + d.findingUnit(f.Unit), Message: msg})
	}
	return v
}

// subject names a finding's subject in d's language: its kind, then its ID and name when
// given; a facility set ("level:KEY", "category:KEY") by the set's name.
func (d dict) subject(cats *geo.Categories, s health.Subject) string {
	if s.Kind == health.SubjectSet {
		return d.findingKind(s.Kind) + " " + d.setName(cats, s.ID)
	}
	out := d.findingKind(s.Kind)
	if s.ID != "" && (d.lang == LangEN || s.Kind != health.SubjectDerived) {
		out += " " + s.ID
	}
	if s.Name != "" && s.Name != s.ID {
		out += " " + s.Name
	}
	return out
}

// findingKinds and findingUnits are the Chinese words of the check's subject kinds and
// figure units; the English report shows them as the check names them.
var findingKinds = map[string]string{
	health.SubjectDistrict: "全区", health.SubjectNetwork: "步行路网", health.SubjectCommunity: "社区",
	health.SubjectCompound: "小区", health.SubjectStation: "站点", health.SubjectOutlet: "网点",
	health.SubjectCell: "H3 单元", health.SubjectSet: "设施类别", health.SubjectStations: "全部站点",
	health.SubjectDerived: "推导数据", health.SubjectEngine: "计算模型",
}

var findingUnits = map[string]string{
	health.UnitKm: "km", health.UnitM: "m", health.UnitShare: "（比例）", health.UnitNodes: "个节点",
	health.UnitResidents: "人", health.UnitResidentsKm2: "人/km²", health.UnitKm2: "km²",
	health.UnitCommunities: "个社区", health.UnitCompounds: "个小区", health.UnitStations: "个站点",
	health.UnitRows: "行", health.UnitChecks: "项检查",
}

func (d dict) findingKind(k string) string {
	if zh, ok := findingKinds[k]; ok && d.lang == LangZH {
		return zh
	}
	return k
}

func (d dict) findingUnit(u string) string {
	if zh, ok := findingUnits[u]; ok && d.lang == LangZH {
		return zh
	}
	return u
}

// findingCode is the check's stable code, shown in the English report; the Chinese one
// leaves it to the CSV and the API, where it is a column of its own.
func (d dict) findingCode(c health.Code) string {
	if d.lang == LangZH {
		return ""
	}
	return string(c)
}

// setName names a facility set given as the check writes it ("level:KEY", "category:KEY").
func (d dict) setName(cats *geo.Categories, id string) string {
	kind, key, ok := strings.Cut(id, ":")
	if !ok {
		return id
	}
	return d.target(cats, engine.Target{Kind: kind, Key: key})
}

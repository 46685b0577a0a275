package report

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// The standards check writes its notes and units in English (geo/assess). A Chinese
// report translates them here: the reasons and ratio units from the rules file's
// reason_zh and unit_zh, and the check's own sentences by the table and patterns below.
// A part this file does not know stays English (a new sentence in geo/assess needs an
// entry; TestChineseCSVHasNoEnglish finds it).

// zhNotePart is one of the check's fixed sentences in Chinese.
func zhNotePart(en string) (string, bool) {
	switch en {
	case "not required: reported only":
		return "非必配项：仅列出", true
	case "check: verify this rule against the standard":
		return "待核实：请对照标准核实此项", true
	case "check: verify this bound against your local guideline":
		return "待核实：请对照本地导则核实此限值", true
	case "the community has no residents: share of its area":
		return "社区无常住人口：按面积比例计", true
	case "the community has no cells (no boundary imported)":
		return "社区没有 H3 单元（未导入社区边界）", true
	case "judged only when every community is checked":
		return "仅在核查全部社区时评定", true
	case "the community's households or community workers are not known":
		return "社区户数或社区工作者人数未知", true
	case "the community's service floor area or households are not known":
		return "社区综合服务设施面积或户数未知", true
	case "no community or compound station of the community gives a floor area":
		return "社区内的社区站、小区站均未给出建筑面积", true
	}
	return "", false
}

var (
	reNoOutlets = regexp.MustCompile(`^no outlets of (.+) were loaded and the categories are not configured$`)
	reNoData    = regexp.MustCompile(`^no data for (.+)$`)
	reMinShare  = regexp.MustCompile(`^the rules file sets no min_share: (\d+) % of residents used$`)
	reBounds    = regexp.MustCompile(`^bounds: (.+)$`)
	reBound     = regexp.MustCompile(`^(fails|warns) (below|above) (\S+)$`)
	reNoRatio   = regexp.MustCompile(`^lifecircle computes no value for the ratio "[^"]*"$`)
	reShareUnit = regexp.MustCompile(`^share of (residents|area) within (\S+) min$`)
)

// note is a rule result's note in d's language; cats names categories, rules gives the
// reasons of the entries not assessed.
func (d dict) note(r assess.RuleResult, rules *standards.Rules, cats *geo.Categories) string {
	if d.lang != LangZH || r.Note == "" {
		return r.Note
	}
	if r.Verdict == assess.VerdictNotAssessed && rules != nil {
		for _, n := range rules.NotAssessed {
			if n.Circle == r.Circle && n.NameZH == r.NameZH && n.Reason == r.Note && n.ReasonZH != "" {
				return n.ReasonZH
			}
		}
	}
	parts := strings.Split(r.Note, "; ")
	for i, p := range parts {
		parts[i] = d.notePart(p, cats)
	}
	return strings.Join(parts, "；")
}

// notePart translates one sentence of a note.
func (d dict) notePart(p string, cats *geo.Categories) string {
	if zh, ok := zhNotePart(p); ok {
		return zh
	}
	if m := reNoOutlets.FindStringSubmatch(p); m != nil {
		return "未导入" + d.categoryList(m[1], cats) + "网点，也未配置这些类别"
	}
	if m := reNoData.FindStringSubmatch(p); m != nil {
		return "缺少数据：" + d.categoryList(m[1], cats)
	}
	if m := reMinShare.FindStringSubmatch(p); m != nil {
		return "规则文件未设达标居民比例：按 " + m[1] + "% 居民计"
	}
	if reNoRatio.MatchString(p) {
		return "lifecircle 不计算此指标的数值"
	}
	if m := reBounds.FindStringSubmatch(p); m != nil {
		return "限值：" + zhBounds(m[1])
	}
	return p
}

// zhBounds translates "fails below 600, warns below 800".
func zhBounds(s string) string {
	parts := strings.Split(s, ", ")
	for i, b := range parts {
		m := reBound.FindStringSubmatch(b)
		if m == nil {
			continue
		}
		side, verdict := "低于", "不达标"
		if m[2] == "above" {
			side = "高于"
		}
		if m[1] == "warns" {
			verdict = "提示"
		}
		parts[i] = fmt.Sprintf("%s %s %s", side, m[3], verdict)
	}
	return strings.Join(parts, "，")
}

// categoryList names "a, b" category keys in d's language.
func (d dict) categoryList(keys string, cats *geo.Categories) string {
	ks := strings.Split(keys, ", ")
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k
		if cats == nil {
			continue
		}
		if c, ok := cats.Get(k); ok && c.NameZH != "" {
			names[i] = c.NameZH
		}
	}
	return strings.Join(names, d.T["listSep"])
}

// unit is a rule result's unit in d's language: a ratio's unit_zh, or the check's own
// "share of residents within 15 min" in Chinese.
func (d dict) unit(r assess.RuleResult, rules *standards.Rules) string {
	if d.lang != LangZH || r.Unit == "" {
		return r.Unit
	}
	if m := reShareUnit.FindStringSubmatch(r.Unit); m != nil {
		what := "居民"
		if m[1] == "area" {
			what = "面积"
		}
		return m[2] + " 分钟内" + what + "比例"
	}
	if rules != nil {
		for _, q := range rules.Ratios {
			if q.Key == r.Rule && q.Unit == r.Unit && q.UnitZH != "" {
				return q.UnitZH
			}
		}
	}
	return r.Unit
}

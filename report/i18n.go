package report

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// The report languages.
const (
	LangZH = "zh" // Chinese, the default
	LangEN = "en"
)

// CheckLang returns the report language for s: "zh" for "" or "zh", "en" for "en", and an
// EINVALID error for anything else.
func CheckLang(s string) (string, error) {
	switch s {
	case "", LangZH, "zh-CN", "cn":
		return LangZH, nil
	case LangEN, "en-US", "en-GB":
		return LangEN, nil
	}
	return "", geo.Errorf(geo.EINVALID, "report language %q: use zh (中文) or en (English)", s)
}

// dict is the text of one language: T maps message keys to text; circles names the
// life circles of the standards checked (key → name in the language).
type dict struct {
	lang    string
	T       map[string]string
	circles map[string]string
}

// withRules returns d naming the circles of r in d's language (nil r: circles by key).
func (d dict) withRules(r *standards.Rules) dict {
	d.circles = map[string]string{}
	if r == nil {
		return d
	}
	for _, c := range r.Circles {
		if d.lang == LangEN && c.NameEN != "" {
			d.circles[c.Key] = c.NameEN
		} else {
			d.circles[c.Key] = c.NameZH
		}
	}
	return d
}

// circle names a life circle by its key: its name in the standards file, else the key.
func (d dict) circle(key string) string {
	if n, ok := d.circles[key]; ok && n != "" {
		return n
	}
	return key
}

// rulesTitle names the standards checked and their source in d's language; fallback is
// the compliance report's own title (English), used when the rules are not at hand or
// have no Chinese text.
func (d dict) rulesTitle(r *standards.Rules, fallback string) string {
	if r == nil || d.lang == LangEN || r.NameZH == "" {
		return fallback
	}
	if r.SourceZH == "" {
		return r.NameZH
	}
	return r.NameZH + " — " + r.SourceZH
}

// osmAttributionEN is the licence line callers give for OpenStreetMap data; a Chinese
// report shows it in Chinese.
const osmAttributionEN = "Map data © OpenStreetMap contributors (ODbL)"

// attribution is the licence line a in d's language: the OpenStreetMap line translated,
// any other line as it is.
func (d dict) attribution(a string) string {
	if d.lang == LangZH && a == osmAttributionEN {
		return "地图数据 © OpenStreetMap 贡献者（ODbL）"
	}
	return a
}

// newDict returns the text of lang ("zh" unless it is "en").
func newDict(lang string) dict {
	col := 0
	if lang == LangEN {
		col = 1
	}
	d := dict{lang: LangZH, T: map[string]string{}}
	if col == 1 {
		d.lang = LangEN
	}
	for k, v := range messages() {
		d.T[k] = v[col]
	}
	return d
}

// level names a station level: the Chinese name geo gives, or its English one.
func (d dict) level(l geo.Level) string {
	if d.lang == LangZH {
		return l.NameZH()
	}
	switch l {
	case geo.LevelDistrict:
		return "District centre"
	case geo.LevelStreet:
		return "Street (township) centre"
	case geo.LevelCommunity:
		return "Community (village) station"
	case geo.LevelCompound:
		return "Compound station"
	case geo.LevelBuilding:
		return "Building (business district) station"
	}
	return string(l)
}

// target names a facility set: a station level, every station, or an outlet category
// (its name from cats when known, else its key).
func (d dict) target(cats *geo.Categories, t engine.Target) string {
	if t.Kind == engine.KindLevel {
		if t.Key == engine.AnyLevel {
			return d.T["anyStation"]
		}
		return d.level(geo.Level(t.Key))
	}
	if cats != nil {
		if c, ok := cats.Get(t.Key); ok {
			if d.lang == LangZH && c.NameZH != "" {
				return c.NameZH
			}
			if d.lang == LangEN && c.NameEN != "" {
				return c.NameEN
			}
		}
	}
	return t.Key
}

// verdict translates an engine verdict.
func (d dict) verdict(v string) string {
	if s, ok := d.T["verdict_"+v]; ok {
		return s
	}
	return v
}

// yesNo is 是/否 or yes/no.
func (d dict) yesNo(b bool) string {
	if b {
		return d.T["yes"]
	}
	return d.T["no"]
}

// gapKind names a gap's kind.
func (d dict) gapKind(kind string) string {
	switch kind {
	case assess.GapCompound:
		return d.T["compound"]
	case assess.GapGrid:
		return d.T["gridName"]
	}
	return d.T["community"]
}

// source is " — " and a ratio's source in an English report, "" in a Chinese one: the
// rules file gives ratios' sources in English only (no source_zh).
func (d dict) source(s string) string {
	if d.lang == LangZH || s == "" {
		return ""
	}
	return " — " + s
}

// ruleName is a compliance rule's name in the language, falling back to the other one.
func (d dict) ruleName(zh, en, key string) string {
	first, second := zh, en
	if d.lang == LangEN {
		first, second = en, zh
	}
	switch {
	case first != "":
		return first
	case second != "":
		return second
	}
	return key
}

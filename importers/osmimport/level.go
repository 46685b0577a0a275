package osmimport

import (
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// Level reads a party-mass service station's level from its name by the rules' Units (the
// bundled ones: 区/区级 → district (市 too: there is no higher level), 街道/镇/乡 →
// street, 社区/村 → community, 小区/苑/园/院 → compound, 楼宇/商圈/大厦/广场/园区 →
// building; where one word contains another at the same place, 社区 and 区, the longer
// one is meant). The unit that appears last before the first of ServiceMarkers (党群,
// 便民, 服务 …) wins, so "XX街道YY社区党群服务站" is a community station and "锦江区党群服务中心" a district one; when nothing precedes them the
// rest of the name is read ("党群服务站（府河桥社区）"). A unit word directly following
// another is generic rather than a named unit ("玉林街道社区服务中心" is a street centre).
// It returns false when the name has no clue. Names carry no coordinates or units.
func (r *StationRules) Level(name string) (geo.Level, bool) {
	cut := len(name)
	for _, m := range r.ServiceMarkers {
		if i := strings.Index(name, m); i >= 0 && i < cut {
			cut = i
		}
	}
	if l, ok := r.lastUnit(name[:cut]); ok {
		return l, true
	}
	return r.lastUnit(name[cut:])
}

// occurrence is one unit word found in a name, at bytes [start, end).
type occurrence struct {
	start, end int
	level      geo.Level
}

// lastUnit returns the level of the last named unit in s: every unit word is found; words
// lying inside a longer one are dropped; a word that starts where the previous kept one
// ends is generic (社区 in 街道社区) unless it is an explicit 区级/县级; neutral words
// are then passed over.
func (r *StationRules) lastUnit(s string) (geo.Level, bool) {
	var occ []occurrence
	for _, u := range r.Units {
		for from := 0; ; {
			i := strings.Index(s[from:], u.Word)
			if i < 0 {
				break
			}
			start := from + i
			occ = append(occ, occurrence{start, start + len(u.Word), u.Level})
			from = start + len(u.Word)
		}
	}
	kept := outermost(occ)
	best, prevEnd := geo.Level(""), -1
	for _, o := range kept {
		generic := o.start == prevEnd && !strings.HasSuffix(s[o.start:o.end], "级")
		prevEnd = o.end
		if o.level != "" && !generic {
			best = o.level
		}
	}
	return best, best != ""
}

// outermost drops the occurrences lying inside a longer one and sorts the rest by start.
func outermost(occ []occurrence) []occurrence {
	var kept []occurrence
	for i, o := range occ {
		inside := false
		for j, p := range occ {
			if i != j && p.start <= o.start && o.end <= p.end && p.end-p.start > o.end-o.start {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, o)
		}
	}
	for i := 1; i < len(kept); i++ { // insertion sort: a name holds a handful of units
		for j := i; j > 0 && kept[j].start < kept[j-1].start; j-- {
			kept[j], kept[j-1] = kept[j-1], kept[j]
		}
	}
	return kept
}

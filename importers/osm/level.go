package osmimport

import (
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// unitWord is a word in a station's name that names an administrative or physical unit.
// A unit word with an empty level is neutral: it names no station level but hides the
// shorter words inside it (医院 hides 院, 超市 hides 市).
type unitWord struct {
	word  string
	level geo.Level
}

// unitWords lists the unit words. Where one word contains another at the same place
// (社区 and 区, 园区 and 园), the longer one is meant; see lastUnit.
var unitWords = []unitWord{
	{"区级", geo.LevelDistrict}, {"区委", geo.LevelDistrict}, {"区", geo.LevelDistrict},
	{"县级", geo.LevelDistrict}, {"县", geo.LevelDistrict}, {"市", geo.LevelDistrict},
	{"街道", geo.LevelStreet}, {"街办", geo.LevelStreet}, {"乡镇", geo.LevelStreet},
	{"镇", geo.LevelStreet}, {"乡", geo.LevelStreet},
	{"社区", geo.LevelCommunity}, {"村", geo.LevelCommunity}, {"居委会", geo.LevelCommunity},
	{"小区", geo.LevelCompound}, {"院落", geo.LevelCompound}, {"苑", geo.LevelCompound},
	{"园", geo.LevelCompound}, {"院", geo.LevelCompound}, {"公寓", geo.LevelCompound},
	{"楼宇", geo.LevelBuilding}, {"商圈", geo.LevelBuilding}, {"大厦", geo.LevelBuilding},
	{"广场", geo.LevelBuilding}, {"园区", geo.LevelBuilding}, {"产业园", geo.LevelBuilding},
	{"科技园", geo.LevelBuilding}, {"写字楼", geo.LevelBuilding}, {"商务楼", geo.LevelBuilding},
	{"商业街", geo.LevelBuilding},
	{"办公区", ""}, {"景区", ""}, {"校区", ""}, {"片区", ""}, {"街区", ""}, {"城区", ""},
	{"超市", ""}, {"市场", ""}, {"菜市", ""}, {"城市", ""}, {"医院", ""}, {"学院", ""},
	{"法院", ""}, {"研究院", ""}, {"设计院", ""}, {"公园", ""}, {"乡村", geo.LevelCommunity},
}

// serviceMarkers are the words after which a station's name says what it is rather than
// where it is ("XX街道YY社区|党群服务站").
var serviceMarkers = []string{"党群", "便民", "服务", "邻里", "政务", "活动中心"}

// StationLevel reads a party-mass service station's level from its name: 区/区级 →
// district (市 too: there is no higher level), 街道/镇/乡 → street, 社区/村 → community,
// 小区/苑/园/院 → compound, 楼宇/商圈/大厦/广场/园区 → building. The unit that appears
// last before the service words (党群, 便民, 服务 …) wins, so "XX街道YY社区党群服务站" is a
// community station and "锦江区党群服务中心" a district one; when nothing precedes them the
// rest of the name is read ("党群服务站（府河桥社区）"). A unit word directly following
// another is generic rather than a named unit ("玉林街道社区服务中心" is a street centre).
// It returns false when the name has no clue. Names carry no coordinates or units.
func StationLevel(name string) (geo.Level, bool) {
	cut := len(name)
	for _, m := range serviceMarkers {
		if i := strings.Index(name, m); i >= 0 && i < cut {
			cut = i
		}
	}
	if l, ok := lastUnit(name[:cut]); ok {
		return l, true
	}
	return lastUnit(name[cut:])
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
func lastUnit(s string) (geo.Level, bool) {
	var occ []occurrence
	for _, u := range unitWords {
		for from := 0; ; {
			i := strings.Index(s[from:], u.word)
			if i < 0 {
				break
			}
			start := from + i
			occ = append(occ, occurrence{start, start + len(u.word), u.level})
			from = start + len(u.word)
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

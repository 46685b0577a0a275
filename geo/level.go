package geo

import "strings"

// Level is a party-mass service station's place in the "1+11+N+X" network.
type Level string

// The five station levels. District is the "1", street the "11", community and compound
// together the "N", building the "X".
const (
	LevelDistrict  Level = "district"
	LevelStreet    Level = "street"
	LevelCommunity Level = "community"
	LevelCompound  Level = "compound"
	LevelBuilding  Level = "building"
)

// Levels returns the five levels from the top of the network down.
func Levels() []Level {
	return []Level{LevelDistrict, LevelStreet, LevelCommunity, LevelCompound, LevelBuilding}
}

// Tier returns the level's part of "1+11+N+X": "1", "11", "N" or "X".
func (l Level) Tier() string {
	switch l {
	case LevelDistrict:
		return "1"
	case LevelStreet:
		return "11"
	case LevelCommunity, LevelCompound:
		return "N"
	case LevelBuilding:
		return "X"
	}
	return ""
}

// NameZH returns the level's Chinese name.
func (l Level) NameZH() string {
	switch l {
	case LevelDistrict:
		return "区级党群服务中心"
	case LevelStreet:
		return "街道（乡镇）党群服务中心"
	case LevelCommunity:
		return "社区（村）党群服务站"
	case LevelCompound:
		return "小区党群服务站"
	case LevelBuilding:
		return "楼宇（商圈）党群服务站"
	}
	return ""
}

// Valid reports whether l is one of the five levels.
func (l Level) Valid() bool { return l.Tier() != "" }

// levelWords maps the words planners write for a level, English or Chinese, to the level.
// Longer words are tried first by ParseLevel, so "街道" wins over a bare "区" suffix.
var levelWords = []struct {
	word  string
	level Level
}{
	{"district", LevelDistrict}, {"street", LevelStreet}, {"township", LevelStreet},
	{"town", LevelStreet}, {"community", LevelCommunity}, {"village", LevelCommunity},
	{"compound", LevelCompound}, {"residential", LevelCompound}, {"building", LevelBuilding},
	{"business", LevelBuilding},
	{"1", LevelDistrict}, {"11", LevelStreet}, {"n", LevelCommunity}, {"x", LevelBuilding},
	{"区级", LevelDistrict}, {"县级", LevelDistrict}, {"区", LevelDistrict}, {"县", LevelDistrict},
	{"街道", LevelStreet}, {"乡镇", LevelStreet}, {"镇", LevelStreet}, {"乡", LevelStreet},
	{"街道级", LevelStreet}, {"乡镇级", LevelStreet},
	{"社区", LevelCommunity}, {"村", LevelCommunity}, {"社区级", LevelCommunity}, {"村级", LevelCommunity},
	{"小区", LevelCompound}, {"院落", LevelCompound}, {"网格", LevelCompound},
	{"楼宇", LevelBuilding}, {"商圈", LevelBuilding}, {"园区", LevelBuilding}, {"商务楼宇", LevelBuilding},
}

// ParseLevel reads a level written as the English word ("street"), the network tier
// ("1", "11", "N", "X" — N reads as community) or the Chinese (区级, 街道, 乡镇, 社区, 村,
// 小区, 楼宇, 商圈 …, with or without a trailing 级). It returns an EINVALID error
// naming the accepted words for anything else.
func ParseLevel(s string) (Level, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	w = strings.TrimSuffix(w, "级")
	if w == "" {
		return "", Errorf(EINVALID, "station level is empty")
	}
	for _, lw := range levelWords {
		if w == lw.word || w == lw.word+"级" {
			return lw.level, nil
		}
	}
	return "", Errorf(EINVALID, "unknown station level %q (use district, street, community, compound, building or 区级/街道/乡镇/社区/村/小区/楼宇/商圈)", s)
}

package osmimport

import (
	"encoding/json"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// StationRules say which OpenStreetMap features are party-mass service station candidates
// and at which level: the bundled file is data/stations.json (data.Stations). Only a name
// decides: tags alone never make a station, so government offices (office=government,
// amenity=townhall, 政务服务中心, 区政府, 人民政府办公区) are never candidates.
type StationRules struct {
	// NamePatterns make a feature a candidate when its name contains one of them.
	NamePatterns []string `json:"name_patterns"`
	// Exclusions rule a name out whatever pattern it holds (政府, 政务服务, 卫生 …).
	Exclusions []string `json:"exclusions"`
	// LevelHints give the level of a name without a unit word: the first entry the name
	// contains wins.
	LevelHints []LevelHint `json:"level_hints"`
	// DefaultLevel is the level of a name with neither a unit word nor a hint.
	DefaultLevel geo.Level `json:"default_level"`
	// ServiceMarkers are the words after which a name says what the station is rather
	// than where it is ("XX街道YY社区|党群服务站"); see Level.
	ServiceMarkers []string `json:"service_markers"`
	// Units are the words naming an administrative or physical unit, with the level they
	// imply; a unit with an empty level is neutral (see Level).
	Units []UnitWord `json:"units"`
}

// LevelHint maps a word of a station's name to a level.
type LevelHint struct {
	Contains string    `json:"contains"`
	Level    geo.Level `json:"level"`
}

// UnitWord is a word in a station's name that names a unit. A unit word with an empty
// level is neutral: it names no station level but hides the shorter words inside it (医院
// hides 院, 超市 hides 市).
type UnitWord struct {
	Word  string    `json:"word"`
	Level geo.Level `json:"level"`
}

// ParseStationRules reads a station rules file (data/stations.json). It returns an
// EINVALID error naming the field when the file is not JSON, has no name pattern, or
// names an unknown level.
func ParseStationRules(b []byte) (*StationRules, error) {
	var r StationRules
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "station rules file")
	}
	if len(r.NamePatterns) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "station rules file: name_patterns is empty")
	}
	for i, p := range r.NamePatterns {
		if p == "" {
			return nil, geo.Errorf(geo.EINVALID, "station rules file: name_patterns entry %d is empty", i+1)
		}
	}
	if !r.DefaultLevel.Valid() {
		return nil, geo.Errorf(geo.EINVALID, "station rules file: default_level %q is not a level", r.DefaultLevel)
	}
	for i, h := range r.LevelHints {
		if h.Contains == "" || !h.Level.Valid() {
			return nil, geo.Errorf(geo.EINVALID, "station rules file: level_hints entry %d (%q → %q) needs a word and a level", i+1, h.Contains, h.Level)
		}
	}
	for i, u := range r.Units {
		if u.Word == "" || (u.Level != "" && !u.Level.Valid()) {
			return nil, geo.Errorf(geo.EINVALID, "station rules file: units entry %d (%q → %q) needs a word and a level or \"\"", i+1, u.Word, u.Level)
		}
	}
	return &r, nil
}

// Candidate decides whether a feature with this name is a station candidate and its level:
// the name holds one of NamePatterns and none of Exclusions; the level is Level's, else
// the first LevelHints entry the name contains, else DefaultLevel. A nil r finds none.
func (r *StationRules) Candidate(name string) (geo.Level, bool) {
	if r == nil || name == "" || !containsAny(name, r.NamePatterns) || containsAny(name, r.Exclusions) {
		return "", false
	}
	if l, ok := r.Level(name); ok {
		return l, true
	}
	for _, h := range r.LevelHints {
		if strings.Contains(name, h.Contains) {
			return h.Level, true
		}
	}
	return r.DefaultLevel, true
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if w != "" && strings.Contains(s, w) {
			return true
		}
	}
	return false
}

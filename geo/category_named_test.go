package geo_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

// namedCategories is a small hand-written category file exercising each kind of name rule.
const namedCategories = `[
 {"key": "kindergarten", "name_zh": "幼儿园", "name_en": "kindergarten",
  "osm": [{"amenity": "kindergarten"}],
  "name_contains": ["幼儿园"], "name_scope": [{"amenity": "school|kindergarten"}]},
 {"key": "primary_school", "name_zh": "小学", "name_en": "primary school",
  "osm": [{"amenity": "school", "isced:level": "1"}],
  "name_contains": ["小学"], "name_scope": [{"amenity": "school"}]},
 {"key": "middle_school", "name_zh": "中学", "name_en": "middle school",
  "osm": [{"amenity": "school", "isced:level": "2|3"}],
  "name_contains": ["中学", "初中"], "name_scope": [{"amenity": "school"}]},
 {"key": "clinic", "name_zh": "诊所", "name_en": "clinic",
  "osm": [{"amenity": "clinic"}], "name_contains": ["诊所"]},
 {"key": "elderly_canteen", "name_zh": "老年食堂", "name_en": "elderly canteen",
  "osm": [], "name_contains": ["老年食堂", "长者食堂"], "name_only": true},
 {"key": "canteen", "name_zh": "食堂", "name_en": "canteen", "osm": [{"amenity": "canteen"}]}
]`

func TestMatchNamed(t *testing.T) {
	cats, err := geo.ParseCategories([]byte(namedCategories))
	if err != nil {
		t.Fatalf("ParseCategories: %v", err)
	}
	cases := []struct {
		name    string
		tags    map[string]string
		want    string
		wantHit bool
	}{
		{"school named 小学", map[string]string{"amenity": "school", "name": "成都市成华小学"}, "primary_school", true},
		{"school named 中学", map[string]string{"amenity": "school", "name": "列五中学"}, "middle_school", true},
		{"school named 初中", map[string]string{"amenity": "school", "name": "石室初中青龙校区"}, "middle_school", true},
		{"name:zh is read too", map[string]string{"amenity": "school", "name": "Lieu", "name:zh": "列五中学"}, "middle_school", true},
		{"school tagged as kindergarten by name", map[string]string{"amenity": "school", "name": "锦绣东方幼儿园"}, "kindergarten", true},
		{"name before tags", map[string]string{"amenity": "school", "isced:level": "1", "name": "第八中学"}, "middle_school", true},
		{"first category in file order wins", map[string]string{"amenity": "school", "name": "中学附属小学"}, "primary_school", true},
		{"unnamed school falls back to tags", map[string]string{"amenity": "school", "isced:level": "2"}, "middle_school", true},
		{"unnamed school without level", map[string]string{"amenity": "school"}, "", false},
		{"university is not a school", map[string]string{"amenity": "school", "name": "西南交通大学"}, "", false},
		{"bus stop named after a school", map[string]string{"highway": "bus_stop", "name": "建设路小学"}, "", false},
		{"scope defaults to osm matches", map[string]string{"amenity": "clinic", "name": "敬式牙科诊所"}, "clinic", true},
		{"outside default scope", map[string]string{"amenity": "hospital", "name": "敬式牙科诊所"}, "", false},
		{"name_only ignores tags", map[string]string{"building": "yes", "name": "双林路长者食堂"}, "elderly_canteen", true},
		{"name_only before tag match", map[string]string{"amenity": "canteen", "name": "社区老年食堂"}, "elderly_canteen", true},
		{"plain canteen by tags", map[string]string{"amenity": "canteen", "name": "社区食堂"}, "canteen", true},
		{"no tags", map[string]string{}, "", false},
		{"nil tags", nil, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := cats.MatchNamed(tc.tags)
			if got != tc.want || ok != tc.wantHit {
				t.Errorf("MatchNamed(%v) = %q, %v; want %q, %v", tc.tags, got, ok, tc.want, tc.wantHit)
			}
		})
	}
}

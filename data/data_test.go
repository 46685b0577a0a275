package data_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
)

// wantKeys are the 22 category keys, in file order, that the rest of lifecircle and the
// standards files refer to.
var wantKeys = []string{
	"supermarket", "convenience", "vegetable_market", "bank", "post_office", "parcel_point",
	"pharmacy", "clinic", "hospital", "kindergarten", "primary_school", "middle_school",
	"elderly_care", "elderly_canteen", "canteen", "barber", "laundry", "repair", "park",
	"sports", "library_culture", "police",
}

func categories(tb testing.TB) *geo.Categories {
	tb.Helper()
	c, err := geo.ParseCategories(data.Categories())
	if err != nil {
		tb.Fatalf("ParseCategories(data.Categories()): %v", err)
	}
	return c
}

func TestCategoriesKeys(t *testing.T) {
	if got := categories(t).Keys(); !slices.Equal(got, wantKeys) {
		t.Errorf("category keys\n got %v\nwant %v", got, wantKeys)
	}
}

func TestCategoriesComplete(t *testing.T) {
	for _, cat := range categories(t).All() {
		t.Run(cat.Key, func(t *testing.T) {
			if cat.NameZH == "" || cat.NameEN == "" {
				t.Errorf("name_zh %q, name_en %q: both are needed", cat.NameZH, cat.NameEN)
			}
			if len(cat.Words) == 0 {
				t.Errorf("no words for planners' spreadsheets")
			}
			if len(cat.Match) == 0 && !(cat.NameOnly && len(cat.NameContains) > 0) {
				t.Errorf("no osm match and no name-only rule: nothing can be imported from OSM")
			}
			for i, m := range cat.Match {
				if len(m) == 0 {
					t.Errorf("osm match %d is empty", i+1)
				}
			}
		})
	}
}

// TestCategoriesResolveOwnWords checks that every key, name and word resolves to its
// own category, so no word is claimed by two categories.
func TestCategoriesResolveOwnWords(t *testing.T) {
	c := categories(t)
	for _, cat := range c.All() {
		words := append([]string{cat.Key, cat.NameZH, cat.NameEN}, cat.Words...)
		for _, w := range words {
			got, err := c.Resolve(w)
			if err != nil || got != cat.Key {
				t.Errorf("Resolve(%q) = %q, %v; want %q", w, got, err, cat.Key)
			}
		}
	}
}

// TestCategoriesResolvePlannerWords reads words planners write in spreadsheets.
func TestCategoriesResolvePlannerWords(t *testing.T) {
	c := categories(t)
	cases := []struct{ word, want string }{
		{"超市", "supermarket"}, {"便利店", "convenience"}, {"菜市场", "vegetable_market"},
		{"标准化菜点", "vegetable_market"}, {"农贸市场", "vegetable_market"}, {"银行", "bank"},
		{"邮局", "post_office"}, {"快递", "parcel_point"}, {"驿站", "parcel_point"},
		{"药店", "pharmacy"}, {"诊所", "clinic"}, {"卫生服务站", "clinic"},
		{"社区卫生服务中心", "hospital"}, {"医院", "hospital"}, {"幼儿园", "kindergarten"},
		{"托儿所", "kindergarten"}, {"小学", "primary_school"}, {"中学", "middle_school"},
		{"初中", "middle_school"}, {"养老", "elderly_care"}, {"日间照料", "elderly_care"},
		{"老年食堂", "elderly_canteen"}, {"长者食堂", "elderly_canteen"}, {"食堂", "canteen"},
		{"理发", "barber"}, {"洗衣", "laundry"}, {"维修", "repair"}, {"公园", "park"},
		{"健身", "sports"}, {"图书馆", "library_culture"}, {"派出所", "police"},
		{"Supermarket", "supermarket"}, {"Convenience Store", "convenience"},
		{"nursing home", "elderly_care"}, {"Police Station", "police"}, {"gym", "sports"},
	}
	for _, tc := range cases {
		t.Run(tc.word, func(t *testing.T) {
			got, err := c.Resolve(tc.word)
			if err != nil || got != tc.want {
				t.Errorf("Resolve(%q) = %q, %v; want %q", tc.word, got, err, tc.want)
			}
		})
	}
}

// TestCategoriesMatchOSM classifies hand-written OSM elements as the OSM importer will.
func TestCategoriesMatchOSM(t *testing.T) {
	c := categories(t)
	type tags = map[string]string
	cases := []struct {
		name string
		tags tags
		want string
	}{
		{"supermarket", tags{"shop": "supermarket"}, "supermarket"},
		{"convenience", tags{"shop": "convenience", "name": "红旗连锁"}, "convenience"},
		{"marketplace", tags{"amenity": "marketplace", "name": "解放路农贸市场"}, "vegetable_market"},
		{"greengrocer", tags{"shop": "greengrocer"}, "vegetable_market"},
		{"bank", tags{"amenity": "bank"}, "bank"},
		{"post office", tags{"amenity": "post_office"}, "post_office"},
		{"parcel locker", tags{"amenity": "parcel_locker"}, "parcel_point"},
		{"courier shop by name", tags{"shop": "yes", "name": "菜鸟驿站"}, "parcel_point"},
		{"pharmacy", tags{"amenity": "pharmacy"}, "pharmacy"},
		{"doctors", tags{"amenity": "doctors"}, "clinic"},
		{"dental clinic tagged hospital", tags{"amenity": "hospital", "name": "成华敬式牙科诊所"}, "clinic"},
		{"health centre tagged clinic", tags{"amenity": "clinic", "name": "猛追湾社区卫生服务中心"}, "hospital"},
		{"hospital", tags{"amenity": "hospital", "name": "八里医院"}, "hospital"},
		{"kindergarten", tags{"amenity": "kindergarten"}, "kindergarten"},
		{"kindergarten tagged school", tags{"amenity": "school", "name": "千里马大地幼儿园"}, "kindergarten"},
		{"primary by level", tags{"amenity": "school", "isced:level": "1"}, "primary_school"},
		{"primary by name", tags{"amenity": "school", "name": "成都市成华小学"}, "primary_school"},
		{"middle by level", tags{"amenity": "school", "isced:level": "2"}, "middle_school"},
		{"middle by name", tags{"amenity": "school", "name": "列五中学"}, "middle_school"},
		{"junior middle by name", tags{"amenity": "school", "name": "石室初中青龙校区"}, "middle_school"},
		{"nursing home", tags{"amenity": "nursing_home"}, "elderly_care"},
		{"senior day care", tags{"amenity": "social_facility", "social_facility": "day_care", "social_facility:for": "senior"}, "elderly_care"},
		{"elderly canteen by name", tags{"amenity": "restaurant", "name": "玉林社区长者食堂"}, "elderly_canteen"},
		{"community canteen restaurant", tags{"amenity": "restaurant", "name": "水井坊社区食堂"}, "canteen"},
		{"canteen", tags{"amenity": "canteen"}, "canteen"},
		{"hairdresser", tags{"shop": "hairdresser"}, "barber"},
		{"dry cleaning", tags{"shop": "dry_cleaning"}, "laundry"},
		{"shoemaker", tags{"craft": "shoemaker"}, "repair"},
		{"phone repair", tags{"shop": "mobile_phone", "repair": "yes"}, "repair"},
		{"park", tags{"leisure": "park"}, "park"},
		{"pitch", tags{"leisure": "pitch"}, "sports"},
		{"fitness station", tags{"leisure": "fitness_station"}, "sports"},
		{"library", tags{"amenity": "library"}, "library_culture"},
		{"police", tags{"amenity": "police", "name": "跳蹬河派出所"}, "police"},
		{"community centre is a station tag", tags{"amenity": "community_centre", "name": "猛追湾街道党群服务中心"}, ""},
		{"townhall", tags{"amenity": "townhall"}, ""},
		{"university", tags{"amenity": "school", "name": "西南交通大学"}, ""},
		{"bus stop named after a school", tags{"highway": "bus_stop", "name": "建设路小学"}, ""},
		{"plain phone shop", tags{"shop": "mobile_phone"}, ""},
		{"restaurant", tags{"amenity": "restaurant", "name": "陈麻婆豆腐"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := c.MatchNamed(tc.tags)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("MatchNamed(%v) = %q, %v; want %q", tc.tags, got, ok, tc.want)
			}
		})
	}
}

func TestStandardsIsJSONObject(t *testing.T) {
	var v map[string]any
	if err := json.Unmarshal(data.Standards(), &v); err != nil {
		t.Fatalf("data.Standards() is not a JSON object: %v", err)
	}
	if _, ok := v["circles"]; !ok {
		t.Errorf("data.Standards() has no circles")
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	for name, get := range map[string]func() []byte{"Categories": data.Categories, "Standards": data.Standards} {
		t.Run(name, func(t *testing.T) {
			first := get()
			if len(first) == 0 {
				t.Fatalf("%s() is empty", name)
			}
			want := bytes.Clone(first)
			for i := range first {
				first[i] = 'x'
			}
			if !bytes.Equal(get(), want) {
				t.Errorf("changing the bytes %s() returned changed the next call's", name)
			}
		})
	}
}

// TestStationsFile checks the bundled station rules parse as JSON with the members the
// OSM reader needs (the reader's own tests check what they decide).
func TestStationsFile(t *testing.T) {
	var rules struct {
		NamePatterns []string `json:"name_patterns"`
		Exclusions   []string `json:"exclusions"`
		DefaultLevel string   `json:"default_level"`
	}
	if err := json.Unmarshal(data.Stations(), &rules); err != nil {
		t.Fatalf("stations.json: %v", err)
	}
	if !slices.Contains(rules.NamePatterns, "党群服务") || !slices.Contains(rules.Exclusions, "政府") || !geo.Level(rules.DefaultLevel).Valid() {
		t.Errorf("stations.json: %+v; want 党群服务 among the patterns, 政府 among the exclusions and a level as default", rules)
	}
}

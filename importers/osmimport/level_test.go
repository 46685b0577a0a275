package osmimport_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// TestStationNames holds the bundled rules to their promise: Level reads the level a name
// states; Candidate makes a candidate only of a name that says so, and of government
// offices never.
func TestStationNames(t *testing.T) {
	rules := stationRules(t)
	funcs := map[string]func(string) (geo.Level, bool){"Level": rules.Level, "Candidate": rules.Candidate}
	cases := []struct {
		fn, name, in string
		want         geo.Level // "": the name states no level
	}{
		{"Level", "district centre", "锦江区党群服务中心", geo.LevelDistrict},
		{"Level", "district by 区级", "区级党群服务中心", geo.LevelDistrict},
		{"Level", "county", "双流县党群服务中心", geo.LevelDistrict},
		{"Level", "street", "青龙街道党群服务中心", geo.LevelStreet},
		{"Level", "district then street", "成华区青龙街道党群服务中心", geo.LevelStreet},
		{"Level", "town", "龙泉镇党群服务中心", geo.LevelStreet},
		{"Level", "township", "红光乡便民服务中心", geo.LevelStreet},
		{"Level", "street then community", "青龙街道府河桥社区党群服务站", geo.LevelCommunity},
		{"Level", "community", "府河桥社区党群服务站", geo.LevelCommunity},
		{"Level", "village", "石羊村党群服务站", geo.LevelCommunity},
		{"Level", "generic 社区 after street", "玉林街道社区服务中心", geo.LevelStreet},
		{"Level", "community service centre", "玉林社区服务中心", geo.LevelCommunity},
		{"Level", "community then compound", "府河桥社区锦绣小区党群服务站", geo.LevelCompound},
		{"Level", "compound 苑", "锦绣苑党群服务站", geo.LevelCompound},
		{"Level", "compound 花园", "锦绣花园党群服务站", geo.LevelCompound},
		{"Level", "compound 院落", "水井坊院落党群服务站", geo.LevelCompound},
		{"Level", "garden then generic 小区", "锦绣花园小区党群服务站", geo.LevelCompound},
		{"Level", "building", "环球中心楼宇党群服务站", geo.LevelBuilding},
		{"Level", "business district", "春熙路商圈党群服务中心", geo.LevelBuilding},
		{"Level", "tower", "天府国际大厦党群服务站", geo.LevelBuilding},
		{"Level", "square", "天府广场党群服务站", geo.LevelBuilding},
		{"Level", "park 园区 not 园", "高新区软件园区党群服务中心", geo.LevelBuilding},
		{"Level", "street then building", "青龙街道万达广场党群服务站", geo.LevelBuilding},
		{"Level", "unit after marker", "党群服务站（府河桥社区）", geo.LevelCommunity},
		{"Level", "unit before wins over after", "青龙街道党群服务中心（府河桥社区旁）", geo.LevelStreet},
		{"Level", "neighbourhood centre", "府河桥社区邻里中心", geo.LevelCommunity},
		{"Level", "district government", "成华区政府", geo.LevelDistrict},
		{"Level", "city", "成都市政务服务中心", geo.LevelDistrict},
		{"Level", "street office", "青龙街道办事处", geo.LevelStreet},
		{"Candidate", "street centre", "青龙街道党群服务中心", geo.LevelStreet},
		{"Candidate", "community station", "府河桥社区党群服务站", geo.LevelCommunity},
		{"Candidate", "activity room", "锦绣小区党群活动室", geo.LevelCompound},
		{"Candidate", "party members' service centre, hint", "党员服务中心", geo.LevelStreet},
		{"Candidate", "civilisation practice centre, hint", "新时代文明实践中心", geo.LevelDistrict},
		{"Candidate", "civilisation practice station in a village", "石羊村新时代文明实践站", geo.LevelCommunity},
		{"Candidate", "bare station name, hint", "党群服务站", geo.LevelCommunity},
		// names that state no level
		{"Level", "no clue", "党群服务中心", ""},
		{"Level", "empty", "", ""},
		{"Level", "english", "Housing Registration", ""},
		{"Level", "hospital is not a compound", "华西医院党群服务站", ""},
		{"Level", "supermarket is not a city", "红旗超市便民服务点", ""},
		{"Level", "office area is not a district", "人民政府办公区", ""},
		{"Candidate", "government service centre", "成都市政务服务中心", ""},
		{"Candidate", "district government", "青羊区政府", ""},
		{"Candidate", "government office area", "成都市人民政府办公区", ""},
		{"Candidate", "english office", "Housing Registration", ""},
		{"Candidate", "management office", "东风渠成华区管理处", ""},
		{"Candidate", "street office", "青龙街道办事处", ""},
		{"Candidate", "community service centre without 党群", "玉林社区服务中心", ""},
		{"Candidate", "neighbourhood centre", "府河桥社区邻里中心", ""},
		{"Candidate", "clinic", "府河桥社区卫生服务中心", ""},
		{"Candidate", "car service", "名爵汽车服务中心", ""},
		{"Candidate", "combined with a government office", "青龙街道党群服务中心（政务服务中心）", ""},
		{"Candidate", "empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.fn+"/"+c.name, func(t *testing.T) {
			got, ok := funcs[c.fn](c.in)
			if got != c.want || ok != (c.want != "") {
				t.Errorf("%s(%q) = %q, %v; want %q, %v", c.fn, c.in, got, ok, c.want, c.want != "")
			}
		})
	}
}

func TestParseStationRulesErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"not json", "{", "station rules file"},
		{"no pattern", `{"default_level":"community"}`, "name_patterns is empty"},
		{"bad default", `{"name_patterns":["党群"],"default_level":"city"}`, "default_level"},
		{"bad hint", `{"name_patterns":["党群"],"default_level":"community","level_hints":[{"contains":"站","level":"x"}]}`, "level_hints entry 1"},
		{"bad unit", `{"name_patterns":["党群"],"default_level":"community","units":[{"word":"","level":""}]}`, "units entry 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := osmimport.ParseStationRules([]byte(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) || geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Errorf("ParseStationRules(%s) = %v, want EINVALID mentioning %q", c.in, err, c.want)
			}
		})
	}
}

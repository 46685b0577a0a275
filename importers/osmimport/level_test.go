package osmimport_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

func TestStationLevel(t *testing.T) {
	rules := stationRules(t)
	cases := []struct {
		name string
		in   string
		want geo.Level
		ok   bool
	}{
		{"district centre", "锦江区党群服务中心", geo.LevelDistrict, true},
		{"district by 区级", "区级党群服务中心", geo.LevelDistrict, true},
		{"county", "双流县党群服务中心", geo.LevelDistrict, true},
		{"street", "青龙街道党群服务中心", geo.LevelStreet, true},
		{"district then street", "成华区青龙街道党群服务中心", geo.LevelStreet, true},
		{"town", "龙泉镇党群服务中心", geo.LevelStreet, true},
		{"township", "红光乡便民服务中心", geo.LevelStreet, true},
		{"street then community", "青龙街道府河桥社区党群服务站", geo.LevelCommunity, true},
		{"community", "府河桥社区党群服务站", geo.LevelCommunity, true},
		{"village", "石羊村党群服务站", geo.LevelCommunity, true},
		{"generic 社区 after street", "玉林街道社区服务中心", geo.LevelStreet, true},
		{"community service centre", "玉林社区服务中心", geo.LevelCommunity, true},
		{"community then compound", "府河桥社区锦绣小区党群服务站", geo.LevelCompound, true},
		{"compound 苑", "锦绣苑党群服务站", geo.LevelCompound, true},
		{"compound 花园", "锦绣花园党群服务站", geo.LevelCompound, true},
		{"compound 院落", "水井坊院落党群服务站", geo.LevelCompound, true},
		{"garden then generic 小区", "锦绣花园小区党群服务站", geo.LevelCompound, true},
		{"building", "环球中心楼宇党群服务站", geo.LevelBuilding, true},
		{"business district", "春熙路商圈党群服务中心", geo.LevelBuilding, true},
		{"tower", "天府国际大厦党群服务站", geo.LevelBuilding, true},
		{"square", "天府广场党群服务站", geo.LevelBuilding, true},
		{"park 园区 not 园", "高新区软件园区党群服务中心", geo.LevelBuilding, true},
		{"street then building", "青龙街道万达广场党群服务站", geo.LevelBuilding, true},
		{"unit after marker", "党群服务站（府河桥社区）", geo.LevelCommunity, true},
		{"unit before wins over after", "青龙街道党群服务中心（府河桥社区旁）", geo.LevelStreet, true},
		{"neighbourhood centre", "府河桥社区邻里中心", geo.LevelCommunity, true},
		{"district government", "成华区政府", geo.LevelDistrict, true},
		{"city", "成都市政务服务中心", geo.LevelDistrict, true},
		{"street office", "青龙街道办事处", geo.LevelStreet, true},
		{"no clue", "党群服务中心", "", false},
		{"empty", "", "", false},
		{"english", "Housing Registration", "", false},
		{"hospital is not a compound", "华西医院党群服务站", "", false},
		{"supermarket is not a city", "红旗超市便民服务点", "", false},
		{"office area is not a district", "人民政府办公区", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := rules.Level(c.in)
			if got != c.want || ok != c.ok {
				t.Errorf("Level(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
			}
		})
	}
}

// TestStationCandidate holds the bundled rules to their promise: only a name that says so
// makes a candidate; government offices never do.
func TestStationCandidate(t *testing.T) {
	rules := stationRules(t)
	cases := []struct {
		name string
		in   string
		want geo.Level
		ok   bool
	}{
		{"street centre", "青龙街道党群服务中心", geo.LevelStreet, true},
		{"community station", "府河桥社区党群服务站", geo.LevelCommunity, true},
		{"activity room", "锦绣小区党群活动室", geo.LevelCompound, true},
		{"party members' service centre, hint", "党员服务中心", geo.LevelStreet, true},
		{"civilisation practice centre, hint", "新时代文明实践中心", geo.LevelDistrict, true},
		{"civilisation practice station in a village", "石羊村新时代文明实践站", geo.LevelCommunity, true},
		{"bare station name, hint", "党群服务站", geo.LevelCommunity, true},
		{"government service centre", "成都市政务服务中心", "", false},
		{"district government", "青羊区政府", "", false},
		{"government office area", "成都市人民政府办公区", "", false},
		{"english office", "Housing Registration", "", false},
		{"management office", "东风渠成华区管理处", "", false},
		{"street office", "青龙街道办事处", "", false},
		{"community service centre without 党群", "玉林社区服务中心", "", false},
		{"neighbourhood centre", "府河桥社区邻里中心", "", false},
		{"clinic", "府河桥社区卫生服务中心", "", false},
		{"car service", "名爵汽车服务中心", "", false},
		{"combined with a government office", "青龙街道党群服务中心（政务服务中心）", "", false},
		{"empty", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := rules.Candidate(c.in)
			if got != c.want || ok != c.ok {
				t.Errorf("Candidate(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
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

package geo_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

const poiCats = `[
 {"key":"supermarket","name_zh":"超市","name_en":"supermarket","osm":[],"poi":{"amap":["0604"],"tags":["购物;超市"]}},
 {"key":"walmart","name_zh":"沃尔玛","name_en":"walmart","osm":[],"poi":{"amap":["060402"]}},
 {"key":"market","name_zh":"市场","name_en":"market","osm":[],"poi":{"tags":["购物"]}}
]`

func TestPOIMatch(t *testing.T) {
	cats, err := geo.ParseCategories([]byte(poiCats))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, amap, tag, want string
	}{
		{"Amap prefix", "060400", "", "supermarket"},
		{"Amap longest prefix", "060402", "", "walmart"},
		{"Amap list, second code matches", "050100|060401", "", "supermarket"},
		{"Amap unmapped", "050100", "", ""},
		{"Baidu tag", "", "购物;超市", "supermarket"},
		{"Baidu deeper tag", "", "购物;超市;生鲜", "supermarket"},
		{"Tencent colon tag", "", "购物:超市", "supermarket"},
		{"shorter tag path", "", "购物;家电", "market"},
		{"tag part is not a prefix of a word", "", "购物中心", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			if tc.amap != "" {
				got, _ = cats.MatchAmap(tc.amap)
			} else {
				got, _ = cats.MatchTag(tc.tag)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPOICodesValidated(t *testing.T) {
	tests := []struct{ name, poi, want string }{
		{"five digits", `{"amap":["06040"]}`, "not 2, 4 or 6 digits"},
		{"letters", `{"amap":["06ab"]}`, "not 2, 4 or 6 digits"},
		{"empty tag part", `{"tags":["购物;;超市"]}`, "empty part"},
		{"code twice", `{"amap":["0604"]}`, "both a and b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := `[{"key":"a","osm":[],"poi":{"amap":["0604"]}},{"key":"b","osm":[],"poi":` + tc.poi + `}]`
			_, err := geo.ParseCategories([]byte(file))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestPOIMatchTencent matches Tencent category paths against poi.tencent only: a Baidu tag
// path of the same words is no Tencent path.
func TestPOIMatchTencent(t *testing.T) {
	cats, err := geo.ParseCategories([]byte(`[
 {"key":"supermarket","osm":[],"poi":{"tags":["购物;超市"],"tencent":["购物:超市"]}},
 {"key":"pharmacy","osm":[],"poi":{"tags":["医疗;药店"],"tencent":["医疗保健:药房药店"]}}]`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, want string }{
		{"exact", "购物:超市", "supermarket"},
		{"deeper", "医疗保健:药房药店:连锁", "pharmacy"},
		{"Baidu's path is not Tencent's", "医疗:药店", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := cats.MatchTencent(tc.path); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

package geo_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

func TestNormalizeUnitName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"水西门社区居民委员会", "水西门"},
		{"水西门社区居委会", "水西门"},
		{"水西门社区", "水西门"},
		{" 水西门 ", "水西门"},
		{"杨店村村民委员会", "杨店村"},
		{"杨店村村委会", "杨店村"},
		{"三里庵　社区", "三里庵"},
		{"ＡＢ１社区", "ab1"},
		{"社区", "社区"}, // nothing left: kept whole
	} {
		if got := geo.NormalizeUnitName(tc.in); got != tc.want {
			t.Errorf("NormalizeUnitName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMatchAttributes(t *testing.T) {
	units := []geo.UnitRef{
		{Code: "340103001001", Name: "水西门社区", ParentCode: "340103001"},
		{Code: "340103001098", Name: "滨南社区", ParentCode: "340103001"},
		{Code: "340103002001", Name: "滨南社区", ParentCode: "340103002"},
	}
	tests := []struct {
		name string
		rows []geo.AttributeRow
		want []int
		err  string
	}{
		{"by code", []geo.AttributeRow{{Code: "340103001001", Name: "别的名字"}}, []int{0}, ""},
		{"by name within the street", []geo.AttributeRow{{Code: "340103001002", Name: "滨南社区居委会", ParentCode: "340103001"}}, []int{1}, ""},
		{"name in another street", []geo.AttributeRow{{Name: "水西门社区居委会", ParentCode: "340103002"}}, []int{-1}, ""},
		{"two rows on one unit", []geo.AttributeRow{{File: "t.csv", Record: 1, Code: "340103001001"}, {File: "t.csv", Record: 2, Name: "水西门", ParentCode: "340103001"}}, nil, "t.csv records 1 and 2 both land on unit 340103001001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := geo.MatchAttributes(units, tc.rows)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	dup := append(units, geo.UnitRef{Code: "340103001097", Name: "滨南", ParentCode: "340103001"})
	_, err := geo.MatchAttributes(dup, []geo.AttributeRow{{File: "t.csv", Record: 5, Name: "滨南社区居委会", ParentCode: "340103001"}})
	if err == nil || !strings.Contains(err.Error(), "t.csv record 5") || !strings.Contains(err.Error(), "340103001098 滨南社区 and 340103001097 滨南") {
		t.Errorf("a name fitting two units: %v", err)
	}
}

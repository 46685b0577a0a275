package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

// importAnswer is the part of the upload answer these tests read.
type importAnswer struct {
	Kind string `json:"kind"`
	POI  *struct {
		Service        string `json:"service"`
		Mapped         int    `json:"mapped"`
		Unmapped       int    `json:"unmapped"`
		UnmappedByType []struct {
			Type  string `json:"type"`
			Count int    `json:"count"`
		} `json:"unmapped_by_type"`
	} `json:"poi"`
	AttributeTable bool `json:"attribute_table"`
	Join           *struct {
		Rows      int `json:"rows"`
		Matched   int `json:"matched"`
		Unmatched []struct {
			Record int    `json:"record"`
			Code   string `json:"code"`
		} `json:"unmatched"`
		UnitsWithout []string `json:"units_without"`
	} `json:"join"`
}

// TestImportUploadSummaries uploads what the command line summarises beyond the counts: an
// Amap export with a POI of no category (counted by type), a community attribute table
// with a row matching no boundary (listed, and the community without a row named), and
// the district and streets kinds.
func TestImportUploadSummaries(t *testing.T) {
	s, _ := dbServer(t)
	p, q := node(3, 3), node(6, 6)
	amap := fmt.Sprintf("id,name,type,typecode,address,location,pname,cityname,adname\n"+
		"A1,超市,购物服务;超级市场;超市,060400,,\"%.7f,%.7f\",,,\nA2,火锅,餐饮服务;中餐厅;火锅店,050117,,\"%.7f,%.7f\",,,\n", p[0], p[1], q[0], q[1])
	table := "code,name,households\n" + westCode + ",西社区,1200\n510104001099,无此社区,30\n"
	sw, ne := node(-1, -1), node(gridN, gridN)
	districtFile := fmt.Sprintf(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":510104,"name":"锦江区"},`+
		`"geometry":{"type":"Polygon","coordinates":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}}]}`,
		sw[0], sw[1], ne[0], sw[1], ne[0], ne[1], sw[0], ne[1], sw[0], sw[1])
	tests := []struct {
		name, kind, file, content string
		check                     func(t *testing.T, a importAnswer)
	}{
		{"POI export", "outlets", "amap.csv", amap, func(t *testing.T, a importAnswer) {
			if a.POI == nil || a.POI.Service != "amap" || a.POI.Mapped != 1 || a.POI.Unmapped != 1 ||
				len(a.POI.UnmappedByType) != 1 || a.POI.UnmappedByType[0].Type != "050117 餐饮服务;中餐厅;火锅店" {
				t.Errorf("poi %+v, want amap: 1 mapped, 1 unmapped of type 050117", a.POI)
			}
		}},
		{"attribute table", "communities", "table.csv", table, func(t *testing.T, a importAnswer) {
			if !a.AttributeTable || a.Join == nil || a.Join.Rows != 2 || a.Join.Matched != 1 || len(a.Join.Unmatched) != 1 ||
				a.Join.Unmatched[0].Record != 2 || len(a.Join.UnitsWithout) != 1 || a.Join.UnitsWithout[0] != eastCode {
				t.Errorf("attribute table %v, join %+v; want row 2 unmatched and %s without a row", a.AttributeTable, a.Join, eastCode)
			}
		}},
		{"district", "district", "d.geojson", districtFile, func(t *testing.T, a importAnswer) {
			if a.Kind != "district" {
				t.Errorf("kind %q", a.Kind)
			}
		}},
		{"streets", "streets", "streets.csv", "code,name\n510104001,测试街道\n", func(t *testing.T, a importAnswer) {
			if a.Kind != "streets" {
				t.Errorf("kind %q", a.Kind)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := postUpload(t, s, tc.kind, testToken, tc.file, []byte(tc.content), map[string]string{"crs": "wgs84"})
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			tc.check(t, decode[importAnswer](t, body))
		})
	}
}

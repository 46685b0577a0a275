package importers_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
)

// poiExport is one service's export: its header and two POIs, the first of a category of
// the bundled file, the second of none.
type poiExport struct {
	svc      importers.POIService
	head     []string
	rows     [][]string
	category string // the first POI's
	unmapped string // the second POI's type as the summary counts it
	sys      crs.System
}

// The exports' POIs sit at (104.0800, 30.6500) and (104.0900, 30.6600) in the service's
// own CRS.
var poiExports = []poiExport{
	{importers.POIAmap, []string{"id", "name", "type", "typecode", "address", "location", "pname", "cityname", "adname"},
		[][]string{{"B001", "红旗超市", "购物服务;超级市场;超市", "060400", "人民南路", "104.0800,30.6500", "四川省", "成都市", "武侯区"},
			{"B002", "川菜馆", "餐饮服务;中餐厅;四川菜(川菜)", "050102", "", "104.0900,30.6600", "四川省", "成都市", "武侯区"}},
		"supermarket", "050102 餐饮服务;中餐厅;四川菜(川菜)", crs.GCJ02},
	{importers.POIBaidu, []string{"uid", "name", "tag", "lng", "lat"},
		[][]string{{"u1", "益丰大药房", "医疗;药店", "104.0800", "30.6500"},
			{"u2", "火锅店", "美食;火锅", "104.0900", "30.6600"}},
		"pharmacy", "美食;火锅", crs.BD09},
	{importers.POITencent, []string{"id", "title", "category", "location"},
		[][]string{{"t1", "成都市第三人民医院", "医疗保健:综合医院", "104.0800,30.6500"},
			{"t2", "茶餐厅", "美食:茶餐厅", "104.0900,30.6600"}},
		"hospital", "美食:茶餐厅", crs.GCJ02},
}

// TestPOIExportsInEveryFormat reads each service's export as CSV, XLSX and JSON: the
// service is recognised, the CRS defaults to the service's own (a warning says so), the
// first POI lands in its category at the WGS 84 point geo/crs gives (≤ 1 m), and the second
// is counted as unmapped by its type.
func TestPOIExportsInEveryFormat(t *testing.T) {
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range poiExports {
		for _, format := range []string{"csv", "xlsx", "json"} {
			t.Run(string(ex.svc)+" "+format, func(t *testing.T) {
				name := string(ex.svc) + "." + format
				res, err := importers.Read(t.Context(), importers.KindOutlets, name, bytes.NewReader(ex.encode(t, format)), importers.Options{Categories: cats})
				if err != nil {
					t.Fatal(err)
				}
				noRejects(t, res)
				if res.POIService != ex.svc || res.CRS != string(ex.sys) || len(res.Warnings) == 0 {
					t.Errorf("service %q CRS %q warnings %v; want %s read as %s, with a warning", res.POIService, res.CRS, res.Warnings, ex.svc, ex.sys)
				}
				if len(res.Outlets) != 1 || res.Outlets[0].Category != ex.category {
					t.Fatalf("outlets %+v, want one %s", res.Outlets, ex.category)
				}
				want := crs.ToWGS84(ex.sys, orb.Point{104.08, 30.65})
				if d := geo.HaversineM(res.Outlets[0].Point, want); d > 1 {
					t.Errorf("outlet at %v, %.2f m from %v", res.Outlets[0].Point, d, want)
				}
				types, counts := importers.UnmappedByType(res.Unmapped)
				if len(types) != 1 || types[0] != ex.unmapped || counts[0] != 1 || res.Unmapped[0].Record != 2 {
					t.Errorf("unmapped %v × %v (%+v), want one %q, record 2", types, counts, res.Unmapped, ex.unmapped)
				}
			})
		}
	}
}

// encode writes the export as CSV, XLSX or a JSON array of objects (locations nested as
// the services' answers nest them: Amap a "lng,lat" text, Baidu and Tencent an object).
func (ex poiExport) encode(tb testing.TB, format string) []byte {
	tb.Helper()
	switch format {
	case "csv":
		var b strings.Builder
		for _, r := range append([][]string{ex.head}, ex.rows...) {
			for i, v := range r {
				if strings.Contains(v, ",") {
					v = `"` + v + `"`
				}
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(v)
			}
			b.WriteByte('\n')
		}
		return []byte(b.String())
	case "xlsx":
		return ex.xlsx(tb)
	}
	var list []map[string]any
	for _, r := range ex.rows {
		obj := map[string]any{}
		for i, h := range ex.head {
			obj[h] = r[i]
		}
		if ex.svc != importers.POIAmap {
			lng, lat := obj["lng"], obj["lat"]
			if loc, ok := obj["location"].(string); ok {
				lng, lat, _ = strings.Cut(loc, ",")
			}
			delete(obj, "lng")
			delete(obj, "lat")
			obj["location"] = map[string]any{"lng": number(tb, lng), "lat": number(tb, lat)}
		}
		list = append(list, obj)
	}
	b, err := json.Marshal(list)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func (ex poiExport) xlsx(tb testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range append([][]string{ex.head}, ex.rows...) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		row := make([]any, len(r))
		for j, v := range r {
			row[j] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			tb.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func number(tb testing.TB, v any) json.Number {
	s, _ := v.(string)
	if _, err := json.Number(s).Float64(); err != nil {
		tb.Fatalf("%v is not a number", v)
	}
	return json.Number(s)
}

// TestBaiduJSONAnswer reads Baidu's place-search answer as it comes, the tag inside
// detail_info.
func TestBaiduJSONAnswer(t *testing.T) {
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	answer := `{"status":0,"message":"ok","results":[{"name":"工商银行","location":{"lat":30.65,"lng":104.08},"uid":"b1","detail_info":{"tag":"金融;银行","type":"life"}}]}`
	res, err := importers.Read(t.Context(), importers.KindOutlets, "baidu.json", strings.NewReader(answer), importers.Options{Categories: cats})
	if err != nil {
		t.Fatal(err)
	}
	if res.POIService != importers.POIBaidu || len(res.Outlets) != 1 || res.Outlets[0].Category != "bank" {
		t.Errorf("service %q outlets %+v; want one Baidu bank", res.POIService, res.Outlets)
	}
}

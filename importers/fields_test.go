package importers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
		reason   string // reject reason; "" for a good value
	}{
		{"plain", "1234", 1234, ""},
		{"thousands comma", "1,234", 1234, ""},
		{"thousands space", "1 234", 1234, ""},
		{"no-break space", "1\u00a0234", 1234, ""},
		{"full-width digits", "１２３", 123, ""},
		{"full-width comma", "１，２３４", 1234, ""},
		{"unit 户", "300户", 300, ""},
		{"unit 人 with space", "25 人", 25, ""},
		{"empty means unknown", "", 0, ""},
		{"whole float", "12.0", 12, ""},
		{"bad grouping", "1,23", 0, "unparseable number"},
		{"words", "约300", 0, "unparseable number"},
		{"two numbers", "12 34 5", 0, "unparseable number"},
		{"nan", "NaN", 0, "unparseable number"},
		{"hex", "0x10", 0, "unparseable number"},
		{"fraction", "12.5", 0, "not a whole number"},
		{"negative", "-3", 0, "must not be negative"},
		{"huge", "1e12", 0, "implausibly large"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			content := "code,households\n340103001001,\"" + tc.in + "\"\n"
			res := readOK(t, importers.KindCommunities, "n.csv", content, importers.Options{})
			if tc.reason != "" {
				checkRejects(t, res, "n.csv", []wantReject{{1, 2, "households", tc.reason}})
				return
			}
			noRejects(t, res)
			if len(res.Communities) != 1 {
				t.Fatalf("got %d communities, want 1", len(res.Communities))
			}
			if got := res.Communities[0].Households; got != tc.want {
				t.Errorf("households %d, want %d", got, tc.want)
			}
		})
	}
}

func TestAreas(t *testing.T) {
	tests := []struct {
		name, in string
		want     float64
	}{
		{"m²", "650 m²", 650},
		{"m2", "650m2", 650},
		{"㎡", "650.5㎡", 650.5},
		{"平方米", "\"1,650平方米\"", 1650},
		{"full-width with unit", "６５０平米", 650},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			content := fmt.Sprintf("社区代码,用房面积（㎡）\n340103001001,%s\n", tc.in)
			res := readOK(t, importers.KindCommunities, "a.csv", content, importers.Options{})
			noRejects(t, res)
			if got := res.Communities[0].ServiceAreaM2; got != tc.want {
				t.Errorf("area %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFieldNames(t *testing.T) {
	tests := []struct {
		name, header, row string
		opts              importers.Options
		want              geo.Station
	}{
		{"english", "ID,Name,Level,Longitude,Latitude,Address,Floor_Area,Staff", "A,站,street,117.1,31.8,路1号,100,3",
			importers.Options{}, geo.Station{ID: "A", Name: "站", Level: geo.LevelStreet, Address: "路1号", FloorAreaM2: 100, Staff: 3}},
		{"chinese", "序号,站点名称,层级,经度,纬度,地址,服务面积,工作人员数", "A,站,社区,117.1,31.8,路1号,100,3",
			importers.Options{}, geo.Station{ID: "A", Name: "站", Level: geo.LevelCommunity, Address: "路1号", FloorAreaM2: 100, Staff: 3}},
		{"类型 is the level for stations", "名称,类型,x,y", "站,小区,117.1,31.8",
			importers.Options{}, geo.Station{ID: "f:1", Name: "站", Level: geo.LevelCompound}},
		{"first candidate wins", "code,id,name,lng,lat,level", "C,I,站,117.1,31.8,楼宇",
			importers.Options{}, geo.Station{ID: "I", Name: "站", Level: geo.LevelBuilding}},
		{"headers with units and marks", "*名称, 级别 ,经度(°),纬度（°）", "站,区级,117.1,31.8",
			importers.Options{}, geo.Station{ID: "f:1", Name: "站", Level: geo.LevelDistrict}},
		{"mapping", "站号,站名称,等级,E,N", "Z9,站,街道,117.1,31.8",
			importers.Options{Fields: map[string]string{"id": "站号", "name": "站名称", "lon": "E", "lat": "n"}},
			geo.Station{ID: "Z9", Name: "站", Level: geo.LevelStreet}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readOK(t, importers.KindStations, "f.csv", tc.header+"\n"+tc.row+"\n", tc.opts)
			noRejects(t, res)
			want := tc.want
			want.Point, want.Source = [2]float64{117.1, 31.8}, "file"
			if len(res.Stations) != 1 || res.Stations[0] != want {
				t.Errorf("got %+v\nwant %+v", res.Stations, want)
			}
		})
	}
}

func TestTitleRow(t *testing.T) {
	content := "庐阳区党群服务站点一览表,,,\nname,level,lon,lat\n站1,社区,117.1,31.8\n"
	res := readOK(t, importers.KindStations, "t.csv", content, importers.Options{})
	noRejects(t, res)
	if len(res.Stations) != 1 || res.Stations[0].Name != "站1" || res.Stations[0].ID != "t:1" {
		t.Errorf("stations %+v", res.Stations)
	}
	_, err := readString(t, importers.KindStations, "t.csv", "一览表\n说明\n制表人\n日期\nname,level,lon,lat\n", importers.Options{})
	requireInvalid(t, err, "t.csv", "missing required column")
}

func TestDerivedIDs(t *testing.T) {
	content := "name,level,lon,lat\n\n站1,社区,117.1,31.8\n站2,社区,117.2,31.9\n,,,\n站3,社区,117.3,91\n"
	res := readOK(t, importers.KindStations, "网点 2024.csv", content, importers.Options{})
	// an empty line is no data row (encoding/csv skips it), a row of empty cells is one;
	// lines stay physical.
	checkRejects(t, res, "网点 2024.csv", []wantReject{{4, 6, "lat", "latitude out of range"}})
	want := []string{"网点 2024:1", "网点 2024:2"}
	for i, s := range res.Stations {
		if s.ID != want[i] {
			t.Errorf("station %d id %q, want %q", i+1, s.ID, want[i])
		}
	}
	t.Run("an explicit id clashing with a derived one", func(t *testing.T) {
		content := "id,name,level,lon,lat\nf:2,站1,社区,117.1,31.8\n,站2,社区,117.2,31.9\n"
		res := readOK(t, importers.KindStations, "f.csv", content, importers.Options{})
		checkRejects(t, res, "f.csv", []wantReject{{2, 3, "id", `duplicate id "f:2": record 1 (line 2) has it too`}})
	})
}

func TestMalformedCSVRow(t *testing.T) {
	content := "code,name\n340103001001,a\n340103001002,b \"c\" d\n340103001003,e\n"
	res := readOK(t, importers.KindCommunities, "m.csv", content, importers.Options{})
	if len(res.Rejects) != 1 || res.Rejects[0].Record != 2 || res.Rejects[0].Line != 3 || !strings.Contains(res.Rejects[0].Reason, "malformed CSV row") {
		t.Errorf("rejects %v, want one malformed row at record 2 line 3", res.Rejects)
	}
	if len(res.Communities) != 2 || res.Read != 3 {
		t.Errorf("read %d, %d communities; want 3 read, 2 loaded", res.Read, len(res.Communities))
	}
}

func TestProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,category,lon,lat\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "店%d,超市,117.%04d,31.8\n", i, i)
	}
	var calls [][2]int64
	opts := importers.Options{Categories: testCategories(t), Progress: func(done, total int64) {
		calls = append(calls, [2]int64{done, total})
	}}
	res := readOK(t, importers.KindOutlets, "p.csv", b.String(), opts)
	noRejects(t, res)
	if len(calls) < 50 || len(calls) > 110 {
		t.Errorf("%d progress calls, want about 100", len(calls))
	}
	for i, c := range calls {
		if c[1] != int64(b.Len()) || c[0] > c[1] || (i > 0 && c[0] < calls[i-1][0]) {
			t.Fatalf("call %d = %v: not monotonic within total %d", i, c, b.Len())
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Errorf("last call %v does not report the end", last)
	}
}

func TestCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,category,lon,lat\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "店%d,超市,117.1,31.8\n", i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := importers.Read(ctx, importers.KindOutlets, "c.csv", strings.NewReader(b.String()), importers.Options{Categories: testCategories(t)})
	if !errors.Is(err, context.Canceled) || geo.ErrorCodeOf(err) == geo.EINVALID {
		t.Errorf("error %v, want a non-EINVALID error wrapping context.Canceled", err)
	}
}

func TestGeoJSONFeatures(t *testing.T) {
	tests := []struct {
		name, content string
		want          []wantReject
		ids           []string
	}{
		{"feature id and null geometry",
			`{"type":"FeatureCollection","features":[
			{"type":"Feature","id":"A7","properties":{"level":"社区"},"geometry":{"type":"Point","coordinates":[117.1,31.8]}},
			{"type":"Feature","properties":{"level":"社区"},"geometry":null},
			{"type":"Feature","properties":{"level":"社区","lon":"117.2","lat":"31.9"},"geometry":null}]}`,
			[]wantReject{{2, 0, "geometry", "missing coordinate: the feature has no geometry"}}, []string{"A7", "g:3"}},
		{"wrong geometry and malformed features",
			`{"type":"FeatureCollection","features":[
			{"type":"Feature","properties":{"level":"社区"},"geometry":{"type":"Point","coordinates":[117.1,31.8]}},
			{"type":"Feature","properties":{"level":"社区"},"geometry":{"type":"LineString","coordinates":[[117.1,31.8],[117.2,31.8]]}},
			{"type":"Feature","properties":{"level":"社区"},"geometry":{"type":"Point","coordinates":[117.1]}},
			{"type":"Nope"},
			{"type":"Feature","properties":[1],"geometry":null}]}`,
			[]wantReject{
				{2, 0, "geometry", "geometry is a LineString; stations need a Point"},
				{3, 0, "geometry", "a position needs two numbers"},
				{4, 0, "type", "not a Feature"},
				{5, 0, "properties", "malformed properties"},
			}, []string{"g:1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readOK(t, importers.KindStations, "g.geojson", tc.content, importers.Options{})
			checkRejects(t, res, "g.geojson", tc.want)
			var ids []string
			for _, s := range res.Stations {
				ids = append(ids, s.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.ids, ",") {
				t.Errorf("ids %v, want %v", ids, tc.ids)
			}
		})
	}
}

package importers_test

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/internal/testenv"
)

// wgsStations are the hand-entered points of testdata/stations-wgs84.csv.
var wgsStations = map[string]orb.Point{
	"S1": {117.2853, 31.8805}, "S2": {117.2745, 31.8820}, "S3": {117.2661, 31.8669},
	"S4": {117.2650, 31.8640}, "S5": {117.2580, 31.8902}, "S6": {117.2900, 31.8700},
}

func TestReadStationsInEachCRS(t *testing.T) {
	tests := []struct {
		name, file string
		crs        crs.System
	}{
		{"wgs84", "stations-wgs84.csv", crs.WGS84},
		{"gcj02", "stations-gcj02.csv", crs.GCJ02},
		{"bd09", "stations-bd09.csv", crs.BD09},
		{"crs left empty means wgs84", "stations-wgs84.csv", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readFixture(t, importers.KindStations, tc.file, importers.Options{CRS: crs.Ref{Offset: tc.crs}})
			noRejects(t, res)
			if len(res.Stations) != len(wgsStations) {
				t.Fatalf("got %d stations, want %d", len(res.Stations), len(wgsStations))
			}
			for _, s := range res.Stations {
				want, ok := wgsStations[s.ID]
				if !ok {
					t.Fatalf("unexpected station %q", s.ID)
				}
				if d := geo.HaversineM(s.Point, want); d > 1 {
					t.Errorf("%s: %v is %.2f m from the WGS84 point %v", s.ID, s.Point, d, want)
				}
			}
		})
	}
}

func TestReadStationFields(t *testing.T) {
	res := readFixture(t, importers.KindStations, "stations-wgs84.csv", importers.Options{})
	noRejects(t, res)
	want := []geo.Station{
		{ID: "S1", Name: "亳州路街道党群服务中心", Level: geo.LevelStreet, ParentCode: "340103001", Address: "亳州路1号", FloorAreaM2: 1200, Staff: 12},
		{ID: "S2", Name: "双岗街道党群服务中心", Level: geo.LevelStreet, ParentCode: "340103002", Address: "双岗路8号", FloorAreaM2: 800, Staff: 9},
		{ID: "S3", Name: "水西门社区党群服务站", Level: geo.LevelCommunity, ParentCode: "340103001001", Address: "水西门街3号", FloorAreaM2: 320, Staff: 5},
		{ID: "S4", Name: "庐阳区党群服务中心", Level: geo.LevelDistrict, ParentCode: "340103", Address: "长江中路100号", FloorAreaM2: 3000, Staff: 30},
		{ID: "S5", Name: "琥珀山庄小区党群服务站", Level: geo.LevelCompound, ParentCode: "340103001002", Address: "琥珀山庄", FloorAreaM2: 60, Staff: 2},
		{ID: "S6", Name: "城隍庙商圈党群服务站", Level: geo.LevelBuilding, ParentCode: "340103001003", Address: "城隍庙", FloorAreaM2: 1500, Staff: 4},
	}
	if res.Format != "csv" || res.Encoding != "utf-8" || res.Read != len(want) {
		t.Errorf("format %q encoding %q read %d, want csv utf-8 %d", res.Format, res.Encoding, res.Read, len(want))
	}
	for i, w := range want {
		got := res.Stations[i]
		w.Point, w.Source = wgsStations[w.ID], "file"
		if got != w {
			t.Errorf("station %d:\n got %+v\nwant %+v", i+1, got, w)
		}
	}
}

func TestReadEncodings(t *testing.T) {
	tests := []struct {
		name, file, encoding, wantEncoding string
		wantNames                          []string
	}{
		{"gbk detected", "stations-gbk.csv", "", "gb18030", []string{"亳州路街道党群服务中心", "水西门社区党群服务站", "琥珀山庄小区党群服务站"}},
		{"gbk named", "stations-gbk.csv", "gbk", "gbk", []string{"亳州路街道党群服务中心", "水西门社区党群服务站", "琥珀山庄小区党群服务站"}},
		{"gb18030 named", "stations-gbk.csv", "GB18030", "gb18030", []string{"亳州路街道党群服务中心", "水西门社区党群服务站", "琥珀山庄小区党群服务站"}},
		{"utf-8 with BOM", "stations-bom.csv", "auto", "utf-8", []string{"双岗街道党群服务中心", "庐阳区党群服务中心"}},
		{"utf-8 with BOM named", "stations-bom.csv", "utf-8", "utf-8", []string{"双岗街道党群服务中心", "庐阳区党群服务中心"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readFixture(t, importers.KindStations, tc.file, importers.Options{Encoding: tc.encoding})
			noRejects(t, res)
			if res.Encoding != tc.wantEncoding {
				t.Errorf("encoding %q, want %q", res.Encoding, tc.wantEncoding)
			}
			if len(res.Stations) != len(tc.wantNames) {
				t.Fatalf("got %d stations, want %d", len(res.Stations), len(tc.wantNames))
			}
			for i, s := range res.Stations {
				if s.Name != tc.wantNames[i] {
					t.Errorf("station %d name %q, want %q", i+1, s.Name, tc.wantNames[i])
				}
			}
		})
	}
	t.Run("gbk file read as utf-8 is an error", func(t *testing.T) {
		_, err := importers.ReadFile(t.Context(), importers.KindStations, filepath.Join("testdata", "stations-gbk.csv"), importers.Options{Encoding: "utf-8"})
		requireInvalid(t, err, "stations-gbk.csv", "not valid UTF-8 at byte 0", "gbk")
	})
	t.Run("gbk fields", func(t *testing.T) {
		res := readFixture(t, importers.KindStations, "stations-gbk.csv", importers.Options{})
		want := geo.Station{ID: "G2", Name: "水西门社区党群服务站", Level: geo.LevelCommunity, ParentCode: "340103001001",
			Address: "水西门街3号", FloorAreaM2: 320, Staff: 5, Point: orb.Point{117.2661, 31.8669}, Source: "file"}
		if got := res.Stations[1]; got != want {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
	})
}

func TestReadXLSX(t *testing.T) {
	t.Run("first sheet", func(t *testing.T) {
		res := readFixture(t, importers.KindStations, "stations.xlsx", importers.Options{})
		noRejects(t, res)
		want := []geo.Station{
			{ID: "X1", Name: "亳州路街道党群服务中心", Level: geo.LevelStreet, ParentCode: "340103001", FloorAreaM2: 1200, Staff: 12, Point: orb.Point{117.2853, 31.8805}, Source: "file"},
			{ID: "X2", Name: "水西门社区党群服务站", Level: geo.LevelCommunity, ParentCode: "340103001001", FloorAreaM2: 320.5, Staff: 5, Point: orb.Point{117.2661, 31.8669}, Source: "file"},
			{ID: "X3", Name: "城隍庙商圈党群服务站", Level: geo.LevelBuilding, ParentCode: "340103001003", FloorAreaM2: 1500, Staff: 4, Point: orb.Point{117.2900, 31.8700}, Source: "file"},
		}
		if res.Format != "xlsx" || res.Read != 3 || len(res.Stations) != 3 {
			t.Fatalf("format %q read %d stations %d, want xlsx 3 3", res.Format, res.Read, len(res.Stations))
		}
		for i, w := range want {
			if res.Stations[i] != w {
				t.Errorf("station %d:\n got %+v\nwant %+v", i+1, res.Stations[i], w)
			}
		}
	})
	t.Run("named sheet", func(t *testing.T) {
		res := readFixture(t, importers.KindOutlets, "stations.xlsx", importers.Options{Sheet: "网点", Categories: testCategories(t)})
		noRejects(t, res)
		want := []geo.Outlet{
			{ID: "stations:1", Name: "百大超市", Category: "supermarket", Point: orb.Point{117.2801, 31.8702}, Source: "file"},
			{ID: "stations:2", Name: "益丰药房", Category: "pharmacy", Point: orb.Point{117.2821, 31.8722}, Source: "file"},
		}
		sameValues(t, "outlet", res.Outlets, want)
	})
	t.Run("missing sheet", func(t *testing.T) {
		_, err := importers.ReadFile(t.Context(), importers.KindStations, filepath.Join("testdata", "stations.xlsx"), importers.Options{Sheet: "Sheet9"})
		requireInvalid(t, err, "stations.xlsx", `no sheet "Sheet9"`, "站点, 网点")
	})
}

func TestReadOutlets(t *testing.T) {
	res := readFixture(t, importers.KindOutlets, "outlets.csv", importers.Options{Categories: testCategories(t)})
	noRejects(t, res)
	want := []geo.Outlet{
		{ID: "outlets:1", Name: "百大超市", Category: "supermarket", Point: orb.Point{117.2801, 31.8702}, Source: "file"},
		{ID: "outlets:2", Name: "快乐便利店", Category: "convenience", Point: orb.Point{117.2811, 31.8712}, Source: "file"},
		{ID: "outlets:3", Name: "益丰药房", Category: "pharmacy", Point: orb.Point{117.2821, 31.8722}, Source: "file"},
		{ID: "outlets:4", Name: "水西门农贸市场", Category: "vegetable_market", Point: orb.Point{117.2831, 31.8732}, Source: "file"},
	}
	sameValues(t, "outlet", res.Outlets, want)
}

// square returns the closed ring of the axis-aligned rectangle.
func square(minLon, minLat, maxLon, maxLat float64) orb.Ring {
	return orb.Ring{{minLon, minLat}, {maxLon, minLat}, {maxLon, maxLat}, {minLon, maxLat}, {minLon, minLat}}
}

func TestReadCommunities(t *testing.T) {
	mp1 := orb.MultiPolygon{
		{square(117.26, 31.86, 117.27, 31.87), square(117.262, 31.862, 117.264, 31.864)},
		{square(117.275, 31.86, 117.28, 31.865)},
	}
	mp2 := orb.MultiPolygon{{square(117.27, 31.87, 117.28, 31.88)}}
	mp3 := orb.MultiPolygon{{square(117.28, 31.87, 117.29, 31.88)}}
	tests := []struct {
		name, file string
		want       []geo.Community
	}{
		{"geojson with MultiPolygon, open ring and feature id", "communities.geojson", []geo.Community{
			{Code: "340103001001", Name: "水西门社区居委会", StreetCode: "340103001", Households: 3200, Population: 9100, Workers: 14, ServiceAreaM2: 650, Boundary: mp1, Source: "file"},
			{Code: "340103001002", Name: "滨南社区居委会", StreetCode: "340103001", Households: 2100, Boundary: mp2, Source: "file"},
			{Code: "340103001003", Name: "南河湾社区居委会", StreetCode: "340103001", StreetName: "亳州路街道", Boundary: mp3, Source: "file"},
		}},
		{"csv with WKT column and one row without geometry", "communities-wkt.csv", []geo.Community{
			{Code: "340103001001", Name: "水西门社区居委会", StreetCode: "340103001", Households: 3200, Boundary: orb.MultiPolygon{mp1[0][:1], mp1[1]}, Source: "file"},
			{Code: "340103001002", Name: "滨南社区居委会", StreetCode: "340103001", Households: 2100, Boundary: mp2, Source: "file"},
			{Code: "340103001003", Name: "南河湾社区居委会", StreetCode: "340103001", Source: "file"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readFixture(t, importers.KindCommunities, tc.file, importers.Options{})
			noRejects(t, res)
			if len(res.Communities) != len(tc.want) {
				t.Fatalf("got %d communities, want %d", len(res.Communities), len(tc.want))
			}
			for i, w := range tc.want {
				got := res.Communities[i]
				if !orb.Equal(got.Boundary, w.Boundary) && !(len(got.Boundary) == 0 && len(w.Boundary) == 0) {
					t.Errorf("community %d boundary:\n got %v\nwant %v", i+1, got.Boundary, w.Boundary)
				}
				got.Boundary, w.Boundary = nil, nil
				if !reflect.DeepEqual(got, w) {
					t.Errorf("community %d:\n got %+v\nwant %+v", i+1, got, w)
				}
			}
		})
	}
}

// TestReadHefeiCommunities imports the real division CSV (names and codes, no geometry)
// and checks it against the file read independently with encoding/csv.
func TestReadHefeiCommunities(t *testing.T) {
	path := filepath.Join(testenv.SharedData(t), "admin", "hefei-luyang-feidong-communities.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	res, err := importers.ReadFile(t.Context(), importers.KindCommunities, path, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	noRejects(t, res)
	if res.Read != len(rows)-1 || len(res.Communities) != len(rows)-1 {
		t.Fatalf("read %d, got %d communities; the file has %d rows", res.Read, len(res.Communities), len(rows)-1)
	}
	luyang := 0
	for i, row := range rows[1:] {
		c := res.Communities[i]
		if c.Code != row[0] || c.Name != row[1] || c.StreetCode != row[2] || len(c.Code) != 12 || len(c.Boundary) != 0 {
			t.Errorf("row %d: got %+v, want code %s name %s street %s", i+2, c, row[0], row[1], row[2])
		}
		if strings.HasPrefix(c.Code, "340103") {
			luyang++
		}
	}
	if luyang != 84 {
		t.Errorf("%d communities in Luyang (340103), the data README says 84", luyang)
	}
}

// TestGeneratorMatchesGolden checks the fixture generator's GCJ-02 and BD-09 formulas
// against the golden values of the shared city table.
func TestGeneratorMatchesGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testenv.SharedData(t), "crs", "china-cities-wgs84-gcj02-bd09.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Coords map[string][2]float64 `json:"coords"`
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		w, g, bd := r.Coords["WGS84"], r.Coords["GCJ02"], r.Coords["BD09"]
		glon, glat := gcjForward(w[0], w[1])
		blon, blat := bdForward(glon, glat)
		if math.Abs(glon-g[0]) > 2e-5 || math.Abs(glat-g[1]) > 2e-5 || math.Abs(blon-bd[0]) > 2e-5 || math.Abs(blat-bd[1]) > 2e-5 {
			t.Errorf("row %d: gcj (%.7f, %.7f) bd (%.7f, %.7f), golden %v %v", i, glon, glat, blon, blat, g, bd)
		}
	}
}

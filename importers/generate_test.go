package importers_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// This file makes the generated fixtures: the GCJ-02 and BD-09 versions of
// testdata/stations-wgs84.csv (from the published forward algorithms, written here
// independently of geo/crs), a GBK CSV with Chinese headers, a UTF-8 CSV with a byte
// order mark, an XLSX workbook, binary garbage, a workbook named .csv and the fuzz seed
// corpora. `go test -run TestGeneratedFixtures -update` rewrites them; without -update the
// test checks the committed text fixtures still match their generator.

// gcjForward converts WGS84 (lon, lat) to GCJ-02 with the published algorithm
// (Krasovsky ellipsoid, a = 6378245 m, ee = 0.00669342162296594323).
func gcjForward(lon, lat float64) (float64, float64) {
	const a, ee = 6378245.0, 0.00669342162296594323
	x, y := lon-105, lat-35
	dLat := -100 + 2*x + 3*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x)) +
		(20*math.Sin(6*x*math.Pi)+20*math.Sin(2*x*math.Pi))*2/3 +
		(20*math.Sin(y*math.Pi)+40*math.Sin(y/3*math.Pi))*2/3 +
		(160*math.Sin(y/12*math.Pi)+320*math.Sin(y*math.Pi/30))*2/3
	dLon := 300 + x + 2*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x)) +
		(20*math.Sin(6*x*math.Pi)+20*math.Sin(2*x*math.Pi))*2/3 +
		(20*math.Sin(x*math.Pi)+40*math.Sin(x/3*math.Pi))*2/3 +
		(150*math.Sin(x/12*math.Pi)+300*math.Sin(x/30*math.Pi))*2/3
	radLat := lat / 180 * math.Pi
	magic := 1 - ee*math.Sin(radLat)*math.Sin(radLat)
	sqrtMagic := math.Sqrt(magic)
	dLat = dLat * 180 / ((a * (1 - ee)) / (magic * sqrtMagic) * math.Pi)
	dLon = dLon * 180 / (a / sqrtMagic * math.Cos(radLat) * math.Pi)
	return lon + dLon, lat + dLat
}

// bdForward converts GCJ-02 (lon, lat) to BD-09 with Baidu's published formula.
func bdForward(lon, lat float64) (float64, float64) {
	const xPi = math.Pi * 3000 / 180
	z := math.Sqrt(lon*lon+lat*lat) + 0.00002*math.Sin(lat*xPi)
	theta := math.Atan2(lat, lon) + 0.000003*math.Cos(lon*xPi)
	return z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006
}

// convertStationsCSV rewrites the lon and lat columns (4th and 5th) of a stations CSV.
func convertStationsCSV(tb testing.TB, src []byte, conv func(lon, lat float64) (float64, float64)) []byte {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, row := range rows[1:] {
		lon, err1 := strconv.ParseFloat(row[3], 64)
		lat, err2 := strconv.ParseFloat(row[4], 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("bad coordinates in %v", row)
		}
		lon, lat = conv(lon, lat)
		row[3], row[4] = strconv.FormatFloat(lon, 'f', 8, 64), strconv.FormatFloat(lat, 'f', 8, 64)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// gbkStations is the GBK fixture's text: Chinese headers, CRLF line ends, as Excel saves
// "CSV (逗号分隔)" on a Chinese Windows.
const gbkStations = "编号,站点名称,级别,经度,纬度,所属社区代码,地址,建筑面积（平方米）,人员\r\n" +
	"G1,亳州路街道党群服务中心,街道,117.2853,31.8805,340103001,亳州路1号,1200,12\r\n" +
	"G2,水西门社区党群服务站,社区,117.2661,31.8669,340103001001,水西门街3号,320,5\r\n" +
	"G3,琥珀山庄小区党群服务站,小区,117.2580,31.8902,340103001002,琥珀山庄,60,2\r\n"

// bomStations is the BOM fixture's text (after the byte order mark).
const bomStations = "id,name,level,lon,lat\r\n" +
	"B1,双岗街道党群服务中心,街道,117.2745,31.8820\r\n" +
	"B2,庐阳区党群服务中心,区级,117.2650,31.8640\r\n"

// xlsxStations are the rows of the workbook's first sheet "站点" (row 3 is left blank).
var xlsxStations = [][]any{
	{"编号", "名称", "级别", "经度", "纬度", "所属社区代码", "建筑面积（㎡）", "人员"},
	{"X1", "亳州路街道党群服务中心", "街道", 117.2853, 31.8805, 340103001, 1200, 12},
	nil,
	{"X2", "水西门社区党群服务站", "社区", 117.2661, 31.8669, 340103001001, 320.5, 5},
	{"X3", "城隍庙商圈党群服务站", "商圈", 117.2900, 31.8700, 340103001003, "1,500", 4},
}

// xlsxOutlets are the rows of the workbook's second sheet "网点".
var xlsxOutlets = [][]any{
	{"网点名称", "类别", "lng", "lat"},
	{"百大超市", "超市", 117.2801, 31.8702},
	{"益丰药房", "pharmacy", 117.2821, 31.8722},
}

func makeXLSX(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "站点"); err != nil {
		tb.Fatal(err)
	}
	if _, err := f.NewSheet("网点"); err != nil {
		tb.Fatal(err)
	}
	for sheet, rows := range map[string][][]any{"站点": xlsxStations, "网点": xlsxOutlets} {
		for i, row := range rows {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sheet, cell, &row); err != nil {
				tb.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// garbage is deterministic binary noise with NUL bytes.
func garbage() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 512)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	b[3] = 0
	return b
}

// fuzzSeed writes one seed in the format of Go's fuzzing corpus.
func fuzzSeed(b []byte) []byte {
	return []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(b))))
}

// textFixtures returns the generated fixtures whose bytes are stable, by path.
func textFixtures(tb testing.TB) map[string][]byte {
	tb.Helper()
	wgs, err := os.ReadFile(filepath.Join("testdata", "stations-wgs84.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(gbkStations)
	if err != nil {
		tb.Fatal(err)
	}
	communities, err := os.ReadFile(filepath.Join("testdata", "communities.geojson"))
	if err != nil {
		tb.Fatal(err)
	}
	return map[string][]byte{
		"stations-gcj02.csv": convertStationsCSV(tb, wgs, gcjForward),
		"stations-bd09.csv": convertStationsCSV(tb, wgs, func(lon, lat float64) (float64, float64) {
			return bdForward(gcjForward(lon, lat))
		}),
		"stations-gbk.csv":                         []byte(gbk),
		"stations-bom.csv":                         []byte("\xef\xbb\xbf" + bomStations),
		"bad/garbage.csv":                          garbage(),
		"fuzz/FuzzReadCSV/stations":                fuzzSeed(wgs),
		"fuzz/FuzzReadCSV/gbk":                     fuzzSeed([]byte(gbk)),
		"fuzz/FuzzReadCSV/quotes":                  fuzzSeed([]byte("id,name,level,lon,lat\n\"S1\",\"a \"\"b\"\"\",街道,117.1,31.8\nS2,x\"y,社区,1,2\n")),
		"fuzz/FuzzReadCSV/wkt":                     fuzzSeed([]byte("code,wkt\n340103001001,\"POLYGON((1 1,2 1,2 2,1 1))\"\n")),
		"fuzz/FuzzReadGeoJSON/communities":         fuzzSeed(communities),
		"fuzz/FuzzReadGeoJSON/truncated":           fuzzSeed([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[117.1`)),
		"fuzz/FuzzReadGeoJSON/point":               fuzzSeed([]byte(`{"type":"Feature","id":7,"properties":{"level":"社区","category":"超市"},"geometry":{"type":"Point","coordinates":[117.1,31.8]}}`)),
		"fuzz/FuzzReadGeoJSON/bowtie-multipolygon": fuzzSeed([]byte(`{"type":"Feature","properties":{"code":"340103001001"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,1],[1,0],[0,1],[0,0]]]]}}`)),
	}
}

func TestGeneratedFixtures(t *testing.T) {
	fixtures := textFixtures(t)
	if *update {
		xlsx := makeXLSX(t)
		fixtures["stations.xlsx"] = xlsx
		fixtures["bad/workbook.csv"] = xlsx
		fixtures["fuzz/FuzzReadXLSX/stations"] = fuzzSeed(xlsx)
		fixtures["fuzz/FuzzReadXLSX/not-a-zip"] = fuzzSeed([]byte("PK\x03\x04 not really"))
		for path, b := range fixtures {
			full := filepath.Join("testdata", filepath.FromSlash(path))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for path, want := range fixtures {
		t.Run(strings.ReplaceAll(path, "/", "_"), func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(path)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("testdata/%s is missing or stale (err %v): run go test ./importers -run TestGeneratedFixtures -update", path, err)
			}
		})
	}
}

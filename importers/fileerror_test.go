package importers_test

import (
	"path/filepath"

	"golang.org/x/text/encoding/unicode"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
)

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name, file string
		kind       importers.Kind
		opts       importers.Options
		want       []string // parts of the message
	}{
		{"empty file", "bad/empty.csv", importers.KindStations, importers.Options{}, []string{"empty.csv", "the file is empty"}},
		{"header only", "bad/stations-header-only.csv", importers.KindStations, importers.Options{}, []string{"stations-header-only.csv", "no records"}},
		{"wrong file type: text named .xlsx", "bad/wrong-type.xlsx", importers.KindStations, importers.Options{}, []string{"wrong-type.xlsx", "not an XLSX file", "text"}},
		{"wrong file type: PDF", "bad/stations.pdf", importers.KindStations, importers.Options{}, []string{"stations.pdf", "unsupported file type", "PDF"}},
		{"truncated JSON (162 bytes)", "bad/truncated.geojson", importers.KindCommunities, importers.Options{}, []string{"truncated.geojson", "truncated JSON", "ends at byte 162"}},
		{"binary garbage", "bad/garbage.csv", importers.KindStations, importers.Options{}, []string{"garbage.csv", "not a CSV file: looks like binary data"}},
		{"workbook named .csv", "bad/workbook.csv", importers.KindStations, importers.Options{}, []string{"workbook.csv", "not a CSV file: looks like binary data", "XLSX"}},
		{"bare geometry", "bad/bare-geometry.geojson", importers.KindCommunities, importers.Options{}, []string{"bare-geometry.geojson", "bare Polygon geometry", "Feature"}},
		{"missing required column", "bad/stations-missing-column.csv", importers.KindStations, importers.Options{}, []string{"stations-missing-column.csv", `missing required column for stations "lat"`, "纬度", "id, name, level, lon"}},
		{"mapped column absent", "stations-wgs84.csv", importers.KindStations, importers.Options{Fields: map[string]string{"level": "站点级别"}}, []string{"stations-wgs84.csv", `column "站点级别"`, "level"}},
		{"unknown mapped field", "stations-wgs84.csv", importers.KindStations, importers.Options{Fields: map[string]string{"colour": "x"}}, []string{`unknown field "colour"`}},
		{"outlets without categories", "outlets.csv", importers.KindOutlets, importers.Options{}, []string{"category list"}},
		{"unknown kind", "outlets.csv", importers.Kind("shops"), importers.Options{}, []string{`unknown kind of file "shops"`}},
		{"unknown encoding", "outlets.csv", importers.KindStations, importers.Options{Encoding: "latin1"}, []string{`unknown encoding "latin1"`}},
		{"projected CRS for a CSV", "stations-wgs84.csv", importers.KindStations, importers.Options{CRS: crs.EPSG(4544)}, []string{"stations-wgs84.csv", "EPSG:4544", "GIS file"}},
		{"Beijing 1954 lon/lat for an XLSX", "stations.xlsx", importers.KindStations, importers.Options{CRS: crs.EPSG(4214)}, []string{"stations.xlsx", "EPSG:4214", "xlsx table", "GIS file"}},
		{"points read as communities", "outlets.csv", importers.KindCommunities, importers.Options{}, []string{"outlets.csv", "communities", "code", "名称, 业态, 经度, 纬度"}},
		{"polygons read as stations", "communities.geojson", importers.KindStations, importers.Options{}, []string{"communities.geojson", "every feature is a", "Point"}},
		{"missing sheet", "stations.xlsx", importers.KindStations, importers.Options{Sheet: "nope"}, []string{"stations.xlsx", `no sheet "nope"`}},
		{"sheet without the columns", "stations.xlsx", importers.KindOutlets, importers.Options{Categories: testCategories(t)}, []string{"stations.xlsx", `missing required column for outlets "category"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := importers.ReadFile(t.Context(), tc.kind, filepath.Join("testdata", tc.file), tc.opts)
			if err == nil {
				t.Fatalf("no error; result %+v", res)
			}
			requireInvalid(t, err, tc.want...)
		})
	}
}

func TestReadFromReader(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"whitespace only", "a.csv", " \r\n\t\n", []string{"a.csv", "empty"}},
		{"JSON array", "a.geojson", `[1, 2]`, []string{"a.geojson", "not GeoJSON", "array"}},
		{"empty FeatureCollection", "a.geojson", `{"type":"FeatureCollection","features":[]}`, []string{"a.geojson", "no features"}},
		{"no type", "a.json", `{"features":[]}`, []string{"a.json", `no "type"`}},
		{"malformed JSON", "a.geojson", `{"type": "Feature", "properties": {,}}`, []string{"a.geojson", "malformed JSON at byte"}},
		{"old xls", "a.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", []string{"a.xls", ".xls"}},
		{"geojson that is text", "a.geojson", "id,name\n1,2\n", []string{"a.geojson", "not a GeoJSON file"}},
		{"damaged xlsx", "a.xlsx", "PK\x03\x04garbage", []string{"a.xlsx", "unreadable XLSX"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readString(t, importers.KindCommunities, tc.file, tc.content, importers.Options{})
			requireInvalid(t, err, tc.want...)
		})
	}
}

// TestFormatByContent checks that a name without a known extension (an upload) is read
// by its content.
func TestFormatByContent(t *testing.T) {
	tests := []struct {
		name, file, content, format string
	}{
		{"csv", "upload", "code,name\n340103001001,水西门社区居委会\n", "csv"},
		{"geojson", "upload", `{"type":"Feature","properties":{"code":"340103001001"},"geometry":null}`, "geojson"},
		{"semicolons", "a.txt", "code;name\n340103001001;水西门社区居委会\n", "csv"},
		{"tabs", "a.tsv", "code\tname\n340103001001\t水西门社区居委会\n", "csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readOK(t, importers.KindCommunities, tc.file, tc.content, importers.Options{})
			noRejects(t, res)
			if res.Format != tc.format || len(res.Communities) != 1 || res.Communities[0].Code != "340103001001" {
				t.Errorf("format %q communities %+v", res.Format, res.Communities)
			}
			if tc.format == "csv" && res.Communities[0].Name != "水西门社区居委会" {
				t.Errorf("name %q", res.Communities[0].Name)
			}
		})
	}
	t.Run("utf-16 text as Excel saves Unicode text", func(t *testing.T) {
		enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
		text, err := enc.String("社区代码\t社区名称\r\n340103001001\t水西门社区居委会\r\n")
		if err != nil {
			t.Fatal(err)
		}
		res := readOK(t, importers.KindCommunities, "u.txt", text, importers.Options{})
		noRejects(t, res)
		if res.Encoding != "utf-16" || len(res.Communities) != 1 || res.Communities[0].Name != "水西门社区居委会" {
			t.Errorf("encoding %q communities %+v", res.Encoding, res.Communities)
		}
	})
	t.Run("unknown extension with binary content", func(t *testing.T) {
		_, err := readString(t, importers.KindCommunities, "a.bin", "\x00\x01\x02", importers.Options{})
		requireInvalid(t, err, "a.bin", "unsupported file type")
	})
	t.Run("unknown extension with text", func(t *testing.T) {
		_, err := readString(t, importers.KindCommunities, "a.dat", "code\n340103001001\n", importers.Options{})
		requireInvalid(t, err, "a.dat", `unsupported file type ".dat"`)
	})
}

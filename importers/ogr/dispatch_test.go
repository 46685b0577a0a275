package ogr_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/importers/ogr"
)

func TestHandles(t *testing.T) {
	cases := map[string]bool{
		"a.shp": true, "A.SHP": true, "a.zip": true, "a.gdb.zip": true, "a.gdb": true, "a.gdb/": true, "a.gpkg": true,
		"a.kml": true, "a.kmz": true, "a.geojson": false, "a.json": false, "a.csv": false, "a.xlsx": false, "a.dbf": false,
	}
	for name, want := range cases {
		if got := ogr.Handles(name); got != want {
			t.Errorf("Handles(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLegacyCRS(t *testing.T) {
	cases := []struct {
		name, text, crs string
		ok              bool
	}{
		{"UTM by URN", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32650"}},"features":[]}`, "urn:ogc:def:crs:EPSG::32650", true},
		{"EPSG by code", `{"type":"FeatureCollection","crs":{"type":"EPSG","properties":{"code":4544}},"features":[]}`, "EPSG:4544", true},
		{"a name GDAL may know", `{"crs":{"type":"name","properties":{"name":"EPSG:2383"}}}`, "EPSG:2383", true},
		{"CRS84", `{"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}}`, "", false},
		{"EPSG:4326", `{"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4326"}}}`, "", false},
		{"no crs", `{"type":"FeatureCollection","features":[]}`, "", false},
		{"not JSON", `{"type":`, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ogr.LegacyCRS([]byte(tc.text))
			if got != tc.crs || ok != tc.ok {
				t.Errorf("LegacyCRS = %q, %v; want %q, %v", got, ok, tc.crs, tc.ok)
			}
		})
	}
}

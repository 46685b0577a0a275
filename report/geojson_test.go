package report_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func readFeatures(tb testing.TB, path string) *geojson.FeatureCollection {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		tb.Fatalf("%s does not parse as GeoJSON: %v", filepath.Base(path), err)
	}
	golden(tb, filepath.Base(path), b)
	return fc
}

func TestGeoJSON(t *testing.T) {
	in := fixtureInput(t, report.LangZH)
	paths, err := report.GeoJSON(t.TempDir(), in)
	if err != nil {
		t.Fatal(err)
	}
	layers := map[string]*geojson.FeatureCollection{}
	for _, p := range paths {
		layers[filepath.Base(p)] = readFeatures(t, p)
	}
	cases := []struct {
		file     string
		features int
		geometry string
	}{
		{report.StationsGeoJSON, fixtureStations, "Point"},
		{report.CommunitiesGeoJSON, 3, "MultiPolygon"},
		{report.GapsGeoJSON, len(in.Gaps), "MultiPolygon"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			fc := layers[tc.file]
			if fc == nil {
				t.Fatalf("%s was not written (wrote %v)", tc.file, paths)
			}
			if len(fc.Features) != tc.features {
				t.Errorf("%d features, want %d", len(fc.Features), tc.features)
			}
			for i, f := range fc.Features {
				if f.Geometry.GeoJSONType() != tc.geometry {
					t.Errorf("feature %d is a %s, want %s", i, f.Geometry.GeoJSONType(), tc.geometry)
				}
				if b := f.Geometry.Bound(); b.Min[0] < 103.9 || b.Max[0] > 104.1 || b.Min[1] < 29.9 || b.Max[1] > 30.1 {
					t.Errorf("feature %d lies at %v, not around (104, 30) in WGS84 (lon, lat)", i, b)
				}
			}
		})
	}
	checkStations(t, layers[report.StationsGeoJSON])
	checkFarCommunity(t, layers[report.CommunitiesGeoJSON])
}

// checkStations compares each station feature with the station it came from.
func checkStations(t *testing.T, fc *geojson.FeatureCollection) {
	t.Helper()
	want := fixtureData().Stations
	for i, f := range fc.Features {
		if i >= len(want) {
			break
		}
		p, _ := f.Geometry.(orb.Point)
		if math.Abs(p[0]-want[i].Point[0]) > 1e-7 || math.Abs(p[1]-want[i].Point[1]) > 1e-7 {
			t.Errorf("station %s at %v, want %v", want[i].ID, p, want[i].Point)
		}
		if f.Properties.MustString("id") != want[i].ID || f.Properties.MustString("level") != string(want[i].Level) {
			t.Errorf("station feature %d has properties %v, want %s (%s)", i, f.Properties, want[i].ID, want[i].Level)
		}
	}
}

// checkFarCommunity checks that the off-network community C3 has nobody within reach.
func checkFarCommunity(t *testing.T, fc *geojson.FeatureCollection) {
	t.Helper()
	for _, f := range fc.Features {
		if f.Properties.MustString("code") != codeC3 {
			continue
		}
		for _, key := range []string{"share_within_5", "share_within_10", "share_within_15"} {
			if v := f.Properties.MustFloat64(key, -1); v != 0 {
				t.Errorf("C3 %s = %v, want 0: all its cells are off the walk network", key, v)
			}
		}
		return
	}
	t.Errorf("no feature for community %s", codeC3)
}

func TestGeoJSONUnwritableDir(t *testing.T) {
	in := fixtureInput(t, report.LangZH)
	_, err := report.GeoJSON(filepath.Join(t.TempDir(), "missing"), in)
	if err == nil || !strings.Contains(err.Error(), report.StationsGeoJSON) {
		t.Errorf("GeoJSON into a missing directory = %v, want an error naming the file", err)
	}
}

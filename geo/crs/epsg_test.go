package crs_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
)

func TestParseRef(t *testing.T) {
	cases := []struct {
		in   string
		want crs.Ref
		str  string
	}{
		{"", crs.Ref{}, ""},
		{"wgs84", crs.RefWGS84, "EPSG:4326"},
		{"EPSG:4326", crs.RefWGS84, "EPSG:4326"},
		{"4326", crs.RefWGS84, "EPSG:4326"},
		{"CRS84", crs.RefWGS84, "EPSG:4326"},
		{"urn:ogc:def:crs:OGC:1.3:CRS84", crs.RefWGS84, "EPSG:4326"},
		{"gcj02", crs.Ref{Offset: crs.GCJ02}, "gcj02"},
		{"Gaode", crs.Ref{Offset: crs.GCJ02}, "gcj02"},
		{"bd09", crs.Ref{Offset: crs.BD09}, "bd09"},
		{"cgcs2000", crs.Ref{EPSG: 4490}, "EPSG:4490"},
		{"CGCS-2000", crs.Ref{EPSG: 4490}, "EPSG:4490"},
		{"beijing54", crs.Ref{EPSG: 4214}, "EPSG:4214"},
		{"xian80", crs.Ref{EPSG: 4610}, "EPSG:4610"},
		{"EPSG:4544", crs.Ref{EPSG: 4544}, "EPSG:4544"},
		{"epsg:32650", crs.Ref{EPSG: 32650}, "EPSG:32650"},
		{" EPSG:3857 ", crs.Ref{EPSG: 3857}, "EPSG:3857"},
		{"urn:ogc:def:crs:EPSG::32650", crs.Ref{EPSG: 32650}, "EPSG:32650"},
		{"urn:ogc:def:crs:EPSG:9.8.1:4490", crs.Ref{EPSG: 4490}, "EPSG:4490"},
		{"urn:ogc:def:crs:EPSG::4326", crs.RefWGS84, "EPSG:4326"},
		{"2383", crs.Ref{EPSG: 2383}, "EPSG:2383"},
	}
	for _, tc := range cases {
		t.Run("accept "+tc.in, func(t *testing.T) {
			got, err := crs.ParseRef(tc.in)
			if err != nil {
				t.Fatalf("ParseRef(%q): %v", tc.in, err)
			}
			if got != tc.want || got.String() != tc.str {
				t.Errorf("ParseRef(%q) = %+v (%q), want %+v (%q)", tc.in, got, got, tc.want, tc.str)
			}
		})
	}
	checkRejected(t, "ParseRef", crs.ParseRef, []string{"utm", "EPSG:", "EPSG:abc", "EPSG:-5", "epsg:+5", "urn:ogc:def:crs:EPSG:4326", "bd09mc", "北京54"},
		[]string{"gcj02", "cgcs2000", "EPSG:N"})
}

func TestRefLonLat(t *testing.T) {
	cases := []struct {
		in   string
		want crs.System
		ok   bool
	}{
		{"wgs84", crs.WGS84, true},
		{"gcj02", crs.GCJ02, true},
		{"bd09", crs.BD09, true},
		{"cgcs2000", crs.WGS84, true},
		{"EPSG:4544", "", false},
		{"xian80", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			r, err := crs.ParseRef(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			sys, ok := r.LonLat()
			if sys != tc.want || ok != tc.ok {
				t.Errorf("LonLat() = %q, %v; want %q, %v", sys, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestDatumShift(t *testing.T) {
	cases := []struct {
		ref      crs.Ref
		warn     bool
		mentions []string
	}{
		{crs.EPSG(4214), true, []string{"EPSG:4214", "Beijing 1954", "Ballpark", "unknown accuracy", "110 m"}},
		{crs.EPSG(2433), true, []string{"EPSG:2433", "Beijing 1954 / 3-degree Gauss-Kruger CM 108E", "Ballpark"}},
		{crs.EPSG(21480), true, []string{"Beijing 1954"}},
		{crs.EPSG(4610), true, []string{"Xian 1980", "projinfo -s EPSG:4610 -t EPSG:4326", "100 m"}},
		{crs.EPSG(2383), true, []string{"Xian 1980 / 3-degree Gauss-Kruger CM 114E"}},
		{crs.EPSG(4573), true, []string{"New Beijing"}},
		{crs.EPSG(4544), false, []string{"CGCS2000", "under a metre"}},
		{crs.EPSG(4490), false, []string{"CGCS2000"}},
		{crs.RefWGS84, false, nil},
		{crs.EPSG(32648), false, nil},
		{crs.Ref{Offset: crs.GCJ02}, false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.ref.String(), func(t *testing.T) {
			s := tc.ref.DatumShift()
			if s.Warn() != tc.warn {
				t.Errorf("Warn() = %v, want %v (%+v)", s.Warn(), tc.warn, s)
			}
			if tc.mentions == nil && s.Text != "" {
				t.Errorf("unexpected text %q", s.Text)
			}
			for _, w := range tc.mentions {
				if !strings.Contains(s.Text, w) {
					t.Errorf("text %q does not mention %q", s.Text, w)
				}
			}
		})
	}
}

func TestDatumFromName(t *testing.T) {
	cases := []struct {
		text string
		want crs.Datum
	}{
		{`PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980"`, crs.DatumXian80},
		{`PROJCS["Beijing_1954_3_Degree_GK_CM_117E",GEOGCS["GCS_Beijing_1954"`, crs.DatumBeijing54},
		{`PROJCRS["New Beijing / Gauss-Kruger zone 20",BASEGEOGCRS["New Beijing"`, crs.DatumNewBeijing},
		{`PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000"`, crs.DatumCGCS2000},
		{`GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"`, crs.DatumWGS84},
		{`PROJCS["Local grid",UNIT["Meter",1]]`, crs.DatumUnknown},
	}
	for _, tc := range cases {
		t.Run(string(tc.want), func(t *testing.T) {
			if got := crs.DatumFromName(tc.text); got != tc.want {
				t.Errorf("DatumFromName = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGaussKruger3(t *testing.T) {
	cases := []struct {
		lon  float64
		code int
		ok   bool
	}{
		{104.07, 4544, true}, {103.49, 4543, true}, {103.51, 4544, true}, {114.3, 4547, true},
		{75, 4534, true}, {73.6, 4534, true}, {135, 4554, true}, {73.4, 0, false}, {136.6, 0, false},
	}
	for _, tc := range cases {
		code, ok := crs.GaussKruger3(tc.lon)
		if code != tc.code || ok != tc.ok {
			t.Errorf("GaussKruger3(%v) = %d, %v; want %d, %v", tc.lon, code, ok, tc.code, tc.ok)
		}
	}
}

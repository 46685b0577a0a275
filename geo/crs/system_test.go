package crs_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want crs.System
	}{
		{"", crs.WGS84},
		{"wgs84", crs.WGS84},
		{"WGS84", crs.WGS84},
		{"EPSG:4326", crs.WGS84},
		{"4326", crs.WGS84},
		{" wgs84 ", crs.WGS84},
		{"gcj02", crs.GCJ02},
		{"GCJ-02", crs.GCJ02},
		{"amap", crs.GCJ02},
		{"Gaode", crs.GCJ02},
		{"tencent", crs.GCJ02},
		{"bd09", crs.BD09},
		{"BD-09", crs.BD09},
		{"Baidu", crs.BD09},
	}
	for _, tc := range cases {
		t.Run("accept "+tc.in, func(t *testing.T) {
			got, err := crs.Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if got != tc.want || !got.Valid() {
				t.Errorf("Parse(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	for _, in := range []string{"utm", "epsg:3857", "bd09mc", "gcj", "wgs 84", "百度"} {
		t.Run("reject "+in, func(t *testing.T) {
			got, err := crs.Parse(in)
			if err == nil {
				t.Fatalf("Parse(%q) = %q, want an error", in, got)
			}
			if code := geo.ErrorCodeOf(err); code != geo.EINVALID {
				t.Errorf("Parse(%q) error code %q, want %q", in, code, geo.EINVALID)
			}
			for _, name := range []string{in, "wgs84", "gcj02", "bd09", "baidu", "amap"} {
				if !strings.Contains(err.Error(), name) {
					t.Errorf("Parse(%q) error %q does not mention %q", in, err, name)
				}
			}
		})
	}
}

func TestSystemValid(t *testing.T) {
	cases := []struct {
		sys  crs.System
		want bool
	}{
		{crs.WGS84, true}, {crs.GCJ02, true}, {crs.BD09, true}, {"", false}, {"baidu", false},
	}
	for _, tc := range cases {
		t.Run(string(tc.sys), func(t *testing.T) {
			if got := tc.sys.Valid(); got != tc.want {
				t.Errorf("System(%q).Valid() = %v, want %v", tc.sys, got, tc.want)
			}
		})
	}
}

package geo_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

func TestParseRegion(t *testing.T) {
	tests := []struct {
		name, in string
		want     geo.Region // "": EINVALID
	}{
		{"empty is the default region", "", geo.DefaultRegion},
		{"blank is the default region", "  ", geo.DefaultRegion},
		{"division code", "510104", "510104"},
		{"division code with spaces", " 510104 ", "510104"},
		{"study-area name", "chengdu-central_2", "chengdu-central_2"},
		{"Chinese name", "成华区试点", "成华区试点"},
		{"five digits", "51010", ""},
		{"seven digits", "5101041", ""},
		{"a dash alone", "-", ""},
		{"starts with an underscore", "_a", ""},
		{"space inside", "a b", ""},
		{"colon (halo ids use it)", "a:b", ""},
		{"too long", "a234567890123456789012345678901234567890123456789012345678901234x", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := geo.ParseRegion(tc.in)
			if tc.want == "" {
				if geo.ErrorCodeOf(err) != geo.EINVALID {
					t.Fatalf("ParseRegion(%q) = %q, %v; want EINVALID", tc.in, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseRegion(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

package standards_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/standards"
)

func ptr(v float64) *float64 { return &v }

func TestRatioAssess(t *testing.T) {
	band := standards.Ratio{Min: ptr(10), Max: ptr(20), WarnBelow: ptr(12), WarnAbove: ptr(18)}
	cases := []struct {
		name string
		r    standards.Ratio
		v    float64
		want standards.Verdict
	}{
		{"below min", band, 9.99, standards.VerdictFail},
		{"at min, below warn", band, 10, standards.VerdictWarn},
		{"inside", band, 15, standards.VerdictOK},
		{"at warn_below", band, 12, standards.VerdictOK},
		{"at warn_above", band, 18, standards.VerdictOK},
		{"above warn", band, 19, standards.VerdictWarn},
		{"at max, above warn", band, 20, standards.VerdictWarn},
		{"above max", band, 20.01, standards.VerdictFail},
		{"min only, far above", standards.Ratio{Min: ptr(30)}, 1e9, standards.VerdictOK},
		{"warn only", standards.Ratio{WarnAbove: ptr(300)}, 301, standards.VerdictWarn},
		{"no bounds", standards.Ratio{}, -5, standards.VerdictOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.Assess(tc.v); got != tc.want {
				t.Errorf("Assess(%g) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
}

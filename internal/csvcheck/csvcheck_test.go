package csvcheck_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/internal/csvcheck"
)

func TestFormulaLike(t *testing.T) {
	cases := []struct {
		cell string
		want bool
	}{
		{"", false}, {"锦江区", false}, {"12.5", false}, {"-3.5", false}, {"-1e-3", false},
		{"=HYPERLINK(\"x\")", true}, {"+cmd|' /C calc'!A0", true}, {"@SUM(A1)", true},
		{"-2+3", true}, {"\t=1", true}, {"\r=1", true}, {"'=1", false},
	}
	for _, tc := range cases {
		if got := csvcheck.FormulaLike(tc.cell); got != tc.want {
			t.Errorf("FormulaLike(%q) = %v, want %v", tc.cell, got, tc.want)
		}
	}
}

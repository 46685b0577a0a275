package api

import (
	"math"
	"testing"
)

func TestReadableNum(t *testing.T) {
	tests := []struct {
		name string
		kind colKind
		in   float64
		want string
	}{
		{"persons round up", colPersons, 3999.902, "4000"},
		{"persons round half away", colPersons, 2.5, "3"},
		{"persons tiny negative is 0", colPersons, -0.2, "0"},
		{"minutes to 0.1", colMinutes, 9.7549, "9.8"},
		{"whole minutes keep .0", colMinutes, 8, "8.0"},
		{"share as percent", colShare, 0.666650333548377, "66.7"},
		{"full share", colShare, 1, "100.0"},
		{"area whole m²", colArea, 361544.49, "361544"},
		{"coordinates exact", colExact, 104.0612345678, "104.0612345678"},
		{"NaN empty", colMinutes, math.NaN(), ""},
		{"Inf empty", colPersons, math.Inf(1), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := readableNum(tc.kind, tc.in); got != tc.want {
				t.Errorf("readableNum(%v, %v) = %q, want %q", tc.kind, tc.in, got, tc.want)
			}
		})
	}
}

func TestCSVTableLanguages(t *testing.T) {
	cols := []csvCol{{"name", "名称", colText}, {"population", "常住人口（人）", colPersons}, {"on", "在路网上", colBool}}
	en := newCSVTable(langEN, cols)
	en.add("东社区", 4000.000000000001, true)
	zh := newCSVTable(langZH, cols)
	zh.add("东社区", 4000.000000000001, true)
	if got := en.rows[0][1] + "," + en.rows[1][1] + "," + en.rows[1][2]; got != "population,4000.000000000001,true" {
		t.Errorf("English: %q", got)
	}
	if got := zh.rows[0][1] + "," + zh.rows[1][1] + "," + zh.rows[1][2]; got != "常住人口（人）,4000,是" {
		t.Errorf("Chinese: %q", got)
	}
}

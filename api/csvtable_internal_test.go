package api

import (
	"math"
	"testing"
)

func TestReadableNum(t *testing.T) {
	checkCases(t, []wantCase{
		{"persons round up", readableNum(colPersons, 3999.902), "4000"},
		{"persons round half away", readableNum(colPersons, 2.5), "3"},
		{"persons tiny negative is 0", readableNum(colPersons, -0.2), "0"},
		{"minutes to 0.1", readableNum(colMinutes, 9.7549), "9.8"},
		{"whole minutes keep .0", readableNum(colMinutes, 8), "8.0"},
		{"share as percent", readableNum(colShare, 0.666650333548377), "66.7"},
		{"full share", readableNum(colShare, 1), "100.0"},
		{"area whole m²", readableNum(colArea, 361544.49), "361544"},
		{"coordinates exact", readableNum(colExact, 104.0612345678), "104.0612345678"},
		{"NaN empty", readableNum(colMinutes, math.NaN()), ""},
		{"Inf empty", readableNum(colPersons, math.Inf(1)), ""},
	})
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

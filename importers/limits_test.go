package importers_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
)

const stationsHeader = "id,name,level,lon,lat\n"

// TestLimits reads files over each limit, set small so that the files stay small.
func TestLimits(t *testing.T) {
	header := sheetRow(1, "id", "name", "level", "lon", "lat")
	tests := []struct {
		name, file string
		data       []byte
		limits     importers.Limits
		want       []string
	}{
		{"file over MaxFileBytes", "s.csv", []byte(stationsHeader + strings.Repeat("a,b,street,117.28,31.88\n", 100)),
			importers.Limits{MaxFileBytes: 1000}, []string{"s.csv", "the file is longer than 1000 B", "Limits.MaxFileBytes"}},
		{"CSV field over MaxFieldBytes", "s.csv", []byte(stationsHeader + "a,b,street,117.28,31.88\nb," + strings.Repeat("长", 600) + ",street,117.28,31.88\n"),
			importers.Limits{MaxFieldBytes: 1024}, []string{"s.csv line 3", "a field is longer than 1 KiB", "Limits.MaxFieldBytes"}},
		{"unterminated quote", "s.csv", []byte(stationsHeader + "a,\"b,street,117.28,31.88\n" + strings.Repeat("c,d,street,117.28,31.88\n", 100)),
			importers.Limits{MaxFieldBytes: 1024}, []string{"s.csv line 2", "never closed"}},
		{"workbook over MaxUnzippedBytes", "s.xlsx", rawXLSX(t, rawSheet{body: header + `<row r="2"><c r="A2"><v>`, filler: 2 << 20}),
			importers.Limits{MaxUnzippedBytes: 1 << 20}, []string{"s.xlsx", "unpacks to more than 1 MiB", "Limits.MaxUnzippedBytes"}},
		{"cell over MaxFieldBytes", "s.xlsx", rawXLSX(t, rawSheet{body: header + `<row r="2"><c r="A2"><v>`, filler: 2 << 20}),
			importers.Limits{MaxFieldBytes: 1 << 20}, []string{"s.xlsx", `one cell or XML token of sheet "Sheet1" (xl/worksheets/sheet1.xml) is longer than 1 MiB`, "Limits.MaxFieldBytes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importers.Read(t.Context(), importers.KindStations, tc.file, bytes.NewReader(tc.data), importers.Options{Limits: tc.limits})
			requireInvalid(t, err, tc.want...)
		})
	}
}

// TestWorkbookChecks reads workbooks that excelize would read wrong: damaged XML, entity
// declarations, shared strings out of range.
func TestWorkbookChecks(t *testing.T) {
	header := sheetRow(1, "id", "name", "level", "lon", "lat")
	laughs := `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`
	tests := []struct {
		name  string
		sheet rawSheet
		want  []string
	}{
		{"billion laughs", rawSheet{doctype: laughs, body: header + sheetRow(2, "a", "&lol1;", "street", "117.28", "31.88")},
			[]string{"s.xlsx", `sheet "Sheet1"`, "XML declaration", "billion laughs"}},
		{"malformed XML", rawSheet{body: header + `<row r="2"><c r="A2"><v>1</c></row>`},
			[]string{"s.xlsx", `sheet "Sheet1" (xl/worksheets/sheet1.xml) is malformed`, "damaged"}},
		{"shared string out of range", rawSheet{shared: []string{"a"}, body: header + `<row r="2"><c r="A2" t="s"><v>7</v></c></row>`},
			[]string{"s.xlsx", `sheet "Sheet1" (xl/worksheets/sheet1.xml) cell A2 points to shared string "7", but the table has 1 entries`}},
		{"shared string not a number", rawSheet{shared: []string{"a"}, body: header + `<row r="2"><c r="B2" t="s"><v>x</v></c></row>`},
			[]string{"s.xlsx", "cell B2", `shared string "x"`}},
		{"rows out of order", rawSheet{body: header + sheetRow(3, "a") + sheetRow(2, "b")},
			[]string{"s.xlsx", `row number "2" after row 3`, "damaged"}},
		{"cells out of order", rawSheet{body: header + `<row r="2"><c r="C2"><v>1</v></c><c r="A2"><v>2</v></c></row>`},
			[]string{"s.xlsx", `cell reference "A2" in row 2`}},
		{"cell beyond XFD", rawSheet{body: header + `<row r="2"><c r="XFE2"><v>1</v></c></row>`},
			[]string{"s.xlsx", `cell "XFE2" beyond column XFD`}},
		{"unclosed element", rawSheet{body: header + `<row r="2"><c r="A2"><v>1</v>`},
			[]string{"s.xlsx", "malformed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importers.Read(t.Context(), importers.KindStations, "s.xlsx", bytes.NewReader(rawXLSX(t, tc.sheet)), importers.Options{})
			requireInvalid(t, err, tc.want...)
		})
	}
	t.Run("a sound hand-written workbook reads", func(t *testing.T) {
		sheet := rawSheet{shared: []string{"S1"}, body: header + `<row r="2"><c r="A2" t="s"><v>0</v></c>` +
			`<c r="B2" t="inlineStr"><is><t>站</t></is></c><c r="C2" t="inlineStr"><is><t>street</t></is></c><c r="D2"><v>117.28</v></c><c r="E2"><v>31.88</v></c></row>`}
		res, err := importers.Read(t.Context(), importers.KindStations, "s.xlsx", bytes.NewReader(rawXLSX(t, sheet)), importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		noRejects(t, res)
		if len(res.Stations) != 1 || res.Stations[0].ID != "S1" || res.Stations[0].Level != geo.LevelStreet {
			t.Errorf("stations %+v", res.Stations)
		}
	})
}

// TestXLSXValues reads cell values the way spreadsheet programs write them.
func TestXLSXValues(t *testing.T) {
	header := sheetRow(1, "id", "name", "level", "lon", "lat")
	tests := []struct {
		name  string
		sheet rawSheet
		want  string // the station's name
		line  int    // its row
	}{
		{"inline string", rawSheet{body: header + sheetRow(2, "S1", "锦江站", "street", "104.08", "30.65")}, "锦江站", 2},
		{"rich text with a phonetic run", rawSheet{shared: []string{`</t></si><si><r><t>锦江</t></r><r><t>站</t></r><rPh><t>jinjiang</t></rPh><t>`},
			body: header + `<row r="5"><c r="A5" t="inlineStr"><is><t>S1</t></is></c><c r="B5" t="s"><v>1</v></c><c r="C5" t="inlineStr"><is><t>street</t></is></c><c r="D5"><v>104.08</v></c><c r="E5"><v>30.65</v></c></row>`},
			"锦江站", 5},
		{"escaped characters", rawSheet{body: header + sheetRow(2, "S1", "锦江_x005F_站", "street", "104.08", "30.65")}, "锦江_站", 2},
		{"cells without references", rawSheet{body: header + `<row><c t="inlineStr"><is><t>S1</t></is></c><c t="inlineStr"><is><t>站</t></is></c><c t="str"><v>street</v></c><c><v>104.08</v></c><c><v>30.65</v></c></row>`},
			"站", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := importers.Read(t.Context(), importers.KindStations, "s.xlsx", bytes.NewReader(rawXLSX(t, tc.sheet)), importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			noRejects(t, res)
			if len(res.Stations) != 1 || res.Stations[0].Name != tc.want || res.Records[0] != tc.line-1 {
				t.Errorf("stations %+v records %v, want one named %q at record %d", res.Stations, res.Records, tc.want, tc.line-1)
			}
		})
	}
}

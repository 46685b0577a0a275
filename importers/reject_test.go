package importers_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lifecircle/lifecircle/importers"
)

// wantReject is the reject a bad fixture must give.
type wantReject struct {
	record, line int
	field        string
	reason       string // substring
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name, file string
		kind       importers.Kind
		opts       importers.Options
		want       []wantReject
		good       int // records that still load
	}{
		{"missing coordinate", "bad/stations-missing-coordinate.csv", importers.KindStations, importers.Options{},
			[]wantReject{{2, 3, "lat", "missing coordinate"}}, 2},
		{"latitude out of range", "bad/stations-lat-range.csv", importers.KindStations, importers.Options{},
			[]wantReject{{13, 14, "lat", "latitude out of range [-90, 90]"}}, 13},
		{"lon and lat swapped", "bad/stations-swapped.csv", importers.KindStations, importers.Options{},
			[]wantReject{{4, 5, "经度/纬度", "longitude and latitude look swapped"}}, 4},
		{"outside China", "bad/stations-outside-china.csv", importers.KindStations, importers.Options{},
			[]wantReject{{6, 7, "lon/lat", "outside China, while the file's other points are inside"}}, 5},
		{"unknown level", "bad/stations-unknown-level.csv", importers.KindStations, importers.Options{},
			[]wantReject{{2, 3, "level", `unknown station level "省级"`}}, 1},
		{"unknown category", "bad/outlets-unknown-category.csv", importers.KindOutlets, importers.Options{Categories: testCategories(t)},
			[]wantReject{{3, 4, "业态", `unknown category "宠物店"`}}, 2},
		{"duplicate id", "bad/stations-duplicate-id.csv", importers.KindStations, importers.Options{},
			[]wantReject{{3, 4, "id", `duplicate id "S1": record 1 (line 2) has it too`}}, 2},
		{"unparseable number", "bad/communities-unparseable-number.csv", importers.KindCommunities, importers.Options{},
			[]wantReject{{2, 3, "households", "unparseable number"}}, 1},
		{"bad community codes", "bad/communities-bad-code.csv", importers.KindCommunities, importers.Options{},
			[]wantReject{
				{2, 3, "code", "community code must be the 12-digit division code"},
				{3, 4, "code", "scientific notation"},
				{4, 5, "code", `duplicate community code "340103001001": record 1 (line 2) has it too`},
				{5, 6, "code", "missing community code"},
			}, 1},
		{"self-intersecting polygon (GeoJSON)", "bad/communities-self-intersecting.geojson", importers.KindCommunities, importers.Options{},
			[]wantReject{{2, 0, "geometry", "self-intersecting polygon (use --repair to fix it with ST_MakeValid)"}}, 1},
		{"self-intersecting polygon (WKT)", "bad/compounds-self-intersecting.csv", importers.KindCompounds, importers.Options{},
			[]wantReject{{2, 3, "wkt", "self-intersecting polygon"}}, 1},
		{"ring with three points", "bad/compounds-short-ring.csv", importers.KindCompounds, importers.Options{},
			[]wantReject{{1, 2, "wkt", "polygon ring doesn't have enough points"}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readFixture(t, tc.kind, tc.file, tc.opts)
			checkRejects(t, res, tc.file, tc.want)
			if got := len(res.Stations) + len(res.Outlets) + len(res.Communities) + len(res.Compounds); got != tc.good {
				t.Errorf("%d records loaded, want %d", got, tc.good)
			}
		})
	}
}

// checkRejects compares res.Rejects with want, and checks that each names the file, the
// record, the line and the field in its text.
func checkRejects(tb testing.TB, res *importers.Result, file string, want []wantReject) {
	tb.Helper()
	if len(res.Rejects) != len(want) {
		tb.Fatalf("got %d rejects, want %d: %v", len(res.Rejects), len(want), res.Rejects)
	}
	base := file[strings.LastIndex(file, "/")+1:]
	for i, w := range want {
		r := res.Rejects[i]
		if r.File != base || r.Record != w.record || r.Line != w.line || r.Field != w.field || !strings.Contains(r.Reason, w.reason) {
			tb.Errorf("reject %d = %+v, want file %s record %d line %d field %q reason ~ %q", i, r, base, w.record, w.line, w.field, w.reason)
		}
		s := r.String()
		for _, part := range []string{base, `field "` + w.field + `"`} {
			if !strings.Contains(s, part) {
				tb.Errorf("reject text %q does not name %q", s, part)
			}
		}
	}
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name, file string
		kind       importers.Kind
	}{
		{"communities from GeoJSON", "bad/communities-self-intersecting.geojson", importers.KindCommunities},
		{"compounds from WKT", "bad/compounds-self-intersecting.csv", importers.KindCompounds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readFixture(t, tc.kind, tc.file, importers.Options{Repair: true})
			noRejects(t, res)
			if len(res.NeedsRepair) != 1 || res.NeedsRepair[0] != 1 {
				t.Fatalf("NeedsRepair = %v, want [1]", res.NeedsRepair)
			}
			if n := len(res.Communities) + len(res.Compounds); n != 2 {
				t.Errorf("%d polygons loaded, want 2", n)
			}
		})
	}
}

func TestRejectString(t *testing.T) {
	tests := []struct {
		name string
		r    importers.Reject
		want string
	}{
		{"csv", importers.Reject{File: "stations.csv", Record: 13, Line: 14, Field: "lat", Value: "91.2", Reason: "latitude out of range [-90, 90]"},
			`stations.csv line 14 (record 13): field "lat" = "91.2": latitude out of range [-90, 90]`},
		{"xlsx", importers.Reject{File: "stations.xlsx", Record: 2, Line: 4, Field: "经度", Reason: "missing coordinate (no longitude)"},
			`stations.xlsx row 4 (record 2): field "经度": missing coordinate (no longitude)`},
		{"geojson", importers.Reject{File: "c.geojson", Record: 3, Field: "geometry", Value: "near 1, 2", Reason: "self-intersecting polygon"},
			`c.geojson feature 3: field "geometry" = "near 1, 2": self-intersecting polygon`},
		{"no field", importers.Reject{File: "a.csv", Record: 5, Line: 7, Reason: "malformed CSV row"},
			`a.csv line 7 (record 5): malformed CSV row`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	t.Run("from a file", func(t *testing.T) {
		res := readFixture(t, importers.KindStations, "bad/stations-lat-range.csv", importers.Options{})
		res.Rejects[0].File = "stations.csv"
		want := `stations.csv line 14 (record 13): field "lat" = "91.2": latitude out of range [-90, 90]`
		if got := res.Rejects[0].String(); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}

func TestWriteRejects(t *testing.T) {
	rejects := []importers.Reject{
		{File: "网点.csv", Record: 3, Line: 4, Field: "业态", Value: "宠物店", Reason: `unknown category "宠物店"`},
		{File: "a.csv", Record: 1, Line: 2, Field: "name", Value: "=HYPERLINK(\"x\")", Reason: "r"},
		{File: "a.csv", Record: 2, Line: 3, Field: "lat", Value: "-91.5", Reason: "latitude out of range"},
	}
	var buf bytes.Buffer
	if err := importers.WriteRejects(&buf, rejects); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("report does not start with a UTF-8 byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"file", "record", "line", "field", "value", "reason"},
		{"网点.csv", "3", "4", "业态", "宠物店", `unknown category "宠物店"`},
		{"a.csv", "1", "2", "name", "'=HYPERLINK(\"x\")", "r"},
		{"a.csv", "2", "3", "lat", "-91.5", "latitude out of range"},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
}

// TestRejectInXLSX checks that a reject of a workbook names the sheet row, counting a
// blank row and the header.
func TestRejectInXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := map[string][]any{
		"A1": {"name", "level", "lon", "lat"},
		"A2": {"站1", "社区", 117.28, 31.86},
		"A4": {"站2", "社区", 117.29, "91.2"},
	}
	for cell, row := range rows {
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	res, err := importers.Read(t.Context(), importers.KindStations, "站点.xlsx", buf, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkRejects(t, res, "站点.xlsx", []wantReject{{3, 4, "lat", "latitude out of range"}})
	if want := `站点.xlsx row 4 (record 3): field "lat" = "91.2": latitude out of range [-90, 90]`; res.Rejects[0].String() != want {
		t.Errorf("got  %s\nwant %s", res.Rejects[0], want)
	}
}

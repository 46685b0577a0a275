package report_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/internal/csvcheck"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/report"
)

// readCSV reads a CSV file the report wrote, checking and dropping its UTF-8 BOM.
func readCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		tb.Fatalf("%s does not start with the UTF-8 byte-order mark", filepath.Base(path))
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return rows
}

func TestCSV(t *testing.T) {
	cases := []struct {
		lang    string
		headers map[string]string // file → header row, written by hand
		yes     string
	}{
		{report.LangZH, map[string]string{
			report.StreetsCSV:   "街道代码,街道名称,有街道中心,街道中心编号,区级中心数,街道中心数,社区站数,小区站数,楼宇站数,社区数,有站社区数,常住人口,15分钟内人口,15分钟内比例(%)",
			report.CoverageCSV:  "社区代码,社区名称,设施类型,设施代码,设施名称,设施数量,H3 单元数,路网外 H3 单元数,常住人口,5分钟内人口比例(%),10分钟内人口比例(%),15分钟内人口比例(%),平均步行分钟,中位步行分钟,90%分位步行分钟,按面积计",
			report.GapsCSV:      "序号,类型,代码,名称,常住人口,未覆盖人口,未覆盖比例(%),未覆盖 H3 单元数,按面积计,设施,步行分钟",
			report.StandardsCSV: "社区代码,社区名称,生活圈,指标代码,指标名称,数值,标准,单位,结论,说明",
			report.SupplyCSV:    "范围,代码,名称,常住人口,户均人口,户均人口为默认值,每百户可达服务面积(m²),面积结论,每千户可达工作人员,人员结论,为下限",
		}, "是"},
		{report.LangEN, map[string]string{
			report.StreetsCSV:   "street_code,street_name,has_centre,centre_ids,stations_district,stations_street,stations_community,stations_compound,stations_building,communities,communities_with_station,population,population_within_15,share_within_15_pct",
			report.CoverageCSV:  "community_code,community_name,target_kind,target_key,target_name,facilities,h3_cells,off_network_h3_cells,population,share_within_5_pct,share_within_10_pct,share_within_15_pct,mean_min,median_min,p90_min,by_area",
			report.GapsCSV:      "rank,kind,code,name,population,population_beyond,share_beyond_pct,uncovered_h3_cells,by_area,target,minutes",
			report.StandardsCSV: "community_code,community_name,circle,rule,rule_name,value,threshold,unit,verdict,note",
			report.SupplyCSV:    "scope,code,name,population,persons_per_household,persons_per_household_default,floor_m2_per_100_households,floor_verdict,staff_per_1000_households,staff_verdict,lower_bound",
		}, "yes"},
	}
	for _, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			in := fixtureInput(t, tc.lang)
			dir := t.TempDir()
			paths, err := report.CSV(dir, in)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != len(tc.headers) {
				t.Fatalf("wrote %v, want the %d tables", paths, len(tc.headers))
			}
			tables := map[string][][]string{}
			for _, p := range paths {
				name := filepath.Base(p)
				rows := readCSV(t, p)
				tables[name] = rows
				if got := strings.Join(rows[0], ","); got != tc.headers[name] {
					t.Errorf("%s header\n got %s\nwant %s", name, got, tc.headers[name])
				}
				b, _ := os.ReadFile(p)
				golden(t, strings.TrimSuffix(name, ".csv")+"."+tc.lang+".csv", b)
			}
			checkCSVRows(t, in, tables, tc.yes)
		})
	}
}

// checkCSVRows checks the tables' row counts and a few hand-known cells.
func checkCSVRows(t *testing.T, in report.Input, tables map[string][][]string, yes string) {
	t.Helper()
	streets := tables[report.StreetsCSV]
	if len(streets) != 3 || streets[1][0] != codeA || streets[1][2] != yes || streets[2][0] != codeB || streets[2][2] == yes {
		t.Errorf("streets table %v: want street A with a centre, then street B without", streets)
	}
	// 5 levels + any station + 2 categories, each for the 3 communities
	if n := len(tables[report.CoverageCSV]) - 1; n != 8*3 {
		t.Errorf("coverage table has %d rows, want 24", n)
	}
	if n := len(tables[report.GapsCSV]) - 1; n != len(in.Gaps) || n == 0 {
		t.Errorf("gaps table has %d rows, want the %d gaps", n, len(in.Gaps))
	}
	far := false
	for _, row := range tables[report.GapsCSV][1:] {
		if row[2] == codeC3 && row[5] == "1000" && row[6] == "100.0" {
			far = true
		}
	}
	if !far {
		t.Errorf("gaps table lacks community C3 with all its 1000 residents beyond reach")
	}
	want := 0
	for _, c := range in.Standards.Communities {
		want += len(c.Results)
	}
	if n := len(tables[report.StandardsCSV]) - 1; n != want {
		t.Errorf("standards table has %d rows, want one per community and rule: %d", n, want)
	}
	checkSupplyRows(t, in, tables[report.SupplyCSV])
}

// checkSupplyRows checks supply.csv against the figures it is written from: one row for
// the district, then each street and community, the floor area per 100 households to 0.1
// and the staff per 1 000 households to 0.01.
func checkSupplyRows(t *testing.T, in report.Input, rows [][]string) {
	t.Helper()
	f := in.Supply
	if f == nil || f.FloorArea == nil || f.Staff == nil {
		t.Fatalf("the fixture measures no supply: %+v", f)
	}
	units := append([]assess.SupplyUnit{f.FloorArea.Total}, append(f.FloorArea.Streets, f.FloorArea.Communities...)...)
	staff := append([]assess.SupplyUnit{f.Staff.Total}, append(f.Staff.Streets, f.Staff.Communities...)...)
	if len(rows)-1 != len(units) {
		t.Fatalf("supply table has %d rows, want %d", len(rows)-1, len(units))
	}
	for k, u := range units {
		row := rows[k+1]
		if row[1] != u.Code || !numberNear(row[6], u.PerHouseholds, 0.05) || !numberNear(row[8], staff[k].PerHouseholds, 0.005) {
			t.Errorf("supply row %d %v: want code %q, floor %.2f, staff %.3f", k, row, u.Code, u.PerHouseholds, staff[k].PerHouseholds)
		}
	}
}

// numberNear reports whether cell is a number within tol of want ("—" for NaN).
func numberNear(cell string, want, tol float64) bool {
	if math.IsNaN(want) {
		return cell == "—"
	}
	v, err := strconv.ParseFloat(cell, 64)
	return err == nil && math.Abs(v-want) <= tol
}

func TestCSVWithoutStandards(t *testing.T) {
	in := fixtureInput(t, report.LangZH)
	in.Standards, in.Supply = nil, nil // both come from the rules
	paths, err := report.CSV(t.TempDir(), in)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if filepath.Base(p) == report.StandardsCSV {
			t.Errorf("wrote %s without a standards check", p)
		}
	}
	if len(paths) != 3 {
		t.Errorf("wrote %v, want the three other tables", paths)
	}
}

func TestCSVUnwritableDir(t *testing.T) {
	in := fixtureInput(t, report.LangZH)
	_, err := report.CSV(filepath.Join(t.TempDir(), "missing", "dir"), in)
	if err == nil || !strings.Contains(err.Error(), report.StreetsCSV) {
		t.Errorf("CSV into a missing directory = %v, want an error naming the file", err)
	}
}

// Names and ids a spreadsheet would run as formulas, given to the fixture's units.
const (
	hyperlink = `=HYPERLINK("http://x","y")`
	dde       = `+cmd|' /C calc'!A0`
	atSum     = "@SUM(1+1)"
	minusSum  = "-2+3"
)

// formulaInput is the fixture district with formula-looking names: community C1 and its
// street A, street A's centre (its id), community C3.
func formulaInput(tb testing.TB) report.Input {
	tb.Helper()
	d := fixtureData()
	d.Streets[0].Name = dde
	for i := range d.Communities {
		switch d.Communities[i].Code {
		case codeC1:
			d.Communities[i].Name, d.Communities[i].StreetName = hyperlink, dde
		case codeC3:
			d.Communities[i].Name = minusSum
		}
	}
	for i := range d.Stations {
		if d.Stations[i].ID == "s1" {
			d.Stations[i].ID = atSum
		}
	}
	in := collect(tb, engineOf(tb, d), fixture.Standards(tb))
	in.Lang = report.LangEN
	return in
}

func TestCSVDefusesFormulas(t *testing.T) {
	dir := t.TempDir()
	if _, err := report.CSV(dir, formulaInput(t)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		file      string
		key, col  int // the row whose column key holds keyValue must hold want in column col
		keyValue  string
		want      string
		wantCount int // rows that must match (one per facility set in the coverage table)
	}{
		{"street name", report.StreetsCSV, 0, 1, codeA, "'" + dde, 1},
		{"street centre id", report.StreetsCSV, 0, 3, codeA, "'" + atSum, 1},
		{"community name in coverage", report.CoverageCSV, 0, 1, codeC1, "'" + hyperlink, 8},
		{"community name in gaps", report.GapsCSV, 2, 3, codeC3, "'" + minusSum, 1},
		{"community name in standards", report.StandardsCSV, 0, 1, codeC1, "'" + hyperlink, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := readCSV(t, filepath.Join(dir, tc.file))
			n := 0
			for _, row := range rows[1:] {
				if row[tc.key] != tc.keyValue {
					continue
				}
				n++
				if row[tc.col] != tc.want {
					t.Errorf("%s: column %d is %q, want %q", tc.file, tc.col, row[tc.col], tc.want)
				}
			}
			if n == 0 || (tc.wantCount > 0 && n != tc.wantCount) {
				t.Errorf("%s: %d rows for %s, want %d", tc.file, n, tc.keyValue, tc.wantCount)
			}
		})
	}
	for _, name := range []string{report.StreetsCSV, report.CoverageCSV, report.GapsCSV, report.StandardsCSV} {
		for i, row := range readCSV(t, filepath.Join(dir, name)) {
			for j, cell := range row {
				if csvcheck.FormulaLike(cell) {
					t.Errorf("%s row %d column %d: %q would run as a formula", name, i, j, cell)
				}
			}
		}
	}
}

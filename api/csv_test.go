package api_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/internal/csvcheck"
)

// Names and ids a spreadsheet would run as formulas.
const (
	hyperlink = `=HYPERLINK("http://x","y")`
	dde       = `+cmd|' /C calc'!A0`
	minusSum  = "-2+3"
)

// formulaServer serves the test district with a street station whose id and name are
// hyperlink, a community station with id minusSum, the west community named hyperlink
// and the street named dde.
func formulaServer(tb testing.TB) *api.Server {
	tb.Helper()
	d := testData()
	for i := range d.Communities {
		d.Communities[i].StreetName = dde
	}
	d.Communities[0].Name = hyperlink
	d.Stations[0].ID = minusSum
	d.Stations[1].ID, d.Stations[1].Name = hyperlink, hyperlink
	return engineServer(tb, testOptions(tb), d)
}

func TestCSVAnswersDefuseFormulas(t *testing.T) {
	h := formulaServer(t).Handler()
	tests := []struct {
		name   string
		target string
		column string // of the header
		want   string // at least one row holds it there
	}{
		{"coverage community name", "/api/v1/coverage?level=any&format=csv", "name", "'" + hyperlink},
		{"network street name", "/api/v1/network?format=csv", "street_name", "'" + dde},
		{"network centre id", "/api/v1/network?format=csv", "centres", "'" + hyperlink},
		{"standards community name", "/api/v1/standards?format=csv", "community_name", "'" + hyperlink},
		{"cells street station id", "/api/v1/coverage/cells?level=street&format=csv", "facility_id", "'" + hyperlink},
		{"cells community station id", "/api/v1/coverage/cells?level=community&format=csv", "facility_id", "'" + minusSum},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, h, tc.target)
			if status != 200 {
				t.Fatalf("status %d: %s", status, body)
			}
			rows := readAnswerCSV(t, body)
			col := -1
			for i, c := range rows[0] {
				if c == tc.column {
					col = i
				}
			}
			if col < 0 {
				t.Fatalf("no column %q in %q", tc.column, rows[0])
			}
			found := false
			for i, row := range rows {
				found = found || row[col] == tc.want
				for j, cell := range row {
					if csvcheck.FormulaLike(cell) {
						t.Errorf("row %d column %d: %q would run as a formula", i, j, cell)
					}
				}
			}
			if !found {
				t.Errorf("no row has %q in column %s", tc.want, tc.column)
			}
		})
	}
}

// readAnswerCSV checks and drops the byte order mark of a CSV answer and reads it.
func readAnswerCSV(tb testing.TB, body []byte) [][]string {
	tb.Helper()
	b, ok := bytes.CutPrefix(body, []byte("\ufeff"))
	if !ok {
		tb.Fatalf("the answer does not start with the UTF-8 byte order mark: %.40q", body)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) < 2 {
		tb.Fatalf("%d rows, %v", len(rows), err)
	}
	return rows
}

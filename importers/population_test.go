package importers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/importers"
)

func TestReadPopulation(t *testing.T) {
	const a, b = "8a40e3ce88f7fff", "8a40e3ce88affff" // two neighbouring res-10 cells in Chengdu
	at := func(res int) string {                      // the cell at that resolution over 锦江区, Chengdu
		return h3.LatLngToCell(h3.NewLatLng(30.657, 104.066), res).String()
	}
	tests := []struct {
		name      string
		csv       string
		cells     int
		rejectMsg string // reason of the first reject, "" none
		errMsg    string // whole-file error, "" none
	}{
		{"two cells", "h3,population\n" + a + ",120\n" + b + ",1 300\n", 2, "", ""},
		{"Chinese header", "网格,常住人口\n" + a + ",120\n", 1, "", ""},
		{"bad index", "h3,population\nnotacell,5\n", 0, "not an H3 cell index", ""},
		{"negative", "h3,population\n" + a + ",-5\n", 0, "unparseable or negative number", ""},
		{"twice", "h3,population\n" + a + ",5\n" + a + ",6\n", 1, "cell given twice: record 1", ""},
		{"no population column", "h3,people\n" + a + ",5\n", 0, "", "needs columns h3 and population"},
		{"empty", "", 0, "", "empty"},
		{"unterminated quote (panicked in FieldPos)", "h3,population\n" + a + ",\"5\n", 0, "malformed CSV row", ""},
		{"quote in an unquoted field", "h3,population\n" + a + ",5\"\n" + b + ",6\n", 1, "malformed CSV row", ""},
		{"huge number", "h3,population\n" + a + ",1e300\n", 0, "implausibly many residents", ""},
		{"NaN", "h3,population\n" + a + ",NaN\n", 0, "unparseable or negative number", ""},
		{"infinity", "h3,population\n" + a + ",Inf\n", 0, "unparseable or negative number", ""},
		{"resolution 0", "h3,population\n" + at(0) + ",5\n", 0, "H3 resolution 0: a population grid must be at a resolution coverage is computed on (6–13)", ""},
		{"resolution 15", "h3,population\n" + at(15) + ",5\n", 0, "H3 resolution 15", ""},
		{"resolution 13 is fine", "h3,population\n" + at(13) + ",5\n", 1, "", ""},
		{"mixed resolutions", "h3,population\n" + at(10) + ",5\n" + at(9) + ",6\n", 1, "H3 resolution 9, while record 1 is at resolution 10", ""},
		{"header with a BOM", "\xef\xbb\xbfh3,population\n" + a + ",5\n", 1, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cells, rejects, err := importers.ReadPopulation(context.Background(), "grid.csv", []byte(tc.csv), "auto")
			if tc.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errMsg) || !strings.Contains(err.Error(), "grid.csv") {
					t.Fatalf("err = %v, want one naming grid.csv and %q", err, tc.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cells) != tc.cells {
				t.Errorf("%d cells, want %d", len(cells), tc.cells)
			}
			if tc.rejectMsg == "" && len(rejects) > 0 {
				t.Errorf("unexpected rejects %v", rejects)
			}
			if tc.rejectMsg != "" && (len(rejects) == 0 || !strings.Contains(rejects[0].String(), tc.rejectMsg)) {
				t.Errorf("rejects %v, want %q", rejects, tc.rejectMsg)
			}
		})
	}
}

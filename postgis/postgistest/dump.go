package postgistest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
)

// DumpRegion returns every row of region r from every lifecircle table
// (postgis.DB.RegionDump: tables found in the catalog, rows in canonical order) as text,
// a "== table (n rows)" line before each table's rows, for the checks that importing,
// recomputing or deleting another region leaves r's rows byte-identical. It fails the
// test on error.
func DumpRegion(tb testing.TB, db *postgis.DB, r geo.Region) string {
	tb.Helper()
	tables, err := db.InRegion(r).RegionDump(context.Background())
	if err != nil {
		tb.Fatalf("dump region %s: %v", r, err)
	}
	var b strings.Builder
	for _, t := range tables {
		b.WriteString("== " + t.Table + " (" + strconv.Itoa(len(t.Rows)) + " rows)\n")
		for _, row := range t.Rows {
			b.WriteString(row)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

package postgistest

import (
	"context"
	"testing"

	"github.com/lifecircle/lifecircle/postgis"
)

// Counts returns the rows of each of lifecircle's tables (postgis.DB.TableCounts), for
// the checks that an import changed nothing; it fails the test on error.
func Counts(tb testing.TB, db *postgis.DB) map[string]int64 {
	tb.Helper()
	c, err := db.TableCounts(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

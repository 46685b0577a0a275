package osmimport_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/importtest"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// testCategories reads the test category file.
func testCategories(tb testing.TB) *geo.Categories {
	return importtest.Categories(tb, filepath.Join("testdata", "categories.json"))
}

// stationRules reads the bundled station rules (data/stations.json).
func stationRules(tb testing.TB) *osmimport.StationRules {
	tb.Helper()
	return importtest.Parse(tb, "data/stations.json", data.Stations(), osmimport.ParseStationRules)
}

// read reads a file with the test categories and the bundled station rules, and fails the
// test on error.
func read(tb testing.TB, path string) *osmimport.Result {
	tb.Helper()
	res, err := osmimport.ReadFile(context.Background(), path, osmimport.Options{Categories: testCategories(tb), Stations: stationRules(tb)})
	if err != nil {
		tb.Fatalf("ReadFile(%s): %v", path, err)
	}
	return res
}

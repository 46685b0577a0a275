package crs_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
)

// cityRow is one row of shared/data/crs/china-cities-wgs84-gcj02-bd09.json: the same
// place in each system, (lon, lat) degrees.
type cityRow struct {
	Attrs struct {
		Province string `json:"province"`
		City     string `json:"city"`
		Name     string `json:"name"`
	} `json:"attrs"`
	Coords struct {
		WGS84 orb.Point `json:"WGS84"`
		GCJ02 orb.Point `json:"GCJ02"`
		BD09  orb.Point `json:"BD09"`
	} `json:"coords"`
}

// loadCities reads the golden city table.
func loadCities(tb testing.TB) []cityRow {
	tb.Helper()
	path := filepath.Join(testenv.SharedData(tb), "crs", "china-cities-wgs84-gcj02-bd09.json")
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden cities: %v", err)
	}
	var rows []cityRow
	if err := json.Unmarshal(b, &rows); err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	if len(rows) == 0 {
		tb.Fatalf("%s holds no rows", path)
	}
	return rows
}

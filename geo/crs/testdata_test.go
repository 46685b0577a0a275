package crs_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

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

// sharedData returns the shared real-data folder beside the repository, skipping the
// test when it is missing (failing instead when CI=true).
func sharedData(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatalf("no go.mod above the test directory")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared test data missing at %s (required when CI=true)", data)
		}
		tb.Skipf("shared test data missing at %s; skipping the real-data test", data)
	}
	return data
}

// loadCities reads the golden city table.
func loadCities(tb testing.TB) []cityRow {
	tb.Helper()
	path := filepath.Join(sharedData(tb), "crs", "china-cities-wgs84-gcj02-bd09.json")
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

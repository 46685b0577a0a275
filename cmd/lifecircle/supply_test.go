package main_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
)

// seedSupplyGrid stores storeGrid's district on a 6 × 6 block grid (600 m a side): one
// community of 2 000 residents in 700 households over it and one station of 300 m² and 4
// staff at its centre.
func seedSupplyGrid(tb testing.TB, db *postgis.DB) {
	tb.Helper()
	storeGrid(tb, db, 6, geo.Community{Code: "510104001001", Name: "网格社区", StreetCode: "510104001", StreetName: "测试街道", Population: 2000, Households: 700},
		geo.Station{ID: "st-1", Name: "网格社区党群服务站", Level: geo.LevelCommunity, ParentCode: "510104001001", FloorAreaM2: 300, Staff: 4, Source: "file"})
}

// TestSupplyCommand: every cell is within 15 minutes (≤ 600 m on the grid) of the one
// station, so every resident reaches 300 m² / 2 000 residents, 300 / 700 × 100 ≈ 42.9 m²
// per 100 households (pass against 30), and 4 / 700 × 1 000 ≈ 5.71 staff per 1 000
// households (pass against 1 000 / 300).
func TestSupplyCommand(t *testing.T) {
	db, url := newDB(t)
	seedSupplyGrid(t, db)
	out := mustRun(t, url, "--lang", "en", "supply")
	if !strings.Contains(out, "42.9") || !strings.Contains(out, "pass") || !strings.Contains(out, "2SFCA") {
		t.Errorf("supply: want 42.9 m² per 100 households, pass:\n%s", out)
	}
	out = mustRun(t, url, "--lang", "en", "supply", "--resource", "staff")
	if !strings.Contains(out, "5.7") || !strings.Contains(out, "staff per 1 000 households") {
		t.Errorf("supply --resource staff: want 5.7 staff per 1 000 households:\n%s", out)
	}
	if zh := mustRun(t, url, "supply"); !strings.Contains(zh, "平方米/百户") {
		t.Errorf("supply in Chinese:\n%s", zh)
	}
}

// TestReportCircle: report network --circle adds the circle's rows to the coverage table,
// and an unknown circle fails naming the known ones.
func TestReportCircle(t *testing.T) {
	db, url := newDB(t)
	seedSupplyGrid(t, db)
	dir := t.TempDir()
	mustRun(t, url, "--lang", "en", "report", "network", "--format", "csv", "--circle", "party_15min", "--out", dir)
	b := readFile(t, filepath.Join(dir, "coverage-communities.csv"))
	if !strings.Contains(b, "party_15min") || !strings.Contains(b, "15-minute party-mass service circle") {
		t.Errorf("coverage-communities.csv has no party_15min row:\n%s", b)
	}
	code, _, errOut := run(t, url, "--lang", "en", "report", "network", "--circle", "nope", "--out", dir)
	if code == 0 || !strings.Contains(errOut, "known: health_15min") {
		t.Errorf("unknown circle: exit %d, %s", code, errOut)
	}
}

package main_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// check's exit status: 0 on clean data (even --strict), warnings fail only --strict (1),
// errors always (2); each finding is printed once with both messages and the summary.
func TestCheckExitStatus(t *testing.T) {
	db, url := newDB(t)
	ctx := context.Background()
	storeCleanGrid(t, db)
	steps := []struct {
		name          string
		add           func(t *testing.T)
		plain, strict int
		want          []string
	}{
		{"clean", func(*testing.T) {}, 0, 0, []string{"0 error(s), 0 warning(s), 1 info(s)", "checks_need_compute"}},
		{"stale derived streets", func(t *testing.T) {
			b := geo.Batch{Kind: "streets", FileName: "derived", Mode: geo.ModeUpsert, Source: "derived"}
			if _, err := db.ImportStreets(ctx, b, []geo.Street{{Code: "510100009", Name: "旧派生街道"}}); err != nil {
				t.Fatal(err)
			}
		}, 0, 1, []string{"warning stale_derived_rows  derived street  1 rows", "派生", "derived \"street\" rows", "0 error(s), 1 warning(s)"}},
		{"far station", func(t *testing.T) {
			far := []geo.Station{{ID: "S9", Name: "远站", Level: geo.LevelCommunity, Point: orb.Point{104.3, 30.005}}}
			if _, err := db.ImportStations(ctx, geo.Batch{Kind: "stations", FileName: "far.csv", Mode: geo.ModeUpsert}, far, geo.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
		}, 2, 2, []string{"error   facility_outside_study_area  station S9 (远站)", "公里", "km from the study area", "1 error(s), 1 warning(s)"}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.add(t)
			code, out, errOut := run(t, url, "check")
			if code != s.plain {
				t.Errorf("check: exit %d, want %d\n%s%s", code, s.plain, out, errOut)
			}
			if code, _, _ := run(t, url, "check", "--strict"); code != s.strict {
				t.Errorf("check --strict: exit %d, want %d", code, s.strict)
			}
			for _, w := range s.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if n := strings.Count(out, "checks_need_compute"); n != 1 {
				t.Errorf("checks_need_compute printed %d times, want once", n)
			}
		})
	}
}

// compute refuses on the check's errors (exit 2, naming the error and --force) and writes
// nothing; with --force it computes, printing the warnings before its summary.
func TestComputeRefusesErrorsUnlessForced(t *testing.T) {
	db, url := newDB(t)
	ctx := context.Background()
	storeCleanGrid(t, db)
	far := []geo.Station{{ID: "S9", Name: "远站", Level: geo.LevelCommunity, Point: orb.Point{104.3, 30.005}}}
	if _, err := db.ImportStations(ctx, geo.Batch{Kind: "stations", FileName: "far.csv", Mode: geo.ModeUpsert}, far, geo.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	b := geo.Batch{Kind: "streets", FileName: "derived", Mode: geo.ModeUpsert, Source: "derived"}
	if _, err := db.ImportStreets(ctx, b, []geo.Street{{Code: "510100009", Name: "旧派生街道"}}); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, url, "compute")
	if code != 2 || !strings.Contains(errOut, "S9") || !strings.Contains(errOut, "--force") {
		t.Fatalf("compute: exit %d, want 2 naming S9 and --force\n%s%s", code, out, errOut)
	}
	if st := mustRun(t, url, "status"); !strings.Contains(st, "last compute: none") || !strings.Contains(st, "coverage is stale") {
		t.Errorf("status after a refused compute:\n%s", st)
	}
	out = mustRun(t, url, "--lang", "en", "compute", "--force")
	w, s := strings.Index(out, "stale_derived_rows"), strings.Index(out, "network:")
	if w < 0 || s < 0 || w > s {
		t.Errorf("compute --force does not print the warning before the summary:\n%s", out)
	}
	if strings.Contains(out, "info ") {
		t.Errorf("compute prints infos:\n%s", out)
	}
	st := mustRun(t, url, "status")
	for _, want := range []string{"stations           file                   2", "walk_edges", "last import stations", "far.csv", "last compute: run", "H3 resolution 10"} {
		if !strings.Contains(st, want) {
			t.Errorf("status lacks %q:\n%s", want, st)
		}
	}
	if strings.Contains(st, "coverage is stale") {
		t.Errorf("status says stale after compute:\n%s", st)
	}
	code, out, _ = run(t, url, "check", "--compute")
	if code != 2 || strings.Contains(out, "checks_need_compute") || !strings.Contains(out, "facility_outside_study_area") {
		t.Errorf("check --compute: exit %d, want 2 with the checks of the cells run:\n%s", code, out)
	}
}

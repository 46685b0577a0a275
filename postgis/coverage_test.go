package postgis_test

import (
	"context"
	"encoding/json"
	"maps"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// testRun is a hand-made run of two cells and one facility set: the first cell on the
// network, in community C1, 150 s from station s1; the second off the network, in no
// community, reaching nothing.
func testRun(tb testing.TB, started time.Time) coverage.Run {
	tb.Helper()
	var cells []coverage.Cell
	for _, p := range []orb.Point{{104.0650, 30.6570}, {104.0700, 30.6600}} {
		c := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), 10)
		ll := c.LatLng()
		cells = append(cells, coverage.Cell{H3: c, Center: orb.Point{ll.Lng, ll.Lat}, Area: -1, AreaM2: 15_000, Population: 40})
	}
	sum := coverage.Summary{Cells: 2, Population: 80, AreaM2: 30_000, OffNetworkCells: 1,
		Within:           []coverage.Share{{Minutes: 5, Population: 40, PopulationShare: 0.5, AreaM2: 15_000, AreaShare: 0.5}},
		BeyondPopulation: []float64{40}, MeanMin: 2.5, MedianMin: math.Inf(1), P90Min: math.Inf(1)}
	return coverage.Run{Started: started, Phases: map[string]float64{"walk searches": 1.5},
		Resolution: 10, SpeedKmh: 4.5, MaxMinutes: 30, ThresholdsMin: []float64{5},
		Cells:         cells,
		CellSnaps:     []walk.Snap{{AccessM: 12, OnNetwork: true}, {AccessM: math.Inf(1)}},
		CellCommunity: []string{"C1", ""}, CellStreet: []string{"S1", ""},
		Sets:      []coverage.FacilitySet{{Kind: "level", Key: "community", IDs: []string{"s1"}, Points: []orb.Point{{104.065, 30.657}}}},
		Results:   []coverage.Result{{Kind: "level", Key: "community", Seconds: []float32{150, float32(math.Inf(1))}, Nearest: []int32{0, -1}}},
		Summaries: []coverage.ScopeSummary{{Scope: coverage.ScopeDistrict, Kind: "level", Key: "community", Summary: sum}},
	}
}

// WriteCoverage stores a run's cells, per-cell minutes (NULL where nothing is reached),
// summaries (NULL for infinite statistics) and the run record; a second run replaces the
// first whole.
func TestWriteCoverage(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	started := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	run := testRun(t, started)
	for range 2 {
		if err := db.WriteCoverage(ctx, run); err != nil {
			t.Fatal(err)
		}
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	type cellRow struct {
		h3            string
		comm, street  *string
		onNet         bool
		access        *float64
		minutes       *float32
		facility      *string
		polygonCovers bool
	}
	rows, err := conn.Query(ctx, `SELECT c.h3, c.community_code, c.street_code, c.on_network, c.access_m, v.minutes, v.facility_id,
			ST_Covers(c.geom, c.centre)
		FROM cells c JOIN coverage_cells v ON v.cell_id = c.id ORDER BY c.id`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (cellRow, error) {
		var c cellRow
		err := r.Scan(&c.h3, &c.comm, &c.street, &c.onNet, &c.access, &c.minutes, &c.facility, &c.polygonCovers)
		return c, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d cell rows, want 2 (a second run replaces the first)", len(got))
	}
	first, second := got[0], got[1]
	if first.h3 != run.Cells[0].H3.String() || first.comm == nil || *first.comm != "C1" || first.street == nil || *first.street != "S1" ||
		!first.onNet || first.access == nil || *first.access != 12 || first.minutes == nil || *first.minutes != 2.5 ||
		first.facility == nil || *first.facility != "s1" || !first.polygonCovers {
		t.Errorf("first cell stored as %+v; want C1/S1, on the network 12 m away, 2.5 min to s1, its hexagon around its centre", first)
	}
	if second.comm != nil || second.street != nil || second.onNet || second.access != nil || second.minutes != nil || second.facility != nil {
		t.Errorf("second cell stored as %+v; want no community, off the network, nothing reached (NULLs)", second)
	}

	var within, share float64
	var median *float64
	if err := conn.QueryRow(ctx, `SELECT population_within, population_share, median_min FROM coverage_summary
		WHERE scope = 'district' AND kind = 'level' AND key = 'community' AND threshold_min = 5`).Scan(&within, &share, &median); err != nil {
		t.Fatal(err)
	}
	if within != 40 || share != 0.5 || median != nil {
		t.Errorf("summary: within %v, share %v, median %v; want 40, 0.5, NULL", within, share, median)
	}

	var runs, cells, res int
	var thresholds []int32
	var phases []byte
	var at time.Time
	if err := conn.QueryRow(ctx, `SELECT count(*) OVER (), cells, resolution, thresholds, phases, started_at FROM compute_runs
		ORDER BY id DESC LIMIT 1`).Scan(&runs, &cells, &res, &thresholds, &phases, &at); err != nil {
		t.Fatal(err)
	}
	var ph map[string]float64
	if err := json.Unmarshal(phases, &ph); err != nil {
		t.Fatal(err)
	}
	if runs != 2 || cells != 2 || res != 10 || len(thresholds) != 1 || thresholds[0] != 5 || ph["walk searches"] != 1.5 || !at.Equal(started) {
		t.Errorf("compute_runs: %d runs, last %d cells, resolution %d, thresholds %v, phases %v, started %v", runs, cells, res, thresholds, ph, at)
	}
}

// The compact writer's view coverage_cells shows the same rows as main's writer stored a
// row per cell and set (coverage_cell_rows), for a run of two sets.
func TestCoverageViewMatchesRows(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	run := testRun(t, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	run.Sets = append(run.Sets, coverage.FacilitySet{Kind: "category", Key: "菜市场", IDs: []string{"o1", "o2"}, Points: []orb.Point{{104.07, 30.66}, {104.06, 30.65}}})
	run.Results = append(run.Results, coverage.Result{Kind: "category", Key: "菜市场", Seconds: []float32{float32(math.NaN()), 61.5}, Nearest: []int32{-1, 1}})
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	read := func(table string) []string {
		t.Helper()
		rows, err := conn.Query(ctx, "SELECT format('%s %s %s %s %s', cell_id, kind, key, minutes, facility_id) FROM "+table+" ORDER BY kind, key, cell_id")
		if err != nil {
			t.Fatal(err)
		}
		out, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	comm := run.Summaries[0]
	comm.Scope, comm.Code, comm.Name, comm.MeanMin = coverage.ScopeCommunity, "C1", "一社区", math.NaN()
	run.Summaries = append(run.Summaries, comm)
	summaries := func() string {
		t.Helper()
		var s string // every column but run_id (the two writes are two runs)
		if err := conn.QueryRow(ctx, "SELECT string_agg((to_jsonb(t) - 'run_id')::text, E'\\n' ORDER BY (to_jsonb(t) - 'run_id')::text) FROM coverage_summary t").Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := db.WriteCoverageRows(ctx, run); err != nil {
		t.Fatal(err)
	}
	want, wantSum := read("coverage_cell_rows"), summaries()
	if err := db.WriteCoverage(ctx, run); err != nil {
		t.Fatal(err)
	}
	got := read("coverage_cells")
	if gotSum := summaries(); gotSum != wantSum || len(wantSum) < 20 {
		t.Errorf("summaries written as\n%s\nmain's writer:\n%s", gotSum, wantSum)
	}
	if len(want) != 4 || len(got) != len(want) {
		t.Fatalf("view %q; rows %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: view %q, rows %q", i, got[i], want[i])
		}
	}
	st, err := db.CoverageState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.CoverageRows != 4 || st.RecordedCoverageRows == nil || *st.RecordedCoverageRows != 4 {
		t.Errorf("coverage state: %d rows now, recorded %v; want 4 and 4", st.CoverageRows, st.RecordedCoverageRows)
	}
}

// A run whose cells are those stored keeps their rows (written by the run that first
// wrote them); a run whose cells differ, or that finds them gone, writes its own. Every
// write leaves one run's rows of each table, the view showing the newest minutes.
func TestWriteCoverageKeepsSameCells(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	base := testRun(t, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	morePeople := base
	morePeople.Cells = append([]coverage.Cell(nil), base.Cells...)
	morePeople.Cells[1].Population = 55
	// with is run r with cell 0 s seconds from the station.
	with := func(r coverage.Run, s float32) coverage.Run {
		r.Results = []coverage.Result{{Kind: "level", Key: "community", Seconds: []float32{s, float32(math.Inf(1))}, Nearest: []int32{0, -1}}}
		return r
	}
	steps := []struct {
		name     string
		write    func(context.Context, coverage.Run) error
		run      coverage.Run
		before   string // SQL run before the write
		newCells bool   // the write writes the cells (else keeps the earlier run's)
		forget   bool   // ForgetCells before the write
	}{
		{"first run", db.WriteCoverage, with(base, 150), "", true, false},
		{"same cells, other minutes", db.WriteCoverage, with(base, 120), "", false, false},
		{"same cells again", db.WriteCoverage, with(base, 60), "", false, false},
		{"a cell's population changed", db.WriteCoverage, with(morePeople, 60), "", true, false},
		{"main's writer", db.WriteCoverageRows, with(morePeople, 90), "", true, false},
		{"same cells after main's writer", db.WriteCoverage, with(morePeople, 45), "", false, false},
		{"cells forgotten", db.WriteCoverage, with(morePeople, 42), "", true, true},
		{"the last run recorded other cells", db.WriteCoverage, with(morePeople, 40), "UPDATE compute_runs SET cells_digest = 'x'", true, false},
		{"cells deleted meanwhile", db.WriteCoverage, with(morePeople, 30), "DELETE FROM cells", true, false},
	}
	cellsRun := int64(0)
	for _, s := range steps {
		if s.before != "" {
			if _, err := conn.Exec(ctx, s.before); err != nil {
				t.Fatal(err)
			}
		}
		if s.forget {
			if err := db.ForgetCells(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.write(ctx, s.run); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var run, recorded, cells, cellRuns, minCellRun, sets, setRuns, summaries int64
		err := conn.QueryRow(ctx, `SELECT r.id, r.cells_run_id,
			(SELECT count(*) FROM cells), (SELECT count(DISTINCT run_id) FROM cells), (SELECT min(run_id) FROM cells),
			(SELECT count(*) FROM coverage_cell_sets), (SELECT count(DISTINCT run_id) FROM coverage_cell_sets),
			(SELECT count(*) FROM coverage_summary WHERE run_id = r.id)
			FROM compute_runs r ORDER BY id DESC LIMIT 1`).Scan(&run, &recorded, &cells, &cellRuns, &minCellRun, &sets, &setRuns, &summaries)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if s.newCells {
			cellsRun = run
		}
		compact := s.name != "main's writer"
		wantSets := map[bool]int64{true: 2, false: 0}[compact]
		if cells != 2 || cellRuns != 1 || minCellRun != cellsRun || recorded != cellsRun || sets != wantSets || summaries != 1 || (compact && setRuns != 1) {
			t.Errorf("%s: run %d: %d cells of %d runs (run %d, recorded %d; want run %d), %d cell-set rows of %d runs (want %d), %d summary rows (want 1)",
				s.name, run, cells, cellRuns, minCellRun, recorded, cellsRun, sets, setRuns, wantSets, summaries)
		}
		if !compact {
			continue
		}
		var minutes float32
		var population float64
		if err := conn.QueryRow(ctx, "SELECT v.minutes, c.population FROM coverage_cells_geo v JOIN cells c USING (h3) WHERE c.id = 0").Scan(&minutes, &population); err != nil {
			t.Fatal(err)
		}
		if want := s.run.Results[0].Seconds[0] / 60; minutes != want || population != s.run.Cells[0].Population {
			t.Errorf("%s: view says %v min, %v residents; want %v, %v", s.name, minutes, population, want, s.run.Cells[0].Population)
		}
	}
	// Vacuuming (as the benchmark does between runs) leaves the last run's answers as they are.
	before := postgistest.Counts(t, db)
	if err := db.VacuumCoverage(ctx); err != nil {
		t.Fatal(err)
	}
	if after := postgistest.Counts(t, db); !maps.Equal(before, after) {
		t.Errorf("rows before VACUUM %v, after %v", before, after)
	}
}

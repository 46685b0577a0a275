package postgis

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb/encoding/wkb"
)

// WriteCoverage replaces db.Region()'s cells, per-cell walk minutes and summaries with
// run's in one transaction (other regions' rows stay), records the run in compute_runs and
// its health findings in findings (replacing the region's previous run's), so readers see
// either the previous run or this one, whole. A commit hook (WithCommitHook) runs last,
// inside the transaction. Cells are stored as (lon, lat) WGS84 hexagons, walk
// times in minutes: one coverage_cell_sets row per cell with every set's minutes and
// nearest facility in arrays, in the order of coverage_sets; the view coverage_cells
// shows them as a row per cell and set, as QGIS and every reader read them. Cells the same
// as those the region holds (compute_runs.cells_digest) stay as they are, under the run
// id that wrote them (compute_runs.cells_run_id).
func (db *DB) WriteCoverage(ctx context.Context, run coverage.Run) error {
	return db.writeCoverage(ctx, &run, true)
}

// ClearCoverageRows empties coverage_cell_rows, the benchmark-only table WriteCoverageRows
// writes (every region's rows: no reader reads it). The benchmark calls it after each
// baseline run, untimed, so that the next run's write does not pay for deleting the
// baseline's row per cell and set (the current writer deletes the region's rows there
// too, and 1.7 million of them take seconds).
func (db *DB) ClearCoverageRows(ctx context.Context) error {
	_, err := db.pool.Exec(ctx, "TRUNCATE coverage_cell_rows")
	return mapError(err, "clear coverage_cell_rows")
}

// WriteCoverageRows is WriteCoverage as main wrote it before the compact rows: a row per
// cell and set, into coverage_cell_rows (the old coverage_cells table, which no reader
// reads; the view stays empty), every row of the region deleted first and the cells
// always written. Only the benchmark's baseline calls it. It records its cells' digest
// too (computed beside the write), so that a compute after it may keep them.
func (db *DB) WriteCoverageRows(ctx context.Context, run coverage.Run) error {
	return db.writeCoverage(ctx, &run, false)
}

// coverageWrite is one region's coverage write: the transaction, the region and the run.
type coverageWrite struct {
	tx  pgx.Tx
	r   string
	run int64 // the compute run's id, taken before its rows are written (they name it)
	e   *coverage.Run
}

// writeCoverage deletes the region's coverage rows and writes run e's: compact (WriteCoverage:
// writeCompact) or as main did (WriteCoverageRows). The tables are shared by every region
// (partitioned by it), so their indexes stay: no DDL here, which would lock out other
// regions' computes. The rows are encoded meanwhile, on other goroutines.
func (db *DB) writeCoverage(ctx context.Context, e *coverage.Run, compact bool) error {
	prepared := prepareRows(e, compact)
	return db.inTx(ctx, func(tx pgx.Tx) error {
		w := coverageWrite{tx: tx, r: db.rg(), e: e}
		if err := db.lock(ctx, tx, "compute"); err != nil {
			return err
		}
		if err := ensureRegion(ctx, tx, w.r); err != nil {
			return err
		}
		last, err := readLastRun(ctx, tx, w.r)
		if err != nil {
			return err
		}
		// The run's id first: the rows name it in their keys, so the new rows never share a
		// key with the deleted ones (a unique index checks every dead duplicate's heap row:
		// a write of the metro's cells, sets and summaries took twice as long).
		if err := tx.QueryRow(ctx, "SELECT nextval(pg_get_serial_sequence('compute_runs', 'id'))").Scan(&w.run); err != nil {
			return mapError(err, "take a compute run id")
		}
		rec := runRows{cellsRun: w.run}
		if compact {
			rec, err = writeCompact(ctx, w, last, prepared)
		} else {
			rec.summaries, err = writeRows(ctx, w)
		}
		if err != nil {
			return err
		}
		rec.coverage, rec.digest = int64(len(e.Cells)*len(e.Results)), prepared.digest()
		id, err := insertRun(ctx, w, rec)
		if err != nil {
			return err
		}
		if err := replaceFindings(ctx, tx, w.r, id, e.Findings); err != nil {
			return err
		}
		if db.commitHook != nil {
			return db.commitHook(ctx, tx)
		}
		return nil
	})
}

// writeRows is main's write: every row of the region deleted, the cells, a row per cell
// and set, the summaries; it returns the summary rows written.
func writeRows(ctx context.Context, w coverageWrite) (int64, error) {
	if err := clearCoverage(ctx, w.tx, w.r); err != nil {
		return 0, err
	}
	if err := copyCells(ctx, w); err != nil {
		return 0, err
	}
	if err := copyCoverageRows(ctx, w); err != nil {
		return 0, err
	}
	return copySummaries(ctx, w)
}

// cellMinutes returns cell i's minutes to set k's nearest facility (-1: none) and its id
// ("": none).
func cellMinutes(e *coverage.Run, k, i int) (float32, string) {
	r := &e.Results[k]
	m, fac := float32(-1), ""
	if s := float64(r.Seconds[i]); !math.IsNaN(s) && !math.IsInf(s, 0) {
		m = float32(s / 60)
	}
	if j := r.Nearest[i]; j >= 0 && int(j) < len(e.Sets[k].IDs) {
		fac = e.Sets[k].IDs[j]
	}
	return m, fac
}

// copyCells is main's write of the cells (WriteCoverageRows), each value through the driver.
func copyCells(ctx context.Context, w coverageWrite) error {
	e := w.e
	polys, err := cellPolygons(e.Cells)
	if err != nil {
		return mapError(err, "copy cells")
	}
	cols := []string{"region", "run_id", "id", "h3", "community_code", "street_code", "population", "area_m2", "on_network", "access_m", "centre", "geom"}
	_, err = w.tx.CopyFrom(ctx, pgx.Identifier{"cells"}, cols, pgx.CopyFromSlice(len(e.Cells), func(i int) ([]any, error) {
		c := e.Cells[i]
		comm, street := nullText(e.CellCommunity[i]), nullText(e.CellStreet[i])
		s := e.CellSnaps[i]
		var access any
		if !math.IsInf(s.AccessM, 0) {
			access = s.AccessM
		}
		return []any{w.r, w.run, int32(i), c.H3.String(), comm, street, c.Population, c.AreaM2, s.OnNetwork, access, pointWKB(c.Center), polys[i]}, nil
	}))
	return mapError(err, "copy cells")
}

// cellPolygons returns the WKB hexagon of every cell, made on every core.
func cellPolygons(cells []coverage.Cell) ([][]byte, error) {
	out := make([][]byte, len(cells))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(cells)/1024))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(cells); i += workers {
				if out[i], errs[w] = wkb.Marshal(coverage.CellPolygon(cells[i].H3)); errs[w] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// copyCoverageRows is main's coverage writer: a row per cell and set (main then rebuilt the
// BRIN index; the shared, partitioned table keeps it, which costs little to maintain).
func copyCoverageRows(ctx context.Context, w coverageWrite) error {
	e := w.e
	n := len(e.Cells)
	cols := []string{"region", "cell_id", "kind", "key", "minutes", "facility_id"}
	_, err := w.tx.CopyFrom(ctx, pgx.Identifier{"coverage_cell_rows"}, cols, pgx.CopyFromSlice(n*len(e.Results), func(k int) ([]any, error) {
		r, i := &e.Results[k/n], k%n
		var minutes, fac any
		if s := float64(r.Seconds[i]); !math.IsNaN(s) && !math.IsInf(s, 0) {
			minutes = float32(s / 60)
		}
		if j := r.Nearest[i]; j >= 0 && int(j) < len(e.Sets[k/n].IDs) {
			fac = e.Sets[k/n].IDs[j]
		}
		return []any{w.r, int32(i), r.Kind, r.Key, minutes, fac}, nil
	}))
	return mapError(err, "copy coverage_cell_rows")
}

// summaryColumns are coverage_summary's columns in the order both summary writers send.
var summaryColumns = []string{"region", "run_id", "scope", "code", "name", "kind", "key", "threshold_min", "cells", "off_network_cells", "population",
	"population_within", "population_share", "area_m2", "area_within_m2", "area_share", "mean_min", "median_min",
	"p90_min", "population_beyond"}

func copySummaries(ctx context.Context, cw coverageWrite) (int64, error) {
	type row = []any
	var rows []row
	for _, s := range cw.e.Summaries {
		for k, w := range s.Within {
			rows = append(rows, row{cw.r, cw.run, s.Scope, s.Code, nullText(s.Name), s.Kind, s.Key, int(w.Minutes), s.Cells, s.OffNetworkCells,
				s.Population, w.Population, finite(w.PopulationShare), s.AreaM2, w.AreaM2, finite(w.AreaShare),
				finite(s.MeanMin), finite(s.MedianMin), finite(s.P90Min), s.BeyondPopulation[k]})
		}
	}
	n, err := cw.tx.CopyFrom(ctx, pgx.Identifier{"coverage_summary"}, summaryColumns, pgx.CopyFromRows(rows))
	return n, mapError(err, "copy coverage_summary")
}

// runRows are what a run's record says of its rows.
type runRows struct {
	coverage, cellSets, summaries int64  // rows of the view coverage_cells, in coverage_cell_sets, in coverage_summary
	cellsRun                      int64  // the run whose rows in cells hold its cells: itself, or the earlier run whose cells it kept
	digest                        []byte // cellsDigest of its cells
}

// insertRun records the run and its rows.
func insertRun(ctx context.Context, w coverageWrite, rec runRows) (int64, error) {
	e := w.e
	phases, err := json.Marshal(e.Phases)
	if err != nil {
		return 0, mapError(err, "record compute run")
	}
	th := make([]int32, len(e.ThresholdsMin))
	for i, t := range e.ThresholdsMin {
		th[i] = int32(t)
	}
	var methods []byte
	if e.PopulationMethods != nil {
		if methods, err = json.Marshal(e.PopulationMethods); err != nil {
			return 0, mapError(err, "record compute run")
		}
	}
	var id int64
	err = w.tx.QueryRow(ctx, `INSERT INTO compute_runs (resolution, speed_kmh, max_minutes, thresholds, cells, phases, started_at,
		coverage_rows, summary_rows, population_methods, region, id, cells_run_id, cells_digest, cell_set_rows)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`, e.Resolution, e.SpeedKmh, e.MaxMinutes, th,
		len(e.Cells), phases, e.Started, rec.coverage, rec.summaries, methods, w.r, w.run, rec.cellsRun, rec.digest, rec.cellSets).Scan(&id)
	return id, mapError(err, "record compute run")
}

// finite returns v, or nil (SQL NULL) for NaN and infinities.
func finite(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

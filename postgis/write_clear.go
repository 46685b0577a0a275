package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// lastRun is what a region's newest compute run recorded of the rows it left.
type lastRun struct {
	found     bool
	id        int64  // the run (coverage_cell_sets' and coverage_summary's run_id)
	cellsRun  int64  // the run whose rows in cells it kept (cells.run_id)
	cells     int64  // its cells (rows in cells)
	cellSets  int64  // its rows in coverage_cell_sets (-1: not recorded)
	summaries int64  // its rows in coverage_summary (-1: not recorded)
	digest    []byte // cellsDigest of its cells (nil: not recorded)
}

// readLastRun returns region r's newest compute run's record (found false: none).
func readLastRun(ctx context.Context, tx pgx.Tx, r string) (lastRun, error) {
	l := lastRun{found: true}
	err := tx.QueryRow(ctx, `SELECT id, coalesce(cells_run_id, id), cells, coalesce(cell_set_rows, -1), coalesce(summary_rows, -1), cells_digest
		FROM compute_runs WHERE region = $1 ORDER BY id DESC LIMIT 1`, r).Scan(&l.id, &l.cellsRun, &l.cells, &l.cellSets, &l.summaries, &l.digest)
	if errors.Is(err, pgx.ErrNoRows) {
		return lastRun{}, nil
	}
	return l, mapError(err, "read the last compute run")
}

// cellsKept reports whether the cells of l are in the table still, digest is theirs and
// the new run's cells are the same: then they stay (same ids, H3 cells, codes, population,
// snap, centres and hexagons). A run's cells are written by one COPY and deleted together
// (a write, an import, a region's deletion), so its first and last cell being there, and
// no cell after the last, say that every one is.
func cellsKept(ctx context.Context, tx pgx.Tx, r string, l lastRun, digest []byte, cells int) (bool, error) {
	if !l.found || l.digest == nil || string(l.digest) != string(digest) || int64(cells) != l.cells || cells == 0 {
		return false, nil
	}
	var n int
	err := tx.QueryRow(ctx, "SELECT count(*) FROM cells WHERE region = $1 AND run_id = $2 AND id IN (0, $3 - 1, $3)", r, l.cellsRun, cells).Scan(&n)
	return n == min(2, cells), mapError(err, "look for the last run's cells")
}

// clearRunRows deletes region r's rows of the tables the compact writer writes, but its
// cells when keepCells. Every write leaves in each table the rows of one run only (its
// own, or for cells those it kept): the rows of l are deleted by their run id, which
// reads only theirs in the table's key, not every row the earlier runs left dead
// (autovacuum may be off or behind); where the count differs from what l recorded
// (an import cleared them, the baseline writer wrote none), every row of the region is
// deleted as before.
func clearRunRows(ctx context.Context, tx pgx.Tx, r string, l lastRun, keepCells bool) error {
	if err := deleteRun(ctx, tx, "coverage_summary", r, l.id, l.summaries, l.found); err != nil {
		return err
	}
	if err := deleteRun(ctx, tx, "coverage_cell_sets", r, l.id, l.cellSets, l.found); err != nil {
		return err
	}
	if !keepCells {
		if err := deleteRun(ctx, tx, "cells", r, l.cellsRun, l.cells, l.found); err != nil {
			return err
		}
	}
	for _, t := range []string{"coverage_sets", "coverage_cell_rows"} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE region = $1", r); err != nil {
			return mapError(err, "clear "+t)
		}
	}
	return nil
}

// deleteRun deletes table's rows of region r and run, and every other row of the region
// unless they were the want rows recorded (known).
func deleteRun(ctx context.Context, tx pgx.Tx, table, r string, run, want int64, known bool) error {
	t := pgx.Identifier{table}.Sanitize()
	if known {
		tag, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE region = $1 AND run_id = $2", r, run)
		if err != nil {
			return mapError(err, "clear "+table)
		}
		if tag.RowsAffected() == want {
			return nil
		}
	}
	_, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE region = $1", r)
	return mapError(err, "clear "+table)
}

// ForgetCells makes the next WriteCoverage of db.Region() write its cells again even
// when they are the same as the last run's (its cells digest is forgotten), as after a
// change of boundaries or population: the benchmark times that write too. The rows and
// answers stay as they are.
func (db *DB) ForgetCells(ctx context.Context) error {
	_, err := db.pool.Exec(ctx, "UPDATE compute_runs SET cells_digest = NULL WHERE region = $1 AND id = (SELECT max(id) FROM compute_runs WHERE region = $1)", db.rg())
	return mapError(err, "forget the last run's cells")
}

// VacuumCoverage runs VACUUM (ANALYZE) on the tables a compute writes (every region's
// rows), what autovacuum would do on a server that has it on: the benchmark calls it
// between its computes, untimed, on a server without (status says so), so that each run
// meets the tables as a server with autovacuum keeps them rather than with every earlier
// run's rows dead. Not inside a transaction.
func (db *DB) VacuumCoverage(ctx context.Context) error {
	for _, t := range append([]string{"compute_runs", "findings"}, coverageTables...) {
		if _, err := db.pool.Exec(ctx, "VACUUM (ANALYZE) "+pgx.Identifier{t}.Sanitize()); err != nil {
			return mapError(err, "vacuum "+t)
		}
	}
	return nil
}

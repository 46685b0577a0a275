package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

// preparedRows are a run's rows for their COPY, encoded on other goroutines while the
// transaction's statements run; each function waits for its rows.
type preparedRows struct {
	digest    func() []byte // cellsDigest
	sets      func() *encodedRows
	summaries func() summaryRows
}

// summaryRows are encodeSummaries' rows and how many.
type summaryRows struct {
	rows *encodedRows
	n    int64
}

// prepareRows starts encoding e's rows: the digest of its cells, and when compact its
// per-cell minutes and summaries (the cells themselves only when they are to be written).
func prepareRows(e *coverage.Run, compact bool) preparedRows {
	p := preparedRows{digest: async(func() []byte { return cellsDigest(e) })}
	if compact {
		p.sets = async(func() *encodedRows { return encodeCellSets(e) })
		p.summaries = async(func() summaryRows {
			r, n := encodeSummaries(e)
			return summaryRows{r, n}
		})
	}
	return p
}

// async runs f on another goroutine; the function returned waits for its value (called
// from one goroutine).
func async[T any](f func() T) func() T {
	done := make(chan T, 1)
	go func() { done <- f() }()
	var v T
	waited := false
	return func() T {
		if !waited {
			v, waited = <-done, true
		}
		return v
	}
}

// writeCompact writes run w.e after the region's last run l: its cells unless the same
// cells are stored (cellsKept: they stay, under their run id), one coverage_cell_sets row
// per cell with every set's minutes and nearest facility in arrays, its summaries.
// It returns what the run's record says of them.
func writeCompact(ctx context.Context, w coverageWrite, l lastRun, p preparedRows) (runRows, error) {
	digest := p.digest()
	var cells func() *encodedRows
	if string(digest) != string(l.digest) { // to be written: encoded while the old rows go
		cells = async(func() *encodedRows { return encodeCells(w.e) })
	}
	keep, err := cellsKept(ctx, w.tx, w.r, l, digest, len(w.e.Cells))
	if err != nil {
		return runRows{}, err
	}
	if err := clearRunRows(ctx, w.tx, w.r, l, keep); err != nil {
		return runRows{}, err
	}
	cellsRun := l.cellsRun
	if !keep {
		if cells == nil {
			cells = async(func() *encodedRows { return encodeCells(w.e) })
		}
		cellsRun = w.run
		if err := copyRows(ctx, w, copyCellsSQL, cells(), "cells"); err != nil {
			return runRows{}, err
		}
	}
	if err := copySets(ctx, w); err != nil {
		return runRows{}, err
	}
	if err := copyRows(ctx, w, copySetsSQL, p.sets(), "coverage_cell_sets"); err != nil {
		return runRows{}, err
	}
	s := p.summaries()
	if err := copyRows(ctx, w, copySummariesSQL(), s.rows, "coverage_summary"); err != nil {
		return runRows{}, err
	}
	return runRows{cellsRun: cellsRun, cellSets: int64(len(w.e.Cells)), summaries: s.n}, nil
}

// copySets writes the facility sets in order (coverage_sets.ord: their element in
// coverage_cell_sets' arrays).
func copySets(ctx context.Context, w coverageWrite) error {
	sets := make([][]any, len(w.e.Results))
	for k, r := range w.e.Results {
		sets[k] = []any{w.r, int32(k + 1), r.Kind, r.Key}
	}
	_, err := w.tx.CopyFrom(ctx, pgx.Identifier{"coverage_sets"}, []string{"region", "ord", "kind", "key"}, pgx.CopyFromRows(sets))
	return mapError(err, "copy coverage_sets")
}

// copyRows streams rows, each with the region and the run's id, through sql.
func copyRows(ctx context.Context, w coverageWrite, sql string, rows *encodedRows, table string) error {
	err := copyIn(ctx, w.tx, sql, func(cw *copyWriter) error {
		rows.write(cw, w.r, w.run)
		return nil
	})
	return mapError(err, "copy "+table)
}

package postgis

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
)

// CoverageState returns the last compute run's record (what it wrote) and what the
// coverage tables hold now.
func (db *DB) CoverageState(ctx context.Context) (geo.CoverageState, error) {
	var s geo.CoverageState
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM compute_runs),
		coalesce((SELECT id FROM compute_runs ORDER BY id DESC LIMIT 1), 0),
		(SELECT cells FROM compute_runs ORDER BY id DESC LIMIT 1),
		(SELECT coverage_rows FROM compute_runs ORDER BY id DESC LIMIT 1),
		(SELECT summary_rows FROM compute_runs ORDER BY id DESC LIMIT 1),
		(SELECT count(*) FROM cells),
		(SELECT count(*) FROM coverage_cell_sets) * (SELECT count(*) FROM coverage_sets), -- the rows of the view coverage_cells
		(SELECT count(*) FROM coverage_summary)`).
		Scan(&s.Runs, &s.RunID, &s.RecordedCells, &s.RecordedCoverageRows, &s.RecordedSummaryRows,
			&s.Cells, &s.CoverageRows, &s.SummaryRows)
	return s, mapError(err, "read the coverage state")
}

package postgis

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
)

// CoverageState returns db.Region()'s last compute run's record (what it wrote) and what
// the coverage tables hold of the region now.
func (db *DB) CoverageState(ctx context.Context) (geo.CoverageState, error) {
	var s geo.CoverageState
	err := db.pool.QueryRow(ctx, `WITH last AS (SELECT * FROM compute_runs WHERE region = $1 ORDER BY id DESC LIMIT 1)
		SELECT (SELECT count(*) FROM compute_runs WHERE region = $1),
		coalesce((SELECT id FROM last), 0),
		(SELECT cells FROM last),
		(SELECT coverage_rows FROM last),
		(SELECT summary_rows FROM last),
		(SELECT count(*) FROM cells WHERE region = $1),
		(SELECT count(*) FROM coverage_cell_sets WHERE region = $1) * (SELECT count(*) FROM coverage_sets WHERE region = $1), -- the rows of the view coverage_cells
		(SELECT count(*) FROM coverage_summary WHERE region = $1)`, db.rg()).
		Scan(&s.Runs, &s.RunID, &s.RecordedCells, &s.RecordedCoverageRows, &s.RecordedSummaryRows,
			&s.Cells, &s.CoverageRows, &s.SummaryRows)
	return s, mapError(err, "read the coverage state")
}

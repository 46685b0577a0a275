package district

import (
	"context"
	"fmt"

	"github.com/lifecircle/lifecircle/geo"
)

// CoverageStateStore says what the last compute run recorded and what the coverage tables
// hold. *postgis.DB is one.
type CoverageStateStore interface {
	CoverageState(ctx context.Context) (geo.CoverageState, error)
}

// RecomputeNeeded is the start of CheckCoverage's message when the stored coverage does
// not match its run.
const RecomputeNeeded = "recompute needed"

// CheckCoverage compares the last compute run's record with the coverage tables: a run
// whose coverage_cells or coverage_summary rows are gone or fewer than it wrote (the
// tables are unlogged, and a database crash empties them) gives a message that starts
// with RecomputeNeeded and says what is missing; "" when the coverage matches its run or
// no run was made.
func CheckCoverage(ctx context.Context, st CoverageStateStore) (string, error) {
	s, err := st.CoverageState(ctx)
	if err != nil {
		return "", err
	}
	return coverageProblem(s), nil
}

func coverageProblem(s geo.CoverageState) string {
	if s.Runs == 0 {
		return ""
	}
	type table struct {
		name     string
		recorded *int64
		now      int64
	}
	for _, t := range []table{{"cells", s.RecordedCells, s.Cells}, {"coverage_cells", s.RecordedCoverageRows, s.CoverageRows},
		{"coverage_summary", s.RecordedSummaryRows, s.SummaryRows}} {
		switch {
		case t.recorded != nil && *t.recorded != t.now:
			return fmt.Sprintf("%s: compute run %d wrote %d rows into %s, it holds %d (the coverage tables are unlogged and a database crash empties them); run lifecircle compute",
				RecomputeNeeded, s.RunID, *t.recorded, t.name, t.now)
		case t.recorded == nil && t.now == 0:
			return fmt.Sprintf("%s: compute run %d is recorded but %s is empty (the coverage tables are unlogged and a database crash empties them); run lifecircle compute",
				RecomputeNeeded, s.RunID, t.name)
		}
	}
	return ""
}

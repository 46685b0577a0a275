package district_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
)

type stateStore geo.CoverageState

func (s stateStore) CoverageState(context.Context) (geo.CoverageState, error) {
	return geo.CoverageState(s), nil
}

func TestCheckCoverage(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		name  string
		state geo.CoverageState
		want  string // "" = fine
	}{
		{"no run", geo.CoverageState{}, ""},
		{"matching", geo.CoverageState{Runs: 1, RunID: 1, RecordedCells: n(10), RecordedCoverageRows: n(40), RecordedSummaryRows: n(8), Cells: 10, CoverageRows: 40, SummaryRows: 8}, ""},
		{"crash emptied coverage", geo.CoverageState{Runs: 2, RunID: 2, RecordedCells: n(10), RecordedCoverageRows: n(40), RecordedSummaryRows: n(8), Cells: 10}, "compute run 2 wrote 40 rows into coverage_cells, it holds 0"},
		{"summary only gone", geo.CoverageState{Runs: 1, RunID: 1, RecordedCells: n(10), RecordedCoverageRows: n(40), RecordedSummaryRows: n(8), Cells: 10, CoverageRows: 40}, "coverage_summary, it holds 0"},
		{"old run, empty", geo.CoverageState{Runs: 1, RunID: 1, RecordedCells: n(10), Cells: 10}, "coverage_cells is empty"},
		{"old run, full", geo.CoverageState{Runs: 1, RunID: 1, RecordedCells: n(10), Cells: 10, CoverageRows: 40, SummaryRows: 8}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := district.CheckCoverage(context.Background(), stateStore(tc.state))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if got != "" {
					t.Errorf("got %q, want no problem", got)
				}
				return
			}
			if !strings.HasPrefix(got, district.RecomputeNeeded) || !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want %q after %q", got, tc.want, district.RecomputeNeeded)
			}
		})
	}
}

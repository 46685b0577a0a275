package geo

// CoverageState is the last compute run's record of what it stored beside what the
// coverage tables hold now. The Recorded… fields are nil when no run (or a run recorded
// before the counts were kept) says.
type CoverageState struct {
	Runs                 int64 // compute runs recorded
	RunID                int64 // the last one; 0 when none
	RecordedCells        *int64
	RecordedCoverageRows *int64
	RecordedSummaryRows  *int64
	Cells                int64 // rows in cells now
	CoverageRows         int64 // rows in coverage_cells now
	SummaryRows          int64 // rows in coverage_summary now
}
